-- Issue 15 §2 (ADR 0061): a submission that is all or nothing, and never loses an answer.
--
-- Staged uploads: a file is uploaded and checked BEFORE the dossier exists, owned by the principal who
-- uploaded it (`owner` = "<kind>:<account>"), and expires unused. Submitting a dossier takes its staged
-- uploads (dossier_code set) and writes their attachment rows in the submission's one transaction.
CREATE TABLE IF NOT EXISTS dossiers.staged_upload (
  id uuid PRIMARY KEY,
  owner text NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  file_key text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  dossier_code text REFERENCES dossiers.dossier (code)
);
CREATE INDEX IF NOT EXISTS staged_upload_owner ON dossiers.staged_upload (owner, expires_at);
CREATE INDEX IF NOT EXISTS staged_upload_expiry ON dossiers.staged_upload (expires_at) WHERE dossier_code IS NULL;

-- Drafts: what a signed-in applicant has typed into a procedure's form so far, one per (owner, procedure),
-- resumed on any device, deleted by the submission that uses it and purged when expired.
CREATE TABLE IF NOT EXISTS dossiers.form_draft (
  owner text NOT NULL,
  procedure_code text NOT NULL,
  state jsonb NOT NULL,
  uploads jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (owner, procedure_code)
);
CREATE INDEX IF NOT EXISTS form_draft_expiry ON dossiers.form_draft (expires_at);
