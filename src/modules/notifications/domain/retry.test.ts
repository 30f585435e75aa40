import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterFailure, backoffDelayMs, DEFAULT_RETRY } from './retry.ts';

describe('notification retry policy', () => {
  it('doubles the delay after each failure, up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(n)), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(backoffDelayMs(40), DEFAULT_RETRY.maxDelayMs);
    assert.equal(backoffDelayMs(0), 30_000);
  });
  it('retries until the last attempt, then fails for good', () => {
    const now = new Date('2026-10-08T07:00:00Z');
    assert.deepEqual(afterFailure(1, now), { status: 'pending', nextAttemptAt: new Date('2026-10-08T07:00:30Z') });
    assert.deepEqual(afterFailure(4, now), { status: 'pending', nextAttemptAt: new Date('2026-10-08T07:04:00Z') });
    assert.deepEqual(afterFailure(5, now), { status: 'failed' });
    assert.deepEqual(afterFailure(2, now, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }), { status: 'failed' });
  });
});
