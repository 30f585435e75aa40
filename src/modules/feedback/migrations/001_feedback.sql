-- Citizens' feedback (phản ánh, kiến nghị; module feedback, docs/feedback.md): one row per report, its
-- timeline, its photos (in the platform's file store), who read it (officials' reads of personal data), and
-- the province's routing rules (category + commune → responsible unit, answer time), edited as data.
CREATE SCHEMA IF NOT EXISTS feedback;

CREATE SEQUENCE IF NOT EXISTS feedback.report_number;

CREATE TABLE IF NOT EXISTS feedback.report (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  province_code text NOT NULL,
  channel text NOT NULL,
  category text NOT NULL,
  text text NOT NULL,
  text_public boolean NOT NULL DEFAULT false,
  -- the signed-in citizen (personal identification number), or null for an anonymous report
  reporter_subject text,
  reporter_name text,
  contact_email text,
  contact_phone text,
  address text,
  commune_code text,
  street text,
  lat double precision CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng IS NULL OR lng BETWEEN -180 AND 180),
  dossier_code text,
  unit_code text NOT NULL,
  route_reason text NOT NULL,
  status text NOT NULL,
  received_at timestamptz NOT NULL,
  accept_due_at timestamptz NOT NULL,
  answer_due_at timestamptz NOT NULL,
  answer_working_days int NOT NULL,
  answer_draft text,
  answer text,
  answered_at timestamptz,
  refused_at timestamptz,
  rating text,
  rating_comment text,
  rated_at timestamptz,
  transfers int NOT NULL DEFAULT 0,
  reminded_at timestamptz,
  escalated_at timestamptz,
  -- SHA-256 of the key the reporter received (to follow and rate an anonymous report)
  key_hash text NOT NULL,
  entered_by text,
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL,
  version int NOT NULL
);
CREATE INDEX IF NOT EXISTS report_unit ON feedback.report (unit_code, status);
CREATE INDEX IF NOT EXISTS report_public ON feedback.report (answered_at DESC) WHERE status = 'answered';
CREATE INDEX IF NOT EXISTS report_subject ON feedback.report (reporter_subject) WHERE reporter_subject IS NOT NULL;

CREATE TABLE IF NOT EXISTS feedback.report_event (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES feedback.report (id),
  at timestamptz NOT NULL,
  action text NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  actor_unit text,
  from_status text,
  to_status text,
  text text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS report_event_report ON feedback.report_event (report_id, id);

CREATE TABLE IF NOT EXISTS feedback.photo (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES feedback.report (id),
  file_key text NOT NULL,
  filename text,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS photo_report ON feedback.photo (report_id);

CREATE TABLE IF NOT EXISTS feedback.read_log (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES feedback.report (id),
  at timestamptz NOT NULL,
  reader_id text NOT NULL,
  reader_name text NOT NULL,
  reader_unit text,
  what text NOT NULL
);

CREATE TABLE IF NOT EXISTS feedback.routing_rule (
  id uuid PRIMARY KEY,
  province_code text NOT NULL,
  position int NOT NULL,
  category text NOT NULL,
  commune_code text,
  target text NOT NULL,
  answer_working_days int NOT NULL CHECK (answer_working_days BETWEEN 1 AND 60),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS routing_rule_key ON feedback.routing_rule (province_code, category, coalesce(commune_code, '*'));
