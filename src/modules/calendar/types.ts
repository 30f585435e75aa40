/**
 * Public types of the calendar module (working days, holidays, due dates). Other modules import these
 * types and reach the behaviour through `ctx.services.calendar` (see CalendarService below).
 */
import type { Principal } from '../../platform/access.ts';
import type { DueClock } from './domain/clock.ts';
import type { WorkingCalendar } from './domain/working-calendar.ts';

export type { DueClock } from './domain/clock.ts';
export type { WorkingCalendar } from './domain/working-calendar.ts';

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type LocalDate = string;

export const TIME_UNITS = ['working_days', 'days', 'hours', 'months'] as const;
/**
 * working_days — ngày làm việc (half-day steps: 0.5 = one session); days — ngày (calendar days);
 * hours — giờ làm việc (working hours inside the sessions); months — tháng.
 */
export type TimeUnit = (typeof TIME_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export const DAY_KINDS = ['holiday', 'swap_off', 'makeup_workday'] as const;
/** holiday = day off by law (weekdays only); swap_off = a working day given off by a swap; makeup_workday = a Saturday (or Sunday) worked instead. */
export type DayKind = (typeof DAY_KINDS)[number];

export const CONFIDENCES = ['confirmed', 'likely', 'unconfirmed', 'derived'] as const;
/** confirmed / likely / unconfirmed as in the announced files; derived = computed from the Labour Code baseline (not announced). */
export type Confidence = (typeof CONFIDENCES)[number];

/** One day that differs from the Monday–Friday rule. */
export interface DayOverride {
  date: LocalDate;
  kind: DayKind;
  name: string;
  legalBasis: string | null;
  confidence: Confidence;
  /** 'announced:<file>', 'derived:<file or rule>', 'admin' (edited through the API) or 'import:<file>'. */
  source: string;
}

/** Where a year's days come from. */
export type YearOrigin = 'announced' | 'derived' | 'admin';
/** stored = the year has a schedule in the database (announced, derived or edited); fixed_only = no data: weekends and the solar-date holidays only (no Tết, no Giỗ Tổ). */
export type YearCoverage = 'stored' | 'fixed_only';

export interface SessionSpec {
  /** 'HH:MM' Vietnam time */
  start: string;
  end: string;
}

/** Province-level settings of the calendar ([open] in REGULATIONS: defaults recorded in ADR 0031). */
export interface CalendarSettings {
  /** Working sessions of every working day; default 07:30–11:30 and 13:00–17:00 (8 hours). */
  sessions: { morning: SessionSpec; afternoon: SessionSpec };
  /** Paper dossiers received after this time are forwarded at the start of the next working day (default '15:00'). */
  forwardingCutoff: string;
  /** Apply days whose confidence is 'unconfirmed' (24/11/2026 Ngày Văn hóa Việt Nam). Default false. */
  includeUnconfirmed: boolean;
}

/** A closed interval during which the clock is stopped (the applicant owes documents or fees). */
export type PauseInput = readonly [Date | string, Date | string];

export interface DueOptions {
  pauses?: readonly PauseInput[];
}

/** How a due date was reached. */
export interface DueExplanation {
  due: Date;
  /** The instant counting starts (the next working day's first session for working days, the next day 00:00 for days and months, the instant itself for hours). */
  countingStartsAt: Date;
  /** 'working': the limit is consumed by working time inside the sessions; 'calendar': by elapsed time. */
  metric: 'working' | 'calendar';
  /** The time the limit grants, in milliseconds of its metric. */
  budgetMs: number;
  /** Time (in the metric) the pauses took away before the due date. */
  pausedMs: number;
}

export interface ForwardingInfo {
  /** True when the dossier must be forwarded the same working day (received on a working day at or before the cut-off). */
  sameDay: boolean;
  /** The working day on which it must be forwarded. */
  day: LocalDate;
  /** Deadline: the end of that working day when sameDay, otherwise the start of the next working day. */
  deadline: Date;
}

export type Timeliness = 'early' | 'on_time' | 'late';

export interface DayStatus {
  date: LocalDate;
  weekday: string;
  working: boolean;
  /** workday (plain Monday–Friday), weekend, or the override kind. */
  kind: 'workday' | 'weekend' | DayKind;
  name: string | null;
}

export interface VietnameseDate {
  /** '25/02/2026' */
  date: string;
  /** 'Thứ Tư' */
  weekday: string;
  /** '17:00' */
  time: string;
  /** 'Thứ Tư, ngày 25/02/2026' */
  long: string;
  /** '17 giờ 00 phút, Thứ Tư, ngày 25/02/2026' */
  text: string;
  /** '2026-02-25T17:00:00+07:00' */
  iso: string;
}

export interface PauseRecord {
  from: string;
  to: string | null;
  reason?: string;
}

/** The persistent form of a DueClock (JSON; store it on the dossier and restore it with restoreClock). */
export interface DueClockState {
  version: 1;
  limit: TimeLimit;
  /** First receipt of the complete dossier (ISO +07:00). */
  receivedAt: string;
  /** The receipt, or the last restart from zero. */
  startedAt: string;
  /** Pauses since startedAt (the last one open while the clock is paused). */
  pauses: PauseRecord[];
  /** Earlier restarts from zero, oldest first, with the due date each one replaced. */
  restarts: { at: string; previousDue: string | null; pauses: PauseRecord[] }[];
  /** The one extension (apology and new date), while it still applies. */
  extension: { at: string; previousDue: string; newDue: string; extraMs: number } | null;
  /** True once an extension has been granted (a new date may be promised only once). */
  extensionUsed: boolean;
}

export interface YearDays {
  year: number;
  coverage: YearCoverage;
  origin: YearOrigin | null;
  source: string | null;
  /** Working days in the year under the current settings. */
  workingDays: number;
  days: (DayOverride & { weekday: string; applied: boolean })[];
}

export interface DueAnswer {
  from: string;
  amount: number;
  unit: TimeUnit;
  countingStartsAt: string;
  due: string;
  dueDate: string;
  dueWeekday: string;
  dueText: string;
  /** Days off between the day of `from` (excluded) and the due date (included). */
  skipped: DayStatus[];
  /** Make-up working Saturdays counted in the same span. */
  makeupWorkdays: DayStatus[];
  /** Warnings, e.g. a year without holiday data. */
  notes: string[];
}

/** Who changed something, for the audit trail. */
export interface ChangeMeta {
  actor: Principal | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface DayInput {
  kind: DayKind;
  name: string;
  legalBasis?: string | null;
  confidence?: Exclude<Confidence, 'derived'>;
}

/**
 * `ctx.services.calendar`. Every function takes and returns instants as JS Dates (or ISO strings as input);
 * everything is computed in Vietnam time. The calendar is loaded from the database and cached (reloaded
 * after an edit here, and at most a minute old for edits made by another process).
 */
export interface CalendarService {
  /** The working calendar now in force (pure; its methods are synchronous). */
  calendar(): Promise<WorkingCalendar>;
  computeDue(from: Date | string, limit: TimeLimit, opts?: DueOptions): Promise<Date>;
  explainDue(from: Date | string, limit: TimeLimit, opts?: DueOptions): Promise<DueExplanation>;
  /** A due-date clock for one dossier, started at the receipt of the complete dossier. */
  newClock(receivedAt: Date | string, limit: TimeLimit): Promise<DueClock>;
  restoreClock(state: DueClockState): Promise<DueClock>;
  forwardingTime(receivedAt: Date | string): Promise<ForwardingInfo>;
  workingHoursBetween(a: Date | string, b: Date | string): Promise<number>;
  latestApologyDate(due: Date | string): Promise<Date>;
  formatVietnameseDate(d: Date | string): VietnameseDate;
  /** The answer of GET /api/v1/calendar/due. */
  due(from: Date | string, limit: TimeLimit): Promise<DueAnswer>;
  days(year: number): Promise<YearDays>;
  putDay(date: LocalDate, input: DayInput, meta: ChangeMeta): Promise<DayOverride>;
  deleteDay(date: LocalDate, meta: ChangeMeta): Promise<DayOverride>;
  settings(): Promise<CalendarSettings>;
  updateSettings(s: CalendarSettings, meta: ChangeMeta): Promise<CalendarSettings>;
  /** Loads announced schedules (CSV in the announced_*.csv format), replacing the years they contain. */
  importSchedule(csvText: string, fileName: string, meta: ChangeMeta): Promise<{ years: number[]; days: number }>;
  /** Drops the cached calendar (after an edit made outside this service). */
  invalidate(): void;
}
