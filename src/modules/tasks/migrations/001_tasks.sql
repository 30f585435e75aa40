-- Leaders' tasks (module tasks, docs/tasks.md): one row per task (sub-tasks point at their parent, any
-- depth), its timeline (every action, progress report and extension request), its files (attachments and
-- evidence, stored in the platform's file store), import batches (preview, then confirm), case teams with
-- their members and discussion thread, and the officials' in-app notices.
CREATE SCHEMA IF NOT EXISTS tasks;

CREATE TABLE IF NOT EXISTS tasks.task (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  parent_id uuid REFERENCES tasks.task (id),
  depth int NOT NULL CHECK (depth >= 0),
  -- a task handed to several units at once: the group row, each unit's task is its child
  is_group boolean NOT NULL DEFAULT false,
  province_code text NOT NULL,
  title text NOT NULL,
  content text NOT NULL DEFAULT '',
  legal_source text,
  issuing_unit text NOT NULL,
  assigner_id text NOT NULL,
  assigner_name text NOT NULL,
  lead_unit text NOT NULL,
  lead_official text,
  cooperating jsonb NOT NULL DEFAULT '[]',
  -- every unit the task is handled at (issuing, lead, cooperating): the policy's unit rules apply to each
  units text[] NOT NULL,
  priority text NOT NULL CHECK (priority IN ('normal', 'high', 'urgent')),
  status text NOT NULL,
  due_at timestamptz NOT NULL,
  progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  extension jsonb,
  extensions_granted int NOT NULL DEFAULT 0,
  reminders_sent text[] NOT NULL DEFAULT '{}',
  escalated_at timestamptz,
  reported_done_at timestamptz,
  closed_at timestamptz,
  import_batch uuid,
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version int NOT NULL
);
CREATE INDEX IF NOT EXISTS task_parent ON tasks.task (parent_id);
CREATE INDEX IF NOT EXISTS task_lead ON tasks.task (lead_unit, status);
CREATE INDEX IF NOT EXISTS task_assigner ON tasks.task (assigner_id);
CREATE INDEX IF NOT EXISTS task_units ON tasks.task USING gin (units);
CREATE INDEX IF NOT EXISTS task_open_due ON tasks.task (due_at) WHERE status IN ('assigned', 'accepted', 'in_progress', 'returned', 'overdue');

CREATE SEQUENCE IF NOT EXISTS tasks.task_number;

CREATE TABLE IF NOT EXISTS tasks.task_event (
  id bigserial PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES tasks.task (id),
  at timestamptz NOT NULL,
  action text NOT NULL,
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  actor_unit text,
  from_status text,
  to_status text,
  percent int,
  text text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS task_event_task ON tasks.task_event (task_id, id);

CREATE TABLE IF NOT EXISTS tasks.task_file (
  id uuid PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES tasks.task (id),
  kind text NOT NULL CHECK (kind IN ('attachment', 'evidence')),
  name text NOT NULL,
  filename text,
  file_key text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_by_name text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  -- the progress report that cites it as evidence
  event_id bigint REFERENCES tasks.task_event (id)
);
CREATE INDEX IF NOT EXISTS task_file_task ON tasks.task_file (task_id);

CREATE TABLE IF NOT EXISTS tasks.import_batch (
  id uuid PRIMARY KEY,
  created_by text NOT NULL,
  issuing_unit text NOT NULL,
  filename text,
  tasks jsonb NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz
);

CREATE TABLE IF NOT EXISTS tasks.case_team (
  id uuid PRIMARY KEY,
  case_kind text NOT NULL CHECK (case_kind IN ('task', 'dossier')),
  case_ref text NOT NULL,
  name text NOT NULL,
  formed_by text NOT NULL,
  formed_by_unit text NOT NULL,
  formed_at timestamptz NOT NULL,
  dissolved_at timestamptz,
  dissolved_reason text
);
CREATE INDEX IF NOT EXISTS case_team_case ON tasks.case_team (case_kind, case_ref);

CREATE TABLE IF NOT EXISTS tasks.case_team_member (
  team_id uuid NOT NULL REFERENCES tasks.case_team (id),
  official_id text NOT NULL,
  unit_code text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('leader', 'member')),
  PRIMARY KEY (team_id, official_id)
);
CREATE INDEX IF NOT EXISTS case_team_member_official ON tasks.case_team_member (official_id);

CREATE TABLE IF NOT EXISTS tasks.case_team_message (
  id bigserial PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES tasks.case_team (id),
  at timestamptz NOT NULL,
  author_id text NOT NULL,
  author_name text NOT NULL,
  text text NOT NULL,
  file_key text,
  file_name text,
  content_type text
);
CREATE INDEX IF NOT EXISTS case_team_message_team ON tasks.case_team_message (team_id, id);

-- In-app notices for officials (written by the outbox subscriber: assignment, reminder, escalation, team thread…)
CREATE TABLE IF NOT EXISTS tasks.notice (
  id bigserial PRIMARY KEY,
  event_id text NOT NULL,
  official_id text NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  text text NOT NULL,
  link text,
  read_at timestamptz,
  UNIQUE (event_id, official_id)
);
CREATE INDEX IF NOT EXISTS notice_official ON tasks.notice (official_id, id DESC);
