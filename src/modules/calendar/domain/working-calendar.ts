/**
 * The working calendar: which days are working days and when the sessions run, built from data (the days
 * that differ from the Monday–Friday rule) and settings. Immutable and pure; the arithmetic lives in due.ts.
 */
import type {
  CalendarSettings,
  DueClockState,
  DayOverride,
  DayStatus,
  DueExplanation,
  ForwardingInfo,
  LocalDate,
  PauseInput,
  TimeLimit,
  Timeliness,
  YearCoverage,
} from '../types.ts';
import { DueClock } from './clock.ts';
import * as due from './due.ts';
import { deriveYearSchedule, fixedSolarBaseline } from './schedule.ts';
import { resolveSettings } from './settings.ts';
import { WEEKDAYS_VI, dayIndexToDate, isWeekendIndex, parseInstant, toDayIndex, weekdayOfIndex } from './time.ts';

export interface WorkingCalendarInput {
  /** Stored days (announced, derived, edited). Rows whose confidence is 'unconfirmed' apply only when settings.includeUnconfirmed. */
  days: readonly DayOverride[];
  /**
   * Years whose schedule is stored: in these years `days` is the whole truth. Other years fall back to the
   * solar-date holidays with compensation (no Tết, no Giỗ Tổ). Default: the years present in `days`.
   */
  coveredYears?: Iterable<number>;
  settings?: Partial<CalendarSettings>;
}

export class WorkingCalendar implements due.DayModel {
  readonly settings: CalendarSettings;
  readonly sessionsMs: readonly (readonly [number, number])[];
  readonly cutoffMinutes: number;
  private readonly overrides = new Map<number, DayOverride>();
  private readonly covered: Set<number>;
  private readonly fallback = new Map<number, Map<number, DayOverride>>();
  /** The calendar is immutable: each day's override (or none) is looked up once. */
  private readonly memo = new Map<number, DayOverride | null>();

  constructor(input: WorkingCalendarInput) {
    const r = resolveSettings(input.settings);
    this.settings = r.settings;
    this.sessionsMs = r.sessionsMs;
    this.cutoffMinutes = r.cutoffMinutes;
    this.covered = new Set(input.coveredYears ?? input.days.map((d) => Number(d.date.slice(0, 4))));
    for (const d of input.days) {
      if (d.confidence === 'unconfirmed' && !this.settings.includeUnconfirmed) continue;
      this.overrides.set(toDayIndex(d.date), d);
    }
  }

  /** Whether a stored row takes effect under the current settings. */
  applies(d: DayOverride): boolean {
    return d.confidence !== 'unconfirmed' || this.settings.includeUnconfirmed;
  }

  coverage(year: number): YearCoverage {
    return this.covered.has(year) ? 'stored' : 'fixed_only';
  }

  private overrideAt(i: number): DayOverride | undefined {
    let o = this.memo.get(i);
    if (o === undefined) {
      o = this.lookup(i) ?? null;
      if (this.memo.size > 200_000) this.memo.clear();
      this.memo.set(i, o);
    }
    return o ?? undefined;
  }

  private lookup(i: number): DayOverride | undefined {
    const year = Number(dayIndexToDate(i).slice(0, 4));
    if (this.covered.has(year)) return this.overrides.get(i);
    let m = this.fallback.get(year);
    if (!m) {
      m = new Map(deriveYearSchedule(year, fixedSolarBaseline(year), 'derived:fixed-solar').map((d) => [toDayIndex(d.date), d]));
      this.fallback.set(year, m);
    }
    return m.get(i);
  }

  isWorkingDayIndex(i: number): boolean {
    const o = this.overrideAt(i);
    if (o) return o.kind === 'makeup_workday';
    return !isWeekendIndex(i);
  }

  /** The status of one day: working or not, and why. */
  day(date: Date | LocalDate): DayStatus {
    const i = toDayIndex(date);
    const o = this.overrideAt(i);
    const weekday = WEEKDAYS_VI[weekdayOfIndex(i)]!;
    if (o) return { date: dayIndexToDate(i), weekday, working: o.kind === 'makeup_workday', kind: o.kind, name: o.name };
    const weekend = isWeekendIndex(i);
    return { date: dayIndexToDate(i), weekday, working: !weekend, kind: weekend ? 'weekend' : 'workday', name: null };
  }

  isWorkingDay(date: Date | LocalDate): boolean {
    return this.isWorkingDayIndex(toDayIndex(date));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: Date | LocalDate): LocalDate {
    return dayIndexToDate(due.nextWorkingDayIndex(this, toDayIndex(date)));
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: Date | LocalDate): LocalDate {
    return dayIndexToDate(due.previousWorkingDayIndex(this, toDayIndex(date)));
  }

  /** Days after `from` (excluded) up to `to` (included) that are not working days, and the make-up days in that span. */
  daysBetween(from: Date | LocalDate, to: Date | LocalDate): { skipped: DayStatus[]; makeup: DayStatus[] } {
    const skipped: DayStatus[] = [];
    const makeup: DayStatus[] = [];
    const a = toDayIndex(from);
    const b = toDayIndex(to);
    for (let i = a + 1; i <= b; i++) {
      const s = this.day(dayIndexToDate(i));
      if (!s.working) skipped.push(s);
      else if (s.kind === 'makeup_workday') makeup.push(s);
    }
    return { skipped, makeup };
  }

  /** Working days of a calendar year. */
  workingDaysInYear(year: number): number {
    const a = toDayIndex(`${year}-01-01`);
    const b = toDayIndex(`${year}-12-31`);
    let n = 0;
    for (let i = a; i <= b; i++) if (this.isWorkingDayIndex(i)) n++;
    return n;
  }

  /** Working hours of one working day (8 by default). */
  get hoursPerDay(): number {
    return due.workingMsPerDay(this) / 3_600_000;
  }

  addWorkingDays(from: Date | string, n: number): Date {
    return due.addWorkingDays(this, parseInstant(from), n);
  }
  addWorkingHours(from: Date | string, hours: number): Date {
    return due.addWorkingHours(this, parseInstant(from), hours);
  }
  addCalendarDays(from: Date | string, n: number): Date {
    return due.addCalendarDays(this, parseInstant(from), n);
  }
  addMonths(from: Date | string, n: number): Date {
    return due.addMonths(this, parseInstant(from), n);
  }
  /** The due date of a limit counted from the receipt of a complete dossier, with closed pauses. */
  computeDue(from: Date | string, limit: TimeLimit, opts: { pauses?: readonly PauseInput[] } = {}): Date {
    return due.computeDue(this, parseInstant(from), limit, opts);
  }
  explainDue(from: Date | string, limit: TimeLimit, opts: { pauses?: readonly PauseInput[] } = {}): DueExplanation {
    return due.explainDue(this, parseInstant(from), limit, opts);
  }
  /** Working hours between two instants (0 when b ≤ a). */
  workingHoursBetween(a: Date | string, b: Date | string): number {
    return due.workingHoursBetween(this, parseInstant(a), parseInstant(b));
  }
  /** The forwarding deadline of a paper dossier (see forwarding() for the details). */
  forwardingTime(receivedAt: Date | string): Date {
    return due.forwarding(this, parseInstant(receivedAt)).deadline;
  }
  forwarding(receivedAt: Date | string): ForwardingInfo {
    return due.forwarding(this, parseInstant(receivedAt));
  }
  latestApologyDate(dueAt: Date | string): Date {
    return due.latestApologyDate(this, parseInstant(dueAt));
  }
  timeliness(finishedAt: Date | string, dueAt: Date | string, granularity: 'day' | 'exact' = 'day'): Timeliness {
    return due.timeliness(parseInstant(finishedAt), parseInstant(dueAt), granularity);
  }
  /** A due-date clock on this calendar, started at the receipt of the complete dossier (ADR 0031). */
  startClock(receivedAt: Date | string, limit: TimeLimit): DueClock {
    return DueClock.start(this, receivedAt, limit);
  }
  /** A stored clock (`DueClock.state()`) rebuilt on this calendar. */
  restoreClock(state: DueClockState): DueClock {
    return DueClock.restore(this, state);
  }
}
