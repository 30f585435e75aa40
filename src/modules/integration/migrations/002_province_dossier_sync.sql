-- Every dossier of the province is synchronised to the national public service portal (DVCQG), not only those
-- taken in from it (Quyết định 766 counts dossiers synced with receipt / dossiers received; ADR 0135): a
-- dossier received at the counter, by post or on the province's own portal has no national id (the portal
-- knows it by its local code). `confirmed`: the portal acknowledged a status of the dossier carrying its
-- receipt, and the dossiers module was told (the dossier's syncedToNational).
ALTER TABLE integration.national_dossier ALTER COLUMN national_id DROP NOT NULL;
ALTER TABLE integration.national_dossier ADD COLUMN IF NOT EXISTS confirmed_at timestamptz;
