/**
 * Benchmark of event delivery: `npm run bench:events` → bench/results/events.json.
 *
 * On PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is
 * created and dropped) and NATS JetStream (NATS_TEST_URL, default nats://127.0.0.1:4222). A producer
 * (bench/events-producer.ts, a process of its own, as request handlers beside the relay) commits dossier events at a fixed rate — BENCH_RATE events/s (default 1,200, above the 1,000 target)
 * for BENCH_SECONDS (default 20), BENCH_EVENTS_PER_TX events per transaction (default 10: several dossiers
 * changed in one transaction, so that this machine's commit rate is not what gets measured), at most
 * BENCH_WRITERS transactions in flight (default 8), over 300 dossiers — while the relay delivers them to 4
 * subscribers: the NATS publisher (counted at the JetStream acknowledgement), a webhook subscription
 * (signed CloudEvents POSTed to a local receiver, counted at its 2xx), an in-process projection, and one
 * that fails on every event throughout.
 *
 *   events_per_s   events committed and delivered to both NATS and the webhook receiver, per second, from
 *                  the first commit to the last delivery (open loop: it cannot exceed the offered rate,
 *                  and it falls below it as soon as the relay falls behind)
 *   p99_ms         99th percentile of commit → delivery (NATS ack and webhook 2xx together); the commit
 *                  time is taken just before COMMIT is sent, so the latency includes the commit itself
 *
 * Baseline in the same run, with the same producer: today's relay before durable subscribers (one global
 * position, polling every second, handlers called one after the other, stopped by the first failure).
 * With the failing subscriber it delivers nothing at all (baseline_with_failing_delivered); its throughput
 * and latency are therefore measured with the three healthy subscribers only, until BENCH_BASELINE_WAIT_S
 * (default 30) after the producer stops — events still undelivered then count with their latency at that
 * moment (a lower bound).
 */
import fs from 'node:fs';
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgres } from '../src/platform/scratch-db.ts';
import type { Db } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { loadMigrations, migrate } from '../src/platform/migrations.ts';
import { platformModule } from '../src/modules/index.ts';
import { OutboxRelay, type StoredEvent, type Subscriber } from '../src/platform/outbox.ts';
import { natsPublisher } from '../src/modules/events/nats.ts';
import { postSigned, WEBHOOK_CONCURRENCY } from '../src/modules/events/webhooks.ts';
import { provinceOf, toCloudEvent } from '../src/modules/events/domain/cloudevents.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_TEST_URL ?? 'nats://127.0.0.1:4222';
const RATE = Number(process.env.BENCH_RATE ?? 1200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
/** Events per transaction: several dossiers changed in one transaction (a batch), so that the database's commit rate on this machine does not cap what is measured of the delivery. */
const PER_TX = Number(process.env.BENCH_EVENTS_PER_TX ?? 10);
const EVENTS = Math.round((RATE * SECONDS) / PER_TX) * PER_TX;
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 4);
const BASELINE_WAIT_S = Number(process.env.BENCH_BASELINE_WAIT_S ?? 30);
const DOSSIERS = 300;
// a province code of its own for this run (its stream LIENTHONG_<code> is dropped at the end)
const PROVINCE = String(10 + Math.floor(Math.random() * 80));
const SECRET = 'whsec_' + Buffer.alloc(32, 1).toString('base64');
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A clock the producer's process shares (ms). */
const now = () => performance.timeOrigin + performance.now();

/** Commit times by event id (sent by the producer), first deliveries by target. */
interface Clock {
  committed: Map<string, number>;
  delivered: Record<string, { at: number; id: string }[]>;
  waiters: Map<string, Set<string>>;
}

function clock(targets: string[]): Clock {
  return { committed: new Map(), delivered: Object.fromEntries(targets.map((t) => [t, []])), waiters: new Map() };
}

function record(c: Clock, target: string, eventId: string): void {
  const at = now();
  const seen = c.waiters.get(target) ?? new Set<string>();
  c.waiters.set(target, seen);
  if (seen.has(eventId)) return; // at least once: count the first delivery
  seen.add(eventId);
  c.delivered[target]!.push({ at, id: eventId });
}

/** Runs the producer (bench/events-producer.ts) in a process of its own; its commit times go into `c`. */
async function produce(url: string, c: Clock, events = EVENTS): Promise<{ t0: number; t1: number }> {
  const child = fork(path.join(here, 'events-producer.ts'), [JSON.stringify({ url, rate: RATE, events, perTx: PER_TX, writers: WRITERS, province: PROVINCE, dossiers: DOSSIERS })], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let done: { t0: number; t1: number } | null = null;
    child.on('message', (m: { ids?: string[]; at?: number; done?: boolean; t0?: number; t1?: number }) => {
      if (m.ids) for (const id of m.ids) c.committed.set(id, m.at!);
      else if (m.done) done = { t0: m.t0!, t1: m.t1! };
    });
    child.on('exit', (code) => (done ? resolve(done) : reject(new Error(`bench/events-producer.ts: exit ${code}`))));
  });
}

async function until(pred: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) return false;
    await sleep(5);
  }
  return true;
}

async function receiver(onEvent: (id: string) => void) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      onEvent(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** The relay as it was before durable subscribers (src/platform/outbox.ts at main~before 0070), verbatim in substance. */
class PollingRelay {
  private handlers: { pattern: string; handler: (e: StoredEvent) => Promise<void> }[] = [];
  constructor(private readonly db: Db) {}
  subscribe(pattern: string, handler: (e: StoredEvent) => Promise<void>) {
    this.handlers.push({ pattern, handler });
  }
  private matches(pattern: string, type: string) {
    return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
  }
  async relayOnce(limit = 200): Promise<number> {
    const r = await this.db.query<{ seq: string; event_id: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>(
      `SELECT seq, event_id, type, aggregate_type, aggregate_id, payload, occurred_at FROM platform.outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [limit],
    );
    let done = 0;
    for (const row of r.rows) {
      const event: StoredEvent = { seq: Number(row.seq), eventId: row.event_id, type: row.type, aggregateType: row.aggregate_type, aggregateId: row.aggregate_id, payload: row.payload, occurredAt: row.occurred_at };
      try {
        for (const h of this.handlers) if (this.matches(h.pattern, event.type)) await h.handler(event);
      } catch {
        break;
      }
      await this.db.query('UPDATE platform.outbox_event SET published_at = now() WHERE seq = $1', [event.seq]);
      done++;
    }
    return done;
  }
  start(intervalMs = 1000): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      if (stopped) return;
      running = this.relayOnce().catch(() => undefined);
    }, intervalMs);
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }
}

/**
 * Throughput and latency to `targets` together. Complete: events / (last delivery − first commit). Not
 * complete at `cutoff`: the events delivered to every target per second until then, and each event not
 * delivered counts with its latency at the cutoff (a lower bound of its true latency).
 */
function summary(c: Clock, targets: string[], t0: number, events: number, cutoff: number) {
  const lists = targets.map((t) => c.delivered[t]!);
  const complete = lists.every((l) => l.length >= events);
  const last = Math.max(...lists.map((l) => (l.length ? l[l.length - 1]!.at : t0)));
  const latencies = lists.flatMap((l) => l.map((x) => Math.max(0, x.at - (c.committed.get(x.id) ?? x.at))));
  if (!complete)
    for (const t of targets) {
      const seen = c.waiters.get(t) ?? new Set<string>();
      for (const [id, at] of c.committed) if (!seen.has(id)) latencies.push(cutoff - at);
    }
  const both = Math.min(...lists.map((l) => l.length));
  const end = complete ? last : cutoff;
  return { complete, seconds: (end - t0) / 1000, eventsPerS: both / ((end - t0) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function main() {
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  process.stderr.write(`Tải máy lúc bắt đầu (1/5/15 phút): ${loadAtStart.join(' / ')} trên ${os.cpus().length} lõi\n`);
  const log = createLogger('silent');
  const { db, url, drop } = await createScratchPostgres(PG_URL, 'lt_bench_events', 16);
  const stopAll: (() => Promise<void>)[] = [];
  try {
    await migrate(db, loadMigrations([platformModule]));
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    stopAll.push(async () => {
      await jsm.streams.delete(`LIENTHONG_${PROVINCE}`).catch(() => undefined);
      await nc.close();
    });
    const declare = (r: OutboxRelay) => r.declarePublic({ types: ['dossiers.dossier.*'], readPermission: 'dossiers.read', data: (e) => ({ code: e.payload.code, version: e.payload.version, toStatus: e.payload.toStatus }) });

    // ---- the durable relay: 4 subscribers, one failing throughout ----------------------------------
    await jsm.streams.delete(`LIENTHONG_${PROVINCE}`).catch(() => undefined);
    const c = clock(['nats', 'webhook', 'projection']);
    const rx = await receiver((id) => record(c, 'webhook', id));
    const relay = new OutboxRelay(db, { log, batch: BATCH, parallel: PARALLEL, pollMs: 1000 });
    declare(relay);
    const pub = natsPublisher({ url: NATS_URL, events: relay, log, provinceCode: PROVINCE, name: 'bench.nats' });
    const natsSub: Subscriber = { ...pub.subscriber, name: 'bench.nats', types: ['dossiers.dossier.*'], handle: async (e) => (await pub.subscriber.handle(e), record(c, 'nats', e.eventId)) };
    relay.subscribe(natsSub);
    relay.subscribe({
      name: 'bench.webhook',
      types: ['dossiers.dossier.*'],
      concurrency: WEBHOOK_CONCURRENCY, // as a webhook subscription
      handle: async (e) => postSigned(rx.url, SECRET, e, JSON.stringify(toCloudEvent(e, relay.publicDeclaration(e.type)!.data(e), provinceOf(e, PROVINCE))), 10_000),
    });
    relay.subscribe({ name: 'bench.projection', types: ['dossiers.dossier.*'], handle: async (e) => record(c, 'projection', e.eventId) });
    relay.subscribe({ name: 'bench.failing', types: ['dossiers.dossier.*'], concurrency: 16, handle: async () => { throw new Error('bên nhận hỏng suốt lượt đo'); } });
    await relay.register();
    const stopRelay = relay.start();
    const p = await produce(url, c);
    const ok = await until(() => ['nats', 'webhook', 'projection'].every((t) => c.delivered[t]!.length >= EVENTS), 180_000);
    const cutoff = now();
    await stopRelay();
    await pub.close();
    await rx.close();
    const durable = summary(c, ['nats', 'webhook'], p.t0, EVENTS, cutoff);
    const perTarget = Object.fromEntries(['nats', 'webhook', 'projection'].map((t) => { const x = summary(c, [t], p.t0, EVENTS, cutoff); return [t, { p50_ms: round(x.p50), p99_ms: round(x.p99) }]; }));
    process.stderr.write(`theo bên nhận: ${JSON.stringify(perTarget)}\n`);
    const failing = (await relay.status()).find((s) => s.name === 'bench.failing')!;
    const natsInfo = await jsm.streams.info(`LIENTHONG_${PROVINCE}`);
    process.stderr.write(`relay bền: ${ok ? 'đủ' : 'THIẾU'} ${EVENTS} sự kiện, ${round(durable.eventsPerS)} sự kiện/s, p50 ${round(durable.p50)} ms, p99 ${round(durable.p99)} ms; ghi ${round(EVENTS / ((p.t1 - p.t0) / 1000))} sự kiện/s; NATS lưu ${natsInfo.state.messages}\n`);

    // ---- baseline: the polling relay, same writers ------------------------------------------------
    await db.query('TRUNCATE platform.event_delivery, platform.event_parked, platform.event_subscriber, platform.outbox_event');
    await jsm.streams.delete(`LIENTHONG_${PROVINCE}`).catch(() => undefined);
    const runBaseline = async (withFailing: boolean, events: number, timeoutMs: number) => {
      const b = clock(['nats', 'webhook', 'projection']);
      const brx = await receiver((id) => record(b, 'webhook', id));
      const base = new PollingRelay(db);
      const bpubRelay = new OutboxRelay(db, { log });
      declare(bpubRelay);
      const bpub = natsPublisher({ url: NATS_URL, events: bpubRelay, log, provinceCode: PROVINCE, name: 'bench.base.nats' });
      base.subscribe('dossiers.dossier.*', async (e) => (await bpub.subscriber.handle(e), record(b, 'nats', e.eventId)));
      base.subscribe('dossiers.dossier.*', async (e) => (await postSigned(brx.url, SECRET, e, JSON.stringify(toCloudEvent(e, bpubRelay.publicDeclaration(e.type)!.data(e), PROVINCE)), 10_000), record(b, 'webhook', e.eventId)));
      base.subscribe('dossiers.dossier.*', async (e) => record(b, 'projection', e.eventId));
      if (withFailing) base.subscribe('dossiers.dossier.*', async () => { throw new Error('bên nhận hỏng'); });
      const stop = base.start(1000);
      const bp = await produce(url, b, events);
      await until(() => ['nats', 'webhook'].every((t) => b.delivered[t]!.length >= events), timeoutMs);
      const bcut = now();
      await stop();
      await bpub.close();
      await brx.close();
      const published = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM platform.outbox_event WHERE published_at IS NOT NULL')).rows[0]!.n;
      await db.query('TRUNCATE platform.outbox_event CASCADE');
      return { s: summary(b, ['nats', 'webhook'], bp.t0, events, bcut), delivered: published };
    };
    const baseline = await runBaseline(false, EVENTS, BASELINE_WAIT_S * 1000);
    process.stderr.write(`relay thăm dò (cũ): ${baseline.s.complete ? 'đủ' : 'THIẾU'}, ${round(baseline.s.eventsPerS)} sự kiện/s, p50 ${round(baseline.s.p50)} ms, p99 ${round(baseline.s.p99)} ms\n`);
    const shortRun = Math.round((RATE * 3) / PER_TX) * PER_TX; // 3 seconds of events, then 5 seconds to deliver
    const withFailing = await runBaseline(true, shortRun, 5_000);
    process.stderr.write(`relay thăm dò (cũ) có một bên nhận hỏng: đánh dấu đã chuyển ${withFailing.delivered}/${shortRun} sự kiện\n`);

    const result = {
      name: 'events',
      date: new Date().toISOString(),
      metrics: {
        events_per_s: round(durable.eventsPerS),
        p99_ms: round(durable.p99),
        p50_ms: round(durable.p50),
        nats_p99_ms: perTarget.nats!.p99_ms,
        webhook_p99_ms: perTarget.webhook!.p99_ms,
        baseline_events_per_s: round(baseline.s.eventsPerS),
        baseline_p99_ms: round(baseline.s.p99),
        baseline_p50_ms: round(baseline.s.p50),
        baseline_complete: baseline.s.complete,
        baseline_with_failing_delivered: withFailing.delivered,
        commit_events_per_s: round(EVENTS / ((p.t1 - p.t0) / 1000)),
        failing_subscriber_parked: failing.retrying + failing.waiting + failing.dead,
        nats_stream_messages: natsInfo.state.messages,
        all_delivered: ok,
      },
      setup: { engine: 'postgres', offeredEventsPerS: RATE, seconds: SECONDS, events: EVENTS, dossiers: DOSSIERS, writers: WRITERS, eventsPerTransaction: PER_TX, relay: { batch: BATCH, parallel: PARALLEL }, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)), subscribers: ['nats (JetStream ack)', 'webhook (local receiver, Standard Webhooks signature)', 'in-process projection', 'failing on every event'], cpus: os.cpus().length, node: process.version, db: url.replace(/\/\/[^@]*@/, '//') },
    };
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    fs.writeFileSync(path.join(here, 'results', 'events.json'), JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(JSON.stringify(result.metrics, null, 2) + '\n');
  } finally {
    for (const s of stopAll) await s().catch(() => undefined);
    await drop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
