-- Administrative units with validity periods, the 2025 merger links, and agencies.
CREATE SCHEMA IF NOT EXISTS units;

-- One row per validity period of a unit. Old (generation 1: 63 provinces, their districts and communes)
-- and new (generation 2: 34 provinces, 3,321 communes) codes overlap, so the key includes the level and
-- the first day of the period. valid_from '-infinity' = in force since before the data's snapshot;
-- valid_to is the last day in force (inclusive), NULL = still in force.
CREATE TABLE units.unit (
  code text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
  generation smallint NOT NULL CHECK (generation IN (1, 2)),
  valid_from date NOT NULL DEFAULT '-infinity',
  valid_to date,
  name text NOT NULL,
  short_name text NOT NULL,
  type text NOT NULL,
  parent_code text,
  province_code text NOT NULL,
  -- the short name without diacritics, lower case, without spaces ("Phúc Xá" → "phucxa")
  search_plain text NOT NULL,
  -- the short name with the tone moved to the end of each syllable ("Hòa" = "Hoà" → "hoa2 ")
  search_tone text NOT NULL,
  PRIMARY KEY (code, level, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX unit_parent_idx ON units.unit (parent_code, level);
CREATE INDEX unit_province_idx ON units.unit (province_code, level);
-- (no trigram index: 14k rows are scanned in a few milliseconds, and the index would slow the import)

-- Old unit → new unit. Communes: from old_to_new_communes.csv (full = the whole old commune, partial =
-- part of it; rank 1 = the most likely target of a split commune, share = its estimated part).
-- Provinces: every old province went wholly into one new province.
CREATE TABLE units.merge_link (
  level text NOT NULL CHECK (level IN ('province', 'commune')),
  old_code text NOT NULL,
  new_code text NOT NULL,
  merge_type text NOT NULL CHECK (merge_type IN ('full', 'partial')),
  confidence text NOT NULL,
  resolution text,
  resolution_text text,
  rank smallint NOT NULL,
  share real NOT NULL,
  PRIMARY KEY (level, old_code, new_code)
);
CREATE INDEX merge_link_new_idx ON units.merge_link (level, new_code);

-- Organisational units that are not administrative units (departments, service centres, police...).
CREATE TABLE units.agency (
  code text NOT NULL,
  valid_from date NOT NULL DEFAULT '-infinity',
  valid_to date,
  name text NOT NULL,
  short_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('department', 'service_center', 'police', 'office')),
  province_code text NOT NULL,
  parent_code text,
  PRIMARY KEY (code, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agency_province_idx ON units.agency (province_code);

-- What was imported last (to skip an identical re-seed at start-up).
CREATE TABLE units.dataset_import (
  id text PRIMARY KEY,
  checksum text NOT NULL,
  source text NOT NULL,
  counts jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
