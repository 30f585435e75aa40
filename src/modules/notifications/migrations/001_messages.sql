-- Notifications outbox: one row per message to send. Rows are written in the caller's transaction
-- (a dossier change and its notification commit together) and delivered later by the sender loop.
-- The recipient and the template data are encrypted (AES-256-GCM); listings show the masked recipient.
CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE IF NOT EXISTS notifications.message (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient_enc text NOT NULL,
  recipient_masked text NOT NULL,
  template text NOT NULL,
  data_enc text NOT NULL,
  dossier_code text,
  unit_code text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE INDEX IF NOT EXISTS message_due ON notifications.message (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX IF NOT EXISTS message_dossier ON notifications.message (dossier_code, created_at);
