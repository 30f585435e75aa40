-- Durable event subscribers (ADR 0070, docs/events.md). Each subscriber keeps its own position, retries,
-- dead letters and delivery log, so that a failing subscriber delays only itself.

-- The transaction that wrote each event: a subscriber reads only events below the oldest transaction
-- still open, so that an event committed late by a long transaction is never skipped.
ALTER TABLE platform.outbox_event ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS outbox_event_xid ON platform.outbox_event (xid, seq);

-- A subscriber's position: every event with xid < xid_from is delivered (or parked). While a window
-- [xid_from, xid_to) is being read in batches, seq_after is the last seq taken from it.
CREATE TABLE IF NOT EXISTS platform.event_subscriber (
  name text PRIMARY KEY,
  xid_from xid8 NOT NULL,
  xid_to xid8,
  seq_after bigint NOT NULL DEFAULT 0,
  last_delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Events a subscriber could not take yet: the failed one of an aggregate ('retry', then 'dead' after the
-- last attempt) and the later events of the same aggregate held behind it ('waiting'), in order.
CREATE TABLE IF NOT EXISTS platform.event_parked (
  subscriber text NOT NULL,
  seq bigint NOT NULL REFERENCES platform.outbox_event (seq),
  aggregate_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('retry', 'waiting', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscriber, seq)
);
CREATE INDEX IF NOT EXISTS event_parked_aggregate ON platform.event_parked (subscriber, aggregate_key, seq);

-- The delivery log: every attempt, its outcome and how long it took; replays and rewinds too.
CREATE TABLE IF NOT EXISTS platform.event_delivery (
  id bigserial PRIMARY KEY,
  subscriber text NOT NULL,
  seq bigint NOT NULL,
  event_id uuid,
  attempt integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'dead', 'replayed', 'rewound')),
  error text,
  duration_ms integer,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS event_delivery_subscriber ON platform.event_delivery (subscriber, id);
CREATE INDEX IF NOT EXISTS event_delivery_event ON platform.event_delivery (event_id);
