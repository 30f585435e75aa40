/**
 * Deadline arithmetic on a working calendar. Pure functions, no I/O; each one is small and tested in
 * due.test.ts. The conventions (ADR 0031):
 *
 *  - working days: counting starts the working day after the day of receipt (REGULATIONS §2.6; Bộ luật Dân sự
 *    2015 Điều 147: the first day is not counted); n working days end at the end of the afternoon session
 *    of the n-th counted working day, n + ½ at the end of the morning session of the next one
 *    (Monday 09:00 + 1 → Tuesday 17:00; + 1.5 → Wednesday 11:30). 0 working days ("trong ngày") end at the
 *    end of the day of receipt when received on a working day at or before the cut-off, otherwise at the end
 *    of the next working day.
 *  - hours: working hours inside the sessions, counted from the instant itself (Monday 16:00 + 2 h →
 *    Tuesday 08:30). A due that lands on the end of a session stays there (11:30, not 13:00).
 *  - days and months: calendar time from the next day 00:00 (Civil Code Arts. 147–148); the limit ends at the
 *    end of its last day, moved to the next working day when that day is not one; the due is then the end
 *    of the afternoon session of that day. Months end on the corresponding day (31/1 + 1 month → 28/2 or 29/2).
 *  - pauses (the applicant owes documents or fees) stop the clock: for working units the time inside the
 *    sessions that falls within a pause is not counted; for calendar units the elapsed time of the pause is
 *    added. Pauses before counting starts change nothing.
 */
import { problems } from '../../../platform/errors.ts';
import type { DueExplanation, ForwardingInfo, PauseInput, TimeLimit, Timeliness } from '../types.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayIndexOfLocalMs, daysInMonth, dayIndexToDate, fromLocalMs, msOfDay, parseInstant, toDayIndex, toLocalMs } from './time.ts';

/** What the arithmetic needs from a calendar. */
export interface DayModel {
  isWorkingDayIndex(i: number): boolean;
  /** The working sessions of every working day, ms after Vietnam midnight, ascending and disjoint. */
  readonly sessionsMs: readonly (readonly [number, number])[];
  /** The forwarding cut-off in minutes after midnight. */
  readonly cutoffMinutes: number;
}

/** No calendar has ten years without a working day: past this the data is broken. */
const MAX_SCAN_DAYS = 366 * 40;

function noWorkingTime(): never {
  throw problems.unprocessable('calendar-no-working-time', 'Lịch làm việc không có ngày làm việc nào trong khoảng thời gian cần tính.');
}

export const dayStartMs = (m: DayModel): number => m.sessionsMs[0]![0];
export const dayEndMs = (m: DayModel): number => m.sessionsMs[m.sessionsMs.length - 1]![1];
export const workingMsPerDay = (m: DayModel): number => m.sessionsMs.reduce((s, [a, b]) => s + (b - a), 0);

/** The first working day strictly after day i. */
export function nextWorkingDayIndex(m: DayModel, i: number): number {
  for (let d = i + 1, n = 0; n < MAX_SCAN_DAYS; d++, n++) if (m.isWorkingDayIndex(d)) return d;
  return noWorkingTime();
}

/** The last working day strictly before day i. */
export function previousWorkingDayIndex(m: DayModel, i: number): number {
  for (let d = i - 1, n = 0; n < MAX_SCAN_DAYS; d--, n++) if (m.isWorkingDayIndex(d)) return d;
  return noWorkingTime();
}

/** The first working day on or after day i. */
export function workingDayOnOrAfter(m: DayModel, i: number): number {
  return m.isWorkingDayIndex(i) ? i : nextWorkingDayIndex(m, i);
}

/** Working intervals [start, end) in local ms, in order, from the one containing or following `fromLms`. */
export function* workingIntervals(m: DayModel, fromLms: number): Generator<readonly [number, number]> {
  let day = dayIndexOfLocalMs(fromLms);
  for (let scanned = 0; ; day++) {
    if (m.isWorkingDayIndex(day)) {
      scanned = 0;
      const base = day * DAY_MS;
      for (const [a, b] of m.sessionsMs) if (base + b > fromLms) yield [Math.max(base + a, fromLms), base + b];
    } else if (++scanned > MAX_SCAN_DAYS) noWorkingTime();
  }
}

/** Pauses in local ms, sorted and merged; an open end is +Infinity. */
export type Pauses = readonly (readonly [number, number])[];

/** Checks pauses (start ≤ end) and turns them into sorted, merged local-ms intervals. */
export function normalizePauses(pauses: readonly (readonly [Date | string, Date | string | null])[] = []): Pauses {
  const iv = pauses.map(([a, b], k) => {
    const s = toLocalMs(parseInstant(a, `pauses[${k}].start`));
    const e = b === null ? Infinity : toLocalMs(parseInstant(b, `pauses[${k}].end`));
    if (e < s) throw problems.badRequest('invalid-pause', `Khoảng tạm dừng thứ ${k + 1} kết thúc trước khi bắt đầu.`);
    return [s, e] as [number, number];
  });
  iv.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const p of iv) {
    const last = out[out.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

/**
 * The instant at which `budgetMs` of working time has elapsed from `startLms`, not counting time inside
 * pauses; null when an open pause is reached first. A budget that runs out exactly at the end of a session
 * lands there.
 */
export function advanceWorking(m: DayModel, startLms: number, budgetMs: number, pauses: Pauses = []): number | null {
  if (budgetMs <= 0) return startLms;
  let left = budgetMs;
  let pi = 0;
  for (const [s, e] of workingIntervals(m, startLms)) {
    let pos = s;
    while (pos < e) {
      while (pi < pauses.length && pauses[pi]![1] <= pos) pi++;
      const p = pauses[pi];
      if (p && p[0] <= pos) {
        if (p[1] === Infinity) return null;
        pos = p[1];
        continue;
      }
      const pieceEnd = p ? Math.min(p[0], e) : e;
      const len = pieceEnd - pos;
      if (left <= len) return pos + left;
      left -= len;
      pos = pieceEnd;
    }
  }
  /* c8 ignore next */
  return noWorkingTime();
}

/** Working time (ms) inside the sessions between two local instants, minus the pauses; 0 when b ≤ a. */
export function countWorkingMs(m: DayModel, aLms: number, bLms: number, pauses: Pauses = []): number {
  if (bLms <= aLms) return 0;
  let total = 0;
  for (const [s, e0] of workingIntervals(m, aLms)) {
    if (s >= bLms) break;
    const e = Math.min(e0, bLms);
    total += e - s;
    for (const [pa, pb] of pauses) total -= Math.max(0, Math.min(e, pb) - Math.max(s, pa));
  }
  return total;
}

/** The instant reached after `budgetMs` of elapsed time from `startLms`, not counting pauses; null inside an open pause. */
export function advanceElapsed(startLms: number, budgetMs: number, pauses: Pauses = []): number | null {
  let cur = startLms;
  let left = budgetMs;
  for (const [a, b] of pauses) {
    if (b <= cur) continue;
    if (a >= cur + left) break;
    left -= Math.max(0, a - cur);
    if (b === Infinity) return null;
    cur = b;
  }
  return cur + left;
}

/** Elapsed time between two local instants, minus the pauses. */
export function countElapsedMs(aLms: number, bLms: number, pauses: Pauses = []): number {
  if (bLms <= aLms) return 0;
  let total = bLms - aLms;
  for (const [pa, pb] of pauses) total -= Math.max(0, Math.min(bLms, pb) - Math.max(aLms, pa));
  return total;
}

/** How a limit is counted: where counting starts, in which metric, and how much time it grants. */
export interface CountPlan {
  metric: 'working' | 'calendar';
  startLms: number;
  budgetMs: number;
}

function checkAmount(limit: TimeLimit): void {
  const { amount, unit } = limit;
  const ok =
    Number.isFinite(amount) &&
    amount >= 0 &&
    (unit === 'working_days' ? Number.isInteger(amount * 2) : unit === 'hours' ? true : Number.isInteger(amount));
  if (!ok) {
    const what =
      unit === 'working_days'
        ? 'số ngày làm việc phải là số không âm, theo bước nửa ngày (0,5)'
        : unit === 'hours'
          ? 'số giờ phải là số không âm'
          : 'số ngày hoặc số tháng phải là số nguyên không âm';
    throw problems.badRequest('invalid-amount', `Thời hạn ${String(amount)} không hợp lệ: ${what}.`);
  }
}

/** Where counting starts and the budget a limit grants, for a receipt at `fromLms`. */
export function planCount(m: DayModel, fromLms: number, limit: TimeLimit): CountPlan {
  checkAmount(limit);
  const d0 = dayIndexOfLocalMs(fromLms);
  const { amount } = limit;
  switch (limit.unit) {
    case 'working_days': {
      if (amount === 0) {
        const sameDay = m.isWorkingDayIndex(d0) && Math.floor(msOfDay(fromLms) / MINUTE_MS) <= m.cutoffMinutes;
        if (sameDay) {
          const start = Math.max(fromLms, d0 * DAY_MS + dayStartMs(m));
          const budget = countWorkingMs(m, start, d0 * DAY_MS + dayEndMs(m));
          if (budget > 0) return { metric: 'working', startLms: start, budgetMs: budget };
        }
        return { metric: 'working', startLms: nextWorkingDayIndex(m, d0) * DAY_MS + dayStartMs(m), budgetMs: workingMsPerDay(m) };
      }
      const whole = Math.floor(amount);
      const half = amount - whole > 0 ? m.sessionsMs[0]![1] - m.sessionsMs[0]![0] : 0;
      return {
        metric: 'working',
        startLms: nextWorkingDayIndex(m, d0) * DAY_MS + dayStartMs(m),
        budgetMs: whole * workingMsPerDay(m) + half,
      };
    }
    case 'hours':
      return { metric: 'working', startLms: fromLms, budgetMs: Math.round(amount * HOUR_MS) };
    case 'days':
      return { metric: 'calendar', startLms: (d0 + 1) * DAY_MS, budgetMs: amount * DAY_MS };
    case 'months': {
      const [y, mo, d] = dayIndexToDate(d0).split('-').map(Number) as [number, number, number];
      const total = mo - 1 + amount;
      const ty = y + Math.floor(total / 12);
      const tm = (total % 12) + 1;
      const last = toDayIndex(`${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, daysInMonth(ty, tm))).padStart(2, '0')}`);
      return { metric: 'calendar', startLms: (d0 + 1) * DAY_MS, budgetMs: (last - d0) * DAY_MS };
    }
    default:
      throw problems.badRequest('invalid-unit', `Đơn vị thời hạn "${String((limit as TimeLimit).unit)}" không hợp lệ.`);
  }
}

/** The unlanded end of a plan: for calendar limits the end (24:00) of the last day; null inside an open pause. */
export function rawEnd(m: DayModel, plan: CountPlan, pauses: Pauses, extraMs = 0): number | null {
  return plan.metric === 'working'
    ? advanceWorking(m, plan.startLms, plan.budgetMs + extraMs, pauses)
    : advanceElapsed(plan.startLms, plan.budgetMs + extraMs, pauses);
}

/** The due date of a raw end: itself for working limits; the end of the working day for calendar limits. */
export function land(m: DayModel, plan: CountPlan, endLms: number): number {
  if (plan.metric === 'working') return endLms;
  const lastDay = dayIndexOfLocalMs(Math.max(endLms - 1, plan.startLms - 1));
  return workingDayOnOrAfter(m, lastDay) * DAY_MS + dayEndMs(m);
}

/** The due date of a limit counted from `from`, with closed pauses, and how it was reached. */
export function explainDue(m: DayModel, from: Date, limit: TimeLimit, opts: { pauses?: readonly PauseInput[] } = {}): DueExplanation {
  const pauses = normalizePauses(opts.pauses ?? []);
  const plan = planCount(m, toLocalMs(from), limit);
  const end = rawEnd(m, plan, pauses)!;
  const pausedMs = !pauses.length
    ? 0
    : plan.metric === 'working'
      ? countWorkingMs(m, plan.startLms, end) - countWorkingMs(m, plan.startLms, end, pauses)
      : end - plan.startLms - countElapsedMs(plan.startLms, end, pauses);
  return {
    due: fromLocalMs(land(m, plan, end)),
    countingStartsAt: fromLocalMs(plan.startLms),
    metric: plan.metric,
    budgetMs: plan.budgetMs,
    pausedMs,
  };
}

export function computeDue(m: DayModel, from: Date, limit: TimeLimit, opts: { pauses?: readonly PauseInput[] } = {}): Date {
  return explainDue(m, from, limit, opts).due;
}

/** Receipt + n working days (half-day steps), counted from the next working day. */
export const addWorkingDays = (m: DayModel, from: Date, n: number): Date => computeDue(m, from, { amount: n, unit: 'working_days' });
/** `from` moved forward by working hours inside the sessions. */
export const addWorkingHours = (m: DayModel, from: Date, h: number): Date => computeDue(m, from, { amount: h, unit: 'hours' });
/** Receipt + n calendar days, ending at the end of a working day. */
export const addCalendarDays = (m: DayModel, from: Date, n: number): Date => computeDue(m, from, { amount: n, unit: 'days' });
/** Receipt + n months (corresponding day, or the month's last day), ending at the end of a working day. */
export const addMonths = (m: DayModel, from: Date, n: number): Date => computeDue(m, from, { amount: n, unit: 'months' });

/** Working hours between two instants (0 when b ≤ a), e.g. to judge a process step against its budget. */
export function workingHoursBetween(m: DayModel, a: Date, b: Date): number {
  return countWorkingMs(m, toLocalMs(a), toLocalMs(b)) / HOUR_MS;
}

/**
 * When a paper dossier must be forwarded (REGULATIONS §2.3.2): received on a working day at or before the
 * cut-off (minute precision: 15:00:59 is still 15:00) → the same working day, by its end; otherwise → at the
 * start of the next working day.
 */
export function forwarding(m: DayModel, receivedAt: Date): ForwardingInfo {
  const lms = toLocalMs(receivedAt);
  const d0 = dayIndexOfLocalMs(lms);
  if (m.isWorkingDayIndex(d0) && Math.floor(msOfDay(lms) / MINUTE_MS) <= m.cutoffMinutes) {
    return { sameDay: true, day: dayIndexToDate(d0), deadline: fromLocalMs(d0 * DAY_MS + dayEndMs(m)) };
  }
  const next = nextWorkingDayIndex(m, d0);
  return { sameDay: false, day: dayIndexToDate(next), deadline: fromLocalMs(next * DAY_MS + dayStartMs(m)) };
}

/** The latest moment to issue the apology and new date: the end of the working day before the due date's day. */
export function latestApologyDate(m: DayModel, due: Date): Date {
  const d = dayIndexOfLocalMs(toLocalMs(due));
  return fromLocalMs(previousWorkingDayIndex(m, d) * DAY_MS + dayEndMs(m));
}

/**
 * Trước hạn / đúng hạn / quá hạn: late when finished after the due instant; otherwise early when finished on
 * an earlier day than the due date ('day', the national index's reading) or at any earlier instant ('exact').
 */
export function timeliness(finishedAt: Date, due: Date, granularity: 'day' | 'exact' = 'day'): Timeliness {
  const f = toLocalMs(finishedAt);
  const d = toLocalMs(due);
  if (f > d) return 'late';
  if (granularity === 'exact') return f < d ? 'early' : 'on_time';
  return dayIndexOfLocalMs(f) < dayIndexOfLocalMs(d) ? 'early' : 'on_time';
}
