/**
 * What the dossier rules need from the working-day calendar. The calendar module (src/modules/calendar)
 * is the real implementation (public holidays, Tết, announced swaps); the service adapts it to this port.
 * `basicCalendar` below is a small stand-in (weekends and an optional list of days off) used by the pure
 * tests and when the calendar module is not installed.
 */

export const TIME_UNITS = ['working_days', 'days', 'hours', 'months'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export interface WorkingCalendar {
  /** The due date of a time limit counted from `from` (the moment a complete dossier is received). */
  computeDue(from: Date, limit: TimeLimit): Date;
  /** `from` moved forward by working hours (8 per working day). */
  addWorkingHours(from: Date, hours: number): Date;
  /** Working hours between two moments (0 when b ≤ a). */
  workingHoursBetween(a: Date, b: Date): number;
  /** When a paper dossier received at `receivedAt` must be forwarded (same day, or the next working day after 15:00). */
  forwardingTime(receivedAt: Date): Date;
  /** The latest moment an apology and new date may be issued for a dossier due at `due` (one working day before). */
  latestApologyDate(due: Date): Date;
  /** True on a working day (Vietnam time). */
  isWorkingDay(day: Date): boolean;
}

const VN_OFFSET_MS = 7 * 3600_000;
/** Working sessions in minutes after local midnight: 07:30–11:30 and 13:30–17:30 (8 hours). */
const SESSIONS: [number, number][] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60 + 30],
];
const DAY_START = SESSIONS[0]![0];
const DAY_END = SESSIONS[1]![1];
const CUTOFF_MIN = 15 * 60;

/** 'YYYY-MM-DD' of a moment in Vietnam time. */
export function vnDate(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after Vietnam-time midnight. */
function vnMinutes(d: Date): number {
  const l = new Date(d.getTime() + VN_OFFSET_MS);
  return l.getUTCHours() * 60 + l.getUTCMinutes() + l.getUTCSeconds() / 60 + l.getUTCMilliseconds() / 60000;
}

/** The moment of `day` (YYYY-MM-DD, Vietnam) at `minutes` after midnight. */
export function vnAt(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + Math.round(minutes * 60_000));
}

function nextDay(day: string, n = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
}

/**
 * A basic working calendar: Monday–Friday, minus `daysOff`, plus `extraWorkingDays` (make-up Saturdays).
 * Good enough for the pure tests; production uses the calendar module.
 */
export function basicCalendar(opts: { daysOff?: string[]; extraWorkingDays?: string[] } = {}): WorkingCalendar {
  const off = new Set(opts.daysOff ?? []);
  const extra = new Set(opts.extraWorkingDays ?? []);
  const isWorkingDayStr = (day: string) => {
    if (extra.has(day)) return true;
    if (off.has(day)) return false;
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
  const nextWorkingDay = (day: string) => {
    let d = nextDay(day);
    while (!isWorkingDayStr(d)) d = nextDay(d);
    return d;
  };
  const prevWorkingDay = (day: string) => {
    let d = nextDay(day, -1);
    while (!isWorkingDayStr(d)) d = nextDay(d, -1);
    return d;
  };
  /** Working minutes of `day` elapsed before minute m. */
  const workedBefore = (m: number) => SESSIONS.reduce((s, [a, b]) => s + Math.max(0, Math.min(m, b) - a), 0);
  /** Minute of the day at which `w` working minutes have elapsed (w ≤ 480). */
  const minuteAtWorked = (w: number) => {
    let left = w;
    for (const [a, b] of SESSIONS) {
      if (left <= b - a) return a + left;
      left -= b - a;
    }
    return DAY_END;
  };
  const cal: WorkingCalendar = {
    isWorkingDay: (d) => isWorkingDayStr(vnDate(d)),
    addWorkingHours(from, hours) {
      let day = vnDate(from);
      let left = Math.round(hours * 60);
      let used = isWorkingDayStr(day) ? workedBefore(vnMinutes(from)) : 480;
      if (left === 0) return from;
      for (;;) {
        const avail = 480 - used;
        if (left <= avail) return vnAt(day, minuteAtWorked(used + left));
        left -= avail;
        day = nextWorkingDay(day);
        used = 0;
      }
    },
    workingHoursBetween(a, b) {
      if (b.getTime() <= a.getTime()) return 0;
      const da = vnDate(a);
      const db = vnDate(b);
      const wa = isWorkingDayStr(da) ? workedBefore(vnMinutes(a)) : 0;
      const wb = isWorkingDayStr(db) ? workedBefore(vnMinutes(b)) : 0;
      if (da === db) return (wb - wa) / 60;
      let total = (isWorkingDayStr(da) ? 480 - wa : 0) + wb;
      for (let d = nextDay(da); d < db; d = nextDay(d)) if (isWorkingDayStr(d)) total += 480;
      return total / 60;
    },
    computeDue(from, limit) {
      switch (limit.unit) {
        case 'working_days':
          return cal.addWorkingHours(from, limit.amount * 8);
        case 'hours':
          return cal.addWorkingHours(from, limit.amount);
        case 'days':
          return new Date(from.getTime() + limit.amount * 86400_000);
        case 'months': {
          const d = new Date(from.getTime());
          d.setUTCMonth(d.getUTCMonth() + limit.amount);
          return d;
        }
      }
    },
    forwardingTime(receivedAt) {
      const day = vnDate(receivedAt);
      const m = vnMinutes(receivedAt);
      if (isWorkingDayStr(day) && m <= CUTOFF_MIN) return receivedAt;
      return vnAt(nextWorkingDay(day), DAY_START);
    },
    latestApologyDate(due) {
      return vnAt(prevWorkingDay(vnDate(due)), DAY_END);
    },
  };
  return cal;
}
