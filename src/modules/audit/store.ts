import type { Queryable } from '../../platform/db.ts';
import type { ChainedRecord } from './domain/chain-hash/chain-hash.ts';
import type { StoredLink } from './domain/verify-chain/verify-chain.ts';

/** SQL for the audit module's one table, audit.record. */

/** A record as a writer gives it: the chained content without the columns the database and the chainer fill. */
export type NewRecord = Omit<ChainedRecord, 'seq' | 'id' | 'occurredAt'>;

export async function insertRecord(q: Queryable, r: NewRecord): Promise<void> {
  await q.query(
    `INSERT INTO audit.record (actor_kind, actor_id, actor_subject, acting_unit, action, target, ip, request_id, before_digest, after_digest, meta)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [r.actorKind, r.actorId, r.actorSubject, r.actingUnit, r.action, r.target, r.ip, r.requestId, r.beforeDigest, r.afterDigest, JSON.stringify(r.meta)],
  );
}

/** Columns as the chain hashes them: occurred_at as UTC text with microseconds, ids as text. */
const CHAINED_COLUMNS = `r.id::text AS id, to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  r.actor_kind, r.actor_id, r.actor_subject, r.acting_unit, r.action, r.target, r.ip, r.request_id, r.before_digest, r.after_digest, r.meta`;

interface ChainedRow {
  id: string;
  occurred_at: string;
  actor_kind: string | null;
  actor_id: string | null;
  actor_subject: string | null;
  acting_unit: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  request_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  meta: Record<string, unknown> | null;
}

function toChained(row: ChainedRow, seq: number): ChainedRecord {
  return {
    seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorSubject: row.actor_subject,
    actingUnit: row.acting_unit,
    action: row.action,
    target: row.target,
    ip: row.ip,
    requestId: row.request_id,
    beforeDigest: row.before_digest,
    afterDigest: row.after_digest,
    meta: row.meta ?? {},
  };
}

/** The last sealed link, or null for an empty chain. */
export async function chainHead(q: Queryable): Promise<{ seq: number; hash: string } | null> {
  const r = await q.query<{ seq: string; hash: string }>(`SELECT r.seq::text AS seq, r.hash FROM audit.record r WHERE r.seq IS NOT NULL ORDER BY r.seq DESC LIMIT 1`);
  const row = r.rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Committed, not yet sealed records in insertion order (the seq each will get is filled by the caller). */
export async function unsealedBatch(q: Queryable, limit: number): Promise<((seq: number) => ChainedRecord)[]> {
  const r = await q.query<ChainedRow>(`SELECT ${CHAINED_COLUMNS} FROM audit.record r WHERE r.seq IS NULL ORDER BY r.id LIMIT $1`, [limit]);
  return r.rows.map((row) => (seq: number) => toChained(row, seq));
}

export async function writeSeals(q: Queryable, seals: { id: string; seq: number; prevHash: string; hash: string }[]): Promise<void> {
  if (!seals.length) return;
  await q.query(
    `UPDATE audit.record r SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash, sealed_at = now()
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev_hash, hash)
      WHERE r.id = u.id`,
    [seals.map((s) => s.id), seals.map((s) => s.seq), seals.map((s) => s.prevHash), seals.map((s) => s.hash)],
  );
}

/** Sealed links after `afterSeq`, in chain order. */
export async function sealedPage(q: Queryable, afterSeq: number, limit: number): Promise<StoredLink[]> {
  const r = await q.query<ChainedRow & { seq: string; prev_hash: string; hash: string }>(
    `SELECT ${CHAINED_COLUMNS}, r.seq::text AS seq, r.prev_hash, r.hash FROM audit.record r WHERE r.seq > $1 ORDER BY r.seq LIMIT $2`,
    [afterSeq, limit],
  );
  return r.rows.map((row) => ({ record: toChained(row, Number(row.seq)), prevHash: row.prev_hash, hash: row.hash }));
}

export async function hashAtSeq(q: Queryable, seq: number): Promise<string | null> {
  const r = await q.query<{ hash: string }>(`SELECT hash FROM audit.record WHERE seq = $1`, [seq]);
  return r.rows[0]?.hash ?? null;
}

export async function countUnsealed(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.record WHERE seq IS NULL`);
  return r.rows[0]?.n ?? 0;
}

export interface RecordFilter {
  actorId?: string;
  actingUnit?: string;
  /** Exact action, or a prefix ending in '*' ("identity.*"). */
  action?: string;
  target?: string;
  requestId?: string;
  from?: Date;
  to?: Date;
  /** Return records with id lower than this (pages go from newest to oldest). */
  before?: string;
  limit: number;
}

/** A stored record as listed: the chained columns, with its timestamp as a Date, its seq and hash once sealed. */
export interface RecordRow extends Omit<ChainedRow, 'occurred_at'> {
  seq: string | null;
  occurred_at: Date;
  hash: string | null;
}

export async function listRecords(q: Queryable, f: RecordFilter): Promise<RecordRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.actorId) add('r.actor_id = ?', f.actorId);
  if (f.actingUnit) add('r.acting_unit = ?', f.actingUnit);
  if (f.action?.endsWith('*')) add('r.action LIKE ?', f.action.slice(0, -1).replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  else if (f.action) add('r.action = ?', f.action);
  if (f.target) add('r.target = ?', f.target);
  if (f.requestId) add('r.request_id = ?', f.requestId);
  if (f.from) add('r.occurred_at >= ?', f.from);
  if (f.to) add('r.occurred_at < ?', f.to);
  if (f.before) add('r.id < ?::bigint', f.before);
  params.push(f.limit);
  const r = await q.query<RecordRow>(
    `SELECT r.id::text AS id, r.seq::text AS seq, r.occurred_at, r.actor_kind, r.actor_id, r.actor_subject, r.acting_unit, r.action,
            r.target, r.ip, r.request_id, r.before_digest, r.after_digest, r.meta, r.hash
       FROM audit.record r ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY r.id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}
