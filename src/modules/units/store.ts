/**
 * SQL for the units module's tables (schema `units`). Bulk writes go through unnest() arrays: one
 * statement per table, whatever the number of rows.
 */
import type { Queryable } from '../../platform/db.ts';
import type { MergeLink } from './domain/dataset.ts';
import { plainKey, tokenize, toneKey } from './domain/normalize.ts';
import type { Agency, AgencyKind, Generation, Level, MergeType, UnitPeriod } from './types.ts';

const NEG_INF = '-infinity';
const toDb = (d: string | null) => d ?? NEG_INF;
const fromDb = (d: string | null) => (d === NEG_INF || d === null ? null : d);

export interface UnitRow {
  code: string;
  level: Level;
  generation: number;
  valid_from: string;
  valid_to: string | null;
  name: string;
  short_name: string;
  type: string;
  parent_code: string | null;
  province_code: string;
}

export function periodOf(r: UnitRow): UnitPeriod {
  return {
    code: r.code,
    level: r.level,
    generation: r.generation as Generation,
    name: r.name,
    shortName: r.short_name,
    type: r.type,
    parentCode: r.parent_code,
    provinceCode: r.province_code,
    validFrom: fromDb(r.valid_from),
    validTo: r.valid_to,
  };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
/** Vietnamese alphabetical order of the short name ("Phường 2" before "Phường 10"), then the code. */
export const byVietnameseName = (a: { short_name: string; code: string }, b: { short_name: string; code: string }) =>
  collator.compare(a.short_name, b.short_name) || a.code.localeCompare(b.code);

const UNIT_COLS = 'code, level, generation, valid_from, valid_to, name, short_name, type, parent_code, province_code';
/** "valid at $n" for units.unit aliased u */
const validAt = (alias: string, p: string) => `(${alias}.valid_from <= ${p}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${p}::date))`;

export interface WriteCounts {
  inserted: number;
  updated: number;
  deleted: number;
  total: number;
}

/** Makes units.unit equal to `units` (insert, update what differs, delete what is gone). */
export async function replaceUnits(tx: Queryable, units: readonly UnitPeriod[]): Promise<WriteCounts> {
  const cols = {
    code: [] as string[],
    level: [] as string[],
    generation: [] as number[],
    validFrom: [] as string[],
    validTo: [] as (string | null)[],
    name: [] as string[],
    shortName: [] as string[],
    type: [] as string[],
    parent: [] as (string | null)[],
    province: [] as string[],
    plain: [] as string[],
    tone: [] as string[],
  };
  for (const u of units) {
    const toks = tokenize(u.shortName);
    cols.code.push(u.code);
    cols.level.push(u.level);
    cols.generation.push(u.generation);
    cols.validFrom.push(toDb(u.validFrom));
    cols.validTo.push(u.validTo);
    cols.name.push(u.name);
    cols.shortName.push(u.shortName);
    cols.type.push(u.type);
    cols.parent.push(u.parentCode);
    cols.province.push(u.provinceCode);
    cols.plain.push(plainKey(toks));
    cols.tone.push(toneKey(toks));
  }
  const r = await tx.query<{ inserted: number; updated: number }>(
    `WITH src AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int2[], $4::date[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
         AS s(code, level, generation, valid_from, valid_to, name, short_name, type, parent_code, province_code, search_plain, search_tone)
     ), up AS (
       INSERT INTO units.unit AS u (${UNIT_COLS}, search_plain, search_tone)
       SELECT ${UNIT_COLS}, search_plain, search_tone FROM src
       ON CONFLICT (code, level, valid_from) DO UPDATE SET
         generation = EXCLUDED.generation, valid_to = EXCLUDED.valid_to, name = EXCLUDED.name, short_name = EXCLUDED.short_name,
         type = EXCLUDED.type, parent_code = EXCLUDED.parent_code, province_code = EXCLUDED.province_code,
         search_plain = EXCLUDED.search_plain, search_tone = EXCLUDED.search_tone
       WHERE (u.generation, u.valid_to, u.name, u.short_name, u.type, u.parent_code, u.province_code, u.search_plain, u.search_tone)
         IS DISTINCT FROM (EXCLUDED.generation, EXCLUDED.valid_to, EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.type, EXCLUDED.parent_code, EXCLUDED.province_code, EXCLUDED.search_plain, EXCLUDED.search_tone)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
    [cols.code, cols.level, cols.generation, cols.validFrom, cols.validTo, cols.name, cols.shortName, cols.type, cols.parent, cols.province, cols.plain, cols.tone],
  );
  const d = await tx.query(
    `DELETE FROM units.unit u
      WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[], $3::date[]) s(code, level, valid_from)
                         WHERE s.code = u.code AND s.level = u.level AND s.valid_from = u.valid_from)`,
    [cols.code, cols.level, cols.validFrom],
  );
  return { inserted: r.rows[0]!.inserted, updated: r.rows[0]!.updated, deleted: d.rowCount, total: units.length };
}

/** Makes units.merge_link equal to `links`. */
export async function replaceLinks(tx: Queryable, links: readonly MergeLink[]): Promise<WriteCounts> {
  const c = {
    level: links.map((l) => l.level),
    old: links.map((l) => l.oldCode),
    neu: links.map((l) => l.newCode),
    type: links.map((l) => l.mergeType),
    conf: links.map((l) => l.confidence),
    res: links.map((l) => l.resolution),
    text: links.map((l) => l.resolutionText),
    rank: links.map((l) => l.rank),
    share: links.map((l) => l.share),
  };
  const r = await tx.query<{ inserted: number; updated: number }>(
    `WITH src AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int2[], $9::real[])
         AS s(level, old_code, new_code, merge_type, confidence, resolution, resolution_text, rank, share)
     ), up AS (
       INSERT INTO units.merge_link AS m (level, old_code, new_code, merge_type, confidence, resolution, resolution_text, rank, share)
       SELECT * FROM src
       ON CONFLICT (level, old_code, new_code) DO UPDATE SET
         merge_type = EXCLUDED.merge_type, confidence = EXCLUDED.confidence, resolution = EXCLUDED.resolution,
         resolution_text = EXCLUDED.resolution_text, rank = EXCLUDED.rank, share = EXCLUDED.share
       WHERE (m.merge_type, m.confidence, m.resolution, m.resolution_text, m.rank, m.share)
         IS DISTINCT FROM (EXCLUDED.merge_type, EXCLUDED.confidence, EXCLUDED.resolution, EXCLUDED.resolution_text, EXCLUDED.rank, EXCLUDED.share)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
    [c.level, c.old, c.neu, c.type, c.conf, c.res, c.text, c.rank, c.share],
  );
  const d = await tx.query(
    `DELETE FROM units.merge_link m
      WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::text[], $3::text[]) s(level, old_code, new_code)
                         WHERE s.level = m.level AND s.old_code = m.old_code AND s.new_code = m.new_code)`,
    [c.level, c.old, c.neu],
  );
  return { inserted: r.rows[0]!.inserted, updated: r.rows[0]!.updated, deleted: d.rowCount, total: links.length };
}

export async function lastImport(db: Queryable, id: string): Promise<{ checksum: string; imported_at: Date } | null> {
  const r = await db.query<{ checksum: string; imported_at: Date }>('SELECT checksum, imported_at FROM units.dataset_import WHERE id = $1', [id]);
  return r.rows[0] ?? null;
}

export async function saveImport(tx: Queryable, id: string, checksum: string, source: string, counts: unknown): Promise<void> {
  await tx.query(
    `INSERT INTO units.dataset_import (id, checksum, source, counts) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET checksum = EXCLUDED.checksum, source = EXCLUDED.source, counts = EXCLUDED.counts, imported_at = now()`,
    [id, checksum, source, JSON.stringify(counts)],
  );
}

/** Everything the matcher needs. */
export async function loadAll(db: Queryable): Promise<{ units: UnitPeriod[]; links: MergeLink[] }> {
  const u = await db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM units.unit`);
  const l = await db.query<{ level: 'province' | 'commune'; old_code: string; new_code: string; merge_type: MergeType; confidence: string; resolution: string | null; rank: number; share: number }>(
    'SELECT level, old_code, new_code, merge_type, confidence, resolution, rank, share FROM units.merge_link',
  );
  return {
    units: u.rows.map(periodOf),
    links: l.rows.map((r) => ({
      level: r.level,
      oldCode: r.old_code,
      newCode: r.new_code,
      mergeType: r.merge_type,
      confidence: r.confidence,
      resolution: r.resolution,
      resolutionText: null,
      rank: Number(r.rank),
      share: Number(r.share),
    })),
  };
}

/** Every period of every unit with this code (any level), oldest first. */
export async function periodsByCode(db: Queryable, code: string): Promise<UnitRow[]> {
  const r = await db.query<UnitRow>(`SELECT ${UNIT_COLS} FROM units.unit WHERE code = $1 ORDER BY generation, valid_from`, [code]);
  return r.rows;
}

/** The unit of this code, level and generation valid at `at`, or its latest period. */
export async function unitAt(db: Queryable, code: string, level: Level, generation: number, at: string): Promise<UnitRow | null> {
  const r = await db.query<UnitRow>(
    `SELECT ${UNIT_COLS} FROM units.unit u WHERE code = $1 AND level = $2 AND generation = $3
      ORDER BY ${validAt('u', '$4')} DESC, valid_from DESC LIMIT 1`,
    [code, level, generation, at],
  );
  return r.rows[0] ?? null;
}

/** Units whose parent is `code`, valid at `at`. */
export async function childrenOf(db: Queryable, code: string, childLevel: Level, generation: number, at: string): Promise<UnitRow[]> {
  const r = await db.query<UnitRow>(
    `SELECT ${UNIT_COLS} FROM units.unit u WHERE parent_code = $1 AND level = $2 AND generation = $3 AND ${validAt('u', '$4')}`,
    [code, childLevel, generation, at],
  );
  return r.rows.sort(byVietnameseName);
}

export interface LinkRow {
  level: 'province' | 'commune';
  old_code: string;
  new_code: string;
  merge_type: MergeType;
  resolution: string | null;
  resolution_text: string | null;
  rank: number;
}

export async function linksTo(db: Queryable, level: 'province' | 'commune', newCode: string): Promise<LinkRow[]> {
  const r = await db.query<LinkRow>(
    'SELECT level, old_code, new_code, merge_type, resolution, resolution_text, rank FROM units.merge_link WHERE level = $1 AND new_code = $2 ORDER BY old_code',
    [level, newCode],
  );
  return r.rows;
}

export async function linksFrom(db: Queryable, level: 'province' | 'commune', oldCode: string): Promise<LinkRow[]> {
  const r = await db.query<LinkRow>(
    'SELECT level, old_code, new_code, merge_type, resolution, resolution_text, rank FROM units.merge_link WHERE level = $1 AND old_code = $2 ORDER BY rank, new_code',
    [level, oldCode],
  );
  return r.rows;
}

/** Several units of one level and generation by code, each at `at` (or its latest period). */
export async function unitsAt(db: Queryable, codes: string[], level: Level, generation: number, at: string): Promise<Map<string, UnitRow>> {
  if (!codes.length) return new Map();
  const r = await db.query<UnitRow>(
    `SELECT DISTINCT ON (code) ${UNIT_COLS} FROM units.unit u
      WHERE code = ANY($1::text[]) AND level = $2 AND generation = $3
      ORDER BY code, ${validAt('u', '$4')} DESC, valid_from DESC`,
    [codes, level, generation, at],
  );
  return new Map(r.rows.map((x) => [x.code, x]));
}

export interface SearchVariant {
  /** plain key without spaces */
  plain: string;
  /** tone key, when the query had diacritics */
  tone: string | null;
  /** allowed types from a type word, or null */
  types: string[] | null;
}

export interface SearchRow extends UnitRow {
  total: number;
  province_name: string | null;
  parent_name: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** Search by name at a date: exact, then prefix, then substring matches; the same tones first. */
export async function search(
  db: Queryable,
  q: { variants: SearchVariant[]; level?: Level; province?: string; at: string; limit: number; offset: number },
): Promise<SearchRow[]> {
  const params: unknown[] = [q.at];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [validAt('u', '$1')];
  if (q.level) where.push(`u.level = ${p(q.level)}`);
  if (q.province) where.push(`u.province_code = ${p(q.province)}`);
  let rank = '';
  if (q.variants.length) {
    const ors: string[] = [];
    const ranks: string[] = [];
    for (const v of q.variants) {
      const contains = p('%' + escapeLike(v.plain) + '%');
      const prefix = p(escapeLike(v.plain) + '%');
      const exact = p(v.plain);
      const types = v.types ? p(v.types) : null;
      const typeCond = types ? ` AND u.type = ANY(${types}::text[])` : '';
      ors.push(`(u.search_plain LIKE ${contains}${typeCond})`);
      const tone = v.tone ? p(v.tone) : null;
      ranks.push(
        `CASE WHEN NOT (u.search_plain LIKE ${contains}${typeCond}) THEN 99 ` +
          `ELSE (CASE WHEN u.search_plain = ${exact} THEN 0 WHEN u.search_plain LIKE ${prefix} THEN 2 ELSE 4 END)` +
          (tone ? ` + (CASE WHEN u.search_tone = ${tone} THEN 0 ELSE 1 END)` : '') +
          ' END',
      );
    }
    where.push(`(${ors.join(' OR ')})`);
    rank = ranks.length === 1 ? ranks[0]! : `LEAST(${ranks.join(', ')})`;
  }
  const limit = p(q.limit);
  const offset = p(q.offset);
  const r = await db.query<SearchRow>(
    `SELECT ${UNIT_COLS.split(', ').map((c) => 'u.' + c).join(', ')}, (count(*) OVER ())::int AS total,
            pv.name AS province_name, pa.name AS parent_name
       FROM units.unit u
       LEFT JOIN LATERAL (SELECT name FROM units.unit x WHERE x.code = u.province_code AND x.level = 'province' AND x.generation = u.generation
                           ORDER BY ${validAt('x', '$1')} DESC, x.valid_from DESC LIMIT 1) pv ON u.level <> 'province'
       LEFT JOIN LATERAL (SELECT name FROM units.unit x WHERE x.code = u.parent_code AND x.generation = u.generation
                             AND x.level = CASE WHEN u.level = 'commune' AND u.generation = 1 THEN 'district' ELSE 'province' END
                           ORDER BY ${validAt('x', '$1')} DESC, x.valid_from DESC LIMIT 1) pa ON u.parent_code IS NOT NULL
      WHERE ${where.join(' AND ')}
      ORDER BY ${rank ? rank + ', ' : ''}CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END, u.generation DESC, u.name COLLATE "C", u.code
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return r.rows;
}

/** A second query for the total when the page is past the end (count(*) OVER () gives no row then). */
export async function searchCount(db: Queryable, q: { variants: SearchVariant[]; level?: Level; province?: string; at: string }): Promise<number> {
  const rows = await search(db, { ...q, limit: 1, offset: 0 });
  return rows[0]?.total ?? 0;
}

// ------------------------------------------------------------------------------------------ agencies

export interface AgencyRow {
  code: string;
  valid_from: string;
  valid_to: string | null;
  name: string;
  short_name: string;
  kind: AgencyKind;
  province_code: string;
  parent_code: string | null;
}

export function agencyOf(r: AgencyRow): Agency {
  return {
    code: r.code,
    name: r.name,
    short_name: r.short_name,
    kind: r.kind,
    province_code: r.province_code,
    parent_code: r.parent_code,
    valid_from: fromDb(r.valid_from),
    valid_to: r.valid_to,
  };
}

/** Inserts or updates agencies; returns how many rows changed (0 when they were already so). */
export async function upsertAgencies(tx: Queryable, list: readonly Agency[]): Promise<number> {
  const r = await tx.query(
    `INSERT INTO units.agency AS a (code, valid_from, valid_to, name, short_name, kind, province_code, parent_code)
     SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
     ON CONFLICT (code, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, name = EXCLUDED.name, short_name = EXCLUDED.short_name,
       kind = EXCLUDED.kind, province_code = EXCLUDED.province_code, parent_code = EXCLUDED.parent_code
     WHERE (a.valid_to, a.name, a.short_name, a.kind, a.province_code, a.parent_code)
       IS DISTINCT FROM (EXCLUDED.valid_to, EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.kind, EXCLUDED.province_code, EXCLUDED.parent_code)`,
    [
      list.map((a) => a.code),
      list.map((a) => toDb(a.valid_from)),
      list.map((a) => a.valid_to),
      list.map((a) => a.name),
      list.map((a) => a.short_name),
      list.map((a) => a.kind),
      list.map((a) => a.province_code),
      list.map((a) => a.parent_code),
    ],
  );
  return r.rowCount;
}

export async function agenciesAt(db: Queryable, at: string, provinceCode?: string): Promise<AgencyRow[]> {
  const r = await db.query<AgencyRow>(
    `SELECT code, valid_from, valid_to, name, short_name, kind, province_code, parent_code FROM units.agency a
      WHERE ${validAt('a', '$1')} AND ($2::text IS NULL OR province_code = $2)
      ORDER BY province_code, parent_code NULLS FIRST, code`,
    [at, provinceCode ?? null],
  );
  return r.rows;
}

export async function agencyByCode(db: Queryable, code: string, at: string): Promise<AgencyRow | null> {
  const r = await db.query<AgencyRow>(
    `SELECT code, valid_from, valid_to, name, short_name, kind, province_code, parent_code FROM units.agency a
      WHERE code = $1 ORDER BY ${validAt('a', '$2')} DESC, valid_from DESC LIMIT 1`,
    [code, at],
  );
  return r.rows[0] ?? null;
}
