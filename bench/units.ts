/**
 * Benchmark of the units module: `npm run bench:units` → bench/results/units.json.
 *
 *  - accuracy of the address matcher on bench/data/units-sample.csv, overall and by style, and on a held-out
 *    stream of 100,000 addresses generated with another seed;
 *  - throughput of the matcher (pure, in memory, one core): addresses per second of CPU time (and of wall
 *    time, which other processes on the machine can slow down), on a fresh stream of 100,000 generated
 *    addresses (one pass), and looping over the sample;
 *  - a baseline in the same run: a naive matcher (no index; every old commune's name searched in the
 *    unaccented address, longest match wins);
 *  - import of the reference data on a fresh PGlite database, first time and again (idempotent);
 *  - streaming CSV conversion of a 50,000-row file: rows per second and how much the memory grew.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { openPglite } from '../src/platform/db.ts';
import { loadConfig, projectRoot } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { openRuntime } from '../src/main.ts';
import { platformModule } from '../src/modules/index.ts';
import { unitsModule } from '../src/modules/units/index.ts';
import { buildMatcher, type AddressMatcher } from '../src/modules/units/domain/matcher.ts';
import { plainText } from '../src/modules/units/domain/normalize.ts';
import type { Dataset } from '../src/modules/units/domain/dataset.ts';
import { readDataset } from '../src/modules/units/source.ts';
import { convertCsv } from '../src/modules/units/csv-convert.ts';
import { evaluate, readSample } from './data/units-evaluate.ts';
import { generateSample, STYLES } from './data/units-generate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(projectRoot, 'reference', 'admin-units');
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The baseline: scan every old commune, look for its name (and its district's, province's) in the plain address. */
function naiveMatcher(ds: Dataset): (address: string) => string | null {
  const oldUnits = ds.units.filter((u) => u.generation === 1);
  const byCode = new Map(oldUnits.map((u) => [`${u.level}:${u.code}`, u]));
  const targets = new Map<string, string>();
  for (const l of ds.links) if (l.level === 'commune' && (l.rank === 1 || !targets.has(l.oldCode))) targets.set(l.oldCode, l.newCode);
  const communes = oldUnits
    .filter((u) => u.level === 'commune')
    .map((c) => ({
      code: c.code,
      name: ' ' + plainText(c.shortName) + ' ',
      district: ' ' + plainText(byCode.get(`district:${c.parentCode}`)!.shortName) + ' ',
      province: ' ' + plainText(byCode.get(`province:${c.provinceCode}`)!.shortName) + ' ',
    }));
  return (address) => {
    const a = ' ' + plainText(address) + ' ';
    let best: { code: string; score: number } | null = null;
    for (const c of communes) {
      if (!a.includes(c.name)) continue;
      const score = c.name.length + (a.includes(c.district) ? 10 : 0) + (a.includes(c.province) ? 20 : 0);
      if (!best || score > best.score) best = { code: c.code, score };
    }
    return best ? (targets.get(best.code) ?? null) : null;
  };
}

function throughput(matcher: AddressMatcher, addresses: string[], minAddresses: number, warm = true) {
  if (warm) for (const a of addresses) matcher.convert(a);
  let n = 0;
  const c0 = cpuMs();
  const w0 = performance.now();
  while (n < minAddresses) {
    for (const a of addresses) matcher.convert(a);
    n += addresses.length;
  }
  const cpu = cpuMs() - c0;
  const wall = performance.now() - w0;
  return { n, perSecondCpu: (n / cpu) * 1000, perSecondWall: (n / wall) * 1000, usPerAddress: (cpu * 1000) / n };
}

async function importOnPglite() {
  const db = await openPglite();
  const rt = await openRuntime(loadConfig({ LOG_LEVEL: 'silent' }), { db, log: createLogger('silent'), modules: [platformModule, unitsModule] });
  try {
    const service = rt.ctx.services.units!;
    const t0 = performance.now();
    const first = await service.importFrom(dataDir);
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const again = await service.importFrom(dataDir);
    const againMs = performance.now() - t1;
    const t2 = performance.now();
    await service.matcher();
    const matcherFromDbMs = performance.now() - t2;
    return { firstMs, againMs, matcherFromDbMs, rows: first.units.total + first.links.total, againChanged: again.units.inserted + again.units.updated + again.links.inserted + again.links.updated };
  } finally {
    await rt.close();
    await db.close();
  }
}

async function csvStreaming(matcher: AddressMatcher, addresses: string[], rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-units-'));
  try {
    const input = path.join(dir, 'old.csv');
    const fd = fs.openSync(input, 'w');
    fs.writeSync(fd, 'id,address,note\n');
    const chunk = 5000;
    for (let i = 0; i < rows; i += chunk) {
      const block: string[][] = [];
      for (let j = i; j < Math.min(rows, i + chunk); j++) block.push([String(j + 1), addresses[j % addresses.length]!, 'x'.repeat(20)]);
      fs.writeSync(fd, stringify(block));
    }
    fs.closeSync(fd);
    const size = fs.statSync(input).size;
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const report = await convertCsv({ input, output: path.join(dir, 'new.csv'), column: 'address', matcher });
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows: report.rows, fileMb: size / 1e6, rowsPerSecond: (report.rows / ms) * 1000, rssGrowthMb: (peak - rss0) / 1e6, report };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const t0 = performance.now();
  const ds = readDataset(dataDir);
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  const matcher = buildMatcher({ ...ds, today });
  const buildMs = performance.now() - t1;

  const sample = readSample();
  const evaluation = evaluate(matcher, sample);
  const addresses = sample.map((r) => r.address);
  // throughput on a fresh stream of 100,000 generated addresses (another seed), one pass, after a warm-up
  // on the sample: province and district texts repeat as in real lists, most commune texts are new
  const streamRows = generateSample(100_000, 424242, dataDir);
  const stream = streamRows.map((r) => r.address);
  for (const a of addresses) matcher.convert(a);
  const speed = throughput(matcher, stream, stream.length, false);
  const loop = throughput(matcher, addresses, 100_000);
  // the same 100,000 addresses, never looked at while building the matcher, scored like the sample
  const heldOut = evaluate(matcher, streamRows);

  // baseline on the first 400 rows (it is slow)
  const naive = naiveMatcher(ds);
  const subset = sample.slice(0, 400).filter((r) => r.ambiguous === 'false');
  const c0 = cpuMs();
  let naiveCorrect = 0;
  for (const r of subset) {
    const got = naive(r.address);
    const expected = r.expected_new_codes.split(';');
    // lenient for the baseline: any mapped commune counts
    if (got && expected.includes(got)) naiveCorrect++;
  }
  const naiveCpu = cpuMs() - c0;
  const subsetEval = evaluate(matcher, subset);

  const imp = await importOnPglite();
  const csv = await csvStreaming(matcher, addresses, 50_000);

  const metrics = {
    addresses_per_s: round(speed.perSecondCpu),
    addresses_per_s_wall: round(speed.perSecondWall),
    us_per_address: round(speed.usPerAddress, 1),
    throughput_addresses: speed.n,
    addresses_per_s_sample_loop: round(loop.perSecondCpu),
    accuracy: evaluation.accuracy,
    accuracy_by_style: evaluation.accuracy_by_style,
    accuracy_all_rows: evaluation.accuracy_all_rows,
    ambiguous_flagged_by_style: evaluation.ambiguous_by_style,
    held_out_rows: heldOut.rows,
    held_out_accuracy: heldOut.accuracy,
    held_out_accuracy_by_style: heldOut.accuracy_by_style,
    held_out_ambiguous_rows: heldOut.ambiguous_rows,
    held_out_ambiguous_flagged: heldOut.ambiguous_flagged,
    sample_rows: evaluation.rows,
    sample_styles: Object.fromEntries(STYLES.map(([s, share]) => [s, share])),
    ambiguous_rows: evaluation.ambiguous_rows,
    ambiguous_flagged: evaluation.ambiguous_flagged,
    statuses: evaluation.statuses,
    baseline_naive_addresses_per_s: round((subset.length / naiveCpu) * 1000),
    baseline_naive_accuracy: round(naiveCorrect / subset.length, 4),
    baseline_rows: subset.length,
    matcher_accuracy_same_rows: subsetEval.accuracy,
    speedup_vs_naive: round(speed.perSecondCpu / ((subset.length / naiveCpu) * 1000), 1),
    read_csv_ms: round(readMs),
    matcher_build_ms: round(buildMs),
    matcher_from_db_ms: round(imp.matcherFromDbMs),
    import_pglite_first_ms: round(imp.firstMs),
    import_pglite_again_ms: round(imp.againMs),
    import_rows: imp.rows,
    import_again_changed_rows: imp.againChanged,
    csv_stream_rows: csv.rows,
    csv_stream_file_mb: round(csv.fileMb, 1),
    csv_stream_rows_per_s: round(csv.rowsPerSecond),
    csv_stream_rss_growth_mb: round(csv.rssGrowthMb, 1),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    load_average_1m: round(os.loadavg()[0] ?? 0, 2),
    node: process.version,
  };
  const out = { name: 'units', date: new Date().toISOString(), metrics };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'units.json'), JSON.stringify(out, null, 2) + '\n');
  const p = (k: string, v: unknown) => process.stdout.write(`${k.padEnd(34)} ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
  for (const [k, v] of Object.entries(metrics)) p(k, v);
  if (evaluation.failures.length) {
    process.stdout.write(`\nfirst failures (${evaluation.failures.length}):\n`);
    for (const f of evaluation.failures.slice(0, 10)) process.stdout.write(`  [${f.style}] ${f.address} → expected ${f.expected}, got ${f.got}\n`);
  }
  process.stdout.write(`\nwritten bench/results/units.json\n`);
}

await main();
