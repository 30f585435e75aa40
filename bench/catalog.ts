/**
 * Benchmark of the catalog module: `npm run bench:catalog` → bench/results/catalog.json.
 *
 *  - import of the 2,642 shipped procedures on a fresh PGlite database, first time and again (unchanged);
 *  - search latency and throughput over a realistic query mix (Vietnamese phrases with and without
 *    diacritics, the kí/ký variant, a typo, whole and partial codes, level / field / channel filters,
 *    later pages), sequential, through the service (SQL + mapping, no HTTP);
 *  - quality: for queries with a known answer, how often it is first and in the first ten;
 *  - a baseline in the same run: a naive ILIKE scan of name and field as typed (no folding, no index,
 *    ordered by name);
 *  - the same on PostgreSQL when DATABASE_URL is set (in a scratch database created and dropped here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/platform/config.ts';
import { createScratchPostgres } from '../src/platform/scratch-db.ts';
import { type Db, openPglite } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { openRuntime } from '../src/main.ts';
import type { AppModule } from '../src/platform/modules.ts';
import { catalogModule, proceduresDir } from '../src/modules/catalog/index.ts';
import { importProcedures } from '../src/modules/catalog/import.ts';
import type { CatalogService, SearchParams } from '../src/modules/catalog/types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const platformModule: AppModule = { name: 'platform', migrationsDir: path.join(here, '..', 'src', 'platform', 'migrations') };
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const TARGET_P95_MS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

/** What people type, with the procedure they are looking for when there is one. */
const MIX: (SearchParams & { expect?: string })[] = [
  { q: 'dang ky khai sinh', expect: '1.001193' },
  { q: 'đăng ký khai sinh', expect: '1.001193' },
  { q: 'khai sinh', expect: '1.001193' },
  { q: 'Đăng kí khai sinh', expect: '1.001193' },
  { q: 'dang ky khai sihn', expect: '1.001193' },
  { q: 'dang ky ket hon', expect: '1.000894' },
  { q: 'đăng ký kết hôn', expect: '1.000894' },
  { q: 'khai tu', expect: '1.000656' },
  { q: 'đăng ký khai tử', expect: '1.000656' },
  { q: 'chung thuc ban sao tu ban chinh', expect: '2.000815' },
  { q: 'đăng ký thành lập hộ kinh doanh', expect: '1.001612' },
  { q: 'thanh lap ho kinh doanh', expect: '1.001612' },
  { q: 'dang ky dat dai lan dau', expect: '1.012753' },
  { q: 'tách thửa', expect: '1.012784' },
  { q: 'tach thua hop thua dat', expect: '1.012784' },
  { q: 'dang ky thuong tru', expect: '1.004222' },
  { q: 'thường trú', expect: '1.004222' },
  { q: 'cap doi the can cuoc', expect: '1.014063' },
  { q: 'lý lịch tư pháp' },
  { q: 'giấy phép xây dựng' },
  { q: 'ho chieu' },
  { q: 'giay phep lai xe' },
  { q: '1.001193', expect: '1.001193' },
  { q: '1.012784', expect: '1.012784' },
  { q: '1.004222', expect: '1.004222' },
  { q: '2.000815', expect: '2.000815' },
  { q: '001612', expect: '1.001612' },
  { q: 'giay phep', level: 'province' },
  { level: 'commune', field: 'Hộ tịch' },
  { q: 'dat dai', channel: 'online' },
  { field: 'Đất đai', page: 2 },
  { q: 'dang ky', page: 3 },
  { q: 'cấp giấy chứng nhận', level: 'commune', page_size: 50 },
  {},
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, run: (p: (typeof MIX)[number]) => Promise<string[]>) {
  for (const p of MIX) await run(p); // warm-up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of MIX) {
      const s = performance.now();
      const c = cpuMs();
      await run(p);
      cpuTimes.push(cpuMs() - c);
      times.push(performance.now() - s);
    }
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs() - c0;
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const withAnswer = MIX.filter((p) => p.expect);
  let first = 0;
  let top10 = 0;
  for (const p of withAnswer) {
    const codes = await run(p);
    if (codes[0] === p.expect) first++;
    if (codes.slice(0, 10).includes(p.expect!)) top10++;
  }
  const m = {
    queries: times.length,
    queries_per_s: round(times.length / (wall / 1000), 0),
    p50_ms: round(percentile(times, 50), 2),
    p95_ms: round(percentile(times, 95), 2),
    p99_ms: round(percentile(times, 99), 2),
    cpu_ms_per_query: round(cpu / times.length, 2),
    // CPU time of this process per query: on PGlite it includes the database (in-process), so it does
    // not grow when other processes compete for the cores; on PostgreSQL it leaves out the server
    p50_cpu_ms: round(percentile(cpuTimes, 50), 2),
    p95_cpu_ms: round(percentile(cpuTimes, 95), 2),
    found_first: round(first / withAnswer.length, 3),
    found_in_top10: round(top10 / withAnswer.length, 3),
  };
  process.stdout.write(
    `  ${label}: ${m.queries_per_s} truy vấn/s, p50 ${m.p50_ms} ms, p95 ${m.p95_ms} ms (CPU p95 ${m.p95_cpu_ms} ms), đúng ở vị trí 1: ${m.found_first}, trong 10 đầu: ${m.found_in_top10}\n`,
  );
  return m;
}

async function benchEngine(db: Db, engine: string) {
  process.stdout.write(`${engine}:\n`);
  const rt = await openRuntime(loadConfig({ LOG_LEVEL: 'silent' }), { db, log: createLogger('silent'), modules: [platformModule, catalogModule] });
  const ctx = rt.ctx;
  const c0 = cpuMs();
  const first = await importProcedures(ctx, proceduresDir(ctx));
  const importCpu = cpuMs() - c0;
  const again = await importProcedures(ctx, proceduresDir(ctx));
  process.stdout.write(`  nhập lần đầu ${round(first.duration_ms / 1000, 2)} s (CPU tiến trình ${round(importCpu / 1000, 2)} s), nhập lại ${round(again.duration_ms / 1000, 2)} s (không đổi ${again.unchanged})\n`);
  const service = ctx.services.catalog as CatalogService;
  const search = await measure('tìm kiếm (tsvector + GIN, trigram dự phòng)', async (p) => (await service.search(p)).items.map((i) => i.code));
  const naive = await measure('so sánh: ILIKE thô trên tên và lĩnh vực', async (p) => {
    if (!p.q) return [];
    const r = await db.query<{ code: string }>(
      `SELECT code FROM catalog.procedure WHERE name ILIKE '%' || $1 || '%' OR field ILIKE '%' || $1 || '%' OR code = $1 ORDER BY name LIMIT 20`,
      [p.q],
    );
    return r.rows.map((x) => x.code);
  });
  await rt.close();
  return {
    import_s: round(first.duration_ms / 1000, 2),
    import_process_cpu_s: round(importCpu / 1000, 2),
    reimport_unchanged_s: round(again.duration_ms / 1000, 2),
    procedures: first.total,
    ...search,
    meets_target_p95: search.p95_ms < TARGET_P95_MS,
    baseline_naive_ilike: naive,
  };
}

function scratchPostgres(url: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  return createScratchPostgres(url, 'lt_bench_catalog', 4);
}

const lite = await openPglite();
const pglite = await benchEngine(lite, 'PGlite (nhúng, trong bộ nhớ)');
await lite.close();

let postgres: Awaited<ReturnType<typeof benchEngine>> | null = null;
if (process.env.DATABASE_URL) {
  const s = await scratchPostgres(process.env.DATABASE_URL);
  try {
    postgres = await benchEngine(s.db, 'PostgreSQL');
  } finally {
    await s.drop();
  }
}

const result = {
  name: 'catalog',
  date: new Date().toISOString(),
  metrics: {
    queries_per_s: pglite.queries_per_s,
    p95_ms: pglite.p95_ms,
    p95_cpu_ms: pglite.p95_cpu_ms,
    target_p95_ms: TARGET_P95_MS,
    pglite,
    postgres,
    query_mix: MIX.length,
    rounds: ROUNDS,
    machine: { cpus: os.cpus().length, load_average_1m: round(os.loadavg()[0]!, 2), node: process.version },
  },
};
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'catalog.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(`Đã ghi bench/results/catalog.json (p95 ${pglite.p95_ms} ms trên PGlite, mục tiêu < ${TARGET_P95_MS} ms)\n`);
