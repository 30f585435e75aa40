import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRate, secondsUntilNextVnDay, vnDay } from './quota.ts';

describe('client limits', () => {
  it('counts days in Vietnam time (UTC+7)', () => {
    assert.equal(vnDay(new Date('2026-12-02T16:59:59Z')), '2026-12-02');
    assert.equal(vnDay(new Date('2026-12-02T17:00:00Z')), '2026-12-03');
    assert.equal(secondsUntilNextVnDay(new Date('2026-12-02T16:59:00Z')), 60);
    assert.equal(secondsUntilNextVnDay(new Date('2026-12-02T17:00:00Z')), 86_400);
  });
  it('allows the rate per minute, refuses the next with the seconds left in the window, and opens a new window', () => {
    let w;
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      const r = decideRate(w, t0 + i, 3);
      assert.equal(r.decision.ok, true);
      w = r.window;
    }
    const refused = decideRate(w, t0 + 15_000, 3);
    assert.deepEqual(refused.decision, { ok: false, retryAfterSeconds: 45 });
    assert.equal(refused.window.count, 3, 'a refused request does not count');
    assert.equal(decideRate(refused.window, t0 + 60_000, 3).decision.ok, true);
  });
});
