/**
 * Per-client limits: a rate per minute (fixed one-minute windows) and a daily quota (days in Vietnam time,
 * UTC+7, the day a government office counts). Pure decisions; the counters live in the caller.
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

export interface MinuteWindow {
  start: number;
  count: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one request in the client's current minute window (starting a new window when the last one is
 * over) and decides: refused when the window already holds `ratePerMinute` requests, to be retried when
 * the window ends. A refused request does not count. (The daily quota is counted atomically in the
 * database: `usage_day`.)
 */
export function decideRate(window: MinuteWindow | undefined, now: number, ratePerMinute: number): { decision: RateDecision; window: MinuteWindow } {
  const w = !window || now - window.start >= 60_000 ? { start: now, count: 0 } : { ...window };
  if (w.count >= ratePerMinute) return { decision: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000)) }, window: w };
  w.count++;
  return { decision: { ok: true }, window: w };
}
