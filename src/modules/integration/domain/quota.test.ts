import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minuteStart, secondsLeftInMinute, secondsUntilNextVnDay, vnDay } from './quota.ts';

describe('client limits', () => {
  it('counts days in Vietnam time (UTC+7)', () => {
    assert.equal(vnDay(new Date('2026-12-02T16:59:59Z')), '2026-12-02');
    assert.equal(vnDay(new Date('2026-12-02T17:00:00Z')), '2026-12-03');
    assert.equal(secondsUntilNextVnDay(new Date('2026-12-02T16:59:00Z')), 60);
    assert.equal(secondsUntilNextVnDay(new Date('2026-12-02T17:00:00Z')), 86_400);
  });
  it('counts the rate in clock minutes, with the whole seconds left in the minute for Retry-After', () => {
    const t = Date.parse('2026-12-02T10:15:45.200Z');
    assert.equal(new Date(minuteStart(t)).toISOString(), '2026-12-02T10:15:00.000Z');
    assert.equal(secondsLeftInMinute(t), 15);
    assert.equal(secondsLeftInMinute(Date.parse('2026-12-02T10:15:59.999Z')), 1);
    assert.equal(secondsLeftInMinute(Date.parse('2026-12-02T10:16:00.000Z')), 60);
    // a window another instance opened a little later (its clock ahead) is the one counted
    assert.equal(secondsLeftInMinute(t, Date.parse('2026-12-02T10:16:00.000Z')), 75);
  });
});
