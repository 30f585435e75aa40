import crypto from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { IntegrationConfig } from './config.ts';
import { checkExchangeLinks, describeExchangeBreak, digest, entryHash, GENESIS, signHash, type ExchangeEntry, type SealedEntry } from './domain/exchange-chain.ts';

/**
 * The exchange message log (issue 10 §4): one entry for every exchange with another system — the national
 * portal, the population database, the data coordination platform, a client system's query — with the
 * digests of the request and the response (never their content), the time, the client and the HTTP
 * status; chained and signed at insert under an advisory lock (one writer at a time, a gap-free seq), and
 * verified by `lienthong exchange verify` (ADR 0077).
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

export function createExchangeLog(db: Db, key: IntegrationConfig['exchangeKey']) {
  return {
    async append(rec: ExchangeRecord): Promise<{ seq: number; hash: string }> {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
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
        await tx.query(
          `INSERT INTO integration.exchange_log (seq, id, occurred_at, system, direction, client_id, operation, request_digest, response_digest, status, prev_hash, hash, key_id, signature)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
          [entry.seq, entry.id, entry.occurredAt, entry.system, entry.direction, entry.clientId, entry.operation, entry.requestDigest, entry.responseDigest, entry.status, prevHash, hash, key.id, signHash(hash, key.privateKey)],
        );
        return { seq: entry.seq, hash };
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

    /** Recomputes every hash and checks every signature (the public keys of this deployment), page by page. */
    async verify(opts: { pageSize?: number; publicKeys?: crypto.KeyObject[] } = {}): Promise<ExchangeVerifyReport> {
      const keys = new Map<string, crypto.KeyObject>([[key.id, key.publicKey]]);
      for (const k of opts.publicKeys ?? []) keys.set(crypto.createHash('sha256').update(k.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16), k);
      let cursor = { seq: 0, hash: GENESIS };
      let checked = 0;
      for (;;) {
        const r = await db.query<Row>(`SELECT * FROM integration.exchange_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [cursor.seq, opts.pageSize ?? 1000]);
        if (!r.rows.length) break;
        const links: SealedEntry[] = r.rows.map((x) => ({ entry: toEntry(x), prevHash: x.prev_hash, hash: x.hash, keyId: x.key_id, signature: x.signature }));
        const res = checkExchangeLinks(links, cursor, keys);
        checked += res.checked;
        if (!res.ok) return { ok: false, checked, head: cursor.seq ? cursor : null, broken: { ...res.broken, message: describeExchangeBreak(res.broken) } };
        cursor = res.last;
      }
      return { ok: true, checked, head: cursor.seq ? cursor : null };
    },
  };
}

export type ExchangeLog = ReturnType<typeof createExchangeLog>;
