import crypto from 'node:crypto';
import { deleteOlderThan, type Db, type DedicatedConnection, type Queryable } from './db.ts';
import type { Logger } from './logger.ts';
import { runEvery } from './schedule.ts';
import { isDue, matchesTypes, nextAfterFailure, type RetryPolicy, DEFAULT_RETRY } from './events/policy.ts';

export { matchesTypes, backoffDelay, nextAfterFailure, DEFAULT_RETRY, type RetryPolicy } from './events/policy.ts';

/** A domain event, written in the same transaction as the change it describes (transactional outbox). */
export interface DomainEvent<P = Record<string, unknown>> {
  type: string; // "<module>.<aggregate>.<verb>", e.g. "catalog.offering.changed"
  aggregateType: string;
  aggregateId: string;
  payload: P;
}

export interface StoredEvent extends DomainEvent {
  seq: number;
  eventId: string;
  occurredAt: Date;
}

/** The channel a committed event wakes the relays on (LISTEN/NOTIFY; delivered only at commit). */
export const EVENTS_CHANNEL = 'lienthong_events';

/** Transactions that have already asked for the commit-time notification (one round trip per transaction, not per event). */
const notified = new WeakSet<object>();

export async function emitEvent(tx: Queryable, event: DomainEvent): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO platform.outbox_event (event_id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5)`,
    [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
  );
  // wakes every relay listening, at commit. A Db (not a transaction) commits each statement: notify each
  // time; a transaction object lives for one transaction only, so once is enough.
  const isDb = typeof (tx as { transaction?: unknown }).transaction === 'function';
  if (isDb || !notified.has(tx)) {
    await tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
    if (!isDb) notified.add(tx);
  }
  return id;
}

/**
 * A durable subscriber of outbox events.
 *  - `name`: its durable id ("analytics.projection"): its position, retries and dead letters are kept
 *    under this name in the database, so it resumes where it stopped after a restart.
 *  - `types`: exact event types or prefixes ending in '*' ("dossiers.dossier.*").
 *  - `handle`: must be idempotent on `event.eventId` (delivery is at least once). Throwing schedules a
 *    retry of that event (exponential back-off with jitter) and holds the later events of the same
 *    aggregate behind it; other aggregates and other subscribers go on.
 */
export interface Subscriber {
  name: string;
  types: readonly string[];
  handle: (event: StoredEvent) => Promise<void>;
  /** Where a subscriber seen for the first time starts: every stored event (default) or only new ones. */
  startAt?: 'beginning' | 'end';
  /** How many aggregates are delivered at the same time (order is kept within an aggregate). Default 1. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
}

/** A subscriber's state, for the back office and the CLI. */
export interface SubscriberStatus {
  name: string;
  types: string[];
  registered: boolean;
  /** Events delivered, waiting for a retry, held behind a failed event, dead. */
  delivered: number;
  retrying: number;
  waiting: number;
  dead: number;
  lastDeliveredAt: string | null;
  lastError: string | null;
}

export interface ParkedEvent {
  subscriber: string;
  seq: number;
  eventId: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  status: 'retry' | 'waiting' | 'dead';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  occurredAt: string;
}

export interface DeliveryLogEntry {
  id: number;
  subscriber: string;
  seq: number;
  eventId: string;
  type: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'dead' | 'replayed' | 'rewound';
  error: string | null;
  durationMs: number | null;
  at: string;
}

export interface DrainReport {
  delivered: number;
  failed: number;
  dead: number;
}

/**
 * Event types that may leave the platform (webhooks, NATS), declared by the module that owns them: what
 * of the payload goes out (ids and statuses, never personal data) and the permission a client system
 * must hold (as a scope) to receive them.
 */
export interface PublicEventDeclaration {
  /** Exact types or prefixes ending in '*'. */
  types: readonly string[];
  /** The permission a receiving client needs ("dossiers.read"). */
  readPermission: string;
  /** The data sent out: an allow-list of the payload's fields. */
  data: (event: StoredEvent) => Record<string, unknown>;
}

/** A source of subscribers that change at run time (webhook subscriptions...), listed on every pass. */
export type SubscriberSource = () => Promise<Subscriber[]>;

export interface OutboxRelayOptions {
  log?: Logger;
  /** The clock (tests pass a fixed one). */
  clock?: () => Date;
  /** Events read per subscriber per pass. */
  batch?: number;
  /** Polling interval when no notification arrives (fallback for LISTEN/NOTIFY). */
  pollMs?: number;
  /**
   * How many subscribers are delivered at the same time, each by its own worker (a slow or failing one
   * delays only itself). Their locks share one dedicated connection; their queries use the pool. Default 4.
   */
  parallel?: number;
  /** A background worker woken during a batch waits this long before the next one, to read the commits of that moment together. Default 20 ms. */
  coalesceMs?: number;
  /** Days the delivery log keeps an attempt (the running relay deletes older ones every hour). Default 90. */
  deliveryLogDays?: number;
}

interface EventRow {
  seq: string;
  event_id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

interface Cursor {
  xid_from: string;
  xid_to: string | null;
  seq_after: string;
  /** The oldest transaction still open on the server: every event below it is final. */
  horizon: string;
}

interface LogRow {
  seq: number;
  eventId: string;
  attempt: number;
  outcome: DeliveryLogEntry['outcome'];
  error: string | null;
  durationMs: number | null;
}

interface Park {
  seq: number;
  eventId: string;
  key: string;
  status: 'retry' | 'waiting' | 'dead';
  attempts: number;
  nextAttemptAt: Date | null;
  error: string | null;
}

const toEvent = (r: EventRow): StoredEvent => ({
  seq: Number(r.seq),
  eventId: r.event_id,
  type: r.type,
  aggregateType: r.aggregate_type,
  aggregateId: r.aggregate_id,
  payload: r.payload,
  occurredAt: r.occurred_at,
});

const keyOf = (e: Pick<StoredEvent, 'aggregateType' | 'aggregateId'>) => `${e.aggregateType}:${e.aggregateId}`;

function errorText(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.slice(0, 500);
}

/** A stable advisory-lock key for a subscriber name (two 32-bit halves of its SHA-256). */
function lockKey(name: string): [number, number] {
  const h = crypto.createHash('sha256').update(`lienthong.events:${name}`).digest();
  return [h.readInt32BE(0), h.readInt32BE(4)];
}

/** Subscribers being delivered in this process, per database (relays sharing a Db share its lock session). */
const busyByDb = new WeakMap<object, Set<string>>();

/**
 * The connection holding this process's subscriber locks, one per database: locks are taken and released
 * on it while the deliveries' queries use the pool, so that delivering several subscribers at once never
 * waits for a pool connection held by a lock. Reopened when the server cut it.
 */
const lockSessions = new WeakMap<Db, Promise<DedicatedConnection | Queryable>>();

async function lockSession(db: Db): Promise<DedicatedConnection | Queryable> {
  let s = lockSessions.get(db);
  if (s) {
    const c = await s.catch(() => null);
    if (c && !('broken' in c && c.broken)) return c;
  }
  s = db.dedicated ? db.dedicated() : Promise.resolve(db);
  lockSessions.set(db, s);
  s.catch(() => lockSessions.delete(db));
  return s;
}


/** Runs `fn` for each item with at most `n` at a time. */
async function eachLimited<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  });
  await Promise.all(workers);
}

/** At most `n` holders at a time: `await acquire()` returns the release function. */
function semaphore(n: number): () => Promise<() => void> {
  let free = n;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  return async () => {
    if (free > 0) free--;
    else await new Promise<void>((r) => queue.push(r));
    return release;
  };
}

/**
 * Runs `fn` for each event, the events of one aggregate one after the other in the given order, at most
 * `n` aggregates at a time (n = 1: every event in the given order).
 */
async function eachGroupInOrder<E extends Pick<StoredEvent, 'aggregateType' | 'aggregateId'>>(events: E[], n: number, fn: (e: E) => Promise<void>): Promise<void> {
  if (n <= 1) {
    for (const e of events) await fn(e);
    return;
  }
  const groups = new Map<string, E[]>();
  for (const e of events) {
    const k = keyOf(e);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  await eachLimited([...groups.values()], n, async (list) => {
    for (const e of list) await fn(e);
  });
}

/**
 * Delivers outbox events to durable subscribers (ADR 0070, docs/events.md):
 *  - each subscriber has its own position (a transaction-id horizon, so that an event committed late by a
 *    long transaction is never skipped), its own retries, dead letters and delivery log;
 *  - at least once, in order per aggregate; a failing event holds only the later events of its aggregate
 *    for that subscriber;
 *  - several instances on one PostgreSQL: a subscriber is delivered by one instance at a time (advisory
 *    lock on a dedicated connection);
 *  - woken at commit by LISTEN/NOTIFY, polling as the fallback.
 */
export class OutboxRelay {
  private subscribers = new Map<string, Subscriber>();
  private sources: SubscriberSource[] = [];
  private publics: PublicEventDeclaration[] = [];
  /** Subscribers this relay has seen registered in the database. */
  private known = new Set<string>();
  /** Per subscriber: before this time (ms since the epoch, relay clock) no retry is due. */
  private retryCheckAt = new Map<string, number>();
  private readonly log?: Logger;
  private readonly clock: () => Date;
  private readonly batch: number;
  private readonly pollMs: number;
  private readonly parallel: number;
  private readonly coalesceMs: number;
  private readonly deliveryLogDays: number;

  constructor(private readonly db: Db, o: OutboxRelayOptions = {}) {
    this.log = o.log;
    this.clock = o.clock ?? (() => new Date());
    this.batch = o.batch ?? 200;
    this.pollMs = o.pollMs ?? 1000;
    this.parallel = Math.max(1, o.parallel ?? 4);
    this.coalesceMs = o.coalesceMs ?? 20;
    this.deliveryLogDays = o.deliveryLogDays ?? 90;
  }

  /** Adds a durable subscriber (in a module's `create`). Names are unique. */
  subscribe(sub: Subscriber): void {
    if (!/^[a-z0-9][a-z0-9._:-]{0,127}$/i.test(sub.name)) throw new Error(`Tên bên nhận sự kiện không hợp lệ: ${sub.name}`);
    if (this.subscribers.has(sub.name)) throw new Error(`Bên nhận sự kiện "${sub.name}" đã được đăng ký.`);
    if (!sub.types.length) throw new Error(`Bên nhận sự kiện "${sub.name}" chưa khai báo loại sự kiện nào.`);
    this.subscribers.set(sub.name, sub);
  }

  /** Declares event types that may leave the platform (in the owning module's `create`). */
  declarePublic(decl: PublicEventDeclaration): void {
    this.publics.push(decl);
  }

  /** The declaration covering an event type, or null: events not declared never leave the platform. */
  publicDeclaration(type: string): PublicEventDeclaration | null {
    return this.publics.find((d) => matchesTypes(d.types, type)) ?? null;
  }

  /** Every type pattern declared public (for the back office and validation of subscriptions). */
  publicTypes(): { types: readonly string[]; readPermission: string }[] {
    return this.publics.map((d) => ({ types: d.types, readPermission: d.readPermission }));
  }

  /** Adds a source of subscribers listed on every pass (webhook subscriptions, the NATS publisher). */
  addSource(source: SubscriberSource): void {
    this.sources.push(source);
  }

  /** Every subscriber: the in-process ones and those of the sources. */
  async listSubscribers(): Promise<Subscriber[]> {
    const all = [...this.subscribers.values()];
    for (const s of this.sources) all.push(...(await s()));
    return all;
  }

  /**
   * Records the subscribers not yet known to the database, at their start position. Called when the
   * runtime opens (so that a subscriber starting at 'end' starts before any event of this runtime).
   */
  async register(subs?: Subscriber[]): Promise<void> {
    for (const s of subs ?? [...this.subscribers.values()]) await registerSubscriber(this.db, s.name, s.startAt ?? 'beginning');
  }

  /**
   * Delivers every pending event to every subscriber until none is left (tests, the CLI). Events whose
   * retry is not due stay pending; with `retryNow` every retry is treated as due (dead letters stay dead).
   */
  async drain(opts: { retryNow?: boolean; maxPasses?: number; waitMs?: number } = {}): Promise<DrainReport> {
    const total: DrainReport = { delivered: 0, failed: 0, dead: 0 };
    // Committed events can wait above the horizon while an older transaction is still open — on a
    // PostgreSQL server, in any database of the cluster (the horizon is the server's oldest open
    // transaction) — and a subscriber can be in delivery by this process's background relay. A drain
    // waits for both (bounded by waitMs) instead of returning before the events it was asked for.
    const deadline = Date.now() + (opts.waitMs ?? 30_000);
    for (let pass = 0; pass < (opts.maxPasses ?? 1000); pass++) {
      const r = await this.relayOnce({ retryNow: opts.retryNow });
      total.delivered += r.delivered;
      total.failed += r.failed;
      total.dead += r.dead;
      if (r.delivered > 0 || r.more) continue;
      // failures alone end the drain: they wait for their retry (or for the next drain with retryNow)
      if (Date.now() < deadline && (r.busy || (await this.pendingFor(r.subscribers)))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        pass--;
        continue;
      }
      break;
    }
    return total;
  }

  /** One pass over every subscriber (one batch each). */
  async relayOnce(opts: { retryNow?: boolean } = {}): Promise<DrainReport & { more: boolean; busy: boolean; subscribers: string[] }> {
    const subs = await this.listSubscribers();
    const total = { delivered: 0, failed: 0, dead: 0, more: false, busy: false, subscribers: subs.map((s) => s.name) };
    // subscribers side by side (a slow one does not hold the others back), a few at a time
    await eachLimited(subs, this.parallel, async (s) => {
      const r = await this.deliverSubscriber(s, opts.retryNow ?? false);
      if (!r) {
        total.busy = true;
        return;
      }
      total.delivered += r.delivered;
      total.failed += r.failed;
      total.dead += r.dead;
      total.more ||= r.more;
    });
    return total;
  }

  /** Delivers one batch for one subscriber, if no other instance is delivering it; null when it is busy. */
  async deliverSubscriber(sub: Subscriber, retryNow = false): Promise<(DrainReport & { more: boolean }) | null> {
    return this.holding(sub, () => this.deliverBatch(sub, retryNow));
  }

  /**
   * Runs fn while holding the subscriber: no other relay of this process (busy set) nor of another
   * instance (advisory lock on the lock session) delivers it meanwhile. Null when it is held elsewhere.
   */
  private async holding<T>(sub: Subscriber, fn: () => Promise<T>): Promise<T | null> {
    let busy = busyByDb.get(this.db);
    if (!busy) busyByDb.set(this.db, (busy = new Set()));
    if (busy.has(sub.name)) return null;
    busy.add(sub.name);
    try {
      const session = await lockSession(this.db);
      const [k1, k2] = lockKey(sub.name);
      const got = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [k1, k2]);
      if (!got.rows[0]?.ok) return null;
      try {
        if (!this.known.has(sub.name)) {
          await registerSubscriber(this.db, sub.name, sub.startAt ?? 'beginning');
          this.known.add(sub.name);
        }
        return await fn();
      } finally {
        await session.query('SELECT pg_advisory_unlock($1, $2)', [k1, k2]).catch(() => undefined);
      }
    } finally {
      busy.delete(sub.name);
    }
  }

  /** One batch: the retries due, then the new events. */
  private async deliverBatch(sub: Subscriber, retryNow: boolean): Promise<DrainReport & { more: boolean }> {
    const retried = await this.deliverRetries(sub, retryNow);
    const fresh = await this.deliverFresh(sub);
    return { delivered: retried.delivered + fresh.delivered, failed: retried.failed + fresh.failed, dead: retried.dead + fresh.dead, more: fresh.more || retried.more };
  }

  private policy(sub: Subscriber): RetryPolicy {
    return { ...DEFAULT_RETRY, ...(sub.retry ?? {}) };
  }

  /** Calls the handler; returns the error text on failure. */
  private async call(sub: Subscriber, e: StoredEvent): Promise<{ error: string | null; ms: number }> {
    const t0 = performance.now();
    try {
      await sub.handle(e);
      return { error: null, ms: Math.round(performance.now() - t0) };
    } catch (err) {
      const error = errorText(err);
      this.log?.warn({ subscriber: sub.name, event: e.type, seq: e.seq, error }, 'bên nhận sự kiện lỗi; sẽ thử lại');
      return { error, ms: Math.round(performance.now() - t0) };
    }
  }

  /** New events after the subscriber's position. */
  private async deliverFresh(sub: Subscriber): Promise<DrainReport & { more: boolean }> {
    const report = { delivered: 0, failed: 0, dead: 0, more: false };
    const cur = await this.db.query<Cursor>(
      `SELECT xid_from::text AS xid_from, xid_to::text AS xid_to, seq_after::text AS seq_after, pg_snapshot_xmin(pg_current_snapshot())::text AS horizon
         FROM platform.event_subscriber WHERE name = $1`,
      [sub.name],
    );
    const c = cur.rows[0];
    if (!c) return report;
    // a window [xid_from, xid_to) is read in batches; a new one ends at the horizon: every transaction
    // below it has ended, so the events below it are final
    const xidTo = c.xid_to ?? c.horizon;
    const seqAfter = c.xid_to ? c.seq_after : '0';
    if (xidTo === c.xid_from) return report;
    const { exact, prefixes } = splitTypes(sub.types);
    const r = await this.db.query<EventRow>(
      `SELECT seq, event_id, type, aggregate_type, aggregate_id, payload, occurred_at FROM platform.outbox_event
        WHERE xid >= $1::xid8 AND xid < $2::xid8 AND seq > $3 AND (type = ANY($4::text[]) OR type LIKE ANY($5::text[]))
        ORDER BY seq LIMIT $6`,
      [c.xid_from, xidTo, seqAfter, exact, prefixes, this.batch],
    );
    const events = r.rows.map(toEvent);
    const finished = events.length < this.batch;
    const blocked = new Set<string>();
    if (events.length) {
      const keys = [...new Set(events.map(keyOf))];
      const b = await this.db.query<{ aggregate_key: string }>(
        'SELECT DISTINCT aggregate_key FROM platform.event_parked WHERE subscriber = $1 AND aggregate_key = ANY($2::text[])',
        [sub.name, keys],
      );
      for (const x of b.rows) blocked.add(x.aggregate_key);
    }
    const parks: Park[] = [];
    const logs: LogRow[] = [];
    const policy = this.policy(sub);
    /** Delivers one event unless its aggregate is held; a failure holds the aggregate from then on. */
    const deliver = async (e: StoredEvent) => {
      const k = keyOf(e);
      if (blocked.has(k)) {
        parks.push({ seq: e.seq, eventId: e.eventId, key: k, status: 'waiting', attempts: 0, nextAttemptAt: null, error: null });
        return;
      }
      const res = await this.call(sub, e);
      if (!res.error) {
        report.delivered++;
        logs.push({ seq: e.seq, eventId: e.eventId, attempt: 1, outcome: 'delivered', error: null, durationMs: res.ms });
        return;
      }
      blocked.add(k);
      const next = nextAfterFailure(1, this.clock(), policy);
      report[next.status === 'dead' ? 'dead' : 'failed']++;
      logs.push({ seq: e.seq, eventId: e.eventId, attempt: 1, outcome: next.status === 'dead' ? 'dead' : 'failed', error: res.error, durationMs: res.ms });
      parks.push({ seq: e.seq, eventId: e.eventId, key: k, status: next.status, attempts: 1, nextAttemptAt: next.nextAttemptAt, error: res.error });
      if (next.nextAttemptAt) this.retryNoLaterThan(sub.name, next.nextAttemptAt.getTime());
    };
    await eachGroupInOrder(events, sub.concurrency ?? 1, deliver);
    const last = events.at(-1);
    // the new position, saved only if it is still the one read (compare and set): an instance that lost
    // its lock while delivering (its lock connection cut) cannot move back a position another one moved
    const [set, params] = finished
      ? [`xid_from = $5::xid8, xid_to = NULL, seq_after = 0`, [xidTo]]
      : [`xid_to = $5::xid8, seq_after = $6`, [xidTo, last!.seq]];
    const move = async (q: Queryable) =>
      (
        await q.query(
          `UPDATE platform.event_subscriber SET ${set}, updated_at = now()${report.delivered ? ', last_delivered_at = now()' : ''}
            WHERE name = $1 AND xid_from = $2::xid8 AND xid_to IS NOT DISTINCT FROM $3::xid8 AND seq_after = $4`,
          [sub.name, c.xid_from, c.xid_to, c.seq_after, ...params],
        )
      ).rowCount > 0;
    const saved = !events.length
      ? await move(this.db) // nothing taken: the position alone moves, one statement
      : await this.db.transaction(async (tx) => {
          if (!(await move(tx))) return false;
          await insertParks(tx, sub.name, parks);
          await insertLogs(tx, sub.name, logs);
          return true;
        });
    if (!saved) {
      this.log?.warn({ subscriber: sub.name }, 'vị trí của bên nhận sự kiện đã được một phiên bản khác chuyển đi; bỏ lượt này');
      return { delivered: 0, failed: 0, dead: 0, more: true };
    }
    report.more = !finished;
    return report;
  }

  /** The next look at a subscriber's retries is no later than `at` (ms since the epoch). */
  private retryNoLaterThan(name: string, at: number): void {
    const cur = this.retryCheckAt.get(name);
    if (cur === undefined || at < cur) this.retryCheckAt.set(name, at);
  }

  /**
   * Events parked for a retry whose time has come, each followed by the events waiting behind it, in a
   * few statements for the whole batch. Every held aggregate has one head ('retry' or 'dead', never
   * 'waiting'), so the due heads are an index range (subscriber, status, next_attempt_at), and between
   * two due times the subscriber does not look at all (at most `pollMs` apart: another instance may
   * replay a dead letter).
   */
  private async deliverRetries(sub: Subscriber, retryNow: boolean): Promise<DrainReport & { more: boolean }> {
    const report = { delivered: 0, failed: 0, dead: 0, more: false };
    const now = this.clock();
    if (!retryNow && (this.retryCheckAt.get(sub.name) ?? 0) > now.getTime()) return report;
    const heads = await this.db.query<EventRow & { attempts: number; aggregate_key: string }>(
      `SELECT o.seq, o.event_id, o.type, o.aggregate_type, o.aggregate_id, o.payload, o.occurred_at, p.attempts, p.aggregate_key
         FROM platform.event_parked p JOIN platform.outbox_event o ON o.seq = p.seq
        WHERE p.subscriber = $1 AND p.status = 'retry' AND ($2::boolean OR p.next_attempt_at <= $3)
        ORDER BY p.next_attempt_at, p.seq LIMIT $4`,
      [sub.name, retryNow, now, this.batch],
    );
    const policy = this.policy(sub);
    const done: { seq: number; eventId: string; attempt: number; ms: number }[] = [];
    const failed: { seq: number; eventId: string; attempt: number; ms: number; error: string; next: ReturnType<typeof nextAfterFailure> }[] = [];
    /** Delivers one parked event; false when it failed (it becomes its aggregate's head). */
    const deliver = async (e: StoredEvent, attempts: number): Promise<boolean> => {
      const res = await this.call(sub, e);
      if (!res.error) {
        done.push({ seq: e.seq, eventId: e.eventId, attempt: attempts + 1, ms: res.ms });
        return true;
      }
      failed.push({ seq: e.seq, eventId: e.eventId, attempt: attempts + 1, ms: res.ms, error: res.error, next: nextAfterFailure(attempts + 1, this.clock(), policy) });
      return false;
    };
    const freed: string[] = [];
    await eachLimited(heads.rows, sub.concurrency ?? 1, async (h) => {
      if (await deliver(toEvent(h), h.attempts)) freed.push(h.aggregate_key);
    });
    // the events held behind the heads delivered, in order per aggregate, up to a batch
    let cut = false;
    if (freed.length) {
      const rows = await this.db.query<EventRow & { attempts: number }>(
        `SELECT o.seq, o.event_id, o.type, o.aggregate_type, o.aggregate_id, o.payload, o.occurred_at, p.attempts
           FROM platform.event_parked p JOIN platform.outbox_event o ON o.seq = p.seq
          WHERE p.subscriber = $1 AND p.aggregate_key = ANY($2::text[]) AND p.status = 'waiting'
          ORDER BY p.seq LIMIT $3`,
        [sub.name, freed, this.batch],
      );
      cut = rows.rows.length === this.batch;
      const stopped = new Set<string>();
      await eachGroupInOrder(rows.rows.map((x) => ({ ...toEvent(x), attempts: x.attempts })), sub.concurrency ?? 1, async (e) => {
        const k = keyOf(e);
        if (stopped.has(k)) return;
        if (!(await deliver(e, e.attempts))) stopped.add(k);
      });
    }
    if (!heads.rows.length) {
      this.retryCheckAt.set(sub.name, await this.nextRetryCheck(sub.name, now));
      return report;
    }
    report.delivered = done.length;
    for (const f of failed) report[f.next.status === 'dead' ? 'dead' : 'failed']++;
    await this.db.transaction(async (tx) => {
      if (done.length) {
        await tx.query('DELETE FROM platform.event_parked WHERE subscriber = $1 AND seq = ANY($2::bigint[])', [sub.name, done.map((d) => d.seq)]);
        await tx.query('UPDATE platform.event_subscriber SET last_delivered_at = now() WHERE name = $1', [sub.name]);
      }
      if (failed.length)
        await tx.query(
          `UPDATE platform.event_parked p SET status = x.st, attempts = x.a, next_attempt_at = x.n, last_error = x.e, updated_at = now()
             FROM unnest($2::bigint[], $3::text[], $4::int[], $5::timestamptz[], $6::text[]) AS x(seq, st, a, n, e)
            WHERE p.subscriber = $1 AND p.seq = x.seq`,
          [sub.name, failed.map((f) => f.seq), failed.map((f) => f.next.status), failed.map((f) => f.attempt), failed.map((f) => f.next.nextAttemptAt), failed.map((f) => f.error)],
        );
      // an aggregate whose held events were not all taken: its next one becomes its head, due now
      if (freed.length)
        await tx.query(
          `UPDATE platform.event_parked p SET status = 'retry', next_attempt_at = $3, updated_at = now()
            WHERE p.subscriber = $1 AND p.aggregate_key = ANY($2::text[]) AND p.status = 'waiting'
              AND p.seq = (SELECT min(q.seq) FROM platform.event_parked q WHERE q.subscriber = p.subscriber AND q.aggregate_key = p.aggregate_key)`,
          [sub.name, freed, this.clock()],
        );
      await insertLogs(tx, sub.name, [
        ...done.map((d) => ({ seq: d.seq, eventId: d.eventId, attempt: d.attempt, outcome: 'delivered' as const, error: null, durationMs: d.ms })),
        ...failed.map((f) => ({ seq: f.seq, eventId: f.eventId, attempt: f.attempt, outcome: f.next.status === 'dead' ? ('dead' as const) : ('failed' as const), error: f.error, durationMs: f.ms })),
      ]);
    });
    report.more = cut || heads.rows.length === this.batch;
    this.retryCheckAt.set(sub.name, report.more ? 0 : await this.nextRetryCheck(sub.name, now));
    return report;
  }

  /** When a subscriber's retries must be looked at next: its earliest planned retry, at most `pollMs` away. */
  private async nextRetryCheck(name: string, now: Date): Promise<number> {
    const r = await this.db.query<{ at: Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM platform.event_parked WHERE subscriber = $1 AND status = 'retry'`,
      [name],
    );
    const at = r.rows[0]?.at ? new Date(r.rows[0].at).getTime() : Infinity;
    return Math.min(at, now.getTime() + this.pollMs);
  }

  /**
   * Starts delivering in the background: each subscriber by its own worker (at most `parallel` at a
   * time), so that a slow or failing subscriber — a webhook receiver that times out, retries due — delays
   * only itself. Workers are woken at commit by LISTEN/NOTIFY when the engine has it, and by polling every
   * `pollMs` in any case. Returns a stop function that waits for the deliveries in flight.
   */
  start(): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let unlisten: (() => Promise<void>) | null = null;
    const workers = new Map<string, { sub: Subscriber; running: Promise<void> | null; again: boolean }>();
    const slots = semaphore(this.parallel);
    let listing: Promise<void> | null = null;
    let relist = false;
    let checking = false;

    const schedule = (ms: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(wake, ms);
      timer.unref();
    };
    /**
     * One subscriber: holds it (its lock) and delivers batches while there is work — woken again during a
     * batch, it waits `coalesceMs` so that the commits of that moment are read as one batch, not one by
     * one — then lets it go until the next wake-up.
     */
    const run = async (w: { sub: Subscriber; again: boolean }) => {
      const release = await slots();
      try {
        await this.holding(w.sub, async () => {
          for (let i = 0; i < 1000 && !stopped; i++) {
            w.again = false;
            const r = await this.deliverBatch(w.sub, false);
            if (r.more) continue;
            if (!w.again) break;
            await new Promise((resolve) => setTimeout(resolve, this.coalesceMs));
          }
        });
      } catch (err) {
        this.log?.error({ err, subscriber: w.sub.name }, 'chuyển phát sự kiện gặp lỗi');
      } finally {
        release();
      }
    };
    const kick = (sub: Subscriber) => {
      let w = workers.get(sub.name);
      if (!w) workers.set(sub.name, (w = { sub, running: null, again: false }));
      w.sub = sub;
      if (w.running) {
        w.again = true;
        return;
      }
      const worker = w;
      worker.running = run(worker).finally(() => {
        worker.running = null;
        if (worker.again && !stopped) {
          worker.again = false;
          kick(worker.sub);
        } else void checkHorizon();
      });
    };
    /** Events committed above the horizon (a transaction still open elsewhere): look again soon. */
    const checkHorizon = async () => {
      if (checking || stopped) return;
      checking = true;
      try {
        if (await this.pendingAboveHorizon()) schedule(50);
      } catch {
        /* the polling goes on */
      } finally {
        checking = false;
      }
    };
    const wake = () => {
      if (stopped) return;
      schedule(this.pollMs);
      if (listing) {
        relist = true;
        return;
      }
      listing = this.listSubscribers()
        .then((subs) => {
          for (const s of subs) if (!stopped) kick(s);
        })
        .catch((err) => this.log?.error({ err }, 'không đọc được danh sách bên nhận sự kiện'))
        .finally(() => {
          listing = null;
          if (relist) {
            relist = false;
            wake();
          }
        });
    };
    if (this.db.listen)
      this.db
        .listen(EVENTS_CHANNEL, wake)
        .then((u) => {
          if (stopped) void u();
          else unlisten = u;
        })
        .catch((err) => this.log?.warn({ err }, 'không lắng nghe được thông báo sự kiện; dùng thăm dò định kỳ'));
    wake();
    const prune = runEvery({
      everyMs: 3_600_000,
      immediately: true,
      job: () => this.pruneDeliveryLog(new Date(this.clock().getTime() - this.deliveryLogDays * 86_400_000)),
      onError: (err) => this.log?.warn({ err }, 'không xoá được nhật ký giao sự kiện cũ'),
    });
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await prune();
      await unlisten?.().catch(() => undefined);
      await listing;
      await Promise.all([...workers.values()].map((w) => w.running));
    };
  }

  /**
   * Deletes the delivery log's attempts made before `before`, oldest first, a few thousand per statement
   * (the log only explains deliveries: positions, parked events and the events themselves are kept).
   */
  pruneDeliveryLog(before: Date): Promise<number> {
    return deleteOlderThan(this.db, 'platform.event_delivery', 'at', before, 'id');
  }

  /**
   * Whether events wait at or after the position of one of these subscribers: events committed above the
   * horizon (they become final when the older transaction ends), or events the horizon passed after the
   * subscriber's last look (its next pass takes them). A failure alone leaves nothing pending here: the
   * failed event is parked and the position moves past it.
   */
  private async pendingFor(names: string[]): Promise<boolean> {
    if (!names.length) return false;
    const r = await this.db.query<{ n: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM platform.outbox_event
                       WHERE xid >= (SELECT min(xid_from) FROM platform.event_subscriber WHERE name = ANY($1::text[]))) AS n`,
      [names],
    );
    return !!r.rows[0]?.n;
  }

  /** Whether committed events wait above the oldest open transaction (they become visible when it ends). */
  private async pendingAboveHorizon(): Promise<boolean> {
    const r = await this.db.query<{ n: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM platform.outbox_event WHERE xid >= pg_snapshot_xmin(pg_current_snapshot())) AS n`,
    );
    return !!r.rows[0]?.n;
  }

  // ---- back office and CLI -------------------------------------------------------------------------

  /** Every subscriber with its counts. */
  async status(): Promise<SubscriberStatus[]> {
    const subs = await this.listSubscribers();
    const r = await this.db.query<{ name: string; last_delivered_at: Date | null; delivered: number; retrying: number; waiting: number; dead: number; last_error: string | null }>(
      `SELECT s.name, s.last_delivered_at,
              (SELECT count(*)::int FROM platform.event_delivery d WHERE d.subscriber = s.name AND d.outcome = 'delivered') AS delivered,
              (SELECT count(*)::int FROM platform.event_parked p WHERE p.subscriber = s.name AND p.status = 'retry') AS retrying,
              (SELECT count(*)::int FROM platform.event_parked p WHERE p.subscriber = s.name AND p.status = 'waiting') AS waiting,
              (SELECT count(*)::int FROM platform.event_parked p WHERE p.subscriber = s.name AND p.status = 'dead') AS dead,
              (SELECT p.last_error FROM platform.event_parked p WHERE p.subscriber = s.name AND p.last_error IS NOT NULL ORDER BY p.updated_at DESC LIMIT 1) AS last_error
         FROM platform.event_subscriber s ORDER BY s.name`,
    );
    const byName = new Map(r.rows.map((x) => [x.name, x]));
    const names = [...new Set([...subs.map((s) => s.name), ...r.rows.map((x) => x.name)])].sort();
    return names.map((name) => {
      const row = byName.get(name);
      const sub = subs.find((s) => s.name === name);
      return {
        name,
        types: [...(sub?.types ?? [])],
        registered: !!sub,
        delivered: row?.delivered ?? 0,
        retrying: row?.retrying ?? 0,
        waiting: row?.waiting ?? 0,
        dead: row?.dead ?? 0,
        lastDeliveredAt: row?.last_delivered_at ? new Date(row.last_delivered_at).toISOString() : null,
        lastError: row?.last_error ?? null,
      };
    });
  }

  /** Parked events (dead letters by default), oldest first. */
  async parked(filter: { subscriber?: string; status?: ParkedEvent['status'] | 'all'; limit?: number } = {}): Promise<ParkedEvent[]> {
    const status = filter.status ?? 'dead';
    const r = await this.db.query<{ subscriber: string; seq: string; event_id: string; type: string; aggregate_type: string; aggregate_id: string; status: ParkedEvent['status']; attempts: number; next_attempt_at: Date | null; last_error: string | null; occurred_at: Date }>(
      `SELECT p.subscriber, p.seq, o.event_id, o.type, o.aggregate_type, o.aggregate_id, p.status, p.attempts, p.next_attempt_at, p.last_error, o.occurred_at
         FROM platform.event_parked p JOIN platform.outbox_event o ON o.seq = p.seq
        WHERE ($1::text IS NULL OR p.subscriber = $1) AND ($2::text = 'all' OR p.status = $2)
        ORDER BY p.subscriber, p.seq LIMIT $3`,
      [filter.subscriber ?? null, status, Math.min(Math.max(filter.limit ?? 100, 1), 1000)],
    );
    return r.rows.map((x) => ({
      subscriber: x.subscriber,
      seq: Number(x.seq),
      eventId: x.event_id,
      type: x.type,
      aggregateType: x.aggregate_type,
      aggregateId: x.aggregate_id,
      status: x.status,
      attempts: x.attempts,
      nextAttemptAt: x.next_attempt_at ? new Date(x.next_attempt_at).toISOString() : null,
      lastError: x.last_error,
      occurredAt: new Date(x.occurred_at).toISOString(),
    }));
  }

  /**
   * Replays dead letters: they become due again (attempts reset), followed by the events held behind them.
   * Without `seq`, every dead letter of the subscriber. Returns how many were replayed.
   */
  async replayDead(subscriber: string, seq?: number): Promise<number> {
    this.retryCheckAt.delete(subscriber);
    return this.db.transaction(async (tx) => {
      const r = await tx.query<{ seq: string; event_id: string }>(
        `UPDATE platform.event_parked p SET status = 'retry', attempts = 0, next_attempt_at = $3, updated_at = now()
           FROM platform.outbox_event o
          WHERE o.seq = p.seq AND p.subscriber = $1 AND p.status = 'dead' AND ($2::bigint IS NULL OR p.seq = $2)
          RETURNING p.seq, o.event_id`,
        [subscriber, seq ?? null, this.clock()],
      );
      await insertLogs(tx, subscriber, r.rows.map((x) => ({ seq: Number(x.seq), eventId: x.event_id, attempt: 0, outcome: 'replayed' as const, error: null, durationMs: null })));
      return r.rowCount;
    });
  }

  /**
   * Delivers again every event of the subscriber committed at or after `from` (a time): the position moves
   * back; events parked are kept. Handlers are idempotent, so a replay is safe. Returns how many events
   * will be delivered again.
   */
  async rewind(subscriber: string, from: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const first = await tx.query<{ xid: string | null; n: number }>(
        `SELECT min(xid::text::numeric)::text AS xid, count(*)::int AS n FROM platform.outbox_event WHERE occurred_at >= $1`,
        [from],
      );
      const xid = first.rows[0]?.xid;
      if (!xid) return 0;
      const u = await tx.query(
        `UPDATE platform.event_subscriber SET xid_from = LEAST(xid_from, $2::xid8), xid_to = NULL, seq_after = 0, updated_at = now() WHERE name = $1`,
        [subscriber, xid],
      );
      if (!u.rowCount) return 0;
      // the events before `from` that share the rewound horizon are already delivered: they will be again
      // (idempotent handlers); what is parked stays parked and is not delivered twice by the fresh pass
      await tx.query(
        `INSERT INTO platform.event_delivery (subscriber, seq, event_id, attempt, outcome, error, duration_ms) VALUES ($1, 0, NULL, 0, 'rewound', $2, NULL)`,
        [subscriber, `từ ${from.toISOString()}`],
      );
      return first.rows[0]!.n;
    });
  }

  /** The delivery log, newest first. */
  async deliveries(filter: { subscriber?: string; eventId?: string; limit?: number } = {}): Promise<DeliveryLogEntry[]> {
    const r = await this.db.query<{ id: string; subscriber: string; seq: string; event_id: string | null; type: string | null; attempt: number; outcome: DeliveryLogEntry['outcome']; error: string | null; duration_ms: number | null; at: Date }>(
      `SELECT d.id, d.subscriber, d.seq, d.event_id, o.type, d.attempt, d.outcome, d.error, d.duration_ms, d.at
         FROM platform.event_delivery d LEFT JOIN platform.outbox_event o ON o.seq = d.seq
        WHERE ($1::text IS NULL OR d.subscriber = $1) AND ($2::uuid IS NULL OR d.event_id = $2)
        ORDER BY d.id DESC LIMIT $3`,
      [filter.subscriber ?? null, filter.eventId ?? null, Math.min(Math.max(filter.limit ?? 100, 1), 1000)],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      subscriber: x.subscriber,
      seq: Number(x.seq),
      eventId: x.event_id ?? '',
      type: x.type ?? '',
      attempt: x.attempt,
      outcome: x.outcome,
      error: x.error,
      durationMs: x.duration_ms,
      at: new Date(x.at).toISOString(),
    }));
  }
}

function splitTypes(types: readonly string[]): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const t of types) {
    if (t.endsWith('*')) prefixes.push(t.slice(0, -1).replace(/[\\%_]/g, (c) => '\\' + c) + '%');
    else exact.push(t);
  }
  return { exact, prefixes };
}

/**
 * Records a subscriber at its start position if the database does not know it yet (idempotent). Webhook
 * subscriptions call it in the transaction that creates them, so they start at that moment.
 */
export async function registerSubscriber(q: Queryable, name: string, startAt: 'beginning' | 'end'): Promise<void> {
  await q.query(
    `INSERT INTO platform.event_subscriber (name, xid_from) VALUES ($1, CASE WHEN $2 = 'end' THEN pg_snapshot_xmin(pg_current_snapshot()) ELSE '0'::xid8 END)
     ON CONFLICT (name) DO NOTHING`,
    [name, startAt],
  );
}

/** Forgets a subscriber's position, parked events and log (a deleted webhook subscription). */
export async function forgetSubscriber(q: Queryable, name: string): Promise<void> {
  await q.query('DELETE FROM platform.event_parked WHERE subscriber = $1', [name]);
  await q.query('DELETE FROM platform.event_subscriber WHERE name = $1', [name]);
}

async function insertParks(tx: Queryable, subscriber: string, parks: Park[]): Promise<void> {
  if (!parks.length) return;
  await tx.query(
    `INSERT INTO platform.event_parked (subscriber, seq, aggregate_key, status, attempts, next_attempt_at, last_error)
     SELECT $1, x.seq, x.k, x.st, x.a, x.n, x.e FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::text[]) AS x(seq, k, st, a, n, e)
     ON CONFLICT (subscriber, seq) DO NOTHING`,
    [subscriber, parks.map((p) => p.seq), parks.map((p) => p.key), parks.map((p) => p.status), parks.map((p) => p.attempts), parks.map((p) => p.nextAttemptAt), parks.map((p) => p.error)],
  );
}

async function insertLogs(tx: Queryable, subscriber: string, logs: LogRow[]): Promise<void> {
  if (!logs.length) return;
  await tx.query(
    `INSERT INTO platform.event_delivery (subscriber, seq, event_id, attempt, outcome, error, duration_ms)
     SELECT $1, x.seq, x.id, x.a, x.o, x.e, x.ms FROM unnest($2::bigint[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::int[]) AS x(seq, id, a, o, e, ms)`,
    [subscriber, logs.map((l) => l.seq), logs.map((l) => l.eventId), logs.map((l) => l.attempt), logs.map((l) => l.outcome), logs.map((l) => l.error), logs.map((l) => l.durationMs)],
  );
}

