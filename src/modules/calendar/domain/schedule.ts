/**
 * Year schedules: which days of a year differ from the Monday–Friday rule, and where they come from.
 *
 *  - A year with an announced schedule (the government's yearly notice, `announced_*.csv`) uses exactly the
 *    announced days (holidays, swapped days off, make-up working Saturdays).
 *  - A year without one is derived from the Labour Code baseline (`vn_statutory_holidays_baseline_*.csv`:
 *    1/1, Tết 5 days, Giỗ Tổ 10/3 lunar, 30/4, 1/5, 2/9 + one adjacent day) with the rule of Bộ luật Lao động
 *    2019 Điều 111(3): a holiday on a weekend is compensated on the next working day.
 *  - A year outside the data (before 2020, after 2035) falls back to the solar-date holidays only.
 * Pure functions, no I/O.
 */
import type { DayOverride, YearOrigin } from '../types.ts';
import { WEEKDAYS_VI, dateToDayIndex, dayIndexToDate, isWeekendIndex, weekdayOfIndex, type LocalDate } from './time.ts';

/** One row of the statutory baseline. `date` is null for the National Day adjacent day (placed each year). */
export interface BaselineHoliday {
  year: number;
  date: LocalDate | null;
  name: string;
  kind: 'fixed_solar' | 'tet_window' | 'lunar' | 'adjacent_day';
}

export const LABOUR_CODE = 'Bộ luật Lao động 2019';

const ddmm = (i: number) => {
  const d = dayIndexToDate(i);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};

/**
 * The day added to National Day (2/9) when no schedule is announced: the neighbour (1/9 or 3/9) that is a
 * weekday; when both are, the one next to a weekend; when neither is next to a weekend, 1/9. This reproduces
 * every announced choice 2021–2026 (2021 Thu→3/9, 2022 Fri→1/9, 2023 Sat→1/9, 2024 Mon→3/9, 2025 Tue→1/9,
 * 2026 Wed→1/9).
 */
export function nationalDayAdjacent(year: number): LocalDate {
  const national = dateToDayIndex(`${year}-09-02`);
  const before = national - 1;
  const after = national + 1;
  const touchesWeekend = (i: number) => isWeekendIndex(i - 1) || isWeekendIndex(i + 1);
  const candidates = [before, after].filter((i) => !isWeekendIndex(i));
  if (candidates.length === 1) return dayIndexToDate(candidates[0]!);
  const touching = candidates.filter(touchesWeekend);
  return dayIndexToDate(touching.length === 1 ? touching[0]! : before);
}

/** The solar-date holidays of any year (used for years outside the baseline data: no Tết, no Giỗ Tổ). */
export function fixedSolarBaseline(year: number): BaselineHoliday[] {
  const rows: BaselineHoliday[] = [
    { year, date: `${year}-01-01`, name: 'Tết Dương lịch', kind: 'fixed_solar' },
    { year, date: `${year}-04-30`, name: 'Ngày Chiến thắng (Giải phóng miền Nam)', kind: 'fixed_solar' },
    { year, date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động', kind: 'fixed_solar' },
    { year, date: `${year}-09-02`, name: 'Quốc khánh', kind: 'fixed_solar' },
  ];
  if (year >= 2021) rows.push({ year, date: null, name: 'Quốc khánh - ngày liền kề', kind: 'adjacent_day' });
  return rows;
}

/**
 * The days off of a year derived from its baseline rows: every holiday that falls on a weekday, plus one
 * compensatory day (nghỉ bù) for each holiday on a Saturday or Sunday, on the next weekday that is not
 * already a holiday or a compensatory day. Confidence 'derived'.
 */
export function deriveYearSchedule(year: number, baseline: readonly BaselineHoliday[], source: string): DayOverride[] {
  const holidays = new Map<number, BaselineHoliday>();
  for (const r of baseline) {
    if (r.year !== year) continue;
    const date = r.kind === 'adjacent_day' ? (year >= 2021 ? nationalDayAdjacent(year) : null) : r.date;
    if (!date) continue;
    const i = dateToDayIndex(date);
    if (!holidays.has(i)) holidays.set(i, { ...r, date, name: r.kind === 'adjacent_day' ? `Quốc khánh (ngày liền kề)` : r.name });
  }
  const sorted = [...holidays.keys()].sort((a, b) => a - b);
  const taken = new Set(sorted);
  const out: DayOverride[] = [];
  for (const i of sorted) {
    const h = holidays.get(i)!;
    const placed = h.kind === 'tet_window' || h.kind === 'adjacent_day';
    if (!isWeekendIndex(i)) {
      out.push({
        date: dayIndexToDate(i),
        kind: 'holiday',
        name: h.name,
        legalBasis: placed
          ? `${LABOUR_CODE} Đ.112(1); ngày nghỉ cụ thể chưa được công bố — xếp theo cách thường lệ`
          : `${LABOUR_CODE} Đ.112(1)`,
        confidence: 'derived',
        source,
      });
      continue;
    }
    let c = i + 1;
    while (isWeekendIndex(c) || taken.has(c)) c++;
    taken.add(c);
    out.push({
      date: dayIndexToDate(c),
      kind: 'holiday',
      name: `Nghỉ bù ${h.name} (${WEEKDAYS_VI[weekdayOfIndex(i)]} ${ddmm(i)})`,
      legalBasis: `${LABOUR_CODE} Đ.111(3)`,
      confidence: 'derived',
      source,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export interface ReferenceSchedules {
  /** Announced days, grouped by year. */
  announced: Map<number, DayOverride[]>;
  /** Baseline rows, grouped by year. */
  baseline: Map<number, BaselineHoliday[]>;
  baselineSource: string;
}

export interface YearLoad {
  year: number;
  origin: Exclude<YearOrigin, 'admin'>;
  source: string;
  days: DayOverride[];
}

/**
 * Which years the reference seed (re)loads, given what the database already holds:
 *  - a year with an announced schedule is loaded when it is missing or only derived (an announcement
 *    replaces a derivation), never over an announced or administrator-edited year;
 *  - a year with only baseline data is derived when missing;
 *  - everything else is left alone (so administrator edits and deletions survive restarts).
 */
export function planReferenceLoad(existing: ReadonlyMap<number, YearOrigin>, ref: ReferenceSchedules): YearLoad[] {
  const years = [...new Set([...ref.announced.keys(), ...ref.baseline.keys()])].sort((a, b) => a - b);
  const out: YearLoad[] = [];
  for (const year of years) {
    const have = existing.get(year);
    const announced = ref.announced.get(year);
    if (announced && (have === undefined || have === 'derived')) {
      const sources = [...new Set(announced.map((d) => d.source))];
      out.push({ year, origin: 'announced', source: sources.join(', '), days: announced });
    } else if (!announced && have === undefined) {
      out.push({ year, origin: 'derived', source: ref.baselineSource, days: deriveYearSchedule(year, ref.baseline.get(year) ?? [], ref.baselineSource) });
    }
  }
  return out;
}

/** Groups days by their year. */
export function byYear<T extends { date: string }>(rows: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const y = Number(r.date.slice(0, 4));
    m.set(y, [...(m.get(y) ?? []), r]);
  }
  return m;
}
