import type { Queryable } from '../../platform/db.ts';
import type { SearchPlan } from './domain/search.ts';
import type { CleanOffering } from './domain/offering.ts';
import type { ChannelOption, ImportReport, Level, Offering, Procedure, SearchIndexRow, SearchParams, SearchResult } from './types.ts';

/**
 * SQL for the catalog module's own tables (schema `catalog`). Nothing here reads another module's tables.
 */

// ---------------------------------------------------------------------------------------------------
// Procedures
// ---------------------------------------------------------------------------------------------------

export interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  levels: string[];
  channels: string[];
  agency: string | null;
  /** The record; its documents_raw and legal_basis_raw are stored in their own text columns. */
  record: Procedure;
  search_name: string;
  search_field: string;
  search_extra: string;
  hash: string;
}

/**
 * Inserts or updates procedures in one statement per chunk. A row whose digest did not change is left
 * untouched, so an import of the same data changes nothing.
 */
export async function upsertProcedures(db: Queryable, rows: ProcedureRow[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  // multi-row VALUES with one parameter per value: the records are large JSON texts, and passing them as
  // separate parameters avoids escaping them into (and parsing them out of) one huge array literal
  const params: unknown[] = [];
  const tuples = rows.map((x) => {
    const base = params.length;
    const { documents_raw, legal_basis_raw, ...record } = x.record;
    params.push(x.code, x.name, x.field, x.levels, x.channels, x.agency, JSON.stringify(record), x.search_name, x.search_field, x.search_extra, x.hash, documents_raw, legal_basis_raw);
    const $ = (i: number) => `$${base + i}`;
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}::text[], ${$(5)}::text[], ${$(6)}, ${$(7)}::jsonb, ${$(8)}, ${$(9)}, ${$(10)}, ${$(11)}, ${$(12)}, ${$(13)})`;
  });
  const r = await db.query<{ inserted: boolean }>(
    `INSERT INTO catalog.procedure AS p
       (code, name, field, levels, channels, agency, record, search_name, search_field, search_extra, source_hash,
        documents_raw, legal_basis_raw)
     VALUES ${tuples.join(',\n')}
     ON CONFLICT (code) DO UPDATE SET
       name = excluded.name, field = excluded.field, levels = excluded.levels, channels = excluded.channels,
       agency = excluded.agency, record = excluded.record, search_name = excluded.search_name,
       search_field = excluded.search_field, search_extra = excluded.search_extra,
       source_hash = excluded.source_hash, documents_raw = excluded.documents_raw,
       legal_basis_raw = excluded.legal_basis_raw, updated_at = now()
     WHERE p.source_hash IS DISTINCT FROM excluded.source_hash
     RETURNING (p.xmax::text = '0') AS inserted`,
    params,
  );
  const inserted = r.rows.filter((x) => x.inserted).length;
  return { inserted, updated: r.rows.length - inserted };
}

/**
 * After a bulk import: moves the GIN indexes' pending lists (fastupdate) into the indexes and refreshes
 * planner statistics. Without it PGlite, which runs no autovacuum, scans the pending list (or the table)
 * on every search.
 */
export async function tidyAfterImport(db: Queryable): Promise<void> {
  await db.query(
    `SELECT gin_clean_pending_list(c.oid)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
      WHERE n.nspname = 'catalog' AND a.amname = 'gin'`,
  );
  await db.query('ANALYZE catalog.procedure');
  await db.query('ANALYZE catalog.offering');
}

/** Every word of the folded search columns with the number of procedures using it (for typo correction). */
export async function vocabulary(db: Queryable): Promise<{ word: string; n: number }[]> {
  const r = await db.query<{ word: string; n: number }>(
    `SELECT w AS word, count(DISTINCT code)::int AS n
       FROM catalog.procedure, unnest(string_to_array(search_name || ' ' || search_field || ' ' || search_extra, ' ')) w
      WHERE w <> '' GROUP BY w`,
  );
  return r.rows;
}

/** Changes whenever an import ran: caches derived from the catalogue are keyed by it. */
export async function catalogueVersion(db: Queryable): Promise<number> {
  const r = await db.query<{ v: number | null }>('SELECT max(id)::int AS v FROM catalog.import_run');
  return r.rows[0]?.v ?? 0;
}

/** code → digest of every stored procedure, so that an import sends only what changed. */
export async function procedureHashes(db: Queryable): Promise<Map<string, string>> {
  const r = await db.query<{ code: string; source_hash: string }>('SELECT code, source_hash FROM catalog.procedure');
  return new Map(r.rows.map((x) => [x.code, x.source_hash]));
}

export async function countProcedures(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog.procedure');
  return r.rows[0]?.n ?? 0;
}

export async function getProcedure(db: Queryable, code: string): Promise<Procedure | null> {
  const r = await db.query<{ record: Omit<Procedure, 'documents_raw' | 'legal_basis_raw'>; documents_raw: string | null; legal_basis_raw: string | null }>(
    'SELECT record, documents_raw, legal_basis_raw FROM catalog.procedure WHERE code = $1',
    [code],
  );
  const row = r.rows[0];
  return row ? { ...row.record, documents_raw: row.documents_raw, legal_basis_raw: row.legal_basis_raw } : null;
}

/** Code, field, levels and channel rows of every procedure (for the demo offering and fee checks). */
export async function listProcedureBasics(db: Queryable): Promise<{ code: string; field: string; levels: Level[]; channel_options: ChannelOption[] }[]> {
  const r = await db.query<{ code: string; field: string; levels: Level[]; channel_options: ChannelOption[] }>(
    `SELECT code, field, levels, record->'channel_options' AS channel_options FROM catalog.procedure ORDER BY code`,
  );
  return r.rows;
}

/**
 * What a search index outside SQL needs of every procedure (the assistant's engine): the summary, result
 * documents and applicant labels as extra words, whether citizens apply, and whether the province offers it.
 */
export async function indexRows(db: Queryable, province: string): Promise<SearchIndexRow[]> {
  const r = await db.query<SearchIndexRow>(
    `SELECT p.code, p.name, p.field, p.levels, p.channels, p.agency,
            coalesce((SELECT string_agg(x->>'name', ' ') FROM jsonb_array_elements(p.record->'results') x), '') || ' ' ||
            coalesce((SELECT string_agg(x->>'label', ' ') FROM jsonb_array_elements(p.record->'applicant_types') x), '') AS extra,
            (o.procedure_code IS NOT NULL) AS offered,
            coalesce((SELECT bool_or(x->>'code' = 'citizen') FROM jsonb_array_elements(p.record->'applicant_types') x), false) AS citizens
       FROM catalog.procedure p
       LEFT JOIN catalog.offering o ON o.procedure_code = p.code AND o.province_code = $1
      ORDER BY p.code`,
    [province],
  );
  return r.rows;
}

/** Changes when the catalogue is imported again or the province's offering changes. */
export async function indexVersion(db: Queryable, province: string): Promise<string> {
  const r = await db.query<{ v: string }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM catalog.import_run)::text || ':' ||
            (SELECT count(*) FROM catalog.offering WHERE province_code = $1)::text || ':' ||
            coalesce((SELECT max(updated_at) FROM catalog.offering WHERE province_code = $1)::text, '') AS v`,
    [province],
  );
  return r.rows[0]?.v ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------------

interface SearchRow {
  total: number;
  items: (SearchResult['items'][number])[] | null;
  levels: { value: Level; count: number }[] | null;
  fields: { value: string; count: number }[] | null;
}

/**
 * One round trip: the matching set (filters + query), one page of it in rank order, its size and the
 * level and field facets over it. Ranking: exact code, then the whole phrase in the name, then every
 * word in the name, then ts_rank_cd over name (A) / field (B) / agency, results, applicants (C), then
 * shorter names first (the general procedure before its special cases).
 */
export async function searchProcedures(
  db: Queryable,
  plan: SearchPlan,
  filters: Pick<SearchParams, 'level' | 'channel'> & { fieldFolded?: string },
  page: number,
  pageSize: number,
  mode: 'exact' | 'fuzzy' = 'exact',
  withFacets = true,
): Promise<{ total: number; items: SearchResult['items']; facets: SearchResult['facets'] }> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  let from = 'catalog.procedure p';
  let select = '0::float8 AS score';
  let order = 'p.code';
  if (plan.kind === 'code') {
    const c = p(plan.code);
    where.push(`strpos(p.code, ${c}) > 0`);
    select = `(CASE WHEN p.code = ${c} THEN 2 ELSE 1 END)::float8 AS score`;
    order = 'score DESC, p.code';
  } else if (plan.kind === 'text' && mode === 'exact') {
    from = `catalog.procedure p CROSS JOIN to_tsquery('simple', ${p(plan.tsquery)}) AS tq`;
    const phrase = p(`%${plan.folded}%`);
    const len = p(plan.folded.length);
    where.push('p.search_vec @@ tq');
    // the whole phrase in the name (10), every word in the name (5), how much of the name the phrase
    // covers (up to 3, "Thủ tục" prefix ignored), then the weighted text rank (below 1)
    select = `(CASE WHEN p.search_name LIKE ${phrase}
                    THEN 10 + 3 * ${len}::float8 / greatest(length(regexp_replace(p.search_name, '^thu tuc ', '')), 1)
                    ELSE 0 END
               + CASE WHEN p.name_vec @@ tq THEN 5 ELSE 0 END
               + ts_rank_cd(p.search_vec, tq, 32))::float8 AS score`;
    order = 'score DESC, length(p.name), p.code';
  } else if (plan.kind === 'text') {
    // trigram word similarity against the name (index-assisted by the <% operator, threshold 0.6)
    const f = p(plan.folded);
    where.push(`${f} <% p.search_name`);
    select = `word_similarity(${f}, p.search_name)::float8 AS score`;
    order = 'score DESC, length(p.name), p.code';
  }
  if (filters.level) where.push(`p.levels @> ARRAY[${p(filters.level)}]::text[]`);
  if (filters.channel) where.push(`p.channels @> ARRAY[${p(filters.channel)}]::text[]`);
  if (filters.fieldFolded !== undefined) where.push(`p.search_field = ${p(filters.fieldFolded)}`);
  const limit = p(pageSize);
  const offset = p((page - 1) * pageSize);
  const sql = `
    WITH m AS (
      SELECT p.code, p.name, p.field, p.levels, p.channels, p.agency, ${select}
        FROM ${from}
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ),
    page AS (
      SELECT * FROM m p ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    )
    SELECT ${withFacets ? '(SELECT count(*)::int FROM m)' : '-1'} AS total,
           (SELECT json_agg(json_build_object('code', code, 'name', name, 'field', field, 'levels', levels,
                    'channels', channels, 'agency', agency, 'score', round(score::numeric, 4)::float8)
                    ORDER BY ${order.replaceAll('p.', '')}) FROM page) AS items,
           ${
             withFacets
               ? `(SELECT json_agg(json_build_object('value', l.value, 'count', l.count) ORDER BY l.count DESC, l.value)
                    FROM (SELECT lv AS value, count(*)::int AS count FROM m, unnest(m.levels) lv GROUP BY lv) l) AS levels,
                  (SELECT json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value)
                    FROM (SELECT field AS value, count(*)::int AS count FROM m GROUP BY field) f) AS fields`
               : 'NULL AS levels, NULL AS fields'
           }`;
  const r = await db.query<SearchRow>(sql, params);
  const row = r.rows[0]!;
  return { total: row.total, items: row.items ?? [], facets: { level: row.levels ?? [], field: row.fields ?? [] } };
}

// ---------------------------------------------------------------------------------------------------
// Import runs
// ---------------------------------------------------------------------------------------------------

export async function insertImportRun(db: Queryable, run: Omit<ImportReport, 'id'>): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO catalog.import_run (source_dir, started_at, finished_at, total, inserted, updated, unchanged, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::int AS id`,
    [run.source_dir, run.started_at, run.finished_at, run.total, run.inserted, run.updated, run.unchanged, JSON.stringify(run)],
  );
  return r.rows[0]!.id;
}

export async function latestImportRun(db: Queryable): Promise<ImportReport | null> {
  const r = await db.query<{ id: number; report: Omit<ImportReport, 'id'> }>(
    'SELECT id::int AS id, report FROM catalog.import_run ORDER BY id DESC LIMIT 1',
  );
  const row = r.rows[0];
  return row ? { ...row.report, id: row.id } : null;
}

// ---------------------------------------------------------------------------------------------------
// Offerings
// ---------------------------------------------------------------------------------------------------

interface OfferingDbRow {
  province_code: string;
  procedure_code: string;
  scope: Offering['scope'];
  commune_codes: string[];
  agency_code: string | null;
  fee_override_vnd: string | number | null;
  online: boolean | null;
  note: string | null;
  updated_at: Date | string;
}

const OFFERING_COLUMNS = `o.province_code, o.procedure_code, o.scope, o.commune_codes, o.agency_code,
  o.fee_override_vnd::text AS fee_override_vnd, o.online, o.note, o.updated_at`;

export function toOffering(r: OfferingDbRow): Offering {
  return {
    province_code: r.province_code,
    procedure_code: r.procedure_code,
    scope: r.scope,
    commune_codes: r.commune_codes ?? [],
    agency_code: r.agency_code,
    fee_override_vnd: r.fee_override_vnd === null ? null : Number(r.fee_override_vnd),
    online: r.online,
    note: r.note,
    updated_at: r.updated_at instanceof Date ? r.updated_at.toISOString() : new Date(r.updated_at).toISOString(),
  };
}

export async function getOffering(db: Queryable, province: string, procedure: string, forUpdate = false): Promise<Offering | null> {
  const r = await db.query<OfferingDbRow>(
    `SELECT ${OFFERING_COLUMNS} FROM catalog.offering o WHERE o.province_code = $1 AND o.procedure_code = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [province, procedure],
  );
  return r.rows[0] ? toOffering(r.rows[0]) : null;
}

export async function upsertOffering(db: Queryable, province: string, procedure: string, o: CleanOffering, updatedBy: string | null): Promise<Offering> {
  const r = await db.query<OfferingDbRow>(
    `INSERT INTO catalog.offering AS o
       (province_code, procedure_code, scope, commune_codes, agency_code, fee_override_vnd, online, note, updated_by, updated_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, now())
     ON CONFLICT (province_code, procedure_code) DO UPDATE SET
       scope = excluded.scope, commune_codes = excluded.commune_codes, agency_code = excluded.agency_code,
       fee_override_vnd = excluded.fee_override_vnd, online = excluded.online, note = excluded.note,
       updated_by = excluded.updated_by, updated_at = now()
     RETURNING ${OFFERING_COLUMNS}`,
    [province, procedure, o.scope, o.commune_codes, o.agency_code, o.fee_override_vnd, o.online, o.note, updatedBy],
  );
  return toOffering(r.rows[0]!);
}

export async function deleteOffering(db: Queryable, province: string, procedure: string): Promise<boolean> {
  const r = await db.query('DELETE FROM catalog.offering WHERE province_code = $1 AND procedure_code = $2', [province, procedure]);
  return r.rowCount > 0;
}

/** Inserts the offerings that do not exist yet (demo seeding); returns how many were added. */
export async function insertOfferingsIfMissing(
  db: Queryable,
  province: string,
  rows: { procedure_code: string; scope: Offering['scope']; agency_code: string | null; fee_override_vnd: number | null }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db.query(
    `INSERT INTO catalog.offering (province_code, procedure_code, scope, agency_code, fee_override_vnd, updated_by)
     SELECT $1, t.code, t.scope, t.agency, t.fee::bigint, 'seed'
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(code, scope, agency, fee)
     ON CONFLICT (province_code, procedure_code) DO NOTHING`,
    [
      province,
      rows.map((x) => x.procedure_code),
      rows.map((x) => x.scope),
      rows.map((x) => x.agency_code),
      rows.map((x) => (x.fee_override_vnd === null ? null : String(x.fee_override_vnd))),
    ],
  );
  return r.rowCount;
}

export interface OfferingListRow extends Offering {
  procedure_name: string;
  field: string;
  levels: Level[];
  channel_options: ChannelOption[];
}

/**
 * A province's offerings, optionally for one procedure, one unit (a commune: its all_communes and named
 * offerings; an agency: its own) and a folded name query.
 */
export async function listOfferings(
  db: Queryable,
  province: string,
  f: { procedure?: string; unit?: { code: string; kind: 'commune' | 'agency' | 'province' }; nameTsquery?: string; page: number; pageSize: number },
): Promise<{ total: number; rows: OfferingListRow[] }> {
  const params: unknown[] = [province];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['o.province_code = $1'];
  if (f.procedure) where.push(`o.procedure_code = ${p(f.procedure)}`);
  if (f.unit?.kind === 'commune') {
    where.push(`(o.scope = 'all_communes' OR o.commune_codes @> ARRAY[${p(f.unit.code)}]::text[])`);
  } else if (f.unit?.kind === 'agency') {
    where.push(`o.agency_code = ${p(f.unit.code)}`);
  }
  if (f.nameTsquery) where.push(`pr.search_vec @@ to_tsquery('simple', ${p(f.nameTsquery)})`);
  const limit = p(f.pageSize);
  const offset = p((f.page - 1) * f.pageSize);
  const r = await db.query<OfferingDbRow & { procedure_name: string; field: string; levels: Level[]; channel_options: ChannelOption[]; total: number }>(
    `SELECT ${OFFERING_COLUMNS}, pr.name AS procedure_name, pr.field, pr.levels,
            pr.record->'channel_options' AS channel_options, count(*) OVER ()::int AS total
       FROM catalog.offering o JOIN catalog.procedure pr ON pr.code = o.procedure_code
      WHERE ${where.join(' AND ')}
      ORDER BY pr.field, pr.name, o.procedure_code
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  let total = r.rows[0]?.total ?? 0;
  if (r.rows.length === 0 && f.page > 1) {
    const c = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.offering o JOIN catalog.procedure pr ON pr.code = o.procedure_code WHERE ${where.join(' AND ')}`,
      params.slice(0, params.length - 2),
    );
    total = c.rows[0]?.n ?? 0;
  }
  return {
    total,
    rows: r.rows.map((x) => ({ ...toOffering(x), procedure_name: x.procedure_name, field: x.field, levels: x.levels, channel_options: x.channel_options ?? [] })),
  };
}

/** Offerings received at a unit, for other modules (no pagination: a commune has at most a few thousand). */
export async function offeringsAt(db: Queryable, unit: { code: string; kind: 'commune' | 'agency' | 'province'; provinceCode: string }): Promise<Offering[]> {
  const cond =
    unit.kind === 'province'
      ? 'TRUE'
      : unit.kind === 'commune'
        ? `(o.scope = 'all_communes' OR o.commune_codes @> ARRAY[$2]::text[])`
        : 'o.agency_code = $2';
  const r = await db.query<OfferingDbRow>(
    `SELECT ${OFFERING_COLUMNS} FROM catalog.offering o WHERE o.province_code = $1 AND ${cond} ORDER BY o.procedure_code`,
    unit.kind === 'province' ? [unit.provinceCode] : [unit.provinceCode, unit.code],
  );
  return r.rows.map(toOffering);
}
