-- People who act on the platform, how they sign in, and what they may do.
CREATE SCHEMA IF NOT EXISTS identity;

-- Officials (cán bộ, công chức): each belongs to one unit (a commune, or a province department or center).
CREATE TABLE IF NOT EXISTS identity.official (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  unit_code text NOT NULL,
  position text,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  failed_count integer NOT NULL DEFAULT 0,
  last_failed_at timestamptz,
  locked_until timestamptz,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS official_unit ON identity.official (unit_code);

-- Roles assigned to an official, each for one unit and some fields (NULL fields = every field).
CREATE TABLE IF NOT EXISTS identity.role_grant (
  id uuid PRIMARY KEY,
  official_id uuid NOT NULL REFERENCES identity.official (id),
  role text NOT NULL CHECK (role IN ('receiving_officer', 'specialist', 'leader', 'clerk', 'province_admin', 'data_steward', 'security_officer')),
  unit_code text NOT NULL,
  fields text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS role_grant_official ON identity.role_grant (official_id) WHERE revoked_at IS NULL;

-- A leader hands one field of their unit to an officer (a backlog team): stored, revocable, audited.
CREATE TABLE IF NOT EXISTS identity.delegation (
  id uuid PRIMARY KEY,
  delegator_id uuid NOT NULL REFERENCES identity.official (id),
  delegate_id uuid NOT NULL REFERENCES identity.official (id),
  role text NOT NULL CHECK (role IN ('receiving_officer', 'specialist')),
  unit_code text NOT NULL,
  field text NOT NULL CHECK (length(field) BETWEEN 1 AND 200),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES identity.official (id)
);
CREATE INDEX IF NOT EXISTS delegation_delegate ON identity.delegation (delegate_id) WHERE revoked_at IS NULL;
CREATE INDEX IF NOT EXISTS delegation_unit ON identity.delegation (unit_code, created_at DESC);

-- Citizens known from an OpenID Connect provider (VNeID, a province's SSO, or the dev provider).
CREATE TABLE IF NOT EXISTS identity.citizen (
  id uuid PRIMARY KEY,
  personal_id text NOT NULL UNIQUE CHECK (personal_id ~ '^\d{12}$'),
  display_name text NOT NULL,
  issuer text NOT NULL,
  subject text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  UNIQUE (issuer, subject)
);

-- Browser sessions. Only the SHA-256 of the cookie value is stored.
CREATE TABLE IF NOT EXISTS identity.session (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  official_id uuid REFERENCES identity.official (id),
  citizen_id uuid REFERENCES identity.citizen (id),
  via text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK ((official_id IS NULL) <> (citizen_id IS NULL))
);
CREATE INDEX IF NOT EXISTS session_official ON identity.session (official_id) WHERE revoked_at IS NULL;

-- API tokens an official creates for scripts, limited to some of the official's permissions.
CREATE TABLE IF NOT EXISTS identity.api_token (
  id uuid PRIMARY KEY,
  official_id uuid NOT NULL REFERENCES identity.official (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  token_hint text NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS api_token_official ON identity.api_token (official_id, created_at DESC);

-- Every sign-in attempt, successful or not. Never the password; identification numbers masked.
CREATE TABLE IF NOT EXISTS identity.sign_in_attempt (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  method text NOT NULL,
  username text,
  official_id uuid,
  citizen_id uuid,
  success boolean NOT NULL,
  reason text NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX IF NOT EXISTS sign_in_attempt_at ON identity.sign_in_attempt (at DESC);
CREATE INDEX IF NOT EXISTS sign_in_attempt_official ON identity.sign_in_attempt (official_id, at DESC);

-- The built-in development identity provider: its demo citizen accounts and its protocol state.
CREATE TABLE IF NOT EXISTS identity.dev_idp_account (
  personal_id text PRIMARY KEY CHECK (personal_id ~ '^\d{12}$'),
  display_name text NOT NULL,
  birth_date date,
  gender text,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS identity.oidc_payload (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX IF NOT EXISTS oidc_payload_grant ON identity.oidc_payload (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS oidc_payload_uid ON identity.oidc_payload (uid) WHERE uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS oidc_payload_expires ON identity.oidc_payload (expires_at);
