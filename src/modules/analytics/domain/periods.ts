/**
 * Reporting periods as the national portal publishes the index: a month ("2026-11"), a quarter ("2026-Q4"),
 * six months ("2026-H2"), a year ("2026"), or any range of days. Boundaries are midnights in Vietnam
 * (UTC+7, no daylight saving); a period is [from, to).
 */

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range';

export interface Period {
  kind: PeriodKind;
  /** The canonical key ("2026-11", "2026-Q4", "2026-H2", "2026", "2026-01-05..2026-02-10"). */
  key: string;
  label: string;
  from: Date;
  to: Date;
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** Midnight (Vietnam) at the start of y-m-d (m 1-based; overflow allowed: month 13 → next January). */
export function vnMidnight(y: number, m: number, d = 1): Date {
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS);
}

/** The Vietnam calendar date of an instant: { y, m (1-based), d }. */
export function vnDate(at: Date): { y: number; m: number; d: number } {
  const t = new Date(at.getTime() + VN_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

function make(kind: PeriodKind, y: number, startMonth: number, months: number, key: string, label: string): Period {
  return { kind, key, label, from: vnMidnight(y, startMonth), to: vnMidnight(y, startMonth + months) };
}

export function monthPeriod(y: number, m: number): Period {
  return make('month', y, m, 1, `${y}-${pad(m)}`, `Tháng ${m}/${y}`);
}
export function quarterPeriod(y: number, q: number): Period {
  return make('quarter', y, (q - 1) * 3 + 1, 3, `${y}-Q${q}`, `Quý ${['I', 'II', 'III', 'IV'][q - 1]}/${y}`);
}
export function halfPeriod(y: number, h: number): Period {
  return make('half', y, (h - 1) * 6 + 1, 6, `${y}-H${h}`, `6 tháng ${h === 1 ? 'đầu' : 'cuối'} năm ${y}`);
}
export function yearPeriod(y: number): Period {
  return make('year', y, 1, 12, `${y}`, `Năm ${y}`);
}

/** A range of days, both inclusive ("2026-01-05".."2026-02-10"). */
export function rangePeriod(fromDay: string, toDay: string): Period | null {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fromDay);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(toDay);
  if (!a || !b) return null;
  const from = vnMidnight(+a[1]!, +a[2]!, +a[3]!);
  const to = vnMidnight(+b[1]!, +b[2]!, +b[3]! + 1);
  const check = (m: RegExpExecArray, at: Date) => {
    const d = vnDate(at);
    return d.y === +m[1]! && d.m === +m[2]! && d.d === +m[3]!;
  };
  if (!check(a, from) || !check(b, new Date(to.getTime() - 1)) || to <= from) return null;
  const fmt = (m: RegExpExecArray) => `${m[3]}/${m[2]}/${m[1]}`;
  return { kind: 'range', key: `${fromDay}..${toDay}`, label: `Từ ${fmt(a)} đến ${fmt(b)}`, from, to };
}

/** Parses a period key; null when it is not one. Years 2000–2100. */
export function parsePeriod(key: string): Period | null {
  let m: RegExpExecArray | null;
  const okYear = (y: number) => y >= 2000 && y <= 2100;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && okYear(+m[1]!) && +m[2]! >= 1 && +m[2]! <= 12) return monthPeriod(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key)) && okYear(+m[1]!)) return quarterPeriod(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})-H([12])$/.exec(key)) && okYear(+m[1]!)) return halfPeriod(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})$/.exec(key)) && okYear(+m[1]!)) return yearPeriod(+m[1]!);
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key))) return rangePeriod(m[1]!, m[2]!);
  return null;
}

/** The period of the same kind containing an instant (a range kind gives the month). */
export function periodContaining(kind: Exclude<PeriodKind, 'range'>, at: Date): Period {
  const { y, m } = vnDate(at);
  if (kind === 'month') return monthPeriod(y, m);
  if (kind === 'quarter') return quarterPeriod(y, Math.ceil(m / 3));
  if (kind === 'half') return halfPeriod(y, m <= 6 ? 1 : 2);
  return yearPeriod(y);
}

/** The `n` periods of a kind ending with the one that contains `at`, oldest first (the trend). */
export function trailingPeriods(kind: Exclude<PeriodKind, 'range'>, at: Date, n: number): Period[] {
  const out: Period[] = [];
  let p = periodContaining(kind, at);
  for (let i = 0; i < n; i++) {
    out.unshift(p);
    p = periodContaining(kind, new Date(p.from.getTime() - 1));
  }
  return out;
}

/** When a period is looked at: its end, or now while it is running. */
export function asOfFor(p: Pick<Period, 'to'>, now: Date): Date {
  return p.to.getTime() < now.getTime() ? p.to : now;
}
