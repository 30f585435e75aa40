/**
 * Slowing down and locking out password guessing, per account.
 *
 * How it works: every failed sign-in adds one to the account's failure count. From the 5th consecutive
 * failure, the next attempt must wait 2^(n−5) seconds after the last failure (1, 2, 4, 8, 16 s, at most
 * 60 s) — attempts inside the wait are refused without checking the password. The 10th consecutive failure
 * locks the account for 15 minutes and starts a new count. A successful sign-in clears everything.
 * The rules are pure: the caller stores the state and supplies the clock.
 */
export interface LockoutState {
  failedCount: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
}

export const LOCKOUT_POLICY = {
  throttleAfter: 5,
  lockAfter: 10,
  lockMinutes: 15,
  maxDelaySeconds: 60,
} as const;

export type Gate = { allowed: true } | { allowed: false; reason: 'locked' | 'throttled'; retryAfterSeconds: number };

/** Seconds an account with `failedCount` consecutive failures must wait after its last failure. */
export function throttleDelaySeconds(failedCount: number): number {
  if (failedCount < LOCKOUT_POLICY.throttleAfter) return 0;
  return Math.min(2 ** (failedCount - LOCKOUT_POLICY.throttleAfter), LOCKOUT_POLICY.maxDelaySeconds);
}

/** May a sign-in attempt be checked now? */
export function signInGate(s: LockoutState, now: Date): Gate {
  if (s.lockedUntil && s.lockedUntil > now) {
    return { allowed: false, reason: 'locked', retryAfterSeconds: Math.ceil((s.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const delay = throttleDelaySeconds(s.failedCount);
  if (delay && s.lastFailedAt) {
    const readyAt = s.lastFailedAt.getTime() + delay * 1000;
    if (readyAt > now.getTime()) return { allowed: false, reason: 'throttled', retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
  }
  return { allowed: true };
}

/** The state after a wrong password (or unknown account state), and whether this failure locked the account. */
export function afterFailure(s: LockoutState, now: Date): LockoutState & { lockedNow: boolean } {
  const expired = s.lockedUntil && s.lockedUntil <= now;
  const count = (expired ? 0 : s.failedCount) + 1;
  if (count >= LOCKOUT_POLICY.lockAfter) {
    return { failedCount: 0, lastFailedAt: now, lockedUntil: new Date(now.getTime() + LOCKOUT_POLICY.lockMinutes * 60_000), lockedNow: true };
  }
  return { failedCount: count, lastFailedAt: now, lockedUntil: expired ? null : s.lockedUntil, lockedNow: false };
}

export function afterSuccess(): LockoutState {
  return { failedCount: 0, lastFailedAt: null, lockedUntil: null };
}
