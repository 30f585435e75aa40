/**
 * Benchmark of the dossier engine: `npm run bench:dossiers` → bench/results/dossiers.json.
 *
 * Against a real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fresh
 * database is created and dropped): the platform's modules are migrated and their reference data seeded,
 * then BENCH_CLIENTS concurrent clients (default 8) run full lifecycles through the service layer for
 * BENCH_SECONDS (default 20):
 *
 *   submit + receive at the counter → forward → appraise → approve → sign → issue result → return result
 *
 * that is 8 transitions in 7 service calls, each call one transaction that loads the dossier, decides,
 * saves the state with its transition row (optimistic version), appends the audit record and writes the
 * outbox event. The "sign" step records the signature job (the PAdES signature itself is made when the
 * result PDF is rendered, outside the transition). Latency is per service call.
 *
 * In the same run, the ceiling: pgbench's built-in TPC-B-like script on its own temporary database
 * (`pgbench -i -s 10`, then `pgbench -c 4 -T 20`). Metrics: transitions_per_s, p50_ms, p99_ms,
 * pgbench_tps, ratio_to_pgbench.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { onServer } from '../src/platform/scratch-db.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openPostgres } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { openRuntime } from '../src/main.ts';
import { systemCaller, type Caller } from '../src/modules/dossiers/service.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PG_SECONDS = Number(process.env.PGBENCH_SECONDS ?? 20);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

function dbUrl(name: string): string {
  const u = new URL(URL_);
  u.pathname = `/${name}`;
  return u.toString();
}

const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => onServer(URL_, fn);

async function runDossiers(): Promise<{ transitions: number; calls: number; lifecycles: number; seconds: number; latencies: number[]; conflicts: number; seedMs: number }> {
  const name = `lt_bench_dossiers_${process.pid}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-dossiers-'));
  try {
    const db = await openPostgres(dbUrl(name), CLIENTS + 4);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: dbUrl(name), DATABASE_POOL_SIZE: String(CLIENTS + 4) });
    const rt = await openRuntime(config, { db, log: createLogger('warn') });
    const t0 = Date.now();
    for (const m of rt.modules) await m.seedReference?.(rt.ctx);
    for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
    const seedMs = Date.now() - t0;
    process.stderr.write(`đã nạp dữ liệu tham chiếu (${(seedMs / 1000).toFixed(1)} giây)\n`);
    const stoppers: (() => Promise<void>)[] = [];
    for (const m of rt.modules) if (m.start) stoppers.push(await m.start(rt.ctx));

    const svc = rt.ctx.services.dossiers!;
    const communes = (await svc.ports().units.listCommunes('25')).map((c) => c.code);
    // each client works at its own ward, with its own officials (separation of duties holds)
    const official = (k: number, role: string): Caller => systemCaller(`Cán bộ ${role} ${k}`, `bench-${role}-${k}`);
    const lifecycle: [string, Record<string, unknown>, string][] = [
      ['forward', {}, 'tn'],
      ['appraise', { opinion: 'favourable', note: 'Hồ sơ đầy đủ, hợp lệ.' }, 'cv'],
      ['approve', {}, 'ld'],
      ['sign', {}, 'ld'],
      ['issue_result', { electronic: true }, 'vt'],
      ['return_result', {}, 'tn'],
    ];
    // warm-up: definitions, identifiers, caches
    for (let k = 0; k < CLIENTS; k++) {
      const d = await svc.create({ procedureCode: '1.001193', communeCode: communes[k * 7]!, applicant: { fullName: 'Khởi động' } }, withUnit(official(k, 'tn'), communes[k * 7]!));
      for (const [a, body, role] of lifecycle) await svc.act(d.dossier.code, a, body, official(k, role));
    }
    const latencies: number[] = [];
    let transitions = 0;
    let calls = 0;
    let lifecycles = 0;
    let conflicts = 0;
    const end = Date.now() + SECONDS * 1000;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, k) => {
        const commune = communes[k * 7]!;
        const tn = withUnit(official(k, 'tn'), commune);
        let i = 0;
        while (Date.now() < end) {
          let t = performance.now();
          const d = await svc.create(
            { procedureCode: '1.001193', communeCode: commune, applicant: { fullName: `Người nộp ${k}-${i++}`, idNumber: `025090${String(k).padStart(2, '0')}${String(i % 10000).padStart(4, '0')}` }, documents: [{ name: 'Tờ khai', copies: 1 }] },
            tn,
          );
          latencies.push(performance.now() - t);
          transitions += 2;
          calls++;
          for (const [a, body, role] of lifecycle) {
            t = performance.now();
            try {
              await svc.act(d.dossier.code, a, body, official(k, role));
            } catch (err) {
              if ((err as { status?: number }).status === 409) conflicts++;
              throw err;
            }
            latencies.push(performance.now() - t);
            transitions++;
            calls++;
          }
          lifecycles++;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    await rt.close();
    await db.close();
    return { transitions, calls, lifecycles, seconds, latencies, conflicts, seedMs };
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** An official of a unit (the counter's unit decides where a dossier is received). */
function withUnit(c: Caller, unitCode: string): Caller {
  return { ...c, principal: { ...c.principal!, kind: 'official', unitCode } };
}

async function runPgbench(): Promise<number | null> {
  const name = `lt_bench_pgbench_${process.pid}`;
  try {
    execFileSync('pgbench', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stderr.write('không có pgbench: bỏ qua mức trần\n');
    return null;
  }
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const url = dbUrl(name);
    execFileSync('pgbench', ['-i', '-s', '10', '-q', url], { stdio: ['ignore', 'ignore', 'pipe'] });
    const out = execFileSync('pgbench', ['-c', '4', '-j', '2', '-T', String(PG_SECONDS), url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
    return m ? Number(m[1]) : null;
  } finally {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
  }
}

const r = await runDossiers();
const pgbenchTps = await runPgbench();
const tps = r.transitions / r.seconds;
const result = {
  name: 'dossiers',
  date: new Date().toISOString(),
  engine: 'postgresql',
  server: await admin(async (c) => (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version),
  machine: { cpus: os.cpus().length, node: process.version },
  setup: {
    clients: CLIENTS,
    seconds: SECONDS,
    lifecycle: 'submit+receive → forward → appraise → approve → sign (records the signature job) → issue_result → return_result',
    per_call: 'one transaction: load, decide, save state + transition (optimistic version), audit record, outbox event',
    pgbench: `pgbench -i -s 10; pgbench -c 4 -j 2 -T ${PG_SECONDS} (built-in TPC-B-like)`,
  },
  metrics: {
    transitions_per_s: round(tps),
    p50_ms: round(pct(r.latencies, 50), 2),
    p99_ms: round(pct(r.latencies, 99), 2),
    pgbench_tps: pgbenchTps === null ? null : round(pgbenchTps),
    ratio_to_pgbench: pgbenchTps ? round(tps / pgbenchTps, 3) : null,
    lifecycles: r.lifecycles,
    service_calls_per_s: round(r.calls / r.seconds),
    conflicts: r.conflicts,
  },
  targets: { transitions_per_s: 500, p99_ms: 100, ratio_to_pgbench: 0.25 },
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'dossiers.json'), JSON.stringify(result, null, 2) + '\n');
const m = result.metrics;
process.stdout.write(
  [
    `Hồ sơ một cửa trên PostgreSQL ${result.server} (${CLIENTS} client, ${SECONDS} giây):`,
    `  ${m.transitions_per_s} lượt chuyển trạng thái/giây (${m.lifecycles} vòng đời trọn vẹn), p50 ${m.p50_ms} ms, p99 ${m.p99_ms} ms`,
    `  pgbench (TPC-B, -c 4): ${m.pgbench_tps ?? 'không đo'} tps; tỉ lệ ${m.ratio_to_pgbench ?? '-'}`,
    `  mục tiêu: ≥ 500/giây, p99 < 100 ms, ≥ 25% pgbench`,
    `Đã ghi bench/results/dossiers.json`,
  ].join('\n') + '\n',
);
