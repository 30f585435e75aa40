import { loadSynthNames } from '../src/modules/mdm/cli.ts';
/**
 * Benchmark of master-data entity resolution: `npm run bench:mdm` → bench/results/mdm.json.
 *
 * Generates legacy person sources with known duplicates (`lienthong mdm synth`'s generator; names from
 * reference/names, old and new communes of Tỉnh Phú Thọ from reference/admin-units), then times the whole
 * batch — mapping, standardisation (addresses converted through the units matcher), blocking, comparisons,
 * EM, scoring and clustering — and scores pairwise and cluster precision/recall/F1 against the truth. The
 * baseline, in the same run: exact match on normalised name + date of birth, or on an id. Real-time match:
 * p95 of one incoming record against the golden records (one per cluster).
 *
 * MDM_BENCH_RECORDS (default 1,000,000) sets the size; MDM_BENCH_WORKERS (default: up to 2, the cores) the
 * worker threads that standardise, through the same pool as `lienthong mdm run` (0: the main thread alone).
 * CPU seconds cover every thread of the process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../src/platform/config.ts';
import { readDataset } from '../src/modules/units/source.ts';
import { buildMatcher } from '../src/modules/units/domain/matcher.ts';
import { memoisedMatcher } from '../src/modules/mdm/domain/address.ts';
import { generateSources, parseSurnameShares, RARER_FAMILIES } from '../src/modules/mdm/domain/synth.ts';
import { communesOf } from './mdm-data.ts';
import { parseMapping, type Mapping } from '../src/modules/mdm/domain/mapping.ts';
import { StandardisePool, type MatchChunk } from '../src/modules/mdm/parallel.ts';
import { standardiseRow } from '../src/modules/mdm/domain/pipeline.ts';
import { DisjointSets, evaluate, resolve, toMatchRecord, type MatchRecord } from '../src/modules/mdm/domain/match.ts';
import { RealtimeIndex } from '../src/modules/mdm/domain/realtime.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.argv[2] ?? process.env.MDM_BENCH_RECORDS ?? 1_000_000);
const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sampleRss, 200);
const log = (s: string) => process.stderr.write(`[bench:mdm] ${s}\n`);

const today = '2026-12-02';
const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
const names = loadSynthNames();
const communes = communesOf(ds, '25');
log(`generating ${N.toLocaleString('en')} records over ${communes.length} old communes…`);
const gen = generateSources({ records: N, seed: 20251, names, communes, year: 2026 });
// a held-out probe set for the real-time match (another seed, same people distribution)
const probes = generateSources({ records: 2000, seed: 777, names, communes, year: 2026 });
sampleRss();
log(`generated ${gen.sources.map((s) => `${s.id}=${s.rows.length}`).join(', ')}`);

const matcher = buildMatcher({ ...ds, today });
// standardisation is spread over worker threads by the product's pool (src/modules/mdm/parallel.ts, the path
// `lienthong mdm run` takes); the threads are started before the clock, as a server keeps its own.
// MDM_BENCH_WORKERS=0 keeps it on the main thread
const WORKERS = Number(process.env.MDM_BENCH_WORKERS ?? Math.min(2, os.availableParallelism()));
const pool = WORKERS > 0 ? await StandardisePool.start({ workers: WORKERS, matcher, today }) : null;
global.gc?.();

// ---- the timed batch
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const records: MatchRecord[] = [];
const truth: number[] = [];
let rejectedValues = 0;
const ids: string[] = [];
let truthOf = () => ids.forEach((id) => truth.push(gen.truth.get(id)!));
if (pool) {
  // chunks in order, two in flight per worker; answers put back in order
  const CHUNK = 10_000;
  const jobs: { source: string; mapping: Mapping; rows: Record<string, unknown>[] }[] = [];
  for (const src of gen.sources) {
    const mapping = parseMapping(src.mapping);
    for (let i = 0; i < src.rows.length; i += CHUNK) jobs.push({ source: src.id, mapping, rows: src.rows.slice(i, i + CHUNK) });
    src.rows.length = 0;
  }
  const answers: MatchChunk[] = new Array(jobs.length);
  let nextJob = 0;
  await Promise.all(
    Array.from({ length: pool.size * 2 }, async () => {
      while (nextJob < jobs.length) {
        const j = nextJob++;
        answers[j] = await pool.run(jobs[j]!.mapping, jobs[j]!.rows, 'match');
        jobs[j]!.rows = [];
      }
    }),
  );
  for (let j = 0; j < answers.length; j++) {
    const a = answers[j]!;
    rejectedValues += a.rejected;
    for (let k = 0; k < a.records.length; k++) records.push(a.records[k]!);
  }
  // the truth (the benchmark's, not the product's work) is looked up after the clock
  truthOf = () => answers.forEach((a, j) => a.ids.forEach((id) => truth.push(gen.truth.get(`${jobs[j]!.source}:${id}`)!)));
} else {
  for (const src of gen.sources) {
    const mapping = parseMapping(src.mapping);
    const mm = memoisedMatcher(matcher);
    for (const row of src.rows) {
      const s = standardiseRow(row, mapping, { matcher: mm, today });
      if (!s.ok || s.entity !== 'person') continue;
      for (const i of s.issues) if (i.severity === 'rejected') rejectedValues++;
      records.push(toMatchRecord(s.person));
      ids.push(`${src.id}:${s.recordId}`);
    }
    src.rows.length = 0; // the raw rows are not needed any more
  }
}
await pool?.close();
const tStd = performance.now();
log(`standardised ${records.length} in ${round((tStd - t0) / 1000, 1)} s`);
const res = resolve(records);
const t1 = performance.now();
sampleRss();
log(`resolved in ${round((t1 - tStd) / 1000, 1)} s: ${res.stats.pairs} pairs, ${res.stats.patterns} patterns, EM ${res.model.iterations} it`);
const seconds = (t1 - t0) / 1000;
const cpu1 = process.cpuUsage(cpu0);
const cpuSeconds = (cpu1.user + cpu1.system) / 1e6;
truthOf();
const q = evaluate(res.labels, truth);

// ---- baseline: exact normalised name + full date of birth, or the same 12-digit / 9-digit id
const tb0 = performance.now();
const base = new DisjointSets(records.length);
const seen = new Map<string, number>();
for (let i = 0; i < records.length; i++) {
  const r = records[i]!;
  const keys = [r.name && r.birth ? `n|${r.name}|${r.birth}` : '', r.pid ? `p|${r.pid}` : '', r.oldId ? `o|${r.oldId}` : ''];
  for (const k of keys) {
    if (!k) continue;
    const j = seen.get(k);
    if (j === undefined) seen.set(k, i);
    else base.union(i, j);
  }
}
const bq = evaluate(base.labels(), truth);
const baselineSeconds = (performance.now() - tb0) / 1000;
seen.clear();

// ---- real time: golden records = one representative per predicted cluster (the most complete record)
const reps = new Map<number, number>();
const filled = (r: MatchRecord) => (r.name ? 1 : 0) + (r.birth ? 1 : 0) + (r.pid ? 1 : 0) + (r.phone ? 1 : 0) + (r.communes ? 1 : 0);
for (let i = 0; i < records.length; i++) {
  const c = res.labels[i]!;
  const cur = reps.get(c);
  if (cur === undefined || filled(records[i]!) > filled(records[cur]!)) reps.set(c, i);
}
const golden = [...reps.values()].map((i) => records[i]!);
const rt = new RealtimeIndex(golden, res.model);
const probeRecords: MatchRecord[] = [];
for (const src of probes.sources) {
  const mapping = parseMapping(src.mapping);
  for (const row of src.rows) {
    const s = standardiseRow(row, mapping, { matcher, today });
    if (s.ok && s.entity === 'person') probeRecords.push(toMatchRecord(s.person));
  }
}
const lat: number[] = [];
for (const p of probeRecords.slice(0, 2000)) {
  const a = performance.now();
  rt.match(p, 5);
  lat.push(performance.now() - a);
}
lat.sort((a, b) => a - b);
const p95 = lat[Math.floor(lat.length * 0.95)] ?? 0;
clearInterval(timer);
sampleRss();

const metrics = {
  records: records.length,
  seconds: round(seconds, 2),
  records_per_s: Math.round(records.length / seconds),
  cpu_seconds: round(cpuSeconds, 2),
  records_per_cpu_s: Math.round(records.length / cpuSeconds),
  load_average_1m: round(os.loadavg()[0]!, 1),
  standardise_workers: WORKERS,
  standardise_seconds: round((tStd - t0) / 1000, 2),
  resolve_seconds: round((t1 - tStd) / 1000, 2),
  peak_rss_mb: Math.round(peakRss / 2 ** 20),
  entities_true: new Set(truth).size,
  clusters: reps.size,
  candidate_pairs: res.stats.pairs,
  auto_merged_pairs: res.stats.merged,
  review_pairs: res.stats.reviewed,
  em_iterations: res.model.iterations,
  em_lambda: round(res.model.lambda, 4),
  rejected_values: rejectedValues,
  pairwise_precision: round(q.precision, 4),
  pairwise_recall: round(q.recall, 4),
  pairwise_f1: round(q.f1, 4),
  cluster_precision: round(q.clusterPrecision, 4),
  cluster_recall: round(q.clusterRecall, 4),
  cluster_f1: round(q.clusterF1, 4),
  baseline: 'exact normalised name + date of birth, or the same id',
  baseline_seconds: round(baselineSeconds, 2),
  baseline_pairwise_precision: round(bq.precision, 4),
  baseline_pairwise_recall: round(bq.recall, 4),
  baseline_pairwise_f1: round(bq.f1, 4),
  baseline_cluster_f1: round(bq.clusterF1, 4),
  realtime_golden_records: golden.length,
  realtime_probes: lat.length,
  realtime_p50_ms: round(lat[Math.floor(lat.length / 2)] ?? 0, 3),
  realtime_p95_ms: round(p95, 3),
  blocking: res.stats.perRule,
  model: {
    lambda: res.model.lambda,
    m: res.model.m.map((r) => r.map((x) => round(x, 4))),
    u: res.model.u.map((r) => r.map((x) => round(x, 6))),
  },
};
const out = { name: 'mdm', date: new Date().toISOString(), metrics };
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'mdm.json'), JSON.stringify(out, null, 2) + '\n');
process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
