-- Sign-in throttling by account AND client address (ADR 0026) replaces the per-account lock-out: a row per
-- (account, address) counts that address's consecutive failures; the row with address '*' counts the
-- account's failures from everywhere. `account` is 'official:<uuid>' or 'dev-idp:<hash of the number>'.
CREATE TABLE IF NOT EXISTS identity.sign_in_throttle (
  account text NOT NULL CHECK (length(account) BETWEEN 1 AND 100),
  address text NOT NULL CHECK (length(address) BETWEEN 1 AND 100),
  failed_count integer NOT NULL DEFAULT 0,
  last_failed_at timestamptz,
  blocked_until timestamptz,
  last_success_at timestamptz,
  PRIMARY KEY (account, address)
);
CREATE INDEX IF NOT EXISTS sign_in_throttle_blocked ON identity.sign_in_throttle (blocked_until) WHERE blocked_until IS NOT NULL;

ALTER TABLE identity.official DROP COLUMN IF EXISTS failed_count;
ALTER TABLE identity.official DROP COLUMN IF EXISTS last_failed_at;
ALTER TABLE identity.official DROP COLUMN IF EXISTS locked_until;
