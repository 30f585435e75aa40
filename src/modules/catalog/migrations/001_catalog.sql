-- Module catalog: the national procedure catalogue (normalised) and each province's offering.
CREATE SCHEMA IF NOT EXISTS catalog;

-- One row per procedure. `record` holds the whole normalised record (see src/modules/catalog/types.ts);
-- the other columns are what search and filters need. search_* columns are folded in TypeScript
-- (diacritics stripped, đ→d, lower case) so PGlite and PostgreSQL index exactly the same text.
CREATE TABLE IF NOT EXISTS catalog.procedure (
  code text PRIMARY KEY,
  name text NOT NULL,
  field text NOT NULL DEFAULT '',
  levels text[] NOT NULL DEFAULT '{}',
  channels text[] NOT NULL DEFAULT '{}',
  agency text,
  record jsonb NOT NULL,
  search_name text NOT NULL,
  search_field text NOT NULL DEFAULT '',
  search_extra text NOT NULL DEFAULT '',
  name_vec tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_name)) STORED,
  search_vec tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', search_name), 'A')
    || setweight(to_tsvector('simple', search_field), 'B')
    || setweight(to_tsvector('simple', search_extra), 'C')
  ) STORED,
  source_hash text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS procedure_search_vec ON catalog.procedure USING gin (search_vec);
CREATE INDEX IF NOT EXISTS procedure_search_name_trgm ON catalog.procedure USING gin (search_name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS procedure_levels ON catalog.procedure USING gin (levels);
CREATE INDEX IF NOT EXISTS procedure_search_field ON catalog.procedure (search_field);

-- Every import, with its report of what the normaliser could not read.
CREATE TABLE IF NOT EXISTS catalog.import_run (
  id bigserial PRIMARY KEY,
  source_dir text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  total integer NOT NULL,
  inserted integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  report jsonb NOT NULL
);

-- Which procedures a province offers, where, and at which local fee.
CREATE TABLE IF NOT EXISTS catalog.offering (
  province_code text NOT NULL,
  procedure_code text NOT NULL REFERENCES catalog.procedure (code),
  scope text NOT NULL CHECK (scope IN ('all_communes', 'communes', 'agency')),
  commune_codes text[] NOT NULL DEFAULT '{}',
  agency_code text,
  fee_override_vnd bigint CHECK (fee_override_vnd >= 0),
  online boolean,
  note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (province_code, procedure_code),
  CONSTRAINT offering_communes_scope CHECK ((scope = 'communes') = (cardinality(commune_codes) > 0)),
  CONSTRAINT offering_agency_scope CHECK ((scope = 'agency') = (agency_code IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS offering_commune_codes ON catalog.offering USING gin (commune_codes);
CREATE INDEX IF NOT EXISTS offering_agency ON catalog.offering (agency_code) WHERE agency_code IS NOT NULL;
CREATE INDEX IF NOT EXISTS offering_procedure ON catalog.offering (procedure_code);
