import crypto from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.ts';
import { checkExchangeLinks, describeExchangeBreak, digest, entryHash, GENESIS, signHash, type ExchangeEntry, type SealedEntry } from './domain/exchange-chain.ts';
import type { ExchangeKeys } from './exchange-keys.ts';

/**
 * The exchange message log (issue 10 §4): one entry for every exchange with another system — the national
 * portal, the population database, the data coordination platform, a client system's query — with the
 * digests of the request and the response (never their content), the time, the client and the HTTP
 * status; chained and signed at insert under an advisory lock (one writer at a time, a gap-free seq), and
 * verified by `lienthong exchange verify` (ADR 0077). Each entry names the key that signed it, so the key
 * can be replaced (`lienthong exchange rotate-key`, ADR 0146) and the older entries still verify.
 */
export interface ExchangeRecord {
  system: string;
  direction: 'outbound' | 'inbound';
  clientId?: string | null;
  operation: string;
  request?: unknown;
  response?: unknown;
  status?: number | null;
}

export interface ExchangeVerifyReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  broken?: { seq: number; reason: string; message: string };
}

export interface ExchangeView {
  seq: number;
  occurredAt: string;
  system: string;
  direction: string;
  clientId: string | null;
  operation: string;
  requestDigest: string | null;
  responseDigest: string | null;
  status: number | null;
  hash: string;
}

const LOCK = 727_011;

interface Row {
  seq: string | number;
  id: string;
  occurred_at: string;
  system: string;
  direction: 'outbound' | 'inbound';
  client_id: string | null;
  operation: string;
  request_digest: string | null;
  response_digest: string | null;
  status: number | null;
  prev_hash: string;
  hash: string;
  key_id: string;
  signature: string;
}

const toEntry = (r: Row): ExchangeEntry => ({
  seq: Number(r.seq),
  id: r.id,
  occurredAt: r.occurred_at,
  system: r.system,
  direction: r.direction,
  clientId: r.client_id,
  operation: r.operation,
  requestDigest: r.request_digest,
  responseDigest: r.response_digest,
  status: r.status,
});

/** Appends one entry in `tx`, which holds the log's lock: the next seq, chained to the head, signed. */
async function appendLocked(tx: Queryable, keys: ExchangeKeys, rec: ExchangeRecord): Promise<{ seq: number; hash: string }> {
  const head = (await tx.query<{ seq: string | number; hash: string }>(`SELECT seq, hash FROM integration.exchange_log ORDER BY seq DESC LIMIT 1`)).rows[0];
  const entry: ExchangeEntry = {
    seq: head ? Number(head.seq) + 1 : 1,
    id: crypto.randomUUID(),
    occurredAt: new Date().toISOString(),
    system: rec.system,
    direction: rec.direction,
    clientId: rec.clientId ?? null,
    operation: rec.operation,
    requestDigest: digest(rec.request),
    responseDigest: digest(rec.response),
    status: rec.status ?? null,
  };
  const prevHash = head?.hash ?? GENESIS;
  const hash = entryHash(prevHash, entry);
  const key = keys.signing(); // read under the lock: a key rotated by another process is used from its next entry
  await tx.query(
    `INSERT INTO integration.exchange_log (seq, id, occurred_at, system, direction, client_id, operation, request_digest, response_digest, status, prev_hash, hash, key_id, signature)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [entry.seq, entry.id, entry.occurredAt, entry.system, entry.direction, entry.clientId, entry.operation, entry.requestDigest, entry.responseDigest, entry.status, prevHash, hash, key.id, signHash(hash, key.privateKey)],
  );
  return { seq: entry.seq, hash };
}

export function createExchangeLog(db: Db, keys: ExchangeKeys) {
  return {
    async append(rec: ExchangeRecord): Promise<{ seq: number; hash: string }> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
        return appendLocked(tx, keys, rec);
      });
    },

    /**
     * Replaces the signing key (generated keys only): the old key stays trusted for the entries up to the
     * current head, and the rotation itself is the first entry signed by the new key.
     */
    async rotateKey(): Promise<{ retired: string; current: string; lastSeq: number }> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
        const head = (await tx.query<{ seq: string | number }>(`SELECT seq FROM integration.exchange_log ORDER BY seq DESC LIMIT 1`)).rows[0];
        const lastSeq = head ? Number(head.seq) : 0;
        const r = keys.rotate(lastSeq);
        await appendLocked(tx, keys, { system: 'lienthong', direction: 'outbound', operation: 'exchange.key.rotate', request: { retired: r.retired, current: r.current, lastSeq } });
        return { ...r, lastSeq };
      });
    },

    async list(filter: { system?: string; clientId?: string; limit: number }): Promise<ExchangeView[]> {
      const r = await db.query<Row>(
        `SELECT * FROM integration.exchange_log WHERE ($1::text IS NULL OR system = $1) AND ($2::text IS NULL OR client_id = $2) ORDER BY seq DESC LIMIT $3`,
        [filter.system ?? null, filter.clientId ?? null, filter.limit],
      );
      return r.rows.map((x) => {
        const e = toEntry(x);
        return { seq: e.seq, occurredAt: e.occurredAt, system: e.system, direction: e.direction, clientId: e.clientId, operation: e.operation, requestDigest: e.requestDigest, responseDigest: e.responseDigest, status: e.status, hash: x.hash };
      });
    },

    /** Recomputes every hash and checks every signature with the key the entry names (current or retired), page by page. */
    async verify(opts: { pageSize?: number } = {}): Promise<ExchangeVerifyReport> {
      const trusted = keys.trusted();
      let cursor = { seq: 0, hash: GENESIS };
      let checked = 0;
      for (;;) {
        const r = await db.query<Row>(`SELECT * FROM integration.exchange_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor.seq, opts.pageSize ?? 1000]);
        if (!r.rows.length) break;
        const links: SealedEntry[] = r.rows.map((x) => ({ entry: toEntry(x), prevHash: x.prev_hash, hash: x.hash, keyId: x.key_id, signature: x.signature }));
        const res = checkExchangeLinks(links, cursor, trusted);
        checked += res.checked;
        if (!res.ok) return { ok: false, checked, head: cursor.seq ? cursor : null, broken: { ...res.broken, message: describeExchangeBreak(res.broken) } };
        cursor = res.last;
      }
      return { ok: true, checked, head: cursor.seq ? cursor : null };
    },
  };
}

export type ExchangeLog = ReturnType<typeof createExchangeLog>;
