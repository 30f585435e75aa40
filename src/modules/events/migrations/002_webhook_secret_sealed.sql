-- Webhook signing secrets are kept encrypted (AES-256-GCM, platform/seal.ts) under WEBHOOKS_ENCRYPTION_KEY
-- or the key generated into DATA_DIR/secrets/webhooks.json, bound to the subscription id: a copy of the
-- database alone cannot sign a delivery (ADR 0145). The key is not in the database, so a row written in
-- clear before this migration keeps its `secret` until the module seals it at start (and is read as it is
-- until then); `secret` is null once sealed.
ALTER TABLE events.webhook_subscription ADD COLUMN IF NOT EXISTS secret_sealed text;
ALTER TABLE events.webhook_subscription ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE events.webhook_subscription DROP CONSTRAINT IF EXISTS webhook_subscription_secret_present;
ALTER TABLE events.webhook_subscription ADD CONSTRAINT webhook_subscription_secret_present CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL);
