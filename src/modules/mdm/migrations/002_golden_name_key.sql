-- The golden record's name folded (no diacritics, lower case: "nguyen thi hong nhung"), so that a steward
-- finds "Nguyễn Thị Hồng Nhung" by typing "nguyen thi hong". Filled when a golden record is written (the
-- next run or steward action); until then a record is still found by its name as written.
ALTER TABLE mdm.golden ADD COLUMN IF NOT EXISTS name_key text;
