/**
 * The small rules of event delivery (pure, tested in policy.test.ts): which types a subscriber takes, and
 * when a failed delivery is tried again.
 */

export interface RetryPolicy {
  /** Attempts before the event becomes a dead letter (the first delivery counts). */
  maxAttempts: number;
  /** Delay after the first failure, doubled after each further one. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseMs: 1_000, maxMs: 15 * 60_000 };

/** `types` holds exact types or prefixes ending in '*' ("dossiers.dossier.*", or "*" for every event). */
export function matchesTypes(types: readonly string[], type: string): boolean {
  return types.some((t) => (t.endsWith('*') ? type.startsWith(t.slice(0, -1)) : t === type));
}

/**
 * The delay before attempt `attempt + 1` after `attempt` failures: exponential (base · 2^(attempt-1), at
 * most maxMs) with "equal jitter" — half fixed, half random — so that many subscribers failing together
 * do not retry in step. `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: number = Math.random()): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** What follows the failure of attempt number `attempt` (1 = the first delivery). */
export function nextAfterFailure(
  attempt: number,
  now: Date,
  policy: RetryPolicy,
  random: number = Math.random(),
): { status: 'retry'; nextAttemptAt: Date } | { status: 'dead'; nextAttemptAt: null } {
  if (attempt >= policy.maxAttempts) return { status: 'dead', nextAttemptAt: null };
  return { status: 'retry', nextAttemptAt: new Date(now.getTime() + backoffDelay(attempt, policy, random)) };
}

/** Whether a retry planned at `at` is due at `now`. */
export function isDue(at: Date | string | null, now: Date): boolean {
  return at !== null && new Date(at).getTime() <= now.getTime();
}
