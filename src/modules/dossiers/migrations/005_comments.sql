-- Internal comments between officials on a dossier (Issue 15 §4): visible to the officials who may read the
-- dossier, never to the applicant. Append-only: a comment is a record of what was said, not edited.
CREATE TABLE IF NOT EXISTS dossiers.comment (
  id uuid PRIMARY KEY,
  dossier_code text NOT NULL REFERENCES dossiers.dossier (code),
  at timestamptz NOT NULL,
  author_id text NOT NULL,
  author_name text NOT NULL,
  author_unit text,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000)
);
CREATE INDEX IF NOT EXISTS comment_dossier_at ON dossiers.comment (dossier_code, at, id);
