import { EventEmitter } from 'node:events';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { factFromEvent, type DossierFact } from './domain/facts.ts';
import { emptyCounts, type IndexCounts } from './domain/indicators.ts';
import { asOfFor, parsePeriod, trailingPeriods, type Period, type PeriodKind } from './domain/periods.ts';
import { computeIndex, type IndexResult, type ScopeLevel } from './domain/score.ts';
import { DEFAULT_SETTINGS, IndexSettingsSchema, type IndexSettings } from './domain/settings.ts';
import * as store from './store.ts';

export const PROJECTION = 'analytics.projection';

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

  async function settings(provinceCode: string): Promise<IndexSettings> {
    const stored = await store.getSettings(db, provinceCode);
    if (!stored) return DEFAULT_SETTINGS;
    const parsed = IndexSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored as object) });
    return parsed.success ? (parsed.data as IndexSettings) : DEFAULT_SETTINGS;
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

  const periodView = (p: Period, asOf: Date) => ({ key: p.key, label: p.label, from: p.from.toISOString(), to: p.to.toISOString(), asOf: asOf.toISOString() });

  async function serviceIndex(scope: ScopeQuery, period: Period): Promise<ServiceIndexAnswer> {
    const s = await settings(scope.provinceCode);
    const asOf = asOfFor(period, now());
    const unitColumn = s.attributeTo === 'receiving' ? 'receiving_unit' : 'deciding_unit';
    const level: ScopeLevel = scope.unit ? levelOfUnit(scope.unit) : scope.field ? 'field' : 'province';
    const units = scope.unit && level !== 'province' ? [scope.unit] : undefined;
    const m = await store.indexCounts(db, { provinceCode: scope.provinceCode, units, field: scope.field, unitColumn }, period.from, period.to, asOf, s.dislikeAtOrBelow, 'none');
    const raw = m.get('') ?? { ...emptyCounts(), onlineProcedures: [] };
    const counts = await withServices(scope.field ? undefined : scope.unit, raw);
    return {
      scope: { level, provinceCode: scope.provinceCode, unit: scope.unit ? { code: scope.unit, name: await unitName(scope.unit) } : null, field: scope.field ?? null },
      period: periodView(period, asOf),
      counts,
      index: computeIndex(counts, s, level === 'field' ? 'province' : level),
    };
  }

  /** Units of a level in the province: the communes, or the province's departments and agencies. */
  async function unitsOfLevel(provinceCode: string, level: 'commune' | 'department'): Promise<{ code: string; name: string }[]> {
    const units = ctx.services.units;
    if (!units) return [];
    if (level === 'commune') return (await units.listCommunes(provinceCode)).map((c) => ({ code: c.code, name: c.name }));
    return (await units.listAgencies(provinceCode)).map((a) => ({ code: a.code, name: a.name }));
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
    const m = await store.indexCounts(db, { provinceCode, units: all.map((u) => u.code), unitColumn }, period.from, period.to, asOf, s.dislikeAtOrBelow, 'unit');
    const rows: RankingRow[] = [];
    for (const u of all) {
      const counts = await withServices(u.code, m.get(u.code) ?? { ...emptyCounts(), onlineProcedures: [] });
      const r = computeIndex(counts, s, level === 'commune' ? 'commune' : 'province_department');
      rows.push({
        rank: null, unit: u, score: r.score, total: r.total, maxWithData: r.maxWithData, class: r.class, received: counts.received, late: counts.late,
        onTimeRate: counts.received ? Math.round((counts.onTime / counts.received) * 10000) / 10000 : null,
        groups: r.groups.map((g) => ({ id: g.id, points: g.points })),
      });
    }
    rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.unit.name.localeCompare(b.unit.name, 'vi'));
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
    const facts = events.map((e) => factFromEvent(e.payload, e.occurredAt)).filter((f): f is DossierFact => !!f);
    if (!facts.length) return 0;
    await store.upsertFacts(db, facts);
    await store.recordProgress(db, PROJECTION, events.length, new Date(Math.max(...events.map((e) => e.occurredAt.getTime()))), false);
    const units = [...new Set(facts.flatMap((f) => [f.decidingUnit, f.receivingUnit]))];
    changes.emit('change', { at: now().toISOString(), units, events: facts.length } satisfies ChangeNotice);
    return facts.length;
  }

  /**
   * Recomputes the projection from the event log alone: reads every dossier event in order, keeps each
   * dossier's newest version, writes them in one transaction (readers see the old or the new projection).
   */
  async function rebuild(batch = 20_000): Promise<{ events: number; dossiers: number; seconds: number }> {
    const t0 = performance.now();
    const latest = new Map<string, DossierFact>();
    let after = 0;
    let events = 0;
    let lastAt: Date | null = null;
    for (;;) {
      const rows = await store.readDossierEvents(db, after, batch);
      if (!rows.length) break;
      for (const r of rows) {
        const f = factFromEvent(r.payload, r.occurredAt);
        if (f) {
          const cur = latest.get(f.code);
          if (!cur || f.version > cur.version) latest.set(f.code, f);
        }
        lastAt = r.occurredAt;
      }
      events += rows.length;
      after = rows[rows.length - 1]!.seq;
    }
    const facts = [...latest.values()];
    await db.transaction(async (tx) => {
      await store.clearFacts(tx);
      for (let i = 0; i < facts.length; i += 1000) await store.upsertFacts(tx, facts.slice(i, i + 1000));
      await store.recordProgress(tx, PROJECTION, events, lastAt, true);
    });
    changes.emit('change', { at: now().toISOString(), units: [], events } satisfies ChangeNotice);
    return { events, dossiers: facts.length, seconds: Math.round((performance.now() - t0) / 10) / 100 };
  }

  return {
    settings,
    async putSettings(provinceCode: string, patch: unknown, by: string | null): Promise<IndexSettings> {
      const parsed = IndexSettingsSchema.safeParse({ ...(await settings(provinceCode)), ...(patch as object) });
      if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      await store.putSettings(db, provinceCode, parsed.data, by);
      return parsed.data as IndexSettings;
    },
    resolvePeriod,
    serviceIndex,
    ranking,
    trend,
    applyEvents,
    rebuild,
    unitName,
    state: () => store.projectionState(db, PROJECTION),
    /** Listens to the projection's changes (the dashboard's stream); returns the function that stops listening. */
    onChange(listener: (n: ChangeNotice) => void): () => void {
      changes.on('change', listener);
      return () => changes.off('change', listener);
    },
  };
}
