/**
 * Benchmark of the audit trail: `npm run bench:audit` → bench/results/audit.json.
 *
 * N concurrent writers (BENCH_WRITERS, default 16) run transactions that make a small business change and
 * append its audit record in the same transaction — what every service does — after an unmeasured warm-up,
 * in BENCH_ROUNDS (2) alternating rounds of BENCH_SECONDS (3) per scenario. Two designs in the same run:
 *  - "design": the audit module as shipped — the writer INSERTs its record (no lock, no shared row); a
 *    chainer seals committed records in batches every 200 ms (the server does it every second);
 *  - "baseline": naive chaining — the writer locks the chain head row (SELECT … FOR UPDATE), hashes its
 *    record from the head's hash (same canonical form and digests), inserts it already sealed into a copy of
 *    audit.record (same columns, constraints and indexes) and moves the head, all inside its transaction, so
 *    every writer waits for the previous one's whole transaction.
 * Metrics: appends per second, transaction latency p50/p95, and for the design how long sealing the
 * backlog takes and how fast `verify` recomputes the chain. On PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and dropped) and on PGlite.
 * `audit_appends_per_s` is the design's figure on PostgreSQL (PGlite's when no server is reachable).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Db, openPglite, openPostgres } from '../src/platform/db.ts';
import { loadMigrations, migrate } from '../src/platform/migrations.ts';
import type { AppModule } from '../src/platform/modules.ts';
import { auditModule } from '../src/modules/audit/index.ts';
import { createAuditService } from '../src/modules/audit/service.ts';
import { digestOf, GENESIS_HASH, linkHash, type ChainedRecord } from '../src/modules/audit/domain/chain-hash/chain-hash.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const platformModule: AppModule = { name: 'platform', migrationsDir: path.join(here, '..', 'src', 'platform', 'migrations') };
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const SCRATCH_SQL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.change (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer int NOT NULL, payload jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS bench.naive_record (LIKE audit.record INCLUDING ALL);
CREATE TABLE IF NOT EXISTS bench.naive_head (id int PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);
INSERT INTO bench.naive_head VALUES (1, 0, '${GENESIS_HASH}') ON CONFLICT DO NOTHING;`;

function entry(writer: number, i: number) {
  return {
    actor: { kind: 'official' as const, id: `bench-${writer}`, subject: `cv.bench${writer}` },
    actingUnit: '07900',
    action: 'bench.dossier.update',
    target: `dossier:H25.07900-261125-${String(i).padStart(4, '0')}`,
    ip: '10.0.0.1',
    requestId: crypto.randomUUID(),
    before: { status: 'dang_xu_ly', step: i },
    after: { status: 'cho_phe_duyet', step: i + 1 },
  };
}

/** The change a service makes before auditing it: a row written, then updated (two statements). */
async function businessChange(tx: { query: Db['query'] }, writer: number, i: number): Promise<void> {
  const r = await tx.query<{ id: string }>(`INSERT INTO bench.change (writer, payload) VALUES ($1, $2) RETURNING id::text AS id`, [writer, JSON.stringify({ step: i })]);
  await tx.query(`UPDATE bench.change SET payload = payload || '{"checked": true}'::jsonb WHERE id = $1`, [r.rows[0]!.id]);
}

interface ScenarioResult {
  appends: number;
  appends_per_s: number;
  p50_ms: number;
  p95_ms: number;
  errors: number;
}

async function runWriters(label: string, work: (writer: number, i: number) => Promise<void>, seconds = SECONDS, quiet = false): Promise<ScenarioResult> {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t = performance.now();
        try {
          await work(w, i);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
        // yield to the event loop between transactions, as a server does between requests (PGlite resolves
        // queries without I/O: a tight loop of them would starve the chainer's timer)
        await new Promise((r) => setImmediate(r));
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const r = { appends: latencies.length, appends_per_s: round(latencies.length / elapsed), p50_ms: round(pct(latencies, 50), 2), p95_ms: round(pct(latencies, 95), 2), errors };
  if (!quiet) process.stdout.write(`  ${label.padEnd(9)} ${String(r.appends_per_s).padStart(8)} ghi/giây   p50 ${r.p50_ms} ms   p95 ${r.p95_ms} ms   (${r.appends} bản ghi, ${r.errors} lỗi)\n`);
  return r;
}

async function benchEngine(name: string, db: Db) {
  await migrate(db, loadMigrations([platformModule, auditModule]));
  await db.exec(SCRATCH_SQL);
  const audit = createAuditService(db);
  process.stdout.write(`${name}: ${WRITERS} luồng ghi đồng thời, ${ROUNDS} lượt × ${SECONDS} giây mỗi kịch bản, xen kẽ\n`);

  // the design: plain INSERTs; a chainer seals in the background
  const designWork = (w: number, i: number) =>
    db.transaction(async (tx) => {
      await businessChange(tx, w, i);
      await audit.append(tx, entry(w, i));
    });
  // the baseline: every writer serialises on the head row for the length of its transaction
  const naiveWork = (w: number, i: number) =>
    db.transaction(async (tx) => {
      await businessChange(tx, w, i);
      const head = (await tx.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM bench.naive_head WHERE id = 1 FOR UPDATE`)).rows[0]!;
      const e = entry(w, i);
      const seq = Number(head.seq) + 1;
      const occurredAt = new Date().toISOString().replace('Z', '000Z');
      const record: ChainedRecord = {
        seq, id: String(seq), occurredAt, actorKind: e.actor.kind, actorId: e.actor.id, actorSubject: e.actor.subject, actingUnit: e.actingUnit,
        action: e.action, target: e.target, ip: e.ip, requestId: e.requestId, beforeDigest: digestOf(e.before), afterDigest: digestOf(e.after), meta: {},
      };
      const hash = linkHash(head.hash, record);
      await tx.query(
        `INSERT INTO bench.naive_record (occurred_at, actor_kind, actor_id, actor_subject, acting_unit, action, target, ip, request_id, before_digest, after_digest, meta, seq, prev_hash, hash, sealed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '{}', $12, $13, $14, now())`,
        [occurredAt, record.actorKind, record.actorId, record.actorSubject, record.actingUnit, record.action, record.target, record.ip, record.requestId, record.beforeDigest, record.afterDigest, seq, head.hash, hash],
      );
      await tx.query(`UPDATE bench.naive_head SET seq = $1, hash = $2 WHERE id = 1`, [seq, hash]);
    });
  // warm both paths up first (JIT, caches, PGlite's first queries are several times slower), unmeasured
  await runWriters('khởi động', designWork, 1, true);
  await runWriters('khởi động', naiveWork, 1, true);
  await audit.seal();
  let sealing = true;
  let sealedDuringRun = 0;
  const chainer = (async () => {
    while (sealing) {
      sealedDuringRun += (await audit.seal()).sealed;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  // two rounds, alternating, so that a change in the machine's load affects both designs alike
  const rounds: { design: ScenarioResult; baseline: ScenarioResult }[] = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push({ design: await runWriters('thiết kế', designWork), baseline: await runWriters('cơ sở', naiveWork) });
  sealing = false;
  await chainer;
  const combine = (xs: ScenarioResult[]): ScenarioResult => ({
    appends: xs.reduce((a, x) => a + x.appends, 0),
    appends_per_s: round(xs.reduce((a, x) => a + x.appends_per_s, 0) / xs.length),
    p50_ms: round(xs.reduce((a, x) => a + x.p50_ms, 0) / xs.length, 2),
    p95_ms: round(xs.reduce((a, x) => a + x.p95_ms, 0) / xs.length, 2),
    errors: xs.reduce((a, x) => a + x.errors, 0),
  });
  const design = combine(rounds.map((x) => x.design));
  const baseline = combine(rounds.map((x) => x.baseline));
  const tSeal = performance.now();
  const backlog = await audit.seal();
  const sealMs = performance.now() - tSeal;
  const tVerify = performance.now();
  const report = await audit.verify();
  const verifyMs = performance.now() - tVerify;
  if (!report.ok || report.unsealed) throw new Error(`chain not intact after the run: ${JSON.stringify(report)}`);

  const verifyRate = round(report.checked / (verifyMs / 1000), 0);
  // sealing throughput on a backlog (e.g. after the server was down): 10,000 records written, then sealed
  await db.query(`INSERT INTO audit.record (action, target, meta) SELECT 'bench.backlog', 'backlog:' || g, '{}' FROM generate_series(1, 10000) AS g`);
  const tBacklog = performance.now();
  const sealedBacklog = (await audit.seal()).sealed;
  const sealRate = round(sealedBacklog / ((performance.now() - tBacklog) / 1000), 0);
  process.stdout.write(`  trung bình: thiết kế ${design.appends_per_s} ghi/giây, cơ sở ${baseline.appends_per_s} ghi/giây (×${round(design.appends_per_s / Math.max(1, baseline.appends_per_s), 2)})\n`);
  process.stdout.write(
    `  niêm phong phần còn lại: ${backlog.sealed} bản ghi trong ${round(sealMs)} ms (đã niêm phong ${sealedDuringRun} trong lúc chạy); kiểm tra chuỗi: ${report.checked} bản ghi, ${verifyRate} bản ghi/giây; niêm phong tồn đọng ${sealedBacklog} bản ghi: ${sealRate} bản ghi/giây\n`,
  );
  return {
    design,
    baseline,
    speedup: round(design.appends_per_s / Math.max(1, baseline.appends_per_s), 2),
    sealed_during_run: sealedDuringRun,
    backlog_at_end: backlog.sealed,
    backlog_seal_ms: round(sealMs),
    seal_backlog_records: sealedBacklog,
    seal_records_per_s: sealRate,
    verify_records: report.checked,
    verify_records_per_s: verifyRate,
  };
}

async function main() {
  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  process.stdout.write(`Tải máy lúc bắt đầu (1/5/15 phút): ${loadAtStart.join(' / ')} trên ${os.cpus().length} lõi — số đo chỉ so sánh được trong cùng một lần chạy.\n`);
  const results: Record<string, unknown> = {};
  const notes: string[] = [];

  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = `lt_bench_audit_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  let admin: pg.Client | null = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch}`);
  } catch (err) {
    notes.push(`PostgreSQL không dùng được (${(err as Error).message}); chỉ đo trên PGlite.`);
    await admin.end().catch(() => undefined);
    admin = null;
  }
  if (admin) {
    const u = new URL(url);
    u.pathname = '/' + scratch;
    const db = await openPostgres(u.toString(), WRITERS + 4);
    try {
      const v = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      results.postgres = { server_version: v.rows[0]!.v, ...(await benchEngine('PostgreSQL', db)) };
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
      await admin.end();
    }
  }

  const lite = await openPglite();
  try {
    results.pglite = await benchEngine('PGlite (một kết nối: các giao dịch chạy lần lượt)', lite);
  } finally {
    await lite.close();
  }

  const headline = ((results.postgres ?? results.pglite) as { design: ScenarioResult }).design.appends_per_s;
  const out = {
    name: 'audit',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? null, node: process.version, load_average_at_start: loadAtStart, load_average_at_end: os.loadavg().map((x) => round(x, 2)) },
    metrics: {
      audit_appends_per_s: headline,
      writers: WRITERS,
      seconds_per_scenario_round: SECONDS,
      rounds: ROUNDS,
      ...results,
    },
    notes,
  };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'audit.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`audit_appends_per_s = ${headline}  →  bench/results/audit.json\n`);
}

await main();
