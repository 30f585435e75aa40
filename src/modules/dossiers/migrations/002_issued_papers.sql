-- Issued papers are records (Thông tư 03/2025): each version of a form is kept as the dossier stood when
-- the action issued it (`snapshot`), and once rendered the bytes stay in the file store (`file_key`) with
-- their SHA-256, which the audit trail records. Downloads serve that copy; a new issue is a new version.
CREATE TABLE IF NOT EXISTS dossiers.paper (
  dossier_code text NOT NULL REFERENCES dossiers.dossier (code),
  form text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  dossier_version int NOT NULL,
  issued_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL,
  file_key text,
  sha256 text,
  size bigint,
  rendered_at timestamptz,
  PRIMARY KEY (dossier_code, form, version)
);
