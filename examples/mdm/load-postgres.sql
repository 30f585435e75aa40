-- The population database of old province 26 (Vĩnh Phúc) as a legacy PostgreSQL table (another schema).
-- createdb -h 127.0.0.1 -U postgres legacy && psql -h 127.0.0.1 -U postgres legacy -f examples/mdm/load-postgres.sql   (from the repository root)
DROP TABLE IF EXISTS dan_cu_26;
CREATE TABLE dan_cu_26 ("MaCongDan" text PRIMARY KEY, "HoVaTen" text, "NgaySinh" text, "GioiTinh" text, "SoGiayTo" text, "SDT" text, "DiaChi" text, "HonNhan" text);
\copy dan_cu_26 FROM 'examples/mdm/ho-tich-26.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
