-- The tamper-evident audit trail. Writers only INSERT (no lock, no shared row); a chainer later seals
-- committed rows in batches: it assigns seq (gap-free, in sealing order), prev_hash and hash. A trigger
-- refuses every UPDATE except that one-time sealing of a record's chain columns, and every DELETE and
-- TRUNCATE. A superuser can still drop the trigger: the hash chain is what makes such edits detectable.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE IF NOT EXISTS audit.record (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_kind text,
  actor_id text,
  actor_subject text,
  acting_unit text,
  action text NOT NULL CHECK (length(action) BETWEEN 1 AND 200),
  target text,
  ip text,
  request_id text,
  before_digest text CHECK (before_digest ~ '^[0-9a-f]{64}$'),
  after_digest text CHECK (after_digest ~ '^[0-9a-f]{64}$'),
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  seq bigint UNIQUE,
  prev_hash text,
  hash text,
  sealed_at timestamptz,
  CHECK ((seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL))
);

-- the chainer's work queue: only unsealed rows are in this index
CREATE INDEX IF NOT EXISTS record_unsealed ON audit.record (id) WHERE seq IS NULL;
CREATE INDEX IF NOT EXISTS record_occurred_at ON audit.record (occurred_at);
CREATE INDEX IF NOT EXISTS record_actor ON audit.record (actor_id, id);
CREATE INDEX IF NOT EXISTS record_unit ON audit.record (acting_unit, id);
CREATE INDEX IF NOT EXISTS record_action ON audit.record (action text_pattern_ops, id);
CREATE INDEX IF NOT EXISTS record_request ON audit.record (request_id) WHERE request_id IS NOT NULL;

CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit.record is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.seq IS NOT NULL THEN
    RAISE EXCEPTION 'audit.record % is sealed and cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq IS NULL OR NEW.hash IS NULL OR NEW.prev_hash IS NULL
     OR (NEW.id, NEW.occurred_at, NEW.actor_kind, NEW.actor_id, NEW.actor_subject, NEW.acting_unit, NEW.action,
         NEW.target, NEW.ip, NEW.request_id, NEW.before_digest, NEW.after_digest, NEW.meta)
        IS DISTINCT FROM
        (OLD.id, OLD.occurred_at, OLD.actor_kind, OLD.actor_id, OLD.actor_subject, OLD.acting_unit, OLD.action,
         OLD.target, OLD.ip, OLD.request_id, OLD.before_digest, OLD.after_digest, OLD.meta) THEN
    RAISE EXCEPTION 'audit.record % can only be sealed, not edited', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS record_append_only ON audit.record;
CREATE TRIGGER record_append_only BEFORE UPDATE OR DELETE ON audit.record
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
DROP TRIGGER IF EXISTS record_no_truncate ON audit.record;
CREATE TRIGGER record_no_truncate BEFORE TRUNCATE ON audit.record
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
