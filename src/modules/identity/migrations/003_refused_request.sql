-- Refused attempts (403): who was refused, when, on which route and target. Read by the security officer
-- (GET /api/v1/identity/refused-requests). Identification numbers are stored masked.
CREATE TABLE IF NOT EXISTS identity.refused_request (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_kind text,
  actor_id text,
  actor_subject text,
  via text,
  method text NOT NULL,
  route text NOT NULL,
  path text NOT NULL,
  code text,
  ip text,
  request_id text
);
CREATE INDEX IF NOT EXISTS refused_request_actor ON identity.refused_request (actor_id, id DESC);
