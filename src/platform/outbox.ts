import crypto from 'node:crypto';
import type { Db, Queryable } from './db.ts';
import type { Logger } from './logger.ts';
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

export async function emitEvent(tx: Queryable, event: DomainEvent): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO platform.outbox_event (event_id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5)`,
    [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
  );
  // wakes every relay listening, at commit (PostgreSQL folds identical notifications of one transaction)
  await tx.query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`);
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
  /** How many subscribers are delivered at the same time (each holds a connection on PostgreSQL). Default 1. */
  parallel?: number;
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

/** Subscribers being delivered in this process, per database (two relays on one PGlite share a session). */
const busyByDb = new WeakMap<object, Set<string>>();

/** Runs `fn` for each item with at most `n` at a time. */
async function eachLimited<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  });
  await Promise.all(workers);
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
  private readonly log?: Logger;
  private readonly clock: () => Date;
  private readonly batch: number;
  private readonly pollMs: number;
  private readonly parallel: number;

  constructor(private readonly db: Db, o: OutboxRelayOptions = {}) {
    this.log = o.log;
    this.clock = o.clock ?? (() => new Date());
    this.batch = o.batch ?? 200;
    this.pollMs = o.pollMs ?? 1000;
    this.parallel = o.parallel ?? 1;
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
      if (Date.now() < deadline && (r.busy || (await this.pendingAboveHorizon()))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        pass--;
        continue;
      }
      break;
    }
    return total;
  }

  /** One pass over every subscriber (one batch each). */
  async relayOnce(opts: { retryNow?: boolean } = {}): Promise<DrainReport & { more: boolean; busy: boolean }> {
    const total = { delivered: 0, failed: 0, dead: 0, more: false, busy: false };
    const subs = await this.listSubscribers();
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
    let busy = busyByDb.get(this.db);
    if (!busy) busyByDb.set(this.db, (busy = new Set()));
    if (busy.has(sub.name)) return null;
    busy.add(sub.name);
    try {
      const run = async (session: Queryable) => {
        const [k1, k2] = lockKey(sub.name);
        const got = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [k1, k2]);
        if (!got.rows[0]?.ok) return null;
        try {
          if (!this.known.has(sub.name)) {
            await registerSubscriber(this.db, sub.name, sub.startAt ?? 'beginning');
            this.known.add(sub.name);
          }
          const retried = await this.deliverRetries(sub, retryNow);
          const fresh = await this.deliverFresh(sub);
          return { delivered: retried.delivered + fresh.delivered, failed: retried.failed + fresh.failed, dead: retried.dead + fresh.dead, more: fresh.more || retried.more };
        } finally {
          await session.query('SELECT pg_advisory_unlock($1, $2)', [k1, k2]).catch(() => undefined);
        }
      };
      return this.db.session ? await this.db.session(run) : await run(this.db);
    } finally {
      busy.delete(sub.name);
    }
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
    const cur = await this.db.query<Cursor>(`SELECT xid_from::text AS xid_from, xid_to::text AS xid_to, seq_after::text AS seq_after FROM platform.event_subscriber WHERE name = $1`, [sub.name]);
    const c = cur.rows[0];
    if (!c) return report;
    let xidTo = c.xid_to;
    let seqAfter = c.seq_after;
    if (!xidTo) {
      // the horizon: every transaction below it has ended, so the events below it are final
      const h = await this.db.query<{ x: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x');
      xidTo = h.rows[0]!.x;
      seqAfter = '0';
      if (xidTo === c.xid_from) return report;
    }
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
    };
    const concurrency = sub.concurrency ?? 1;
    if (concurrency <= 1) for (const e of events) await deliver(e);
    else {
      // aggregates side by side, each one's events in order
      const groups = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const k = keyOf(e);
        let g = groups.get(k);
        if (!g) groups.set(k, (g = []));
        g.push(e);
      }
      await eachLimited([...groups.values()], concurrency, async (list) => {
        for (const e of list) await deliver(e);
      });
    }
    const last = events.at(-1);
    await this.db.transaction(async (tx) => {
      await insertParks(tx, sub.name, parks);
      await insertLogs(tx, sub.name, logs);
      if (finished)
        await tx.query(`UPDATE platform.event_subscriber SET xid_from = $2::xid8, xid_to = NULL, seq_after = 0, updated_at = now()${report.delivered ? ', last_delivered_at = now()' : ''} WHERE name = $1`, [sub.name, xidTo]);
      else
        await tx.query(`UPDATE platform.event_subscriber SET xid_to = $2::xid8, seq_after = $3, updated_at = now()${report.delivered ? ', last_delivered_at = now()' : ''} WHERE name = $1`, [sub.name, xidTo, last!.seq]);
    });
    report.more = !finished;
    return report;
  }

  /** Events parked for a retry whose time has come, each followed by the events waiting behind it. */
  private async deliverRetries(sub: Subscriber, retryNow: boolean): Promise<DrainReport & { more: boolean }> {
    const report = { delivered: 0, failed: 0, dead: 0, more: false };
    const heads = await this.db.query<{ aggregate_key: string; status: string; next_attempt_at: Date | null }>(
      `SELECT DISTINCT ON (aggregate_key) aggregate_key, status, next_attempt_at FROM platform.event_parked
        WHERE subscriber = $1 ORDER BY aggregate_key, seq`,
      [sub.name],
    );
    const now = this.clock();
    const due = heads.rows.filter((h) => h.status !== 'dead' && (retryNow || h.status === 'waiting' || isDue(h.next_attempt_at, now))).map((h) => h.aggregate_key);
    if (!due.length) return report;
    const policy = this.policy(sub);
    await eachLimited(due.slice(0, this.batch), sub.concurrency ?? 1, async (key) => {
      const rows = await this.db.query<EventRow & { attempts: number }>(
        `SELECT o.seq, o.event_id, o.type, o.aggregate_type, o.aggregate_id, o.payload, o.occurred_at, p.attempts
           FROM platform.event_parked p JOIN platform.outbox_event o ON o.seq = p.seq
          WHERE p.subscriber = $1 AND p.aggregate_key = $2 ORDER BY p.seq LIMIT $3`,
        [sub.name, key, this.batch],
      );
      for (const row of rows.rows) {
        const e = toEvent(row);
        const attempt = row.attempts + 1;
        const res = await this.call(sub, e);
        if (!res.error) {
          report.delivered++;
          await this.db.transaction(async (tx) => {
            await tx.query('DELETE FROM platform.event_parked WHERE subscriber = $1 AND seq = $2', [sub.name, e.seq]);
            await insertLogs(tx, sub.name, [{ seq: e.seq, eventId: e.eventId, attempt, outcome: 'delivered', error: null, durationMs: res.ms }]);
            await tx.query('UPDATE platform.event_subscriber SET last_delivered_at = now() WHERE name = $1', [sub.name]);
          });
          continue;
        }
        const next = nextAfterFailure(attempt, this.clock(), policy);
        report[next.status === 'dead' ? 'dead' : 'failed']++;
        await this.db.transaction(async (tx) => {
          await tx.query(
            `UPDATE platform.event_parked SET status = $3, attempts = $4, next_attempt_at = $5, last_error = $6, updated_at = now() WHERE subscriber = $1 AND seq = $2`,
            [sub.name, e.seq, next.status, attempt, next.nextAttemptAt, res.error],
          );
          await insertLogs(tx, sub.name, [{ seq: e.seq, eventId: e.eventId, attempt, outcome: next.status === 'dead' ? 'dead' : 'failed', error: res.error, durationMs: res.ms }]);
        });
        return;
      }
      if (rows.rows.length === this.batch) report.more = true;
    });
    return report;
  }

  /**
   * Starts delivering in the background: woken at commit by LISTEN/NOTIFY when the engine has it, and by
   * polling every `pollMs` in any case. Returns a stop function that waits for the pass in flight.
   */
  start(): () => Promise<void> {
    let stopped = false;
    let running: Promise<void> | null = null;
    let again = false;
    let timer: NodeJS.Timeout | null = null;
    let unlisten: (() => Promise<void>) | null = null;
    const schedule = (ms: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(wake, ms);
      timer.unref();
    };
    const pass = async () => {
      let soon = false;
      try {
        for (let i = 0; i < 100 && !stopped; i++) {
          const r = await this.relayOnce();
          if (!r.more && r.delivered === 0) break;
        }
        // events committed above the horizon (a transaction still open elsewhere): look again soon
        soon = await this.pendingAboveHorizon();
      } catch (err) {
        this.log?.error({ err }, 'chuyển phát sự kiện gặp lỗi');
      }
      schedule(soon ? 50 : this.pollMs);
    };
    const wake = () => {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = pass().finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
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
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten?.().catch(() => undefined);
      await running;
    };
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

