/**
 * Slowing down password guessing by account AND client address together (ADR 0026), so that nobody can
 * lock an official out by typing wrong passwords under their (predictable) username.
 *
 * How it works — two counters of consecutive failures:
 *  - **per account and address.** From the 5th failure from one address, the next attempt from that
 *    address must wait 2^(n−5) s after its last failure (1, 2, 4, 8, 16 s, at most 60 s); the 10th failure
 *    blocks that address, for that account only, for 15 minutes, then a new count starts. Every other
 *    address is untouched: the official at their own desk still signs in while the attacker waits.
 *  - **per account, across addresses** (a campaign spread over many addresses). Failures in the last 24 h
 *    since the last success are counted; from the 20th, an address the account has NOT signed in from
 *    successfully in the last 30 days must wait 2^(n−20) s (at most 300 s) after the account's last failure.
 *    Known addresses are exempt, so the campaign is slowed to a trickle without shutting the official out.
 * A success clears both counters and marks its address as known. Refused attempts (throttled, blocked)
 * are not counted and the password is not checked. The rules are pure: the caller stores the state
 * (one row per account and address, one per account) and supplies the clock.
 */
export interface AddressCounter {
  failedCount: number;
  lastFailedAt: Date | null;
  blockedUntil: Date | null;
  lastSuccessAt: Date | null;
}

export interface AccountCounter {
  failedCount: number;
  lastFailedAt: Date | null;
}

export interface ThrottleState {
  address: AddressCounter;
  account: AccountCounter;
}

export const SIGN_IN_THROTTLE = {
  address: { slowAfter: 5, blockAfter: 10, blockMinutes: 15, maxDelaySeconds: 60 },
  account: { slowAfter: 20, maxDelaySeconds: 300, windowHours: 24 },
  knownAddressDays: 30,
} as const;

export type Gate =
  | { allowed: true }
  | { allowed: false; reason: 'locked' | 'throttled' | 'throttled-account'; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function growingDelay(failedCount: number, slowAfter: number, max: number): number {
  if (failedCount < slowAfter) return 0;
  return Math.min(2 ** (failedCount - slowAfter), max);
}

/** Seconds an address with `failedCount` consecutive failures for one account must wait after its last failure. */
export function addressDelaySeconds(failedCount: number): number {
  const p = SIGN_IN_THROTTLE.address;
  return growingDelay(failedCount, p.slowAfter, p.maxDelaySeconds);
}

/** Seconds an unknown address must wait after the account's last failure, given the account's failures. */
export function accountDelaySeconds(failedCount: number): number {
  const p = SIGN_IN_THROTTLE.account;
  return growingDelay(failedCount, p.slowAfter, p.maxDelaySeconds);
}

/** Has the account signed in successfully from this address recently? */
export function isKnownAddress(lastSuccessAt: Date | null, now: Date): boolean {
  return !!lastSuccessAt && now.getTime() - lastSuccessAt.getTime() <= SIGN_IN_THROTTLE.knownAddressDays * 86_400_000;
}

/** The account's failure count that still counts now (older than the window: forgotten). */
function accountFailures(a: AccountCounter, now: Date): number {
  if (!a.lastFailedAt || now.getTime() - a.lastFailedAt.getTime() > SIGN_IN_THROTTLE.account.windowHours * 3_600_000) return 0;
  return a.failedCount;
}

/** May a sign-in attempt from this address be checked now? */
export function signInGate(s: ThrottleState, now: Date): Gate {
  const { address, account } = s;
  if (address.blockedUntil && address.blockedUntil > now) {
    return { allowed: false, reason: 'locked', retryAfterSeconds: seconds(address.blockedUntil.getTime() - now.getTime()) };
  }
  const own = addressDelaySeconds(address.failedCount);
  if (own && address.lastFailedAt) {
    const readyAt = address.lastFailedAt.getTime() + own * 1000;
    if (readyAt > now.getTime()) return { allowed: false, reason: 'throttled', retryAfterSeconds: seconds(readyAt - now.getTime()) };
  }
  if (!isKnownAddress(address.lastSuccessAt, now)) {
    const shared = accountDelaySeconds(accountFailures(account, now));
    if (shared && account.lastFailedAt) {
      const readyAt = account.lastFailedAt.getTime() + shared * 1000;
      if (readyAt > now.getTime()) return { allowed: false, reason: 'throttled-account', retryAfterSeconds: seconds(readyAt - now.getTime()) };
    }
  }
  return { allowed: true };
}

/** Both counters after a failed attempt, and whether this failure blocked the address. */
export function afterFailure(s: ThrottleState, now: Date): ThrottleState & { blockedNow: boolean } {
  const p = SIGN_IN_THROTTLE.address;
  const expired = !!s.address.blockedUntil && s.address.blockedUntil <= now;
  const count = (expired ? 0 : s.address.failedCount) + 1;
  const account: AccountCounter = { failedCount: accountFailures(s.account, now) + 1, lastFailedAt: now };
  if (count >= p.blockAfter) {
    return { address: { ...s.address, failedCount: 0, lastFailedAt: now, blockedUntil: new Date(now.getTime() + p.blockMinutes * 60_000) }, account, blockedNow: true };
  }
  return { address: { ...s.address, failedCount: count, lastFailedAt: now, blockedUntil: expired ? null : s.address.blockedUntil }, account, blockedNow: false };
}

/** Both counters after a successful sign-in from this address (which becomes known). */
export function afterSuccess(now: Date): ThrottleState {
  return { address: { failedCount: 0, lastFailedAt: null, blockedUntil: null, lastSuccessAt: now }, account: { failedCount: 0, lastFailedAt: null } };
}

/** A fresh state (no attempt seen yet). */
export function emptyThrottleState(): ThrottleState {
  return { address: { failedCount: 0, lastFailedAt: null, blockedUntil: null, lastSuccessAt: null }, account: { failedCount: 0, lastFailedAt: null } };
}
