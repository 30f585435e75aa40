-- The assistant module's own tables (schema assistant). Runs on PostgreSQL 15 and PGlite.
CREATE SCHEMA IF NOT EXISTS assistant;

-- Questions and answers officials write, approve and retire (every change audited).
CREATE TABLE IF NOT EXISTS assistant.faq (
  id bigserial PRIMARY KEY,
  question text NOT NULL CHECK (length(question) BETWEEN 3 AND 500),
  answer text NOT NULL CHECK (length(answer) BETWEEN 3 AND 4000),
  procedure_code text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'retired')),
  created_by text,
  updated_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS faq_status ON assistant.faq (status);

-- Words officials add to the shipped vocabulary: a rewrite (phrase → catalogue words), a filler, or a
-- life-event trigger (phrase → event id).
CREATE TABLE IF NOT EXISTS assistant.vocabulary_entry (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('rewrite', 'filler', 'event')),
  phrase text NOT NULL CHECK (length(phrase) BETWEEN 1 AND 200),
  target text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Questions answered with low confidence or not at all, for officials to grow the FAQ and vocabulary.
-- Long digit runs (phone, identity numbers) are masked before they are stored.
CREATE TABLE IF NOT EXISTS assistant.question_log (
  id bigserial PRIMARY KEY,
  asked_at timestamptz NOT NULL DEFAULT now(),
  channel text NOT NULL,
  question text NOT NULL,
  folded text NOT NULL,
  intent text NOT NULL,
  confidence real NOT NULL,
  top_code text,
  answered boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS question_log_folded ON assistant.question_log (folded);
CREATE INDEX IF NOT EXISTS question_log_asked_at ON assistant.question_log (asked_at);

-- The province's contact facts the assistant may quote (hotline, hours, service centers).
CREATE TABLE IF NOT EXISTS assistant.contact (
  key text PRIMARY KEY CHECK (key IN ('hotline', 'hours', 'center')),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
