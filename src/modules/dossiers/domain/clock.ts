import type { TimeLimit, WorkingCalendar } from './calendar.ts';

/**
 * The dossier's processing clock: started when a complete dossier is received, paused while the applicant
 * owes something (documents, fees), resumed (the paused working hours are added to the due date) or
 * restarted from zero (a supplement requested after appraisal), stopped when the result is issued.
 * Pure: every function returns a new clock.
 */
export interface Clock {
  limit: TimeLimit;
  startedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  /** Working hours spent paused so far (the applicant's waiting time, subtracted from the processing time). */
  pausedHours: number;
  restarts: number;
  stoppedAt: Date | null;
}

export function newClock(limit: TimeLimit): Clock {
  return { limit, startedAt: null, dueAt: null, pausedAt: null, pausedHours: 0, restarts: 0, stoppedAt: null };
}

/** Starts counting at `at` (the moment a complete dossier is received). */
export function startClock(clock: Clock, at: Date, cal: WorkingCalendar): Clock {
  return { ...clock, startedAt: at, dueAt: cal.computeDue(at, clock.limit), pausedAt: null, stoppedAt: null };
}

/** Pauses while the applicant owes something. A clock not started (reception) or already paused is unchanged. */
export function pauseClock(clock: Clock, at: Date): Clock {
  if (!clock.startedAt || clock.pausedAt || clock.stoppedAt) return clock;
  return { ...clock, pausedAt: at };
}

/** Resumes: the working hours spent paused push the due date back by the same amount. */
export function resumeClock(clock: Clock, at: Date, cal: WorkingCalendar): Clock {
  if (!clock.pausedAt || !clock.dueAt) return { ...clock, pausedAt: null };
  const hours = cal.workingHoursBetween(clock.pausedAt, at);
  return { ...clock, pausedAt: null, pausedHours: clock.pausedHours + hours, dueAt: cal.addWorkingHours(clock.dueAt, hours) };
}

/**
 * Restarts from zero (Nghị định 61/2018 Art. 19: a supplement requested after appraisal restarts the time
 * limit when the complete dossier comes back). The time spent paused is still recorded as waiting time.
 */
export function restartClock(clock: Clock, at: Date, cal: WorkingCalendar): Clock {
  const waited = clock.pausedAt ? cal.workingHoursBetween(clock.pausedAt, at) : 0;
  return {
    ...clock,
    startedAt: at,
    dueAt: cal.computeDue(at, clock.limit),
    pausedAt: null,
    pausedHours: clock.pausedHours + waited,
    restarts: clock.restarts + 1,
  };
}

/** Stops the clock (result issued, or the dossier ended). */
export function stopClock(clock: Clock, at: Date): Clock {
  if (clock.stoppedAt) return clock;
  return { ...clock, stoppedAt: at };
}

/** Moves the due date (apology with a new appointment). */
export function rescheduleClock(clock: Clock, newDue: Date): Clock {
  return { ...clock, dueAt: newDue };
}

export function isRunning(clock: Clock): boolean {
  return !!clock.startedAt && !clock.pausedAt && !clock.stoppedAt;
}
