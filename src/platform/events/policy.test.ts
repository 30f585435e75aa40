import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, DEFAULT_RETRY, isDue, matchesTypes, nextAfterFailure } from './policy.ts';

describe('event delivery rules', () => {
  it('matches exact types and prefixes ending in *', () => {
    assert.ok(matchesTypes(['dossiers.dossier.*'], 'dossiers.dossier.received'));
    assert.ok(!matchesTypes(['dossiers.dossier.*'], 'dossiers.paper.issued'));
    assert.ok(matchesTypes(['a.b.c'], 'a.b.c'));
    assert.ok(!matchesTypes(['a.b'], 'a.b.c'));
    assert.ok(matchesTypes(['*'], 'anything'));
  });

  it('backs off exponentially with jitter between half and all of the step, up to the maximum', () => {
    const p = { maxAttempts: 10, baseMs: 1000, maxMs: 60_000 };
    assert.equal(backoffDelay(1, p, 0), 500);
    assert.equal(backoffDelay(1, p, 0.999999), 1000);
    assert.equal(backoffDelay(3, p, 0), 2000);
    assert.equal(backoffDelay(3, p, 0.999999), 4000);
    assert.equal(backoffDelay(20, p, 0.999999), 60_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, p)));
    assert.ok(spread.size > 10, 'random jitter spreads retries');
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const p = { ...DEFAULT_RETRY, maxAttempts: 3 };
    assert.equal(nextAfterFailure(2, now, p, 0).status, 'retry');
    assert.deepEqual(nextAfterFailure(3, now, p, 0), { status: 'dead', nextAttemptAt: null });
    const r = nextAfterFailure(1, now, p, 0);
    assert.equal(r.nextAttemptAt?.getTime(), now.getTime() + 500);
    assert.ok(isDue(r.nextAttemptAt, new Date(now.getTime() + 500)));
    assert.ok(!isDue(r.nextAttemptAt, new Date(now.getTime() + 499)));
    assert.ok(!isDue(null, now));
  });
});
