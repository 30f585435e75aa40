-- Procedure forms as data (module `forms`): every version of every form a dossier may have been filled
-- with. Written forms shipped with the platform are stored as 'builtin' versions at start-up; a province
-- administrator may publish 'custom' versions. A version never changes once stored.
CREATE SCHEMA IF NOT EXISTS forms;

CREATE TABLE IF NOT EXISTS forms.form_definition (
  procedure_code text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  source text NOT NULL CHECK (source IN ('builtin', 'custom')),
  definition jsonb NOT NULL,
  digest text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (procedure_code, version)
);
