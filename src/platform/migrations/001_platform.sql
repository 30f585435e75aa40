-- Platform tables: the transactional outbox. Every module writes its domain events here in the same
-- transaction as the change; publishers (in-process, webhooks, NATS) read from it.
CREATE TABLE IF NOT EXISTS platform.outbox_event (
  seq bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON platform.outbox_event (seq) WHERE published_at IS NULL;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
