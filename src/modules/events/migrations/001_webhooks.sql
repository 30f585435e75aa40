-- Webhook subscriptions (docs/events.md): a client system (or the province) receives the public dossier
-- events it asked for, signed per Standard Webhooks. Each subscription is a durable event subscriber
-- named "webhook:<id>" (its position, retries and dead letters are in platform.event_*).
CREATE SCHEMA IF NOT EXISTS events;

CREATE TABLE IF NOT EXISTS events.webhook_subscription (
  id uuid PRIMARY KEY,
  -- the API client that owns it (integration client id); null: the province's own subscription
  client_id text,
  url text NOT NULL,
  types text[] NOT NULL,
  description text NOT NULL DEFAULT '',
  -- the Standard Webhooks signing secret ("whsec_…"), shown once at creation
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX IF NOT EXISTS webhook_subscription_client ON events.webhook_subscription (client_id) WHERE deleted_at IS NULL;
