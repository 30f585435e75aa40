import { GROUPS, INDICATORS, type GroupId, type IndexCounts, type Indicator } from './indicators.ts';
import { describeSettings, type IndexSettings } from './settings.ts';

/**
 * From counts to points: the general rules of the index (shared/docs/INDEX-766.md), each a small pure
 * function, with the choices the source leaves open read from the settings (ADR 0080).
 */

export type ScopeLevel = 'commune' | 'province_department' | 'field' | 'province';

/** Rounds half away from zero to `decimals` (2.345 → 2.35), without binary surprises (1.005 → 1.01). */
export function roundHalfUp(x: number, decimals: number): number {
  const sign = x < 0 ? -1 : 1;
  return (sign * Math.round(Number(`${Math.abs(x)}e${decimals}`))) / 10 ** decimals || 0;
}

/** "At or above the target T → full points; below → rate × points / T" (rate and T in 0..1). */
export function pointsFor(rate: number, max: number, target: number): number {
  if (max === 0) return 0;
  if (rate >= target) return max;
  return (Math.max(0, rate) * max) / target;
}

export interface IndicatorResult {
  id: string;
  group: GroupId;
  label: string;
  max: number;
  target: number;
  formula: string;
  confidence: 'likely' | 'open';
  /**
   * computed: a rate over real counts; no_data: the facts are not collected (or the formula is open) — shown
   * as "Chưa có dữ liệu", never as 0 or full points; not_applicable: empty denominator under that setting, or
   * the indicator does not apply to the scope's level; full_points_rule: a commune given full points by the setting.
   */
  status: 'computed' | 'no_data' | 'not_applicable' | 'full_points_rule';
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator, 0..1 (rounded to 4 decimals), or null. */
  rate: number | null;
  /** null unless computed (or full points by the commune rule). */
  points: number | null;
  reason: string | null;
}

/** The level a sub-indicator is read at: communes follow the full-points rule, province-only rows skip lower levels. */
export function scoreIndicator(ind: Indicator, counts: IndexCounts, settings: IndexSettings, level: ScopeLevel): IndicatorResult {
  const target = settings.targets[ind.id] ?? ind.target;
  // one object shape for every outcome (the ranking scores every unit of the province on each request)
  const result = (status: IndicatorResult['status'], numerator: number | null, denominator: number | null, rate: number | null, points: number | null, reason: string | null): IndicatorResult => ({
    id: ind.id, group: ind.group, label: ind.label, max: ind.max, target, formula: ind.formula, confidence: ind.confidence,
    numerator, denominator, rate, points, status, reason,
  });
  if (ind.onlyLevel === 'province' && level === 'commune') return result('not_applicable', null, null, null, null, 'Chỉ tính cho cấp tỉnh.');
  if (level === 'commune' && settings.communeFullPoints.includes(ind.id))
    return result('full_points_rule', null, null, null, ind.max, 'Cấp xã được tính điểm tối đa theo cấu hình.');
  const m = ind.measure(counts);
  if ('noData' in m) return result('no_data', null, null, null, null, m.noData);
  if (m.denominator === 0) {
    if (settings.emptyDenominator === 'not_applicable' || ind.max === 0)
      return result('not_applicable', m.numerator, 0, null, null, 'Không có hồ sơ/thủ tục để tính trong kỳ.');
    return result('computed', m.numerator, 0, null, 0, 'Không có hồ sơ/thủ tục để tính trong kỳ: 0 điểm.');
  }
  const r = m.numerator / m.denominator;
  return result('computed', m.numerator, m.denominator, roundHalfUp(r, 4), ind.max === 0 ? null : roundHalfUp(pointsFor(r, ind.max, target), settings.decimals), null);
}

/** The class of a score: the first band (highest first) whose minimum it reaches. */
export function classify(score: number, bands: IndexSettings['bands']): string | null {
  return bands.find((b) => score >= b.min)?.label ?? null;
}

export interface GroupResult {
  id: GroupId;
  label: string;
  max: number;
  /** Sum of the points of the group's sub-indicators that have them. */
  points: number;
  /** The maximum over the sub-indicators that have points (computed or by rule). */
  maxWithData: number;
}

export interface IndexResult {
  /** Sum of the points of every sub-indicator with data, out of `maxWithData`. */
  total: number;
  /** The full scale (100). */
  max: number;
  maxWithData: number;
  /** total × 100 / maxWithData (null when no sub-indicator has data). */
  scaled: number | null;
  /** The figure the class reads (settings.classBasis). */
  score: number | null;
  class: string | null;
  groups: GroupResult[];
  indicators: IndicatorResult[];
  /** Vietnamese lines: the settings used, shown beside the figure. */
  settingsNotes: string[];
}

export function computeIndex(counts: IndexCounts, settings: IndexSettings, level: ScopeLevel): IndexResult {
  const indicators = INDICATORS.map((i) => scoreIndicator(i, counts, settings, level));
  const groups = GROUPS.map((g) => {
    const own = indicators.filter((i) => i.group === g.id && i.points !== null && i.max > 0);
    return {
      id: g.id,
      label: g.label,
      max: g.max,
      points: roundHalfUp(own.reduce((s, i) => s + i.points!, 0), settings.decimals),
      maxWithData: own.reduce((s, i) => s + i.max, 0),
    };
  });
  const total = roundHalfUp(groups.reduce((s, g) => s + g.points, 0), settings.decimals);
  const maxWithData = groups.reduce((s, g) => s + g.maxWithData, 0);
  const scaled = maxWithData ? roundHalfUp((total * 100) / maxWithData, settings.decimals) : null;
  const score = settings.classBasis === 'scaled' ? scaled : maxWithData ? total : null;
  return {
    total,
    max: 100,
    maxWithData,
    scaled,
    score,
    class: score === null ? null : classify(score, settings.bands),
    groups,
    indicators,
    settingsNotes: describeSettings(settings),
  };
}
