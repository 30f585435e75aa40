import { EventEmitter } from 'node:events';
import { fieldKey } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { factFromEvent, newestValidFacts, type DossierFact } from './domain/facts.ts';
import { crossings, kpisOf, WATCHABLE_KPIS, type Kpis, type Threshold, type WatchableKpi } from './domain/kpis.ts';
import { emptyCounts, feedbackCountsOf, type FeedbackUnitFacts, type IndexCounts } from './domain/indicators.ts';
import { asOfFor, parsePeriod, trailingPeriods, vnDate, type Period, type PeriodKind } from './domain/periods.ts';
import { computeIndex, type IndexResult, type ScopeLevel } from './domain/score.ts';
import { DEFAULT_SETTINGS, IndexSettingsSchema, type IndexSettings } from './domain/settings.ts';
import { feedbackWorkOf, taskCompletionOf, type FeedbackWork, type FeedbackWorkFacts, type TaskCompletion, type TaskUnitFacts } from './domain/unit-work.ts';
import * as store from './store.ts';

export const PROJECTION = 'analytics.projection';

/** How long a server instance keeps a province's index settings (a change made on another instance shows after it). */
export const SETTINGS_TTL_MS = 5_000;

/** The name of the per-official row of dossiers no official is assigned to, and of an official the identity module does not know. */
export const UNASSIGNED = 'Chưa phân công';
export const UNKNOWN_OFFICIAL = 'Cán bộ không còn trong danh sách';

/** One Vietnamese collator (localeCompare with a locale builds a new one on every call). */
const VI = new Intl.Collator('vi');

/** What a leader asks: one unit (commune or department), optionally one field, or the whole province. */
export interface ScopeQuery {
  provinceCode: string;
  unit?: string;
  field?: string;
}

export interface ScopeInfo {
  level: ScopeLevel;
  provinceCode: string;
  unit: { code: string; name: string } | null;
  field: string | null;
}

export interface ServiceIndexAnswer {
  scope: ScopeInfo;
  period: { key: string; label: string; from: string; to: string; asOf: string };
  counts: IndexCounts;
  index: IndexResult;
}

export interface RankingRow {
  rank: number | null;
  unit: { code: string; name: string };
  score: number | null;
  total: number;
  maxWithData: number;
  class: string | null;
  received: number;
  late: number;
  onTimeRate: number | null;
  groups: { id: string; points: number }[];
  /** Leaders' tasks of the unit created in the period (null: the tasks module did not answer). */
  tasks: TaskCompletion | null;
  /** Citizens' feedback handled by the unit, received in the period (null: the feedback module did not answer). */
  feedback: FeedbackWork | null;
}

/** A change the dashboard's stream announces: which units' figures moved. */
export interface ChangeNotice {
  at: string;
  units: string[];
  events: number;
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;

/** The level of a unit code: a commune (5 digits), a province (2 digits), else a province department / agency. */
export function levelOfUnit(code: string): ScopeLevel {
  if (/^\d{5}$/.test(code)) return 'commune';
  if (/^\d{2}$/.test(code)) return 'province';
  return 'province_department';
}

export function createAnalyticsService(ctx: PlatformContext, opts: { now?: () => Date } = {}) {
  const db = ctx.db;
  const now = opts.now ?? (() => new Date());
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const offeringCache = new Map<string, { at: number; codes: Set<string> | null }>();
  const nameCache = new Map<string, string>();

  /**
   * The province's index settings, kept SETTINGS_TTL_MS per province (one round trip less per index or ranking
   * request). A change made through this instance is seen at once; one made through another instance
   * of the server within SETTINGS_TTL_MS.
   */
  const settingsCache = new Map<string, { at: number; settings: Promise<IndexSettings> }>();
  async function readSettings(provinceCode: string): Promise<IndexSettings> {
    const stored = await store.getSettings(db, provinceCode);
    if (!stored) return DEFAULT_SETTINGS;
    const parsed = IndexSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored as object) });
    return parsed.success ? (parsed.data as IndexSettings) : DEFAULT_SETTINGS;
  }
  function settings(provinceCode: string): Promise<IndexSettings> {
    const at = performance.now();
    const hit = settingsCache.get(provinceCode);
    if (hit && at - hit.at < SETTINGS_TTL_MS) return hit.settings;
    const read = readSettings(provinceCode);
    settingsCache.set(provinceCode, { at, settings: read });
    // a failed read is not kept
    read.catch(() => settingsCache.get(provinceCode)?.settings === read && settingsCache.delete(provinceCode));
    return read;
  }

  async function unitName(code: string): Promise<string> {
    let n = nameCache.get(code);
    if (!n) {
      const u = await ctx.services.units?.resolveOrgUnit(code).catch(() => null);
      n = u?.name ?? code;
      nameCache.set(code, n);
    }
    return n;
  }

  /** The procedures offered at a unit (catalogue), cached for 10 minutes; null when the catalogue cannot say. */
  async function offeredAt(unit: string): Promise<Set<string> | null> {
    const hit = offeringCache.get(unit);
    if (hit && now().getTime() - hit.at < 600_000) return hit.codes;
    const list = await ctx.services.catalog?.offeringsAt(unit).catch(() => null);
    const codes = list ? new Set(list.map((o) => o.procedure_code)) : null;
    offeringCache.set(unit, { at: now().getTime(), codes });
    return codes;
  }

  async function withServices(unit: string | undefined, c: IndexCounts & { onlineProcedures?: string[] }): Promise<IndexCounts> {
    const { onlineProcedures = [], ...counts } = c;
    if (!unit || levelOfUnit(unit) === 'province') return counts;
    const offered = await offeredAt(unit);
    if (!offered || offered.size === 0) return counts;
    return { ...counts, servicesOffered: offered.size, servicesWithOnline: onlineProcedures.filter((p) => offered.has(p)).length };
  }

  function resolvePeriod(q: { period?: string; from?: string; to?: string }): Period {
    const key = q.period ?? (q.from || q.to ? `${q.from ?? ''}..${q.to ?? ''}` : undefined);
    if (!key) return trailingPeriods('month', now(), 1)[0]!;
    const p = parsePeriod(key);
    if (!p) throw problems.badRequest('period-invalid', `Kỳ báo cáo không hợp lệ: "${key}". Dùng tháng (2026-11), quý (2026-Q4), 6 tháng (2026-H2), năm (2026) hoặc from/to dạng YYYY-MM-DD.`);
    return p;
  }

  /**
   * The feedback facts per handling unit for a period (the feedback module's days are inclusive, Vietnam dates);
   * null when the feedback module is absent or cannot answer (the feedback indicators then show no data).
   */
  const day = (d: Date) => {
    const v = vnDate(d);
    return `${v.y}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;
  };
  const daysOf = (provinceCode: string, period: Period) => ({ provinceCode, from: day(period.from), to: day(new Date(period.to.getTime() - 1)) });

  async function feedbackFacts(provinceCode: string, period: Period): Promise<(FeedbackUnitFacts & FeedbackWorkFacts)[] | null> {
    const fb = ctx.services.feedback;
    if (!fb) return null;
    return fb.facts(daysOf(provinceCode, period)).catch((err: unknown) => {
      ctx.log.warn({ err }, 'analytics: feedback facts unavailable');
      return null;
    });
  }

  /** The tasks module's completion facts per unit in charge (tasks created in the period); null when unavailable. */
  async function taskFacts(provinceCode: string, period: Period): Promise<TaskUnitFacts[] | null> {
    const t = ctx.services.tasks;
    if (!t) return null;
    return t.completionFacts(daysOf(provinceCode, period)).catch((err: unknown) => {
      ctx.log.warn({ err }, 'analytics: task facts unavailable');
      return null;
    });
  }

  const periodView = (p: Period, asOf: Date) => ({ key: p.key, label: p.label, from: p.from.toISOString(), to: p.to.toISOString(), asOf: asOf.toISOString() });

  async function serviceIndex(scope: ScopeQuery, period: Period): Promise<ServiceIndexAnswer> {
    const s = await settings(scope.provinceCode);
    const asOf = asOfFor(period, now());
    const unitColumn = s.attributeTo === 'receiving' ? 'receiving_unit' : 'deciding_unit';
    const level: ScopeLevel = scope.unit ? levelOfUnit(scope.unit) : scope.field ? 'field' : 'province';
    const units = scope.unit && level !== 'province' ? [scope.unit] : undefined;
    const m = await store.indexCounts(db, { scope: { provinceCode: scope.provinceCode, units, field: scope.field, unitColumn }, from: period.from, to: period.to, asOf, dislikeAtOrBelow: s.dislikeAtOrBelow, groupBy: 'none' });
    const raw = m.get('') ?? { ...emptyCounts(), onlineProcedures: [] };
    const counts = await withServices(scope.field ? undefined : scope.unit, raw);
    // feedback is handled per unit, not per field: a field scope keeps "no data"
    const fb = scope.field ? null : await feedbackFacts(scope.provinceCode, period);
    if (fb) counts.feedback = feedbackCountsOf(units ? fb.filter((f) => units.includes(f.unitCode)) : fb);
    return {
      scope: { level, provinceCode: scope.provinceCode, unit: scope.unit ? { code: scope.unit, name: await unitName(scope.unit) } : null, field: scope.field ?? null },
      period: periodView(period, asOf),
      counts,
      index: computeIndex(counts, s, level === 'field' ? 'province' : level),
    };
  }

  /** Units of a level in the province: the communes, or the province's departments and agencies. */
  const levelCache = new Map<string, { at: number; units: { code: string; name: string }[] }>();
  async function unitsOfLevel(provinceCode: string, level: 'commune' | 'department'): Promise<{ code: string; name: string }[]> {
    const key = `${provinceCode}:${level}`;
    const hit = levelCache.get(key);
    if (hit && now().getTime() - hit.at < 600_000) return hit.units;
    const units = ctx.services.units;
    if (!units) return [];
    const list =
      level === 'commune'
        ? (await units.listCommunes(provinceCode)).map((c) => ({ code: c.code, name: c.name }))
        : (await units.listAgencies(provinceCode)).map((a) => ({ code: a.code, name: a.name }));
    levelCache.set(key, { at: now().getTime(), units: list });
    return list;
  }

  /**
   * The ranking of a level's units for a period: every unit of the level (one without dossiers is ranked on
   * what the settings give an empty denominator), best score first, ties by name; units with no score last.
   */
  async function ranking(provinceCode: string, level: 'commune' | 'department', period: Period): Promise<{ period: ReturnType<typeof periodView>; rows: RankingRow[]; settingsNotes: string[] }> {
    const s = await settings(provinceCode);
    const asOf = asOfFor(period, now());
    const unitColumn = s.attributeTo === 'receiving' ? 'receiving_unit' : 'deciding_unit';
    const all = await unitsOfLevel(provinceCode, level);
    const [m, fb, tf] = await Promise.all([
      store.indexCounts(db, { scope: { provinceCode, units: all.map((u) => u.code), unitColumn }, from: period.from, to: period.to, asOf, dislikeAtOrBelow: s.dislikeAtOrBelow, groupBy: 'unit' }),
      feedbackFacts(provinceCode, period),
      taskFacts(provinceCode, period),
    ]);
    const rows: RankingRow[] = [];
    for (const u of all) {
      const counts = await withServices(u.code, m.get(u.code) ?? { ...emptyCounts(), onlineProcedures: [] });
      const fbOf = fb?.filter((f) => f.unitCode === u.code) ?? null;
      if (fbOf) counts.feedback = feedbackCountsOf(fbOf);
      const r = computeIndex(counts, s, level === 'commune' ? 'commune' : 'province_department');
      rows.push({
        rank: null, unit: u, score: r.score, total: r.total, maxWithData: r.maxWithData, class: r.class, received: counts.received, late: counts.late,
        onTimeRate: counts.received ? Math.round((counts.onTime / counts.received) * 10000) / 10000 : null,
        groups: r.groups.map((g) => ({ id: g.id, points: g.points })),
        tasks: tf ? taskCompletionOf(tf.filter((f) => f.unitCode === u.code)) : null,
        feedback: fbOf ? feedbackWorkOf(fbOf) : null,
      });
    }
    rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || VI.compare(a.unit.name, b.unit.name));
    let rank = 0;
    let prev: number | null = null;
    rows.forEach((r, i) => {
      if (r.score === null) return;
      if (r.score !== prev) rank = i + 1;
      prev = r.score;
      r.rank = rank;
    });
    return { period: periodView(period, asOf), rows, settingsNotes: computeIndex(emptyCounts(), s, 'province').settingsNotes };
  }

  /** The index of a scope over the last `n` periods of a kind (oldest first). */
  async function trend(scope: ScopeQuery, kind: Exclude<PeriodKind, 'range'>, n: number) {
    const out = [];
    for (const p of trailingPeriods(kind, now(), n)) {
      const a = await serviceIndex(scope, p);
      out.push({ period: a.period, score: a.index.score, total: a.index.total, class: a.index.class, received: a.counts.received, onTime: a.counts.onTime, late: a.counts.late, groups: a.index.groups.map((g) => ({ id: g.id, points: g.points })) });
    }
    return out;
  }

  /** The subscriber's handler: applies dossier events (any order, repeats harmless) and announces the change. */
  async function applyEvents(events: { payload: unknown; occurredAt: Date }[]): Promise<number> {
    const facts: DossierFact[] = [];
    for (const e of events) {
      const f = factFromEvent(e.payload, e.occurredAt);
      if (f) facts.push(f);
      else if (e.payload && typeof e.payload === 'object' && 'facts' in e.payload)
        ctx.log.warn({ code: (e.payload as { code?: unknown }).code, version: (e.payload as { version?: unknown }).version }, 'analytics: a dossier event carrying facts was skipped (not the expected shape, e.g. a version that is not a whole number)');
    }
    if (!facts.length) return 0;
    await db.transaction(async (tx) => {
      await store.upsertFacts(tx, facts);
      await store.recordProgress(tx, PROJECTION, events.length, new Date(Math.max(...events.map((e) => e.occurredAt.getTime()))), false);
    });
    const units = [...new Set(facts.flatMap((f) => [f.decidingUnit, f.receivingUnit]))];
    changes.emit('change', { at: now().toISOString(), units, events: facts.length } satisfies ChangeNotice);
    return facts.length;
  }

  /**
   * Recomputes the projection from the event log alone: the database picks each dossier's newest event
   * carrying facts (the projection's own merge rule), their facts replace the table and the month counters
   * are summed again from them, in one transaction (readers see the old or the new projection).
   */
  async function rebuild(batch = 20_000): Promise<{ events: number; dossiers: number; seconds: number; phases: Record<string, number>; rejected: { count: number; seqs: number[] } }> {
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let mark = t0;
    const lap = (name: string) => {
      const t = performance.now();
      phases[name] = Math.round(t - mark) / 1000;
      mark = t;
    };
    let counted = { events: 0, dossiers: 0, rejected: { count: 0, seqs: [] as number[] }, invalidFacts: [] as number[] };
    await db.transaction(async (tx) => {
      await store.beginReplaceFacts(tx);
      await store.tuneForRebuild(tx);
      const { seqs, events, lastAt, rejected } = await store.newestDossierEventSeqs(tx);
      counted = { ...counted, events, dossiers: seqs.length, rejected };
      lap('pick_s');
      // the database writes the facts of plain events itself (store.projectNextFacts); the others (and the
      // first events of each field, whose key is computed here) go through factFromEvent as events do live
      const fields = new Map<string, string>();
      // dossiers whose newest event has facts the live projection refuses: it keeps their newest valid version
      const refused: string[] = [];
      let written = 0;
      // a small first batch learns the common fields
      for (let i = 0, n = Math.min(batch, 1000); i < seqs.length; i += n, n = batch) {
        const slice = seqs.slice(i, i + n);
        const rest = await store.projectNextFacts(tx, slice, fields);
        const facts: DossierFact[] = [];
        for (const r of rest) {
          const f = factFromEvent(r.payload, r.occurredAt);
          if (f) facts.push(f);
          else refused.push(r.aggregateId);
        }
        await store.insertNextFacts(tx, facts);
        written += slice.length - rest.length + facts.length;
        for (const f of facts) if (!fields.has(f.field)) fields.set(f.field, fieldKey(f.field));
      }
      const fallback = newestValidFacts(await store.dossierEventsOf(tx, refused));
      await store.insertNextFacts(tx, fallback.facts);
      written += fallback.facts.length;
      counted = { ...counted, dossiers: written, invalidFacts: fallback.skipped };
      lap('load_s');
      await store.finishReplaceFacts(tx, lap);
      await store.recordProgress(tx, PROJECTION, events, lastAt, true);
    });
    const { events, rejected, invalidFacts } = counted;
    if (invalidFacts.length)
      ctx.log.warn({ skipped: invalidFacts.length, seqs: invalidFacts.slice(0, 10) }, 'analytics rebuild: newest dossier events with facts the live projection refuses; each dossier keeps its newest valid version, as live');
    if (rejected.count)
      ctx.log.warn({ rejected: rejected.count, seqs: rejected.seqs }, 'analytics rebuild: dossier events skipped, their version is not a whole number from 0 to 2147483647 (the live projection skips them too)');
    changes.emit('change', { at: now().toISOString(), units: [], events } satisfies ChangeNotice);
    return { events, dossiers: counted.dossiers, seconds: Math.round((performance.now() - t0) / 10) / 100, phases, rejected };
  }

  const unitColumnOf = (s: IndexSettings) => (s.attributeTo === 'receiving' ? 'receiving_unit' : 'deciding_unit') as 'receiving_unit' | 'deciding_unit';

  /** "Due soon" ends 2 working days from now (the calendar module's working days). */
  async function dueSoonUntil(at: Date): Promise<Date> {
    const cal = ctx.services.calendar;
    if (!cal) return new Date(at.getTime() + 2 * 86_400_000);
    return cal.computeDue(at, { amount: 2, unit: 'working_days' });
  }

  /**
   * The full names of the officials assigned to dossiers (a dossier's assignee is the official's username),
   * from the identity module's contract, never its tables; one it does not know (an account removed) gets
   * UNKNOWN_OFFICIAL.
   */
  async function officialNames(refs: string[]): Promise<Map<string, string>> {
    if (!refs.length) return new Map();
    return (await ctx.services.identity?.officialNames(refs).catch((err: unknown) => {
      ctx.log.warn({ err }, 'analytics: officials\' names unavailable');
      return null;
    })) ?? new Map();
  }

  /** Operational KPIs of a scope for a period (flows) and now (open dossiers), grouped as asked. */
  async function kpis(scope: ScopeQuery, period: Period, groupBy: store.KpiGroupBy = 'none'): Promise<{ key: string; name: string; kpis: Kpis }[]> {
    const s = await settings(scope.provinceCode);
    const at = now();
    const units = scope.unit && levelOfUnit(scope.unit) !== 'province' ? [scope.unit] : undefined;
    const m = await store.kpiCounts(db, { provinceCode: scope.provinceCode, units, field: scope.field, unitColumn: unitColumnOf(s) }, period.from, period.to, at, await dueSoonUntil(at), groupBy);
    const officials = groupBy === 'official' ? await officialNames([...m.keys()].filter(Boolean)) : null;
    const out = [];
    for (const [key, c] of m) {
      const name = groupBy === 'unit' ? await unitName(key) : officials ? (key ? (officials.get(key) ?? UNKNOWN_OFFICIAL) : UNASSIGNED) : key;
      out.push({ key, name, kpis: kpisOf(c) });
    }
    out.sort((a, b) => b.kpis.inProgress - a.kpis.inProgress || VI.compare(a.name, b.name));
    if (groupBy === 'none' && !out.length) out.push({ key: '', name: '', kpis: kpisOf({ received: 0, online: 0, finished: 0, early: 0, onTime: 0, late: 0, inProgress: 0, dueSoon: 0, overdue: 0, waitingApplicant: 0, processingHoursMedian: null, processingHoursP90: null, backlogAgeDaysMedian: null, backlogAgeDaysMax: null }) });
    return out;
  }

  /** The late dossiers of a scope received in a period (the drill-down), oldest lateness first. */
  async function lateDossiers(scope: ScopeQuery, period: Period, limit = 200) {
    const s = await settings(scope.provinceCode);
    const units = scope.unit && levelOfUnit(scope.unit) !== 'province' ? [scope.unit] : undefined;
    const rows = await store.lateDossiers(db, { provinceCode: scope.provinceCode, units, field: scope.field, unitColumn: unitColumnOf(s) }, period.from, period.to, now(), limit);
    const iso = (v: unknown) => (v ? new Date(v as Date).toISOString() : null);
    return rows.map((r) => ({
      code: String(r.code), procedureCode: String(r.procedure_code), field: String(r.field), status: String(r.status),
      receivedAt: iso(r.received_at), dueAt: iso(r.due_at), finishedAt: iso(r.finished_at), lateSince: iso(r.late_since), unit: String(r.deciding_unit),
    }));
  }

  /**
   * Compares the current month's KPIs of the units with thresholds (all, or those given) with them: opens an
   * alert for each new crossing (e-mailed when the threshold names an address), clears those back within.
   */
  async function provinceOfUnit(unit: string): Promise<string | null> {
    const m = /^(\d{2})(\.|$)/.exec(unit);
    if (m) return m[1]!;
    return (await ctx.services.units?.resolveOrgUnit(unit).catch(() => null))?.provinceCode ?? null;
  }

  async function checkAlerts(onlyUnits?: string[]): Promise<{ raised: number; cleared: number }> {
    const thresholds = (await store.listThresholds(db, onlyUnits)) as Threshold[];
    if (!thresholds.length) return { raised: 0, cleared: 0 };
    const period = trailingPeriods('month', now(), 1)[0]!;
    let raised = 0;
    let cleared = 0;
    for (const unit of [...new Set(thresholds.map((t) => t.unitCode))]) {
      const provinceCode = await provinceOfUnit(unit);
      if (!provinceCode) continue;
      const [row] = await kpis({ provinceCode, unit }, period);
      const name = await unitName(unit);
      const crossed = crossings(unit, name, row!.kpis, thresholds);
      const open = await store.openAlerts(db, [unit]);
      for (const c of crossed) {
        const opened = await db.transaction(async (tx) => {
          const isNew = await store.raiseAlert(tx, { ...c, at: now() });
          const email = thresholds.find((t) => t.unitCode === unit && t.kpi === c.kpi)?.email;
          if (isNew && email) await ctx.services.notifications?.enqueue(tx, { channel: 'email', to: email, template: 'kpi_alert', data: { agencyName: name, reason: c.message }, unitCode: unit });
          return isNew;
        });
        if (opened) raised++;
      }
      for (const a of open)
        if (!crossed.some((c) => c.kpi === a.kpi)) {
          await store.clearAlert(db, unit, a.kpi, now());
          cleared++;
        }
    }
    if (raised || cleared) changes.emit('change', { at: now().toISOString(), units: [...new Set(thresholds.map((t) => t.unitCode))], events: 0 } satisfies ChangeNotice);
    return { raised, cleared };
  }

  return {
    kpis,
    lateDossiers,
    checkAlerts,
    thresholds: (units?: string[]) => store.listThresholds(db, units),
    async putThresholds(unitCode: string, rows: { kpi: WatchableKpi; limit: number; email: string | null }[], by: string | null) {
      const bad = rows.filter((r) => !WATCHABLE_KPIS.includes(r.kpi)).map((r) => r.kpi);
      if (bad.length) throw problems.unprocessable('kpi-unknown', `Không có chỉ tiêu: ${bad.join(', ')}.`);
      await db.transaction((tx) => store.replaceThresholds(tx, unitCode, rows, by));
      await checkAlerts([unitCode]);
      return store.listThresholds(db, [unitCode]);
    },
    alerts: (units?: string[]) => store.openAlerts(db, units),
    settings,
    async putSettings(provinceCode: string, patch: unknown, by: string | null): Promise<IndexSettings> {
      const parsed = IndexSettingsSchema.safeParse({ ...(await readSettings(provinceCode)), ...(patch as object) });
      if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      await store.putSettings(db, provinceCode, parsed.data, by);
      settingsCache.delete(provinceCode);
      return parsed.data as IndexSettings;
    },
    resolvePeriod,
    provinceOfUnit,
    serviceIndex,
    ranking,
    trend,
    applyEvents,
    rebuild,
    unitName,
    state: () => store.projectionState(db, PROJECTION),
    /** Sums the day counters of a projection made before them (migration 006); true when it did. */
    fillMissingDayCounters: () => db.transaction((tx) => store.fillMissingDayCounters(tx)),
    /** Listens to the projection's changes (the dashboard's stream); returns the function that stops listening. */
    onChange(listener: (n: ChangeNotice) => void): () => void {
      changes.on('change', listener);
      return () => changes.off('change', listener);
    },
  };
}
