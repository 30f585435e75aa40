-- The event a message was made for (its subscriber's idempotency key): a redelivered event does not send
-- the same message twice.
ALTER TABLE notifications.message ADD COLUMN IF NOT EXISTS source_key text;
CREATE UNIQUE INDEX IF NOT EXISTS message_source_key ON notifications.message (source_key) WHERE source_key IS NOT NULL;
