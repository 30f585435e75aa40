-- Who read a dossier or its papers (Issue 8 §3): every read by an official, an API client or the system is
-- recorded here (who, when, what); the applicant sees the list for their own dossier ("Ai đã xem hồ sơ của tôi").
CREATE TABLE IF NOT EXISTS dossiers.read_log (
  id bigserial PRIMARY KEY,
  dossier_code text NOT NULL REFERENCES dossiers.dossier (code),
  at timestamptz NOT NULL,
  reader_kind text NOT NULL,
  reader_id text NOT NULL,
  reader_name text NOT NULL,
  reader_unit text,
  what text NOT NULL,
  request_id text
);
CREATE INDEX IF NOT EXISTS read_log_dossier_at ON dossiers.read_log (dossier_code, at DESC, id DESC);
