/**
 * Retry policy of the sender: exponential back-off (base × 2^(attempt−1), capped), and a message that
 * failed `maxAttempts` times is marked failed for good.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** Delay before the next try after `attempts` failed attempts (1 → base, 2 → 2×base, 3 → 4×base...). */
export function backoffDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  const n = Math.max(1, attempts);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(n - 1, 30));
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a message after its `attempts`-th attempt failed at `now`. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY): AfterFailure {
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempts, policy)) };
}
