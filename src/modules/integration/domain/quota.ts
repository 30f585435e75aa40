/**
 * Per-client limits: a rate per minute (clock minutes) and a daily quota (days in Vietnam time, UTC+7, the
 * day a government office counts). Pure time arithmetic; the counters live in the database.
 */
const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar day in Vietnam (YYYY-MM-DD) of an instant. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole seconds until the next Vietnamese midnight (at least 1). */
export function secondsUntilNextVnDay(at: Date): number {
  const local = at.getTime() + VN_OFFSET_MS;
  const next = Math.floor(local / 86_400_000 + 1) * 86_400_000;
  return Math.max(1, Math.ceil((next - local) / 1000));
}

/**
 * The rate per minute is counted in fixed clock minutes (the same for every instance of the platform): the
 * start of the minute of an instant, and the whole seconds left in it (at least 1) for Retry-After. The
 * counters themselves are in the database (`usage_day`), with the daily quota.
 */
export function minuteStart(now: number): number {
  return Math.floor(now / 60_000) * 60_000;
}

export function secondsLeftInMinute(now: number, start = minuteStart(now)): number {
  return Math.max(1, Math.ceil((start + 60_000 - now) / 1000));
}
