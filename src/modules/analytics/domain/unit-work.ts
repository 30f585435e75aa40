/**
 * Per-unit work figures the dashboard shows beside the index: leaders' tasks completed on time (from the tasks
 * module's completionFacts) and citizens' feedback with ratings (from the feedback module's facts). Pure sums.
 */

/** The tasks module's facts for one unit in charge, as far as the dashboard reads them. */
export interface TaskUnitFacts {
  unitCode: string;
  assigned: number;
  approved: number;
  approvedOnTime: number;
  overdueOpen: number;
  open: number;
}

export interface TaskCompletion {
  assigned: number;
  approved: number;
  approvedOnTime: number;
  overdueOpen: number;
  open: number;
  /** approved on time / approved, 0..1 rounded to 4 decimals; null when none was approved. */
  onTimeRate: number | null;
}

const rate4 = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

/** Sums the tasks of the given units ("Nhiệm vụ hoàn thành đúng hạn" = approved on time / approved). */
export function taskCompletionOf(facts: TaskUnitFacts[]): TaskCompletion {
  const t = { assigned: 0, approved: 0, approvedOnTime: 0, overdueOpen: 0, open: 0 };
  for (const f of facts) {
    t.assigned += f.assigned;
    t.approved += f.approved;
    t.approvedOnTime += f.approvedOnTime;
    t.overdueOpen += f.overdueOpen;
    t.open += f.open;
  }
  return { ...t, onTimeRate: rate4(t.approvedOnTime, t.approved) };
}

/** The feedback module's facts for one handling unit, as far as the dashboard reads them. */
export interface FeedbackWorkFacts {
  unitCode: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  refused: number;
  refusedOnTime: number;
  open: number;
  overdueOpen: number;
  ratings: { count: number; verySatisfied: number; satisfied: number; unsatisfied: number };
}

export interface FeedbackWork {
  received: number;
  /** answered or refused */
  closed: number;
  /** answered or refused by its deadline */
  closedOnTime: number;
  open: number;
  overdueOpen: number;
  ratings: { count: number; verySatisfied: number; satisfied: number; unsatisfied: number };
  /** closed on time / closed; null when none closed. */
  onTimeRate: number | null;
  /** (very satisfied + satisfied) / rated; null when none rated. */
  satisfiedRate: number | null;
}

export function feedbackWorkOf(facts: FeedbackWorkFacts[]): FeedbackWork {
  const w = { received: 0, closed: 0, closedOnTime: 0, open: 0, overdueOpen: 0, ratings: { count: 0, verySatisfied: 0, satisfied: 0, unsatisfied: 0 } };
  for (const f of facts) {
    w.received += f.received;
    w.closed += f.answered + f.refused;
    w.closedOnTime += f.answeredOnTime + f.refusedOnTime;
    w.open += f.open;
    w.overdueOpen += f.overdueOpen;
    w.ratings.count += f.ratings.count;
    w.ratings.verySatisfied += f.ratings.verySatisfied;
    w.ratings.satisfied += f.ratings.satisfied;
    w.ratings.unsatisfied += f.ratings.unsatisfied;
  }
  return { ...w, onTimeRate: rate4(w.closedOnTime, w.closed), satisfiedRate: rate4(w.ratings.verySatisfied + w.ratings.satisfied, w.ratings.count) };
}
