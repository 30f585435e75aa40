-- The analytics projection: one row per dossier, the latest version of the facts its events carry
-- (src/modules/dossiers/domain/index-facts.ts). Kept by the subscriber "analytics.projection"; rebuilt from the
-- event log by `lienthong analytics rebuild`. Identifiers, statuses, flags and moments only: no personal data.
CREATE SCHEMA IF NOT EXISTS analytics;

CREATE TABLE IF NOT EXISTS analytics.dossier_fact (
  code text PRIMARY KEY,
  version integer NOT NULL,
  province_code text NOT NULL,
  procedure_code text NOT NULL,
  field text NOT NULL,
  field_key text NOT NULL,
  level text NOT NULL,
  receiving_unit text NOT NULL,
  deciding_unit text NOT NULL,
  online boolean NOT NULL,
  status text NOT NULL,
  terminal boolean NOT NULL,
  waiting_applicant boolean NOT NULL,
  received_at timestamptz,
  due_at timestamptz,
  finished_at timestamptz,
  returned_at timestamptz,
  ended_at timestamptz,
  late_since timestamptz,
  supplement_requests smallint NOT NULL,
  result_electronic boolean NOT NULL,
  fee_due boolean NOT NULL,
  fee_paid_online boolean NOT NULL,
  digitised boolean NOT NULL,
  verified boolean NOT NULL,
  synced boolean NOT NULL,
  rating smallint,
  assignee text,
  updated_at timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS dossier_fact_deciding ON analytics.dossier_fact (deciding_unit, received_at);
CREATE INDEX IF NOT EXISTS dossier_fact_receiving ON analytics.dossier_fact (receiving_unit, received_at);
CREATE INDEX IF NOT EXISTS dossier_fact_province ON analytics.dossier_fact (province_code, received_at);
CREATE INDEX IF NOT EXISTS dossier_fact_open ON analytics.dossier_fact (province_code, deciding_unit) WHERE NOT terminal AND received_at IS NOT NULL;

-- How far the projection has read, and when it was last rebuilt.
CREATE TABLE IF NOT EXISTS analytics.projection_state (
  name text PRIMARY KEY,
  events bigint NOT NULL DEFAULT 0,
  last_event_at timestamptz,
  rebuilt_at timestamptz
);

-- The province's index settings (ADR 0080); absent: the defaults.
CREATE TABLE IF NOT EXISTS analytics.index_setting (
  province_code text PRIMARY KEY,
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
