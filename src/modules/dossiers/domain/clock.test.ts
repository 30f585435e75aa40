import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRunning, newClock, pauseClock, rescheduleClock, restartClock, resumeClock, startClock, stopClock } from './clock.ts';
import { cal, vn } from './testkit.ts';

describe('processing clock', () => {
  const started = startClock(newClock({ amount: 5, unit: 'working_days' }), vn('2025-11-24 09:00'), cal);

  it('starts at reception with the due date of the time limit', () => {
    assert.deepEqual(started.dueAt, vn('2025-12-01 09:00'));
    assert.ok(isRunning(started));
  });

  it('does not pause before it starts', () => {
    const c = newClock({ amount: 5, unit: 'working_days' });
    assert.equal(pauseClock(c, vn('2025-11-24 09:00')), c);
  });

  it('resumes with the paused working hours added to the due date', () => {
    const paused = pauseClock(started, vn('2025-11-25 09:00'));
    assert.ok(!isRunning(paused));
    assert.equal(pauseClock(paused, vn('2025-11-25 10:00')).pausedAt, paused.pausedAt, 'pausing twice keeps the first moment');
    const resumed = resumeClock(paused, vn('2025-11-26 09:00'), cal);
    assert.equal(resumed.pausedHours, 8);
    assert.deepEqual(resumed.dueAt, vn('2025-12-02 09:00'));
    assert.ok(isRunning(resumed));
  });

  it('restarts from zero, keeping the waiting time', () => {
    const paused = pauseClock(started, vn('2025-11-26 09:00'));
    const restarted = restartClock(paused, vn('2025-11-28 09:00'), cal);
    assert.deepEqual(restarted.startedAt, vn('2025-11-28 09:00'));
    assert.deepEqual(restarted.dueAt, vn('2025-12-05 09:00'));
    assert.equal(restarted.pausedHours, 16);
    assert.equal(restarted.restarts, 1);
  });

  it('stops once and can be rescheduled', () => {
    const stopped = stopClock(started, vn('2025-11-27 10:00'));
    assert.ok(!isRunning(stopped));
    assert.equal(stopClock(stopped, vn('2025-11-28 10:00')).stoppedAt, stopped.stoppedAt);
    assert.deepEqual(rescheduleClock(started, vn('2025-12-10 09:00')).dueAt, vn('2025-12-10 09:00'));
  });
});
