-- Zalo messages already answered (by Zalo's msg_id), so that a webhook call delivered twice — Zalo's retry or
-- a replayed request within the 15 minutes the signature check allows — is answered once. Ids only; purged
-- after 30 minutes.
CREATE TABLE IF NOT EXISTS assistant.zalo_event (
  msg_id text PRIMARY KEY CHECK (length(msg_id) <= 128),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS zalo_event_received_at ON assistant.zalo_event (received_at);
