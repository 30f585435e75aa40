-- The one-stop dossier engine. One row per dossier (queried columns + the whole aggregate in `data`),
-- one row per transition (the timeline and the process control sheet), the daily running numbers of the
-- dossier code, versioned process definitions, idempotency keys, attachments and bank notifications.
CREATE SCHEMA IF NOT EXISTS dossiers;

-- Electronic identifiers of receiving agencies (Quyết định 20/2020/QĐ-TTg), used in dossier codes.
CREATE TABLE IF NOT EXISTS dossiers.agency_identifier (
  unit_code text PRIMARY KEY,
  province_code text NOT NULL,
  identifier text NOT NULL UNIQUE CHECK (length(identifier) <= 35 AND identifier ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,10})*$'),
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The running number of the day per receiving agency: INSERT … ON CONFLICT … DO UPDATE … RETURNING.
CREATE TABLE IF NOT EXISTS dossiers.daily_counter (
  identifier text NOT NULL,
  day date NOT NULL,
  last_number int NOT NULL,
  PRIMARY KEY (identifier, day)
);

CREATE TABLE IF NOT EXISTS dossiers.process_definition (
  procedure_code text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  source text NOT NULL CHECK (source IN ('default', 'custom')),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (procedure_code, version)
);

CREATE TABLE IF NOT EXISTS dossiers.dossier (
  code text PRIMARY KEY,
  version int NOT NULL,
  status text NOT NULL,
  procedure_code text NOT NULL,
  process_version int NOT NULL,
  field text NOT NULL,
  level text NOT NULL,
  province_code text NOT NULL,
  channel text NOT NULL,
  receiving_unit text NOT NULL,
  deciding_unit text NOT NULL,
  returning_unit text NOT NULL,
  current_unit text NOT NULL,
  units text[] NOT NULL,
  applicant_subject text,
  tracking_secret text NOT NULL,
  due_at timestamptz,
  clock_running boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  received_at timestamptz,
  finished_at timestamptz,
  returned_at timestamptz,
  updated_at timestamptz NOT NULL,
  fee_amount bigint NOT NULL DEFAULT 0,
  fee_paid_at timestamptz,
  data jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS dossier_units ON dossiers.dossier USING gin (units);
CREATE INDEX IF NOT EXISTS dossier_current ON dossiers.dossier (current_unit, status);
CREATE INDEX IF NOT EXISTS dossier_applicant ON dossiers.dossier (applicant_subject) WHERE applicant_subject IS NOT NULL;
CREATE INDEX IF NOT EXISTS dossier_due ON dossiers.dossier (due_at) WHERE clock_running;
CREATE INDEX IF NOT EXISTS dossier_created ON dossiers.dossier (created_at DESC);
-- Dossiers that still owe a fee (the payment webhook looks the code up among them).
CREATE INDEX IF NOT EXISTS dossier_fee_due ON dossiers.dossier (code) WHERE fee_amount > 0 AND fee_paid_at IS NULL;

CREATE TABLE IF NOT EXISTS dossiers.transition (
  id bigserial PRIMARY KEY,
  dossier_code text NOT NULL REFERENCES dossiers.dossier (code),
  version int NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  from_step int,
  to_step int NOT NULL,
  from_unit text,
  to_unit text NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  acting_unit text,
  at timestamptz NOT NULL,
  note text,
  step_result text CHECK (step_result IN ('early', 'on_time', 'late')),
  data jsonb NOT NULL DEFAULT '{}',
  UNIQUE (dossier_code, version)
);

CREATE TABLE IF NOT EXISTS dossiers.idempotency_key (
  principal_id text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  dossier_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal_id, key)
);

CREATE TABLE IF NOT EXISTS dossiers.attachment (
  id uuid PRIMARY KEY,
  dossier_code text NOT NULL REFERENCES dossiers.dossier (code),
  kind text NOT NULL CHECK (kind IN ('document', 'result')),
  name text NOT NULL,
  filename text,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  file_key text NOT NULL,
  digitised boolean NOT NULL DEFAULT false,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS attachment_dossier ON dossiers.attachment (dossier_code);

-- Bank payment notifications (webhook), one row per notification event: a replay is recognised here.
CREATE TABLE IF NOT EXISTS dossiers.payment_notification (
  event_id text PRIMARY KEY,
  transaction_id text NOT NULL,
  dossier_code text,
  amount bigint NOT NULL,
  outcome text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL
);
