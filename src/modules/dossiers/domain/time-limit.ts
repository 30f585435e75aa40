import type { DueClockState, TimeLimit, TimeUnit, WorkingCalendar } from '../../calendar/index.ts';

/**
 * The dossier's processing time limit. The arithmetic is the calendar module's `DueClock` (ADR 0031:
 * counting starts the working day after receipt, pauses consume no working time, a supplement after
 * appraisal restarts from zero, one apology as extra budget); the dossier stores the clock's state and,
 * after every clock event, the figures read from it (due date, pause, waiting hours) for queries and papers.
 * Pure: every function returns a new value.
 */
export interface DossierClock {
  limit: TimeLimit;
  /** The calendar module's DueClock state; null until a complete dossier is received. */
  state: DueClockState | null;
  /** The receipt, or the last restart from zero. */
  startedAt: Date | null;
  /** The current due date (while paused: the one in force when the pause began, as printed). */
  dueAt: Date | null;
  pausedAt: Date | null;
  /** Working hours spent paused so far, over every restart (the applicant's waiting time). */
  pausedHours: number;
  restarts: number;
  stoppedAt: Date | null;
}

/** The time units of a process definition: the calendar module's (the compiler checks they are the same). */
export const TIME_UNITS = ['working_days', 'days', 'hours', 'months'] as const satisfies readonly TimeUnit[];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameUnits: Same<(typeof TIME_UNITS)[number], TimeUnit> = true;
void sameUnits;

export type { TimeLimit, WorkingCalendar };

export function newClock(limit: TimeLimit): DossierClock {
  return { limit, state: null, startedAt: null, dueAt: null, pausedAt: null, pausedHours: 0, restarts: 0, stoppedAt: null };
}

/** Reads the figures of a DueClock after an event (the due date stays the last known one while paused). */
function read(c: DossierClock, clock: ReturnType<WorkingCalendar['startClock']>): DossierClock {
  const state = clock.state();
  return {
    ...c,
    state,
    startedAt: new Date(state.startedAt),
    dueAt: clock.due() ?? c.dueAt,
    pausedAt: clock.pausedSince,
    restarts: state.restarts.length,
  };
}

/** Starts counting at the receipt of a complete dossier. */
export function startClock(c: DossierClock, at: Date, cal: WorkingCalendar): DossierClock {
  return read({ ...c, stoppedAt: null }, cal.startClock(at, c.limit));
}

/** Pauses while the applicant owes something. A clock not started (reception), paused or stopped is unchanged. */
export function pauseClock(c: DossierClock, at: Date, cal: WorkingCalendar): DossierClock {
  if (!c.state || c.pausedAt || c.stoppedAt) return c;
  return read(c, cal.restoreClock(c.state).pause(at));
}

/** Resumes where it stopped: the working time paused is not consumed, so the due date moves by it. */
export function resumeClock(c: DossierClock, at: Date, cal: WorkingCalendar): DossierClock {
  if (!c.state || !c.pausedAt) return { ...c, pausedAt: null };
  const waited = cal.workingHoursBetween(c.pausedAt, at);
  return { ...read(c, cal.restoreClock(c.state).resume(at)), pausedHours: c.pausedHours + waited };
}

/**
 * Restarts from zero (Nghị định 61/2018 Art. 19: a supplement requested after appraisal restarts the time
 * limit when the complete dossier comes back). The time spent paused is still recorded as waiting time.
 */
export function restartClock(c: DossierClock, at: Date, cal: WorkingCalendar): DossierClock {
  if (!c.state) return startClock(c, at, cal);
  const waited = c.pausedAt ? cal.workingHoursBetween(c.pausedAt, at) : 0;
  return { ...read(c, cal.restoreClock(c.state).restart(at)), pausedHours: c.pausedHours + waited };
}

/** The apology and new date: the clock grants the extra time once (refusing a late or earlier date). */
export function extendClock(c: DossierClock, newDue: Date, at: Date, cal: WorkingCalendar): DossierClock {
  if (!c.state) return c;
  return read(c, cal.restoreClock(c.state).extend(newDue, at));
}

/** Stops the clock (result issued, or the dossier ended). */
export function stopClock(c: DossierClock, at: Date): DossierClock {
  if (c.stoppedAt) return c;
  return { ...c, stoppedAt: at };
}

export function isRunning(c: DossierClock): boolean {
  return !!c.startedAt && !c.pausedAt && !c.stoppedAt;
}
