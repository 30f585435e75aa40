-- The dossier's field as the policy compares it (fieldKey in src/platform/access.ts: NFC, trimmed, lower
-- case in Vietnamese), written by the application with every row; the inbox's policy filter compares it
-- with the keys of the caller's grants. Existing rows get the same key computed in SQL.
ALTER TABLE dossiers.dossier ADD COLUMN IF NOT EXISTS field_key text;
UPDATE dossiers.dossier SET field_key = lower(normalize(btrim(field), NFC)) WHERE field_key IS NULL;
ALTER TABLE dossiers.dossier ALTER COLUMN field_key SET NOT NULL;
