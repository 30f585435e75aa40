-- Calls to the hotline, logged in one click by the operator (what it was about, the dossier if any).
CREATE TABLE IF NOT EXISTS assistant.call_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  operator text NOT NULL,
  unit text,
  topic text NOT NULL CHECK (topic IN ('procedure', 'dossier', 'complaint', 'other')),
  dossier_code text,
  procedure_code text,
  note text CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX IF NOT EXISTS call_log_at ON assistant.call_log (at);
