-- Whose messages these are: the personal identification number of the citizen the dossier belongs to
-- (the same subject dossiers.dossier.applicant_subject holds), so that the citizen can read in the portal
-- what was sent to them (GET /api/v1/me/notifications). Null for messages about nobody's dossier.
ALTER TABLE notifications.message ADD COLUMN IF NOT EXISTS owner_subject text;
CREATE INDEX IF NOT EXISTS message_owner ON notifications.message (owner_subject, created_at) WHERE owner_subject IS NOT NULL;
