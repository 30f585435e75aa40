/**
 * The mdm service: runs (read sources → standardise → keep raw + clean → resolve → golden records →
 * review queue → quality report), real-time match, steward actions (merge, distinct, split, undo — audited)
 * and exports. Pure rules live in domain/; SQL in store.ts.
 */
import { randomUUID } from 'node:crypto';
import type { PlatformContext } from '../../platform/modules.ts';
import { requireService } from '../../platform/modules.ts';
import { Problem, problems } from '../../platform/errors.ts';
import type { Queryable } from '../../platform/db.ts';
import { readSource } from './connectors.ts';
import { memoisedMatcher } from './domain/address.ts';
import { survive, type ClusterMember, type GoldenPerson, type Lineage } from './domain/golden.ts';
import { MappingError, parseRunConfig, type Mapping } from './domain/mapping.ts';
import { DEFAULT_THRESHOLDS, DisjointSets, buildBlockIndex, comparePair, firstOfRecord, decide, resolve, scorePair, termFrequencies, toMatchRecord, BLOCKING_RULES, MAX_BLOCK, type MatchRecord, type Model, type Thresholds } from './domain/match.ts';
import { standardisePerson, type CleanPerson, type RawPerson } from './domain/person.ts';
import { standardiseRow } from './domain/pipeline.ts';
import { QualityAccumulator, type QualityReport } from './domain/quality.ts';
import { RealtimeIndex } from './domain/realtime.ts';
import type { CleanBusiness } from './domain/business.ts';
import { MIN_TRAINING_RECORDS, resolveBusinessRecords, scoreBusinessPair, surviveBusiness, toBusinessMatchRecord, type BusinessMember } from './domain/business-match.ts';
import * as store from './store.ts';
import { defaultWorkers, StandardisePool, type FullChunk } from './parallel.ts';
import { hashRaw } from './raw-hash.ts';
import { fold } from './domain/text.ts';
import { exportColumns, exportRow, exportSink } from './export.ts';
import type { ActionMeta, GoldenView, MatchAnswer, MdmService, ReviewItem, RunConfig, RunSummary } from './types.ts';

const BATCH = 500;
/** rows of one source after which its standardisation moves to worker threads, and their chunk size */
const POOL_AFTER = 20_000;
const POOL_CHUNK = 5_000;
const key = (s: string, r: string) => `${s}\u0000${r}`;


function actorName(meta?: ActionMeta): string {
  return meta?.actor ? `${meta.actor.kind}:${meta.actor.subject}` : 'system';
}

function configProblem(e: MappingError): Problem {
  if (e.code === 'mdm-config-invalid') return problems.unprocessable('mdm-config-invalid', e.problems[0]!.message);
  return problems.unprocessable('mdm-mapping-invalid', e.message.split('\n')[0]!, { errors: e.problems });
}

/**
 * Clusters (largest first) with their golden ids: a cluster keeps the golden id most of its records had
 * (ids stay stable across runs), else gets a new one.
 */
function clustersWithIds(labels: ArrayLike<number>, rows: readonly { golden_id: string | null }[]): { id: string; members: number[] }[] {
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = clusters.get(labels[i]!);
    if (list) list.push(i);
    else clusters.set(labels[i]!, [i]);
  }
  const claimed = new Set<string>();
  return [...clusters.values()]
    .sort((a, b) => b.length - a.length)
    .map((members) => {
      const votes = new Map<string, number>();
      for (const i of members) {
        const g = rows[i]!.golden_id;
        if (g && !claimed.has(g)) votes.set(g, (votes.get(g) ?? 0) + 1);
      }
      const id = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? randomUUID();
      claimed.add(id);
      return { id, members };
    });
}

/** A golden person as a match record (for the real-time index). */
export function goldenToMatchRecord(g: GoldenPerson): MatchRecord {
  const { person } = standardisePerson({ full_name: g.full_name, birth_date: g.birth_date, sex: g.sex, personal_id: g.personal_id, old_id: g.old_id, phone: g.phone }, { dateOrder: 'dmy' });
  const r = toMatchRecord(person);
  r.communes = [g.permanent_commune_code, g.current_commune_code].filter(Boolean).join(',');
  return r;
}

export function createMdmService(ctx: PlatformContext): MdmService {
  const db = ctx.db;
  const audit = () => requireService(ctx, 'audit', 'mdm');
  const units = () => requireService(ctx, 'units', 'mdm');
  let realtime: { version: number; index: RealtimeIndex; ids: string[]; goldens: GoldenPerson[] } | null = null;
  let version = 0;
  const invalidate = () => {
    version++;
    realtime = null;
  };

  async function record(tx: Queryable, meta: ActionMeta | undefined, action: string, target: string, before: unknown, after: unknown) {
    await audit().append(tx, { actor: meta?.actor ?? null, action, target, ip: meta?.ip ?? null, requestId: meta?.requestId ?? null, before, after });
  }

  async function membersOf(tx: Queryable, goldenId: string, trust: Map<string, number>): Promise<(ClusterMember & BusinessMember & { entity: 'person' | 'business' })[]> {
    const r = await tx.query<store.StoredRecord>(
      `SELECT source_id, record_id, entity, clean, issues, source_updated_at::text AS source_updated_at, last_seen::text AS last_seen FROM mdm.source_record WHERE golden_id = $1 ORDER BY source_id, record_id`,
      [goldenId],
    );
    return r.rows.map((x) => ({ entity: x.entity, sourceId: x.source_id, recordId: x.record_id, trust: trust.get(x.source_id) ?? 0.5, updatedAt: x.source_updated_at ?? x.last_seen, person: x.clean.person as CleanPerson, business: x.clean.business as CleanBusiness, issues: x.issues as ClusterMember['issues'] }));
  }

  /** Rebuilds the golden records of these ids from their members (retires those left empty). */
  async function rebuild(tx: Queryable, ids: string[]): Promise<void> {
    const trust = await store.sourceTrust(tx);
    const writes: store.GoldenWrite[] = [];
    for (const id of new Set(ids)) {
      const members = await membersOf(tx, id, trust);
      if (!members.length) {
        await tx.query(`UPDATE mdm.golden SET retired = true, members = 0, updated_at = now() WHERE id = $1`, [id]);
        continue;
      }
      if (members[0]!.entity === 'business') {
        const b = surviveBusiness(members);
        writes.push({ id, entity: 'business', data: b.data, lineage: b.lineage, conflicts: [], members: members.length, personal_id: null });
        continue;
      }
      const s = survive(members);
      writes.push({ id, entity: 'person', data: s.golden, lineage: s.lineage, conflicts: s.conflicts, members: members.length, personal_id: s.golden.personal_id });
    }
    await store.upsertGoldens(tx, writes);
  }

  async function readAll(config: RunConfig, mode: 'full' | 'incremental', baseDir: string, workers: number) {
    let mappings: Mapping[];
    try {
      mappings = parseRunConfig(config);
    } catch (e) {
      if (e instanceof MappingError) throw configProblem(e);
      throw e;
    }

    const unitsMatcher = await units().matcher();
    const matcher = memoisedMatcher(unitsMatcher);
    const changed = new Set<string>();
    let read = 0;
    let onWorkers = 0;
    let unchanged = 0;
    const skipped: RunSummary['skipped'] = [];
    // worker threads once a source proves large (a small run is done before threads would have started)
    let pool: StandardisePool | null = null;
    try {
      for (const m of mappings) {
        await store.upsertSource(db, { id: m.source, name: m.name ?? m.source, entity: m.entity, mapping: m, trust: m.trust });
        const bar = ctx.progress.start(`Đọc nguồn ${m.source}`);
        const skip = new Map<string, number>();
        const save = async (rows: Record<string, unknown>[], chunk: FullChunk) => {
          const writes: store.RecordWrite[] = [];
          chunk.results.forEach((s, i) => {
            if (!s.ok) {
              skip.set(s.reason, (skip.get(s.reason) ?? 0) + 1);
              return;
            }
            writes.push({
              source_id: m.source,
              record_id: s.recordId,
              entity: s.entity,
              raw: rows[i]!,
              raw_hash: chunk.hashes[i]!,
              clean: s.entity === 'person' ? { canonical: s.canonical, person: s.person } : { canonical: s.canonical, business: s.business },
              issues: s.issues,
              source_updated_at: s.updatedAt && !Number.isNaN(Date.parse(s.updatedAt)) ? new Date(s.updatedAt).toISOString() : null,
            });
          });
          const seen = new Set<string>();
          const unique = writes.reverse().filter((w) => (seen.has(w.record_id) ? false : (seen.add(w.record_id), true)));
          for (let from = 0; from < unique.length; from += BATCH) {
            const part = unique.slice(from, from + BATCH);
            const hashes = await store.existingHashes(db, m.source, part.map((w) => w.record_id));
            for (const w of part) {
              if (hashes.get(w.record_id) === w.raw_hash) unchanged++;
              else changed.add(key(m.source, w.record_id));
            }
            await db.transaction((tx) => store.upsertRecords(tx, part));
          }
          bar.tick(rows.length);
        };
        // chunks standardised in order (in the workers, several at once) and saved in order
        const inFlight: { rows: Record<string, unknown>[]; chunk: Promise<FullChunk> }[] = [];
        let batch: Record<string, unknown>[] = [];
        let sourceRows = 0;
        const submit = async () => {
          if (!batch.length) return;
          const rows = batch;
          batch = [];
          if (!pool && workers > 0 && sourceRows >= POOL_AFTER) pool = await StandardisePool.start({ workers, matcher: unitsMatcher });
          if (pool) onWorkers += rows.length;
          const chunk: Promise<FullChunk> = pool
            ? pool.run(m, rows, 'full')
            : Promise.resolve({ output: 'full', results: rows.map((row) => standardiseRow(row, m, { matcher })), hashes: rows.map(hashRaw) });
          chunk.catch(() => undefined); // awaited below, in order
          inFlight.push({ rows, chunk });
          while (inFlight.length > (pool ? pool.size * 2 : 0)) {
            const first = inFlight.shift()!;
            await save(first.rows, await first.chunk);
          }
        };
        for await (const row of readSource(m.connector!, baseDir)) {
          read++;
          sourceRows++;
          batch.push(row);
          if (batch.length >= (pool ? POOL_CHUNK : BATCH)) await submit();
        }
        await submit();
        while (inFlight.length) {
          const first = inFlight.shift()!;
          await save(first.rows, await first.chunk);
        }
        bar.done();
        for (const [reason, count] of skip) skipped.push({ sourceId: m.source, reason, count });
      }
    } finally {
      await (pool as StandardisePool | null)?.close();
    }
    return { read, onWorkers, unchanged, changed, skipped, thresholds: { ...DEFAULT_THRESHOLDS, ...(config.thresholds ?? {}) } as Thresholds, mode };
  }

  async function resolvePersons(changed: Set<string>, mode: 'full' | 'incremental', t: Thresholds) {
    const rows = await store.loadRecords(db, 'person');
    const records = rows.map((r) => toMatchRecord(r.clean.person as CleanPerson));
    const index = new Map(rows.map((r, i) => [key(r.source_id, r.record_id), i]));
    const { cannot, must } = await constraintsFor(rows);
    let labels: Int32Array;
    let model: Model;
    let review: { a: number; b: number; probability: number }[] = [];
    let merged = 0;
    const stored = (await store.loadModel(db)) as Model | null;
    if (mode === 'incremental' && stored && rows.some((r) => r.golden_id)) {
      // only the changed records are compared (with every record in their blocks)
      model = stored;
      const ds = new DisjointSets(rows.length);
      const byGolden = new Map<string, number>();
      rows.forEach((r, i) => {
        if (!r.golden_id) return;
        const first = byGolden.get(r.golden_id);
        if (first === undefined) byGolden.set(r.golden_id, i);
        else ds.union(first, i);
      });
      for (const [a, b] of must) ds.union(a, b);
      const ix = buildBlockIndex(records);
      const tf = termFrequencies(records);
      for (const k of changed) {
        const i = index.get(k);
        if (i === undefined) continue;
        const seen = new Set<number>([i]);
        for (let r = 0; r < BLOCKING_RULES.length; r++) {
          let n = 0;
          for (let j = firstOfRecord(ix, r, records[i]!); j !== -1 && n < MAX_BLOCK; j = ix.next[r]![j]!, n++) {
            if (seen.has(j)) continue;
            seen.add(j);
            if (cannot.has(i < j ? `${i}|${j}` : `${j}|${i}`)) continue;
            const s = scorePair(model, comparePair(records[i]!, records[j]!), records[i]!, records[j]!, tf);
            const d = decide(s.probability, t);
            if (d === 'merge') {
              ds.union(i, j);
              merged++;
            } else if (d === 'review') review.push({ a: Math.min(i, j), b: Math.max(i, j), probability: s.probability });
          }
        }
      }
      labels = ds.labels();
    } else {
      const res = resolve(records, { thresholds: t, constraints: { cannot, must } });
      model = res.model;
      labels = res.labels;
      review = res.review;
      merged = res.stats.merged;
      await store.saveModel(db, model);
    }

    const clustered = clustersWithIds(labels, rows);
    const ordered = clustered.map((c) => c.members);
    const trust = await store.sourceTrust(db);
    const goldenWrites: store.GoldenWrite[] = [];
    const assign: { source_id: string; record_id: string; golden_id: string }[] = [];
    let conflicts = 0;
    for (const { id, members } of clustered) {
      const cm: ClusterMember[] = members.map((i) => {
        const r = rows[i]!;
        return { sourceId: r.source_id, recordId: r.record_id, trust: trust.get(r.source_id) ?? 0.5, updatedAt: r.source_updated_at ?? r.last_seen, person: r.clean.person as CleanPerson, issues: r.issues as ClusterMember['issues'] };
      });
      const s = survive(cm);
      conflicts += s.conflicts.length;
      goldenWrites.push({ id, entity: 'person', data: s.golden, lineage: s.lineage, conflicts: s.conflicts, members: members.length, personal_id: s.golden.personal_id });
      for (const i of members) assign.push({ source_id: rows[i]!.source_id, record_id: rows[i]!.record_id, golden_id: id });
    }
    const tf = termFrequencies(records);
    const reviewRows = review.map((p) => {
      const a = rows[p.a]!;
      const b = rows[p.b]!;
      const s = scorePair(model, comparePair(records[p.a]!, records[p.b]!), records[p.a]!, records[p.b]!, tf);
      return { a_source: a.source_id, a_record: a.record_id, b_source: b.source_id, b_record: b.record_id, probability: s.probability, weight: s.weight, parts: s.parts };
    });
    await db.transaction(async (tx) => {
      await store.upsertGoldens(tx, goldenWrites);
      await store.setGoldenIds(tx, assign);
      await store.retireUnused(tx, 'person');
      await store.insertReviews(tx, reviewRows);
    });
    // duplicates within a source (for the "clean" score)
    const dupBySource = new Map<string, number>();
    for (const members of ordered) {
      const per = new Map<string, number>();
      for (const i of members) per.set(rows[i]!.source_id, (per.get(rows[i]!.source_id) ?? 0) + 1);
      for (const [s, n] of per) if (n > 1) dupBySource.set(s, (dupBySource.get(s) ?? 0) + n - 1);
    }
    return { rows, golden: ordered.length, merged, review: reviewRows.length, conflicts, dupBySource };
  }

  /** Steward decisions between these rows as constraints of a run (merged pairs joined, distinct pairs never joined directly). */
  async function constraintsFor(rows: store.StoredRecord[]) {
    const index = new Map(rows.map((r, i) => [key(r.source_id, r.record_id), i]));
    const cannot = new Set<string>();
    const must: [number, number][] = [];
    for (const d of await store.decisions(db)) {
      const a = index.get(key(d.a_source, d.a_record));
      const b = index.get(key(d.b_source, d.b_record));
      if (a === undefined || b === undefined) continue;
      if (d.kind === 'must_link') must.push([a, b]);
      else cannot.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
    return { cannot, must };
  }

  /**
   * Businesses (enterprises, branches, household businesses): Fellegi–Sunter over tax code, name, owner,
   * address, phone and registration date (domain/business-match.ts), retrained on every run; doubtful pairs
   * go to the same review queue as persons.
   */
  async function resolveBusinesses(t: Thresholds, mode: 'full' | 'incremental') {
    const rows = await store.loadRecords(db, 'business');
    const trust = await store.sourceTrust(db);
    const records = rows.map((r) => toBusinessMatchRecord(r.clean.business as CleanBusiness));
    // an incremental run scores with the model the last full run learnt (as for persons)
    const stored = mode === 'incremental' ? ((await store.loadBusinessModel(db)) as Model | null) : null;
    const res = resolveBusinessRecords(records, { thresholds: t, constraints: await constraintsFor(rows), model: stored ?? undefined });
    if (!stored && records.length >= MIN_TRAINING_RECORDS) await store.saveBusinessModel(db, res.model);
    const writes: store.GoldenWrite[] = [];
    const assign: { source_id: string; record_id: string; golden_id: string }[] = [];
    for (const { id, members } of clustersWithIds(res.labels, rows)) {
      const g = surviveBusiness(members.map((i) => ({ sourceId: rows[i]!.source_id, recordId: rows[i]!.record_id, trust: trust.get(rows[i]!.source_id) ?? 0.5, business: rows[i]!.clean.business as CleanBusiness })));
      writes.push({ id, entity: 'business', data: g.data, lineage: g.lineage, conflicts: [], members: members.length, personal_id: null });
      for (const i of members) assign.push({ source_id: rows[i]!.source_id, record_id: rows[i]!.record_id, golden_id: id });
    }
    const reviewRows = res.review.map((p) => {
      const s = scoreBusinessPair(res.model, records[p.a]!, records[p.b]!);
      return { a_source: rows[p.a]!.source_id, a_record: rows[p.a]!.record_id, b_source: rows[p.b]!.source_id, b_record: rows[p.b]!.record_id, probability: s.probability, weight: s.weight, parts: s.parts };
    });
    await db.transaction(async (tx) => {
      await store.upsertGoldens(tx, writes);
      await store.setGoldenIds(tx, assign);
      await store.retireUnused(tx, 'business');
      await store.insertReviews(tx, reviewRows);
    });
    return { rows, golden: writes.length, merged: res.stats.merged, review: reviewRows.length };
  }

  async function realtimeIndex() {
    if (realtime && realtime.version === version) return realtime;
    const model = (await store.loadModel(db)) as Model | null;
    if (!model) throw problems.conflict('mdm-no-model', 'Chưa chạy hợp nhất dữ liệu lần nào (lienthong mdm run): chưa có bản ghi gốc để đối chiếu.');
    const r = await db.query<{ id: string; data: GoldenPerson }>(`SELECT id, data FROM mdm.golden WHERE entity = 'person' AND NOT retired ORDER BY id`);
    const goldens = r.rows.map((x) => x.data);
    realtime = { version, index: new RealtimeIndex(goldens.map(goldenToMatchRecord), model), ids: r.rows.map((x) => x.id), goldens };
    return realtime;
  }

  async function reviewItem(row: { id: string | number; probability: number; weight: number; status: ReviewItem['status']; parts: ReviewItem['parts']; a_source: string; a_record: string; b_source: string; b_record: string }): Promise<ReviewItem> {
    const side = async (s: string, r: string) => {
      const x = await db.query<{ raw: Record<string, unknown>; clean: { canonical: Record<string, unknown> }; golden_id: string | null; entity: 'person' | 'business' }>(`SELECT raw, clean, golden_id, entity FROM mdm.source_record WHERE source_id = $1 AND record_id = $2`, [s, r]);
      const v = x.rows[0];
      return { entity: v?.entity ?? 'person', sourceId: s, recordId: r, raw: v?.raw ?? {}, clean: v?.clean.canonical ?? {}, goldenId: v?.golden_id ?? null };
    };
    const { entity, ...a } = await side(row.a_source, row.a_record);
    const { entity: _b, ...b } = await side(row.b_source, row.b_record);
    return { id: Number(row.id), entity, probability: Number(row.probability), weight: Number(row.weight), status: row.status, parts: row.parts, a, b };
  }

  async function move(tx: Queryable, records: { source_id: string; record_id: string }[], to: string) {
    const before = await tx.query<{ source_id: string; record_id: string; golden_id: string | null }>(
      `SELECT source_id, record_id, golden_id FROM mdm.source_record r WHERE EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS x(source_id text, record_id text) WHERE x.source_id = r.source_id AND x.record_id = r.record_id)`,
      [JSON.stringify(records)],
    );
    await store.setGoldenIds(tx, records.map((r) => ({ ...r, golden_id: to })));
    return before.rows.map((r) => ({ source_id: r.source_id, record_id: r.record_id, from: r.golden_id, to }));
  }

  const service: MdmService = {
    async run(config, opts = {}) {
      const started = Date.now();
      const mode = opts.mode ?? 'full';
      const runRow = await db.query<{ id: string }>(`INSERT INTO mdm.run (mode) VALUES ($1) RETURNING id`, [mode]);
      const runId = Number(runRow.rows[0]!.id);
      const r = await readAll(config, mode, opts.baseDir ?? process.cwd(), opts.workers ?? defaultWorkers(ctx.config.mdmWorkers));
      const persons = await resolvePersons(r.changed, mode, r.thresholds);
      const businesses = await resolveBusinesses(r.thresholds, mode);
      const q = new QualityAccumulator(new Date());
      for (const x of [...persons.rows, ...businesses.rows]) q.add(x.source_id, x.entity, x.record_id, x.clean.canonical, x.issues as never, x.source_updated_at ?? x.last_seen);
      for (const [s, n] of persons.dupBySource) q.addDuplicates(s, n);
      const quality = q.report();
      const summary: RunSummary = {
        runId,
        mode,
        read: r.read,
        standardisedOnWorkers: r.onWorkers,
        changed: r.changed.size,
        unchanged: r.unchanged,
        skipped: r.skipped,
        persons: persons.rows.length,
        businesses: businesses.rows.length,
        golden: persons.golden + businesses.golden,
        autoMergedPairs: persons.merged + businesses.merged,
        reviewPairs: persons.review + businesses.review,
        conflicts: persons.conflicts,
        ms: Date.now() - started,
        quality: quality.overall,
      };
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE mdm.run SET finished_at = now(), stats = $2, quality = $3 WHERE id = $1`, [runId, JSON.stringify(summary), JSON.stringify(quality)]);
        await record(tx, opts.meta, 'mdm.run.complete', `mdm_run:${runId}`, null, { mode, read: summary.read, changed: summary.changed, golden: summary.golden });
      });
      invalidate();
      return summary;
    },

    async matchPerson(input, meta, limit = 5): Promise<MatchAnswer> {
      const rt = await realtimeIndex();
      const matcher = await units().matcher();
      const { person, issues } = standardisePerson(input, { matcher });
      const rec = toMatchRecord(person);
      const found = rt.index.match(rec, limit);
      const candidates = found
        .filter((c) => c.decision !== 'distinct')
        .map((c) => ({ goldenId: rt.ids[c.index]!, probability: Math.round(c.probability * 1e6) / 1e6, weight: Math.round(c.weight * 100) / 100, decision: c.decision, golden: rt.goldens[c.index]!, parts: c.parts }));
      if (candidates.length) {
        await db.transaction((tx) => record(tx, meta, 'mdm.golden.match', `mdm_golden:${candidates.map((c) => c.goldenId).join(',')}`, null, { candidates: candidates.length }));
      }
      return { candidates, issues };
    },

    async golden(id, meta): Promise<GoldenView | null> {
      const r = await db.query<{ id: string; entity: 'person' | 'business'; data: GoldenPerson; lineage: Record<string, Lineage>; conflicts: GoldenView['conflicts']; updated_at: string; retired: boolean }>(
        `SELECT id, entity, data, lineage, conflicts, updated_at::text AS updated_at, retired FROM mdm.golden WHERE id = $1`,
        [id],
      );
      const g = r.rows[0];
      if (!g || g.retired) return null;
      const m = await db.query<{ source_id: string; record_id: string }>(`SELECT source_id, record_id FROM mdm.source_record WHERE golden_id = $1 ORDER BY source_id, record_id`, [id]);
      await db.transaction((tx) => record(tx, meta, 'mdm.golden.read', `mdm_golden:${id}`, null, null));
      return { id: g.id, entity: g.entity, data: g.data, lineage: g.lineage, conflicts: g.conflicts, members: m.rows.map((x) => ({ sourceId: x.source_id, recordId: x.record_id })), updatedAt: new Date(g.updated_at).toISOString() };
    },

    async listGolden({ q, page = 1, pageSize = 20 }) {
      // with or without diacritics: "nguyen thi hong" finds "Nguyễn Thị Hồng Nhung"
      const where = q ? `AND (lower(data->>'full_name') LIKE $3 OR name_key LIKE $5 OR personal_id = $4)` : '';
      const params: unknown[] = [pageSize, (page - 1) * pageSize];
      if (q) params.push(`%${q.toLocaleLowerCase('vi')}%`, q.trim(), `%${fold(q)}%`);
      const r = await db.query<{ id: string; full_name: string | null; birth_date: string | null; members: number; conflicts: number; total: string }>(
        `SELECT id, data->>'full_name' AS full_name, data->>'birth_date' AS birth_date, members, jsonb_array_length(conflicts) AS conflicts, count(*) OVER () AS total
           FROM mdm.golden WHERE entity = 'person' AND NOT retired ${where} ORDER BY jsonb_array_length(conflicts) DESC, id LIMIT $1 OFFSET $2`,
        params,
      );
      return { items: r.rows.map(({ total: _t, ...x }) => ({ ...x, members: Number(x.members), conflicts: Number(x.conflicts) })), total: Number(r.rows[0]?.total ?? 0) };
    },

    async reviews({ status = 'open', page = 1, pageSize = 20 }, meta) {
      const r = await db.query<{ id: string; probability: number; weight: number; status: ReviewItem['status']; parts: ReviewItem['parts']; a_source: string; a_record: string; b_source: string; b_record: string; total: string }>(
        `SELECT id, probability, weight, status, parts, a_source, a_record, b_source, b_record, count(*) OVER () AS total FROM mdm.review WHERE status = $1 ORDER BY probability DESC, id LIMIT $2 OFFSET $3`,
        [status, pageSize, (page - 1) * pageSize],
      );
      const items: ReviewItem[] = [];
      for (const row of r.rows) items.push(await reviewItem(row));
      if (items.length) await db.transaction((tx) => record(tx, meta, 'mdm.review.read', `mdm_review:${items.map((i) => i.id).join(',')}`, null, null));
      return { items, total: Number(r.rows[0]?.total ?? 0) };
    },

    async decide(reviewId, decision, meta) {
      const out = await db.transaction(async (tx) => {
        const r = await tx.query<{ a_source: string; a_record: string; b_source: string; b_record: string; status: string }>(`SELECT a_source, a_record, b_source, b_record, status FROM mdm.review WHERE id = $1 FOR UPDATE`, [reviewId]);
        const rv = r.rows[0];
        if (!rv) throw problems.notFound('cặp bản ghi cần xem xét', 'mdm-review-not-found');
        if (rv.status !== 'open') throw problems.conflict('mdm-review-decided', 'Cặp bản ghi này đã được quyết định; hãy hoàn tác quyết định trước nếu muốn đổi.');
        const g = await tx.query<{ source_id: string; record_id: string; golden_id: string | null }>(
          `SELECT source_id, record_id, golden_id FROM mdm.source_record WHERE (source_id = $1 AND record_id = $2) OR (source_id = $3 AND record_id = $4)`,
          [rv.a_source, rv.a_record, rv.b_source, rv.b_record],
        );
        const ga = g.rows.find((x) => x.source_id === rv.a_source && x.record_id === rv.a_record)?.golden_id ?? null;
        const gb = g.rows.find((x) => x.source_id === rv.b_source && x.record_id === rv.b_record)?.golden_id ?? null;
        let moved: { source_id: string; record_id: string; from: string | null; to: string }[] = [];
        if (decision === 'merge' && ga && gb && ga !== gb) {
          const members = await tx.query<{ source_id: string; record_id: string }>(`SELECT source_id, record_id FROM mdm.source_record WHERE golden_id = $1`, [gb]);
          moved = await move(tx, members.rows, ga);
        } else if (decision === 'distinct' && ga && gb && ga === gb) {
          moved = await move(tx, [{ source_id: rv.b_source, record_id: rv.b_record }], randomUUID());
        }
        const act = await tx.query<{ id: string }>(`INSERT INTO mdm.action (kind, payload, actor) VALUES ($1, $2, $3) RETURNING id`, [decision, JSON.stringify({ reviewId, moved }), actorName(meta)]);
        const actionId = Number(act.rows[0]!.id);
        await tx.query(`INSERT INTO mdm.decision (a_source, a_record, b_source, b_record, kind, action_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (a_source, a_record, b_source, b_record) DO UPDATE SET kind = EXCLUDED.kind, action_id = EXCLUDED.action_id`, [
          rv.a_source, rv.a_record, rv.b_source, rv.b_record, decision === 'merge' ? 'must_link' : 'cannot_link', actionId,
        ]);
        await tx.query(`UPDATE mdm.review SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [reviewId, decision === 'merge' ? 'merged' : 'distinct', actorName(meta)]);
        const ids = [...new Set([ga, gb, ...moved.map((m) => m.to)].filter((x): x is string => Boolean(x)))];
        await rebuild(tx, ids);
        await record(tx, meta, `mdm.review.${decision}`, `mdm_review:${reviewId}`, { golden: [ga, gb] }, { actionId, moved: moved.length });
        return { actionId, goldenIds: ids };
      });
      invalidate();
      return out;
    },

    async split(goldenId, sourceId, recordId, meta) {
      const out = await db.transaction(async (tx) => {
        const r = await tx.query<{ golden_id: string | null }>(`SELECT golden_id FROM mdm.source_record WHERE source_id = $1 AND record_id = $2 FOR UPDATE`, [sourceId, recordId]);
        if (!r.rows[0] || r.rows[0].golden_id !== goldenId) throw problems.notFound('bản ghi nguồn này trong bản ghi gốc', 'mdm-member-not-found');
        const others = await tx.query<{ source_id: string; record_id: string }>(`SELECT source_id, record_id FROM mdm.source_record WHERE golden_id = $1 AND NOT (source_id = $2 AND record_id = $3)`, [goldenId, sourceId, recordId]);
        if (!others.rows.length) throw problems.conflict('mdm-split-single', 'Bản ghi gốc chỉ có một bản ghi nguồn; không thể tách.');
        const newId = randomUUID();
        const moved = await move(tx, [{ source_id: sourceId, record_id: recordId }], newId);
        const act = await tx.query<{ id: string }>(`INSERT INTO mdm.action (kind, payload, actor) VALUES ('split', $1, $2) RETURNING id`, [JSON.stringify({ moved }), actorName(meta)]);
        const actionId = Number(act.rows[0]!.id);
        for (const o of others.rows) {
          await tx.query(`INSERT INTO mdm.decision (a_source, a_record, b_source, b_record, kind, action_id) VALUES ($1, $2, $3, $4, 'cannot_link', $5) ON CONFLICT (a_source, a_record, b_source, b_record) DO UPDATE SET kind = 'cannot_link', action_id = EXCLUDED.action_id`, [
            sourceId, recordId, o.source_id, o.record_id, actionId,
          ]);
        }
        await rebuild(tx, [goldenId, newId]);
        await record(tx, meta, 'mdm.golden.split', `mdm_golden:${goldenId}`, { members: others.rows.length + 1 }, { actionId, newGolden: newId });
        return { actionId, goldenIds: [goldenId, newId] };
      });
      invalidate();
      return out;
    },

    async undo(actionId, meta) {
      const out = await db.transaction(async (tx) => {
        const r = await tx.query<{ kind: string; payload: { reviewId?: number; moved: { source_id: string; record_id: string; from: string | null; to: string }[] }; undone_by: string | null }>(
          `SELECT kind, payload, undone_by FROM mdm.action WHERE id = $1 FOR UPDATE`,
          [actionId],
        );
        const a = r.rows[0];
        if (!a) throw problems.notFound('thao tác', 'mdm-action-not-found');
        if (a.kind === 'undo') throw problems.conflict('mdm-undo-undo', 'Không hoàn tác một thao tác hoàn tác; hãy thực hiện lại thao tác ban đầu.');
        if (a.undone_by) throw problems.conflict('mdm-action-undone', 'Thao tác này đã được hoàn tác.');
        // every record must still be where the action put it (a later action would be lost otherwise)
        for (const m of a.payload.moved) {
          const cur = await tx.query<{ golden_id: string | null }>(`SELECT golden_id FROM mdm.source_record WHERE source_id = $1 AND record_id = $2`, [m.source_id, m.record_id]);
          if (cur.rows[0]?.golden_id !== m.to) throw problems.conflict('mdm-undo-stale', 'Các bản ghi đã thay đổi sau thao tác này; hãy hoàn tác các thao tác sau trước.');
        }
        for (const m of a.payload.moved) await tx.query(`UPDATE mdm.source_record SET golden_id = $3 WHERE source_id = $1 AND record_id = $2`, [m.source_id, m.record_id, m.from]);
        await tx.query(`DELETE FROM mdm.decision WHERE action_id = $1`, [actionId]);
        if (a.payload.reviewId) await tx.query(`UPDATE mdm.review SET status = 'open', decided_by = NULL, decided_at = NULL WHERE id = $1`, [a.payload.reviewId]);
        const u = await tx.query<{ id: string }>(`INSERT INTO mdm.action (kind, payload, actor) VALUES ('undo', $1, $2) RETURNING id`, [JSON.stringify({ undoes: actionId }), actorName(meta)]);
        const undoId = Number(u.rows[0]!.id);
        await tx.query(`UPDATE mdm.action SET undone_by = $2 WHERE id = $1`, [actionId, undoId]);
        const ids = [...new Set(a.payload.moved.flatMap((m) => [m.from, m.to]).filter((x): x is string => Boolean(x)))];
        await rebuild(tx, ids);
        await record(tx, meta, 'mdm.action.undo', `mdm_action:${actionId}`, { kind: a.kind }, { undoId });
        return { actionId: undoId, goldenIds: ids };
      });
      invalidate();
      return out;
    },

    async quality() {
      const r = await db.query<{ id: string; finished_at: string; quality: QualityReport }>(`SELECT id, finished_at::text AS finished_at, quality FROM mdm.run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 30`);
      const latest = r.rows[0]?.quality ?? null;
      return { latest, trend: r.rows.reverse().map((x) => ({ runId: Number(x.id), finishedAt: new Date(x.finished_at).toISOString(), overall: x.quality.overall })) };
    },

    async exportGolden(out, opts = {}) {
      const entity = opts.entity ?? 'person';
      const lineage = opts.lineage !== false;
      const sink = exportSink(opts.format ?? 'csv', out, exportColumns(entity, lineage), entity);
      let n = 0;
      let after = '';
      for (;;) {
        const r = await db.query<{ id: string; data: Record<string, unknown>; lineage: Record<string, Lineage>; members: number }>(
          `SELECT id, data, lineage, members FROM mdm.golden WHERE entity = $2 AND NOT retired AND id > $1 ORDER BY id LIMIT 2000`,
          [after, entity],
        );
        for (const g of r.rows) {
          await sink.add(exportRow(g, entity, lineage));
          n++;
        }
        if (r.rows.length < 2000) break;
        after = r.rows[r.rows.length - 1]!.id;
      }
      await sink.end();
      return n;
    },
  };
  return service;
}
