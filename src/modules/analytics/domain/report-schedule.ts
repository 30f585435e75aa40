/**
 * When the monthly report is e-mailed (issue 11 §3): on the first working day of a month, each unit's
 * report of the month before. Days are Vietnam calendar days 'YYYY-MM-DD'; which days are worked is the
 * calendar module's answer (weekends, holidays, swapped and make-up days), passed in as `isWorkingDay`.
 */
import { monthPeriod, vnDate, type Period } from './periods.ts';

export type IsWorkingDay = (day: string) => boolean;

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The first working day of month m (1-based) of year y; null when the month has none (never in practice). */
export function firstWorkingDayOfMonth(y: number, m: number, isWorkingDay: IsWorkingDay): string | null {
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = 1; d <= last; d++) if (isWorkingDay(dayKey(y, m, d))) return dayKey(y, m, d);
  return null;
}

/** True on the first working day of its month: '2026-02-02' is one when 1 February is a Sunday. */
export function isFirstWorkingDayOfMonth(day: string, isWorkingDay: IsWorkingDay): boolean {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return firstWorkingDayOfMonth(y, m, isWorkingDay) === day;
}

/**
 * The month whose report is due at `at`: the previous month, from the first working day of the current
 * month on (a server that was down that day sends on its next run; the dispatch record keeps it to once);
 * null before that day.
 */
export function reportMonthDue(at: Date, isWorkingDay: IsWorkingDay): Period | null {
  const { y, m, d } = vnDate(at);
  const first = firstWorkingDayOfMonth(y, m, isWorkingDay);
  if (!first || dayKey(y, m, d) < first) return null;
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}
