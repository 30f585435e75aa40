-- Conversations with the assistant (ADR 0112): the procedure a conversation is about and the choices last
-- offered, so that a follow-up ("phí bao nhiêu?") is understood whichever process answers it. No question
-- text, no personal data; rows older than the session lifetime are purged.
CREATE TABLE IF NOT EXISTS assistant.session (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{8,64}$'),
  procedure_code text,
  choices text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS session_updated_at ON assistant.session (updated_at);
