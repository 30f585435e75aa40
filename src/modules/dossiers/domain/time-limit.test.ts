import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendClock, isRunning, newClock, pauseClock, restartClock, resumeClock, startClock, stopClock } from './time-limit.ts';
import { cal, vn } from './testkit.ts';

/** The dossier's time limit runs on the calendar module's DueClock and reference calendar (ADR 0031). */
describe('dossier time limit (calendar module DueClock)', () => {
  const started = startClock(newClock({ amount: 5, unit: 'working_days' }), vn('2025-11-24 09:00'), cal);

  it('starts at reception: counting begins the next working day and ends at the close of day 5', () => {
    assert.deepEqual(started.dueAt, vn('2025-12-01 17:00'));
    assert.deepEqual(started.startedAt, vn('2025-11-24 09:00'));
    assert.equal(started.state?.version, 1);
    assert.ok(isRunning(started));
  });

  it('does not pause before it starts, nor twice', () => {
    const c = newClock({ amount: 5, unit: 'working_days' });
    assert.equal(pauseClock(c, vn('2025-11-24 09:00'), cal), c);
    const paused = pauseClock(started, vn('2025-11-25 09:00'), cal);
    assert.equal(pauseClock(paused, vn('2025-11-25 10:00'), cal), paused);
  });

  it('a pause on the day of receipt (before counting starts) moves nothing', () => {
    const c = resumeClock(pauseClock(started, vn('2025-11-24 10:00'), cal), vn('2025-11-24 16:00'), cal);
    assert.deepEqual(c.dueAt, vn('2025-12-01 17:00'));
    assert.equal(c.pausedHours, 4.5, 'the waiting time is still recorded (10:00–11:30, 13:00–16:00)');
  });

  it('resumes: the working time paused moves the due date by exactly that time', () => {
    const paused = pauseClock(started, vn('2025-11-25 09:00'), cal);
    assert.ok(!isRunning(paused));
    assert.deepEqual(paused.dueAt, vn('2025-12-01 17:00'), 'while paused the printed date stays');
    const resumed = resumeClock(paused, vn('2025-11-26 09:00'), cal);
    assert.equal(resumed.pausedHours, 8);
    assert.deepEqual(resumed.dueAt, vn('2025-12-02 17:00'));
    assert.ok(isRunning(resumed));
  });

  it('restarts from zero, keeping the waiting time, and survives a JSON round trip', () => {
    const paused = pauseClock(started, vn('2025-11-26 09:00'), cal);
    const stored = JSON.parse(JSON.stringify(paused.state));
    const restarted = restartClock({ ...paused, state: stored }, vn('2025-11-28 09:00'), cal);
    assert.deepEqual(restarted.startedAt, vn('2025-11-28 09:00'));
    assert.deepEqual(restarted.dueAt, vn('2025-12-05 17:00'));
    assert.equal(restarted.pausedHours, 16);
    assert.equal(restarted.restarts, 1);
    assert.equal(restarted.pausedAt, null);
  });

  it('extends once for the apology, and stops once', () => {
    const extended = extendClock(started, vn('2025-12-05 17:00'), vn('2025-11-27 10:00'), cal);
    assert.deepEqual(extended.dueAt, vn('2025-12-05 17:00'));
    assert.throws(() => extendClock(extended, vn('2025-12-10 17:00'), vn('2025-11-28 10:00'), cal), /một lần/);
    const stopped = stopClock(started, vn('2025-11-27 10:00'));
    assert.ok(!isRunning(stopped));
    assert.equal(stopClock(stopped, vn('2025-11-28 10:00')).stoppedAt, stopped.stoppedAt);
  });
});
