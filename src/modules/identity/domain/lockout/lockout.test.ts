import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, afterSuccess, signInGate, throttleDelaySeconds, type LockoutState } from './lockout.ts';

const t0 = new Date('2026-11-25T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe('sign-in lockout', () => {
  it('lets the first four failures retry at once', () => {
    let s: LockoutState = afterSuccess();
    for (let i = 0; i < 4; i++) s = afterFailure(s, t0);
    assert.equal(s.failedCount, 4);
    assert.deepEqual(signInGate(s, t0), { allowed: true });
  });

  it('slows down from the fifth failure: 1, 2, 4, 8, 16 seconds, capped at 60', () => {
    assert.deepEqual([4, 5, 6, 7, 8, 9, 20].map(throttleDelaySeconds), [0, 1, 2, 4, 8, 16, 60]);
    let s: LockoutState = afterSuccess();
    for (let i = 0; i < 7; i++) s = afterFailure(s, t0);
    assert.deepEqual(signInGate(s, at(1)), { allowed: false, reason: 'throttled', retryAfterSeconds: 3 });
    assert.deepEqual(signInGate(s, at(4)), { allowed: true });
  });

  it('locks for 15 minutes at the tenth failure, then starts a new count', () => {
    let s: LockoutState = afterSuccess();
    let lockedNow = false;
    for (let i = 0; i < 10; i++) ({ lockedNow, ...s } = afterFailure(s, at(i * 100)));
    assert.equal(lockedNow, true);
    assert.equal(s.failedCount, 0);
    const g = signInGate(s, at(900 + 60));
    assert.equal(g.allowed, false);
    if (!g.allowed) {
      assert.equal(g.reason, 'locked');
      assert.equal(g.retryAfterSeconds, 14 * 60);
    }
    assert.deepEqual(signInGate(s, at(900 + 15 * 60)), { allowed: true });
    const next = afterFailure(s, at(900 + 16 * 60));
    assert.deepEqual([next.failedCount, next.lockedUntil, next.lockedNow], [1, null, false]);
  });

  it('clears everything after a success', () => {
    assert.deepEqual(afterSuccess(), { failedCount: 0, lastFailedAt: null, lockedUntil: null });
  });
});
