import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountDelaySeconds, addressDelaySeconds, afterFailure, afterSuccess, emptyThrottleState, signInGate, type ThrottleState } from './sign-in-throttle.ts';

const t0 = new Date('2026-11-25T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const fail = (s: ThrottleState, when: Date) => {
  const { blockedNow: _, ...next } = afterFailure(s, when);
  return next;
};
/** The same account seen from another address: its own counter is fresh, the account's is shared. */
const fromOtherAddress = (s: ThrottleState, lastSuccessAt: Date | null = null): ThrottleState => ({ ...emptyThrottleState(), address: { ...emptyThrottleState().address, lastSuccessAt }, account: s.account });

describe('sign-in throttle by account and address', () => {
  it('lets the first four failures from an address retry at once', () => {
    let s = emptyThrottleState();
    for (let i = 0; i < 4; i++) s = fail(s, t0);
    assert.equal(s.address.failedCount, 4);
    assert.deepEqual(signInGate(s, t0), { allowed: true });
  });

  it('slows an address down from its fifth failure: 1, 2, 4, 8, 16 seconds, capped at 60', () => {
    assert.deepEqual([4, 5, 6, 7, 8, 9, 20].map(addressDelaySeconds), [0, 1, 2, 4, 8, 16, 60]);
    let s = emptyThrottleState();
    for (let i = 0; i < 7; i++) s = fail(s, t0);
    assert.deepEqual(signInGate(s, at(1)), { allowed: false, reason: 'throttled', retryAfterSeconds: 3 });
    assert.deepEqual(signInGate(s, at(4)), { allowed: true });
  });

  it('blocks the address for 15 minutes at its tenth failure, then starts a new count', () => {
    let s = emptyThrottleState();
    let blockedNow = false;
    for (let i = 0; i < 10; i++) ({ blockedNow, ...s } = afterFailure(s, at(i * 100)));
    assert.equal(blockedNow, true);
    assert.equal(s.address.failedCount, 0);
    assert.deepEqual(signInGate(s, at(900 + 60)), { allowed: false, reason: 'locked', retryAfterSeconds: 14 * 60 });
    assert.deepEqual(signInGate(s, at(900 + 15 * 60)), { allowed: true });
    const next = afterFailure(s, at(900 + 16 * 60));
    assert.deepEqual([next.address.failedCount, next.address.blockedUntil, next.blockedNow], [1, null, false]);
  });

  it('never blocks another address of the same account: an attacker cannot lock the official out', () => {
    let attacker = emptyThrottleState();
    for (let i = 0; i < 10; i++) attacker = fail(attacker, at(i * 100));
    assert.equal(signInGate(attacker, at(1000)).allowed, false);
    assert.deepEqual(signInGate(fromOtherAddress(attacker, at(-86_400)), at(1000)), { allowed: true }, 'the official at a known address');
    assert.deepEqual(signInGate(fromOtherAddress(attacker), at(1000)), { allowed: true }, 'ten failures are below the account-wide threshold');
  });

  it('slows unknown addresses down once the account has 20 failures from anywhere, but not known ones', () => {
    assert.deepEqual([19, 20, 21, 25, 40].map(accountDelaySeconds), [0, 1, 2, 32, 300]);
    let s = emptyThrottleState();
    // 30 failures, each from a fresh address (a botnet), a minute apart
    for (let i = 0; i < 30; i++) s = fail(fromOtherAddress(s), at(i * 60));
    assert.equal(s.account.failedCount, 30);
    const last = at(29 * 60);
    assert.deepEqual(signInGate(fromOtherAddress(s), new Date(last.getTime() + 1000)), { allowed: false, reason: 'throttled-account', retryAfterSeconds: 299 });
    assert.deepEqual(signInGate(fromOtherAddress(s, at(-3600)), new Date(last.getTime() + 1000)), { allowed: true }, 'known address');
    assert.deepEqual(signInGate(fromOtherAddress(s, at(-31 * 86_400)), new Date(last.getTime() + 1000)).allowed, false, 'known more than 30 days ago: unknown now');
    // the account's count is forgotten after 24 hours without failures
    assert.deepEqual(signInGate(fromOtherAddress(s), new Date(last.getTime() + 25 * 3_600_000)), { allowed: true });
    assert.equal(fail(fromOtherAddress(s), new Date(last.getTime() + 25 * 3_600_000)).account.failedCount, 1);
  });

  it('clears both counters after a success and remembers the address', () => {
    assert.deepEqual(afterSuccess(t0), { address: { failedCount: 0, lastFailedAt: null, blockedUntil: null, lastSuccessAt: t0 }, account: { failedCount: 0, lastFailedAt: null } });
  });
});
