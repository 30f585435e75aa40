import type { WorkingCalendar } from '../../calendar/index.ts';
import type { FeedbackStatus } from './states.ts';

/**
 * Handling deadlines of a report on the working-day calendar, as the service index counts them (ADR 0091):
 *  - the routed unit accepts, transfers or refuses within REFUSE_WORKING_DAYS (2) working days of receiving
 *    it (a transfer gives the new unit its own 2 working days);
 *  - the answer is due answerWorkingDays working days after the report was received (the routing rule's
 *    time, default 10); a transfer does not move it;
 *  - a report still waiting to be accepted, transferred or refused after its 2 working days alerts the unit
 *    (once per unit: a transfer starts a new count);
 *  - a reminder goes to the unit one working day before the answer is due; once it is late the unit's
 *    leaders are alerted (escalation), once.
 */
export const REFUSE_WORKING_DAYS = 2;

export function acceptDueAt(receivedAt: Date, cal: WorkingCalendar): Date {
  return cal.computeDue(receivedAt, { amount: REFUSE_WORKING_DAYS, unit: 'working_days' });
}

export function answerDueAt(receivedAt: Date, answerWorkingDays: number, cal: WorkingCalendar): Date {
  return cal.computeDue(receivedAt, { amount: answerWorkingDays, unit: 'working_days' });
}

export type FeedbackSweepStep = 'accept_late' | 'remind' | 'escalate';

/** What the sweep must do now for an open report: alert a report not taken up in 2 working days, remind a day before the answer is due, escalate once late. */
export function feedbackSweepSteps(
  f: { status: FeedbackStatus; acceptDueAt?: Date; acceptAlertedAt?: Date | null; answerDueAt: Date; remindedAt: Date | null; escalatedAt: Date | null },
  now: Date,
  cal: WorkingCalendar,
): FeedbackSweepStep[] {
  if (f.status === 'answered' || f.status === 'refused') return [];
  const steps: FeedbackSweepStep[] = f.status === 'received' && f.acceptDueAt && now > f.acceptDueAt && !f.acceptAlertedAt ? ['accept_late'] : [];
  if (now > f.answerDueAt) return f.escalatedAt ? steps : [...steps, 'escalate'];
  const dueDay = new Date(f.answerDueAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const remindAt = new Date(`${cal.previousWorkingDay(dueDay)}T07:30:00+07:00`);
  return now >= remindAt && !f.remindedAt ? [...steps, 'remind'] : steps;
}

/** The facts the index counts for one report: was it refused in time, answered in time. */
export function handlingTimeliness(f: {
  status: FeedbackStatus;
  acceptDueAt: Date;
  answerDueAt: Date;
  refusedAt: Date | null;
  answeredAt: Date | null;
}): { refusedOnTime: boolean | null; answeredOnTime: boolean | null } {
  return {
    refusedOnTime: f.refusedAt ? f.refusedAt <= f.acceptDueAt : null,
    answeredOnTime: f.answeredAt ? f.answeredAt <= f.answerDueAt : null,
  };
}
