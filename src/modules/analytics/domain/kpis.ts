/**
 * Operational KPIs of the one-stop desks (what leaders watch daily beside the index), and the thresholds a
 * leader sets per unit. Pure: the store counts, these functions name, divide and compare.
 */

export interface KpiCounts {
  /** Received in the period. */
  received: number;
  /** Received in the period online. */
  online: number;
  /** Processing ended (result issued) in the period: before the appointment's day, by the appointment, after it. */
  finished: number;
  early: number;
  onTime: number;
  late: number;
  /** Now: received, not ended, no result yet. */
  inProgress: number;
  /** … of them with the appointment within the next 2 working days. */
  dueSoon: number;
  /** … of them past the appointment (and not waiting for the applicant). */
  overdue: number;
  /** … of them waiting for the applicant (supplement, fee). */
  waitingApplicant: number;
  /** Hours from receipt to result of those finished in the period: median and 90th percentile (null: none). */
  processingHoursMedian: number | null;
  processingHoursP90: number | null;
  /** Days since receipt of the dossiers in progress: median and oldest (null: none). */
  backlogAgeDaysMedian: number | null;
  backlogAgeDaysMax: number | null;
}

export interface Kpis extends KpiCounts {
  /** online / received (null when nothing was received). */
  onlineShare: number | null;
  /** (early + onTime) / finished. */
  onTimeRate: number | null;
  /** late / finished. */
  lateRate: number | null;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : null);

export function kpisOf(c: KpiCounts): Kpis {
  return { ...c, onlineShare: ratio(c.online, c.received), onTimeRate: ratio(c.early + c.onTime, c.finished), lateRate: ratio(c.late, c.finished) };
}

/** The KPIs a threshold can watch, with the direction that is bad. */
export const WATCHABLE = {
  overdue: { label: 'Hồ sơ quá hạn', bad: 'above' },
  dueSoon: { label: 'Hồ sơ sắp đến hạn (2 ngày làm việc)', bad: 'above' },
  inProgress: { label: 'Hồ sơ đang giải quyết', bad: 'above' },
  waitingApplicant: { label: 'Hồ sơ chờ người dân bổ sung', bad: 'above' },
  lateRate: { label: 'Tỷ lệ hồ sơ trễ hạn', bad: 'above' },
  onTimeRate: { label: 'Tỷ lệ hồ sơ đúng hạn', bad: 'below' },
  onlineShare: { label: 'Tỷ lệ hồ sơ trực tuyến', bad: 'below' },
  backlogAgeDaysMax: { label: 'Tuổi hồ sơ tồn lâu nhất (ngày)', bad: 'above' },
  processingHoursP90: { label: 'Thời gian xử lý phân vị 90 (giờ)', bad: 'above' },
} as const satisfies Record<string, { label: string; bad: 'above' | 'below' }>;
export type WatchableKpi = keyof typeof WATCHABLE;
export const WATCHABLE_KPIS = Object.keys(WATCHABLE) as WatchableKpi[];

export interface Threshold {
  unitCode: string;
  kpi: WatchableKpi;
  /** Crossing: strictly above (for "above" KPIs) or strictly below ("below") this value. */
  limit: number;
  /** Where the alert is e-mailed (null: only on the dashboard). */
  email: string | null;
}

export interface Crossing {
  unitCode: string;
  kpi: WatchableKpi;
  value: number;
  limit: number;
  /** Vietnamese sentence for the dashboard and the e-mail. */
  message: string;
}

const fmt = (kpi: WatchableKpi, v: number) => (kpi.endsWith('Rate') || kpi === 'onlineShare' ? `${Math.round(v * 1000) / 10}%` : `${Math.round(v * 100) / 100}`);

/** The thresholds a unit's KPIs cross (a KPI without a value, e.g. no dossier finished, crosses nothing). */
export function crossings(unitCode: string, unitName: string, k: Kpis, thresholds: Threshold[]): Crossing[] {
  const out: Crossing[] = [];
  for (const t of thresholds) {
    if (t.unitCode !== unitCode) continue;
    const v = k[t.kpi];
    if (v === null || v === undefined) continue;
    const w = WATCHABLE[t.kpi];
    const crossed = w.bad === 'above' ? v > t.limit : v < t.limit;
    if (crossed)
      out.push({ unitCode, kpi: t.kpi, value: v, limit: t.limit, message: `${unitName}: ${w.label} là ${fmt(t.kpi, v)}, ${w.bad === 'above' ? 'vượt ngưỡng' : 'dưới ngưỡng'} ${fmt(t.kpi, t.limit)}.` });
  }
  return out;
}
