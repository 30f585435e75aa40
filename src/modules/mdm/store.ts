/** SQL of the mdm module (its own tables only). Bulk writes go through one JSON parameter (PGlite and PostgreSQL). */
import type { Queryable } from '../../platform/db.ts';
import { fold } from './domain/text.ts';

export interface StoredRecord {
  source_id: string;
  record_id: string;
  entity: 'person' | 'business';
  raw: Record<string, unknown>;
  clean: { canonical: Record<string, unknown>; person?: unknown; business?: unknown };
  issues: { field: string; code: string; severity: string; message: string }[];
  golden_id: string | null;
  source_updated_at: string | null;
  last_seen: string;
}

export async function upsertSource(db: Queryable, s: { id: string; name: string; entity: string; mapping: unknown; trust: number }): Promise<void> {
  await db.query(
    `INSERT INTO mdm.source (id, name, entity, mapping, trust) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, entity = EXCLUDED.entity, mapping = EXCLUDED.mapping, trust = EXCLUDED.trust, updated_at = now()`,
    [s.id, s.name, s.entity, JSON.stringify(s.mapping), s.trust],
  );
}

export async function existingHashes(db: Queryable, sourceId: string, ids: string[]): Promise<Map<string, string>> {
  const r = await db.query<{ record_id: string; raw_hash: string }>(`SELECT record_id, raw_hash FROM mdm.source_record WHERE source_id = $1 AND record_id = ANY($2::text[])`, [sourceId, ids]);
  return new Map(r.rows.map((x) => [x.record_id, x.raw_hash]));
}

export interface RecordWrite {
  source_id: string;
  record_id: string;
  entity: string;
  raw: unknown;
  raw_hash: string;
  clean: unknown;
  issues: unknown;
  source_updated_at: string | null;
}

/** Inserts or refreshes records; unchanged ones only get last_seen. */
export async function upsertRecords(db: Queryable, rows: RecordWrite[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO mdm.source_record (source_id, record_id, entity, raw, raw_hash, clean, issues, source_updated_at)
     SELECT x.source_id, x.record_id, x.entity, x.raw, x.raw_hash, x.clean, x.issues, x.source_updated_at
       FROM jsonb_to_recordset($1::jsonb) AS x(source_id text, record_id text, entity text, raw jsonb, raw_hash text, clean jsonb, issues jsonb, source_updated_at timestamptz)
     ON CONFLICT (source_id, record_id) DO UPDATE SET
       last_seen = now(),
       raw = EXCLUDED.raw, clean = EXCLUDED.clean, issues = EXCLUDED.issues, entity = EXCLUDED.entity,
       source_updated_at = EXCLUDED.source_updated_at,
       changed_at = CASE WHEN mdm.source_record.raw_hash <> EXCLUDED.raw_hash THEN now() ELSE mdm.source_record.changed_at END,
       raw_hash = EXCLUDED.raw_hash`,
    [JSON.stringify(rows)],
  );
}

export async function loadRecords(db: Queryable, entity: 'person' | 'business'): Promise<StoredRecord[]> {
  const r = await db.query<StoredRecord>(
    `SELECT source_id, record_id, entity, raw, clean, issues, golden_id, source_updated_at::text AS source_updated_at, last_seen::text AS last_seen
       FROM mdm.source_record WHERE entity = $1 ORDER BY source_id, record_id`,
    [entity],
  );
  return r.rows;
}

export async function sourceTrust(db: Queryable): Promise<Map<string, number>> {
  const r = await db.query<{ id: string; trust: number }>(`SELECT id, trust FROM mdm.source`);
  return new Map(r.rows.map((x) => [x.id, Number(x.trust)]));
}

export async function setGoldenIds(db: Queryable, rows: { source_id: string; record_id: string; golden_id: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    await db.query(
      `UPDATE mdm.source_record r SET golden_id = x.golden_id
         FROM jsonb_to_recordset($1::jsonb) AS x(source_id text, record_id text, golden_id text)
        WHERE r.source_id = x.source_id AND r.record_id = x.record_id AND r.golden_id IS DISTINCT FROM x.golden_id`,
      [JSON.stringify(rows.slice(i, i + 5000))],
    );
  }
}

export interface GoldenWrite {
  id: string;
  entity: string;
  data: unknown;
  lineage: unknown;
  conflicts: unknown;
  members: number;
  personal_id: string | null;
}

/** The folded name of a golden record (person or business), for searching without diacritics. */
function nameKey(data: unknown): string | null {
  const d = data as { full_name?: unknown; name?: unknown } | null;
  const name = d?.full_name ?? d?.name;
  return typeof name === 'string' && name ? fold(name) : null;
}

export async function upsertGoldens(db: Queryable, rows: GoldenWrite[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `INSERT INTO mdm.golden (id, entity, data, lineage, conflicts, members, personal_id, name_key, retired)
       SELECT x.id, x.entity, x.data, x.lineage, x.conflicts, x.members, x.personal_id, x.name_key, false
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, entity text, data jsonb, lineage jsonb, conflicts jsonb, members int, personal_id text, name_key text)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, lineage = EXCLUDED.lineage, conflicts = EXCLUDED.conflicts, members = EXCLUDED.members,
         personal_id = EXCLUDED.personal_id, name_key = EXCLUDED.name_key, retired = false,
         updated_at = CASE WHEN mdm.golden.data IS DISTINCT FROM EXCLUDED.data OR mdm.golden.members <> EXCLUDED.members THEN now() ELSE mdm.golden.updated_at END`,
      [JSON.stringify(rows.slice(i, i + 2000).map((r) => ({ ...r, name_key: nameKey(r.data) })))],
    );
  }
}

export async function retireUnused(db: Queryable, entity: string): Promise<void> {
  await db.query(`UPDATE mdm.golden g SET retired = true, members = 0, updated_at = now() WHERE entity = $1 AND NOT retired AND NOT EXISTS (SELECT 1 FROM mdm.source_record r WHERE r.golden_id = g.id)`, [entity]);
}

export async function loadModel(db: Queryable): Promise<unknown | null> {
  const r = await db.query<{ model: unknown }>(`SELECT model FROM mdm.model WHERE id`);
  return r.rows[0]?.model ?? null;
}

/** The business model learnt by the last full run (null before one had enough businesses to learn from). */
export async function loadBusinessModel(db: Queryable): Promise<unknown | null> {
  const r = await db.query<{ model: unknown }>(`SELECT model FROM mdm.business_model WHERE id`);
  return r.rows[0]?.model ?? null;
}

export async function saveBusinessModel(db: Queryable, model: unknown): Promise<void> {
  await db.query(`INSERT INTO mdm.business_model (id, model) VALUES (true, $1) ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, updated_at = now()`, [JSON.stringify(model)]);
}

export async function saveModel(db: Queryable, model: unknown): Promise<void> {
  await db.query(`INSERT INTO mdm.model (id, model) VALUES (true, $1) ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, updated_at = now()`, [JSON.stringify(model)]);
}

export async function decisions(db: Queryable): Promise<{ a_source: string; a_record: string; b_source: string; b_record: string; kind: 'must_link' | 'cannot_link' }[]> {
  const r = await db.query<{ a_source: string; a_record: string; b_source: string; b_record: string; kind: 'must_link' | 'cannot_link' }>(`SELECT a_source, a_record, b_source, b_record, kind FROM mdm.decision`);
  return r.rows;
}

export async function insertReviews(db: Queryable, rows: { a_source: string; a_record: string; b_source: string; b_record: string; probability: number; weight: number; parts: unknown }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db.query(
      `INSERT INTO mdm.review (a_source, a_record, b_source, b_record, probability, weight, parts)
       SELECT x.a_source, x.a_record, x.b_source, x.b_record, x.probability, x.weight, x.parts
         FROM jsonb_to_recordset($1::jsonb) AS x(a_source text, a_record text, b_source text, b_record text, probability double precision, weight double precision, parts jsonb)
       ON CONFLICT (a_source, a_record, b_source, b_record) DO UPDATE SET probability = EXCLUDED.probability, weight = EXCLUDED.weight, parts = EXCLUDED.parts`,
      [JSON.stringify(rows.slice(i, i + 2000))],
    );
  }
}
