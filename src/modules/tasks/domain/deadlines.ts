import type { WorkingCalendar } from '../../calendar/index.ts';
import type { Task } from './model.ts';
import { TASK_STATUS_INFO } from './states.ts';

/**
 * Deadlines, reminders and escalation of tasks on the working-day calendar (the calendar module's
 * WorkingCalendar, ADR 0031 conventions; ADR 0090 for the task rules):
 *  - a deadline given as a date ends at 17:00 (the end of the afternoon session) of that date, moved to the
 *    next working day when the date is a day off — as the calendar's "days" limits are;
 *  - a deadline given as working days is counted like a dossier's (from the next working day);
 *  - reminders go out at the start (07:30) of the 3rd and of the 1st working day before the due day;
 *  - at the deadline the task becomes overdue; one working day later, still open, it is escalated to the
 *    leaders of the issuing unit (the assigner's leader).
 */

/** Reminder offsets in working days before the due day. */
export const REMINDER_DAYS = [3, 1] as const;
/** Working days after the deadline before an open task is escalated. */
export const ESCALATE_AFTER_WORKING_DAYS = 1;

const VN_OFFSET_MS = 7 * 3600_000;

/** The Vietnam calendar day of an instant ('YYYY-MM-DD'). */
export function vnDate(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' + 'HH:MM' Vietnam time → the instant. */
export function vnAt(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+07:00`);
}

export type DeadlineInput = { date: string } | { workingDays: number };

/** The instant a deadline given by a date or by working days from `from` falls due. */
export function dueAtOf(input: DeadlineInput, from: Date, cal: WorkingCalendar): Date {
  if ('workingDays' in input) return cal.computeDue(from, { amount: input.workingDays, unit: 'working_days' });
  const day = cal.isWorkingDay(input.date) ? input.date : cal.nextWorkingDay(input.date);
  return vnAt(day, '17:00');
}

/** The working day `n` working days before `day`. */
function workingDaysBefore(day: string, n: number, cal: WorkingCalendar): string {
  let d = day;
  for (let i = 0; i < n; i++) d = cal.previousWorkingDay(d);
  return d;
}

/** The moment each reminder is due ("before:3" → 07:30 of the 3rd working day before the due day). */
export function reminderMoments(dueAt: Date, cal: WorkingCalendar): { key: string; at: Date; daysBefore: number }[] {
  const dueDay = vnDate(dueAt);
  return REMINDER_DAYS.map((n) => ({ key: `before:${n}`, at: vnAt(workingDaysBefore(dueDay, n, cal), '07:30'), daysBefore: n }));
}

/** When an open overdue task is escalated: the end (17:00) of the working day(s) after the due day. */
export function escalationMoment(dueAt: Date, cal: WorkingCalendar): Date {
  let d = vnDate(dueAt);
  for (let i = 0; i < ESCALATE_AFTER_WORKING_DAYS; i++) d = cal.nextWorkingDay(d);
  return vnAt(d, '17:00');
}

export type SweepStep = { kind: 'remind'; key: string; daysBefore: number } | { kind: 'mark_overdue' } | { kind: 'escalate' };

/**
 * What the periodic sweep must do for one task now (in order): at most one reminder (the latest one due,
 * earlier ones that were missed are skipped), the move to overdue, the escalation. Nothing for a task that
 * is not open work (reported done, approved, cancelled).
 */
export function sweepSteps(t: Pick<Task, 'status' | 'dueAt' | 'remindersSent' | 'escalatedAt'>, now: Date, cal: WorkingCalendar): SweepStep[] {
  if (!TASK_STATUS_INFO[t.status].open) return [];
  const steps: SweepStep[] = [];
  if (now <= t.dueAt) {
    const due = reminderMoments(t.dueAt, cal).filter((r) => r.at <= now);
    const latest = due[due.length - 1];
    if (latest && !t.remindersSent.includes(latest.key)) steps.push({ kind: 'remind', key: latest.key, daysBefore: latest.daysBefore });
    return steps;
  }
  if (t.status !== 'overdue') steps.push({ kind: 'mark_overdue' });
  if (!t.escalatedAt && now >= escalationMoment(t.dueAt, cal)) steps.push({ kind: 'escalate' });
  return steps;
}

/** Working days left until the due day (negative when late), for lists and filters. */
export function workingDaysLeft(dueAt: Date, now: Date, cal: WorkingCalendar): number {
  const today = vnDate(now);
  const dueDay = vnDate(dueAt);
  if (today === dueDay) return 0;
  const forward = today < dueDay;
  let d = today;
  let n = 0;
  while (forward ? d < dueDay : d > dueDay) {
    d = forward ? cal.nextWorkingDay(d) : cal.previousWorkingDay(d);
    n++;
    if (n > 5000) break;
  }
  return forward ? n : -n;
}
