-- Module integration (issue 10 §3–5): API clients of other systems, the keys that sign their access
-- tokens, their usage, the exchange message log, the link between a dossier and the national portal
-- (DVCQG) with its sync state, checks against the national population database, and the catalogue of
-- shared datasets with each client's grants and every release of data.
CREATE SCHEMA IF NOT EXISTS integration;

-- A client system registered by a province administrator. Only the SHA-256 of its secret is kept.
CREATE TABLE IF NOT EXISTS integration.client (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{2,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  agency_name text NOT NULL CHECK (length(agency_name) BETWEEN 1 AND 300),
  scopes text[] NOT NULL DEFAULT '{}',
  secret_hash text NOT NULL,
  secret_hint text NOT NULL,
  rate_per_minute integer NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 100000),
  daily_quota integer NOT NULL CHECK (daily_quota BETWEEN 1 AND 100000000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  revoked_at timestamptz
);

-- Keys signing the clients' access tokens (ES256). The newest unretired key signs; a retired key stays
-- published at the JWKS URL until the tokens it signed have expired (published_until).
CREATE TABLE IF NOT EXISTS integration.signing_key (
  kid text PRIMARY KEY,
  alg text NOT NULL,
  private_jwk jsonb NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  published_until timestamptz
);

-- Requests per client per day (Asia/Ho_Chi_Minh): accepted and refused (over quota or rate).
CREATE TABLE IF NOT EXISTS integration.usage_day (
  client_id text NOT NULL REFERENCES integration.client (id),
  day date NOT NULL,
  requests integer NOT NULL DEFAULT 0,
  refused integer NOT NULL DEFAULT 0,
  tokens integer NOT NULL DEFAULT 0,
  last_at timestamptz,
  PRIMARY KEY (client_id, day)
);

-- Every exchange with another system: digests only (no personal data), chained and signed at insert
-- (one writer at a time: an advisory lock in the inserting transaction).
CREATE TABLE IF NOT EXISTS integration.exchange_log (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  occurred_at text NOT NULL,
  system text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  client_id text,
  operation text NOT NULL,
  request_digest text,
  response_digest text,
  status integer,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL
);

-- Dossiers that came from the national public service portal, and where their status sync stands.
CREATE TABLE IF NOT EXISTS integration.national_dossier (
  dossier_code text PRIMARY KEY,
  national_id text NOT NULL UNIQUE,
  received_at timestamptz NOT NULL DEFAULT now(),
  sync_state text NOT NULL DEFAULT 'synced' CHECK (sync_state IN ('pending', 'synced', 'failing')),
  synced_version integer NOT NULL DEFAULT 0,
  synced_status integer,
  synced_at timestamptz,
  pending_version integer,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);

-- Each status event sent to DVCQG and accepted (idempotency on the event id).
CREATE TABLE IF NOT EXISTS integration.status_sync (
  event_id text PRIMARY KEY,
  dossier_code text NOT NULL,
  version integer NOT NULL,
  national_status integer NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS status_sync_dossier ON integration.status_sync (dossier_code, version);

-- Checks of an applicant against the national population database: result, time, source (no personal data).
CREATE TABLE IF NOT EXISTS integration.population_check (
  id bigserial PRIMARY KEY,
  dossier_code text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('submission', 'counter')),
  result text NOT NULL CHECK (result IN ('match', 'mismatch', 'not_found', 'unavailable')),
  mismatched text[] NOT NULL DEFAULT '{}',
  source text NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now(),
  checked_by text
);
CREATE INDEX IF NOT EXISTS population_check_dossier ON integration.population_check (dossier_code, id);

-- The catalogue of datasets the province shares (Luật Dữ liệu 2024, Nghị định 278/2025).
CREATE TABLE IF NOT EXISTS integration.dataset (
  code text PRIMARY KEY,
  name text NOT NULL,
  owner_unit text NOT NULL,
  classification text NOT NULL CHECK (classification IN ('public', 'internal', 'personal', 'sensitive_personal')),
  legal_basis text NOT NULL,
  fields jsonb NOT NULL
);

-- Which client may read which fields of a dataset; personal fields need the grant to name its legal basis.
CREATE TABLE IF NOT EXISTS integration.dataset_grant (
  client_id text NOT NULL REFERENCES integration.client (id),
  dataset_code text NOT NULL REFERENCES integration.dataset (code),
  fields text[] NOT NULL,
  legal_basis text,
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by text,
  PRIMARY KEY (client_id, dataset_code)
);

-- Every release of data to a client (what dataset, which record, which fields).
CREATE TABLE IF NOT EXISTS integration.release (
  id bigserial PRIMARY KEY,
  client_id text NOT NULL,
  dataset_code text NOT NULL,
  record_key text NOT NULL,
  fields text[] NOT NULL,
  legal_basis text,
  released_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS release_record ON integration.release (dataset_code, record_key);
