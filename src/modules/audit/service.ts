import type { Db, Queryable } from '../../platform/db.ts';
import type { AuditEntry, AuditTrail } from '../../platform/audit.ts';
import type { Logger } from '../../platform/logger.ts';
import { maskDeep, maskIdNumber, maskText } from '../../platform/mask.ts';
import { digestOf, GENESIS_HASH, linkHash } from './domain/chain-hash/chain-hash.ts';
import { checkAnchor, checkLinks, describeBroken, type BrokenLink, type ChainCursor } from './domain/verify-chain/verify-chain.ts';
import { auditRequestContext } from './request-context.ts';
import * as store from './store.ts';

/** An audit entry with optional non-personal details (route, status...) kept in clear in `meta`. */
export interface AuditAppendEntry extends Omit<AuditEntry, 'actor'> {
  /** Who acted; when omitted, the principal of the HTTP request being served (null = the system). */
  actor?: AuditEntry['actor'];
  meta?: Record<string, unknown>;
}

export interface SealResult {
  sealed: number;
  head: ChainCursor | null;
}

export interface VerifyReport {
  ok: boolean;
  /** Sealed records checked. */
  checked: number;
  /** Records written but not sealed yet (the chainer seals them within a second while the server runs). */
  unsealed: number;
  head: ChainCursor | null;
  broken?: BrokenLink & { message: string };
}

export interface AuditRecordView {
  id: string;
  seq: number | null;
  occurredAt: string;
  actor: { kind: string | null; id: string | null; subject: string | null } | null;
  actingUnit: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  requestId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  meta: Record<string, unknown>;
  hash: string | null;
}

export interface AuditService extends AuditTrail {
  /** Appends one record inside the caller's transaction (no lock: the chain is sealed later, in batches). */
  append(tx: Queryable, entry: AuditAppendEntry): Promise<void>;
  /** Seals every committed, unsealed record (in batches); safe to call from several processes at once. */
  seal(opts?: { batchSize?: number }): Promise<SealResult>;
  /** Recomputes the whole chain and reports the first broken link; `anchor` also checks the tail. */
  verify(opts?: { anchor?: ChainCursor; pageSize?: number }): Promise<VerifyReport>;
  list(filter: store.RecordFilter): Promise<{ items: AuditRecordView[]; nextCursor: string | null }>;
}

/** Advisory lock key held by the one chainer that seals at a time ("lienthong audit chain"). */
const CHAIN_LOCK = 727_002;

/**
 * The audit trail. Design for throughput (ADR 0024): `append` is a plain INSERT in the caller's
 * transaction — concurrent writers never wait for each other, and a rolled-back change leaves no record.
 * `seal` is the only writer of the chain: under an advisory lock it reads the head, takes the committed
 * unsealed rows in id order, computes each hash from the previous one, and writes the seals with one
 * UPDATE per batch. Hashing and chaining cost is paid once per batch, off the request path.
 */
export function createAuditService(db: Db, log?: Logger): AuditService {
  const svc: AuditService = {
    async append(tx, entry) {
      const ctx = auditRequestContext.getStore();
      if (ctx) ctx.appended = true;
      const actor = entry.actor !== undefined ? entry.actor : (ctx?.principal ? { kind: ctx.principal.kind, id: ctx.principal.id, subject: ctx.principal.subject } : null);
      const subject = actor ? (actor.kind === 'citizen' ? maskIdNumber(actor.subject) : maskText(actor.subject)) : null;
      await store.insertRecord(tx, {
        actorKind: actor?.kind ?? null,
        actorId: actor?.id ?? null,
        actorSubject: subject,
        actingUnit: entry.actingUnit ?? ctx?.principal?.unitCode ?? null,
        action: entry.action,
        target: entry.target ? maskText(entry.target) : null,
        ip: entry.ip ?? ctx?.ip ?? null,
        requestId: entry.requestId ?? ctx?.requestId ?? null,
        beforeDigest: digestOf(entry.before),
        afterDigest: digestOf(entry.after),
        meta: (maskDeep(entry.meta ?? {}) as Record<string, unknown>) ?? {},
      });
    },

    async seal(opts = {}) {
      const batchSize = opts.batchSize ?? 2000;
      let total = 0;
      let head: ChainCursor | null = null;
      for (;;) {
        const r = await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
          const current = (await store.chainHead(tx)) ?? { seq: 0, hash: GENESIS_HASH };
          const pending = await store.unsealedBatch(tx, batchSize);
          let cursor = current;
          const seals = pending.map((make) => {
            const record = make(cursor.seq + 1);
            const hash = linkHash(cursor.hash, record);
            const seal = { id: record.id, seq: record.seq, prevHash: cursor.hash, hash };
            cursor = { seq: record.seq, hash };
            return seal;
          });
          await store.writeSeals(tx, seals);
          return { n: seals.length, head: cursor.seq ? cursor : null };
        });
        total += r.n;
        head = r.head;
        if (r.n < batchSize) break;
      }
      if (total) log?.debug({ sealed: total, head }, 'audit chain sealed');
      return { sealed: total, head };
    },

    async verify(opts = {}) {
      const pageSize = opts.pageSize ?? 5000;
      let cursor: ChainCursor = { seq: 0, hash: GENESIS_HASH };
      let checked = 0;
      let broken: BrokenLink | undefined;
      for (;;) {
        const page = await store.sealedPage(db, cursor.seq, pageSize);
        if (!page.length) break;
        const r = checkLinks(page, cursor);
        checked += r.checked;
        if (!r.ok) {
          broken = r.broken;
          break;
        }
        cursor = r.last;
        if (page.length < pageSize) break;
      }
      if (!broken && opts.anchor) {
        const b = checkAnchor(opts.anchor, opts.anchor.seq <= cursor.seq ? await store.hashAtSeq(db, opts.anchor.seq) : null);
        if (b) broken = b;
      }
      const unsealed = await store.countUnsealed(db);
      return {
        ok: !broken,
        checked,
        unsealed,
        head: cursor.seq ? cursor : null,
        ...(broken ? { broken: { ...broken, message: describeBroken(broken) } } : {}),
      };
    },

    async list(filter) {
      const rows = await store.listRecords(db, { ...filter, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      return {
        items: page.map(toView),
        nextCursor: rows.length > filter.limit ? page[page.length - 1]!.id : null,
      };
    },
  };
  return svc;
}

function toView(r: store.RecordRow): AuditRecordView {
  return {
    id: r.id,
    seq: r.seq === null ? null : Number(r.seq),
    occurredAt: r.occurred_at.toISOString(),
    actor: r.actor_kind || r.actor_id ? { kind: r.actor_kind, id: r.actor_id, subject: r.actor_subject } : null,
    actingUnit: r.acting_unit,
    action: r.action,
    target: r.target,
    ip: r.ip,
    requestId: r.request_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    meta: r.meta ?? {},
    hash: r.hash,
  };
}
