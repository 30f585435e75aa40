-- The published "Thành phần hồ sơ" and "Căn cứ pháp lý" texts move out of the jsonb record into plain
-- text columns: they are only returned, never queried, and parsing them as JSON cost a quarter of the
-- import time on PGlite. getProcedure() puts them back into the record.
ALTER TABLE catalog.procedure ADD COLUMN IF NOT EXISTS documents_raw text;
ALTER TABLE catalog.procedure ADD COLUMN IF NOT EXISTS legal_basis_raw text;
