/** The counter queue of the service centers today, as the dashboard shows it (from the assistant module's contract). */
export interface CenterQueue {
  unit: string;
  waiting: number;
  served: number;
  issued: number;
  averageWaitMinutes: number | null;
  longestWaitMinutes: number | null;
}

/**
 * The province's (or the caller's) total over the centers: numbers summed, the average wait weighted by the
 * people served at each center, the longest wait the largest. Example: 10 served averaging 6 min and 30
 * averaging 10 min → 9 min.
 */
export function queueTotals(rows: readonly CenterQueue[]): Omit<CenterQueue, 'unit'> {
  let waitSum = 0;
  let waitN = 0;
  let longest: number | null = null;
  const t = { waiting: 0, served: 0, issued: 0 };
  for (const r of rows) {
    t.waiting += r.waiting;
    t.served += r.served;
    t.issued += r.issued;
    if (r.averageWaitMinutes !== null && r.served > 0) {
      waitSum += r.averageWaitMinutes * r.served;
      waitN += r.served;
    }
    if (r.longestWaitMinutes !== null) longest = Math.max(longest ?? 0, r.longestWaitMinutes);
  }
  return { ...t, averageWaitMinutes: waitN ? Math.round((waitSum / waitN) * 10) / 10 : null, longestWaitMinutes: longest };
}
