-- Master data: legacy sources, their records kept untouched, standardised values, golden records with
-- lineage, the steward review queue, steward actions (undoable), runs with their quality report.
CREATE SCHEMA IF NOT EXISTS mdm;

CREATE TABLE IF NOT EXISTS mdm.source (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('person', 'business')),
  mapping jsonb NOT NULL,
  trust real NOT NULL CHECK (trust BETWEEN 0 AND 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every record as read from its source (raw, untouched), its hash (incremental runs skip unchanged ones),
-- the canonical fields after standardisation, the issues found, and the golden record it belongs to.
CREATE TABLE IF NOT EXISTS mdm.source_record (
  source_id text NOT NULL REFERENCES mdm.source (id),
  record_id text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('person', 'business')),
  raw jsonb NOT NULL,
  raw_hash text NOT NULL,
  clean jsonb NOT NULL,
  issues jsonb NOT NULL DEFAULT '[]',
  source_updated_at timestamptz,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  golden_id text,
  PRIMARY KEY (source_id, record_id)
);
CREATE INDEX IF NOT EXISTS source_record_golden ON mdm.source_record (golden_id);

CREATE TABLE IF NOT EXISTS mdm.golden (
  id text PRIMARY KEY,
  entity text NOT NULL CHECK (entity IN ('person', 'business')),
  data jsonb NOT NULL,
  lineage jsonb NOT NULL,
  conflicts jsonb NOT NULL DEFAULT '[]',
  members int NOT NULL,
  personal_id text,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  retired boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS golden_personal_id ON mdm.golden (personal_id);

-- Pairs between the auto-merge and review thresholds, for the data stewards.
CREATE TABLE IF NOT EXISTS mdm.review (
  id bigserial PRIMARY KEY,
  a_source text NOT NULL,
  a_record text NOT NULL,
  b_source text NOT NULL,
  b_record text NOT NULL,
  probability double precision NOT NULL,
  weight double precision NOT NULL,
  parts jsonb NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'distinct')),
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (a_source, a_record, b_source, b_record)
);
CREATE INDEX IF NOT EXISTS review_open ON mdm.review (status, probability DESC);

-- Steward decisions that later runs respect: must-link (merged) and cannot-link (distinct, split).
CREATE TABLE IF NOT EXISTS mdm.decision (
  a_source text NOT NULL,
  a_record text NOT NULL,
  b_source text NOT NULL,
  b_record text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('must_link', 'cannot_link')),
  action_id bigint NOT NULL,
  PRIMARY KEY (a_source, a_record, b_source, b_record)
);

-- Steward actions with what they changed, so that each can be undone.
CREATE TABLE IF NOT EXISTS mdm.action (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('merge', 'distinct', 'split', 'undo')),
  payload jsonb NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  undone_by bigint
);

CREATE TABLE IF NOT EXISTS mdm.run (
  id bigserial PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('full', 'incremental')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  stats jsonb NOT NULL DEFAULT '{}',
  quality jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS mdm.model (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  model jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
