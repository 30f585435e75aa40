/**
 * Benchmark of the audit trail: `npm run bench:audit` → bench/results/audit.json.
 *
 * N concurrent writers (BENCH_WRITERS, default 16) each run, for BENCH_SECONDS (default 4) per scenario,
 * transactions that make a small business change and append its audit record in the same transaction —
 * what every service does. Two designs in the same run:
 *  - "design": the audit module as shipped — the writer INSERTs its record (no lock, no shared row); a
 *    chainer seals committed records in batches every 200 ms (the server does it every second);
 *  - "baseline": naive chaining — the writer locks the chain head row (SELECT … FOR UPDATE), hashes its
 *    record from the head's hash, inserts it and moves the head, all inside its transaction, so every
 *    writer waits for the previous one's whole transaction.
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
import { GENESIS_HASH } from '../src/modules/audit/domain/chain-hash/chain-hash.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const platformModule: AppModule = { name: 'platform', migrationsDir: path.join(here, '..', 'src', 'platform', 'migrations') };
const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const SCRATCH_SQL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.change (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, writer int NOT NULL, payload jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS bench.naive_chain (seq bigint PRIMARY KEY, prev_hash text NOT NULL, hash text NOT NULL, action text NOT NULL, target text, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
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

async function runWriters(label: string, work: (writer: number, i: number) => Promise<void>): Promise<ScenarioResult> {
  const deadline = Date.now() + SECONDS * 1000;
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
  process.stdout.write(`  ${label.padEnd(9)} ${String(r.appends_per_s).padStart(8)} ghi/giây   p50 ${r.p50_ms} ms   p95 ${r.p95_ms} ms   (${r.appends} bản ghi, ${r.errors} lỗi)\n`);
  return r;
}

async function benchEngine(name: string, db: Db) {
  await migrate(db, loadMigrations([platformModule, auditModule]));
  await db.exec(SCRATCH_SQL);
  const audit = createAuditService(db);
  process.stdout.write(`${name}: ${WRITERS} luồng ghi đồng thời, ${SECONDS} giây mỗi kịch bản\n`);

  // the design: plain INSERTs; a chainer seals in the background
  let sealing = true;
  let sealedDuringRun = 0;
  const chainer = (async () => {
    while (sealing) {
      sealedDuringRun += (await audit.seal()).sealed;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const design = await runWriters('thiết kế', (w, i) =>
    db.transaction(async (tx) => {
      await businessChange(tx, w, i);
      await audit.append(tx, entry(w, i));
    }),
  );
  sealing = false;
  await chainer;
  const tSeal = performance.now();
  const backlog = await audit.seal();
  const sealMs = performance.now() - tSeal;
  const tVerify = performance.now();
  const report = await audit.verify();
  const verifyMs = performance.now() - tVerify;
  if (!report.ok || report.unsealed) throw new Error(`chain not intact after the run: ${JSON.stringify(report)}`);

  // the baseline: every writer serialises on the head row for the length of its transaction
  const baseline = await runWriters('cơ sở', (w, i) =>
    db.transaction(async (tx) => {
      await businessChange(tx, w, i);
      const head = (await tx.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM bench.naive_head WHERE id = 1 FOR UPDATE`)).rows[0]!;
      const e = entry(w, i);
      const seq = Number(head.seq) + 1;
      const hash = crypto.createHash('sha256').update(head.hash).update(JSON.stringify({ seq, ...e })).digest('hex');
      await tx.query(`INSERT INTO bench.naive_chain (seq, prev_hash, hash, action, target, body) VALUES ($1, $2, $3, $4, $5, $6)`, [seq, head.hash, hash, e.action, e.target, JSON.stringify(e)]);
      await tx.query(`UPDATE bench.naive_head SET seq = $1, hash = $2 WHERE id = 1`, [seq, hash]);
    }),
  );
  const verifyRate = round(report.checked / (verifyMs / 1000), 0);
  process.stdout.write(
    `  niêm phong phần còn lại: ${backlog.sealed} bản ghi trong ${round(sealMs)} ms (đã niêm phong ${sealedDuringRun} trong lúc chạy); kiểm tra chuỗi: ${report.checked} bản ghi, ${verifyRate} bản ghi/giây\n`,
  );
  return {
    design,
    baseline,
    speedup: round(design.appends_per_s / Math.max(1, baseline.appends_per_s), 2),
    sealed_during_run: sealedDuringRun,
    backlog_at_end: backlog.sealed,
    backlog_seal_ms: round(sealMs),
    seal_records_per_s: backlog.sealed ? round(backlog.sealed / (sealMs / 1000), 0) : null,
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
      const v = await db.query<{ v: string }>(`SHOW server_version`);
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
      seconds_per_scenario: SECONDS,
      ...results,
    },
    notes,
  };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'audit.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`audit_appends_per_s = ${headline}  →  bench/results/audit.json\n`);
}

await main();
