import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { referenceCalendar } from '../testing.ts';
import type { DueClockState } from '../types.ts';
import { DueClock } from './clock.ts';
import { toVietnamIso } from './time.ts';

const cal = referenceCalendar();
const T = (s: string) => `${s}+07:00`;
const iso = (d: Date | null) => (d ? toVietnamIso(d) : null);
const isProblem = (code: string) => (e: unknown) => e instanceof Problem && e.code === code;
const fiveDays = () => DueClock.start(cal, '2026-03-02T09:00', { amount: 5, unit: 'working_days' });

describe('DueClock', () => {
  it('starts at the receipt with the computed due date', () => {
    const c = fiveDays();
    assert.equal(iso(c.due()), T('2026-03-09T17:00:00'));
    assert.equal(c.isPaused, false);
  });

  it('has no due date while paused, and moves it by the paused working time when resumed', () => {
    const c = fiveDays().pause('2026-03-04T10:00', 'Chờ bổ sung giấy tờ');
    assert.equal(c.isPaused, true);
    assert.equal(iso(c.pausedSince), T('2026-03-04T10:00:00'));
    assert.equal(c.due(), null);
    c.resume('2026-03-06T14:00');
    assert.equal(iso(c.due()), T('2026-03-12T10:00:00'));
    assert.equal(c.pausedWorkingHours('2026-03-10T00:00'), 18.5);
    assert.equal(iso(c.nominalDue()), T('2026-03-09T17:00:00'));
  });

  it('adds up several pauses (fees, then documents)', () => {
    const c = fiveDays()
      .pause('2026-03-03T13:00', 'Chờ nộp phí')
      .resume('2026-03-03T17:00')
      .pause('2026-03-05T07:30', 'Chờ bổ sung')
      .resume('2026-03-05T11:30');
    assert.equal(iso(c.due()), T('2026-03-10T17:00:00'));
  });

  it('a pause spanning Tết takes only the working time inside it', () => {
    const c = DueClock.start(cal, '2026-02-09T09:00', { amount: 5, unit: 'working_days' }).pause('2026-02-12T09:00').resume('2026-02-24T10:00');
    assert.equal(iso(c.due()), T('2026-02-27T08:30:00'));
  });

  it('restarts from zero when the complete dossier comes back after a supplement requested after appraisal', () => {
    const c = fiveDays().pause('2026-03-04T10:00', 'Yêu cầu bổ sung sau thẩm định');
    c.restart('2026-03-10T14:00');
    assert.equal(c.isPaused, false);
    assert.equal(iso(c.due()), T('2026-03-17T17:00:00')); // counted from Wednesday 11/03
    const s = c.state();
    assert.equal(s.startedAt, T('2026-03-10T14:00:00'));
    assert.equal(s.receivedAt, T('2026-03-02T09:00:00'));
    assert.equal(s.pauses.length, 0);
    assert.equal(s.restarts.length, 1);
    assert.equal(s.restarts[0]!.pauses[0]!.to, T('2026-03-10T14:00:00'));
    assert.equal(typeof s.restarts[0]!.previousDue, 'string');
  });

  it('a restart without a pause also counts from zero', () => {
    const c = fiveDays().restart('2026-03-05T09:00');
    assert.equal(iso(c.due()), T('2026-03-12T17:00:00'));
  });

  it('refuses events out of order, a second pause and a resume without a pause', () => {
    assert.throws(() => fiveDays().pause('2026-03-01T09:00'), isProblem('clock-out-of-order'));
    const c = fiveDays().pause('2026-03-04T10:00');
    assert.throws(() => c.pause('2026-03-04T11:00'), isProblem('clock-already-paused'));
    assert.throws(() => c.resume('2026-03-04T09:00'), isProblem('clock-out-of-order'));
    c.resume('2026-03-04T11:00');
    assert.throws(() => c.resume('2026-03-04T12:00'), isProblem('clock-not-paused'));
    assert.throws(() => c.pause('2026-03-04T10:30'), isProblem('clock-out-of-order'));
  });

  it('grants one extension, no later than one working day before the due date', () => {
    const c = fiveDays();
    assert.throws(() => fiveDays().extend('2026-03-12T17:00', '2026-03-09T08:00'), isProblem('apology-too-late'));
    assert.throws(() => fiveDays().extend('2026-03-09T11:00', '2026-03-05T08:00'), isProblem('extension-not-later'));
    assert.throws(() => fiveDays().pause('2026-03-04T10:00').extend('2026-03-12T17:00', '2026-03-05T08:00'), isProblem('clock-paused'));
    c.extend('2026-03-12T17:00', '2026-03-06T17:00');
    assert.equal(iso(c.due()), T('2026-03-12T17:00:00'));
    assert.throws(() => c.extend('2026-03-13T17:00', '2026-03-07T10:00'), isProblem('extension-already-used'));
    // a later pause moves the new date too
    c.pause('2026-03-10T07:30').resume('2026-03-10T17:00');
    assert.equal(iso(c.due()), T('2026-03-13T17:00:00'));
    // a restart drops the extension but the promise stays used
    c.restart('2026-03-11T09:00');
    assert.equal(iso(c.due()), T('2026-03-18T17:00:00'));
    assert.equal(c.state().extension, null);
    assert.equal(c.state().extensionUsed, true);
  });

  it('extends calendar-day limits to the end of the new day (moved off weekends)', () => {
    const c = DueClock.start(cal, '2026-03-02T09:00', { amount: 10, unit: 'days' });
    assert.equal(iso(c.due()), T('2026-03-12T17:00:00'));
    c.extend('2026-03-14T10:00', '2026-03-10T10:00');
    assert.equal(iso(c.due()), T('2026-03-16T17:00:00'));
  });

  it('works in hours', () => {
    const c = DueClock.start(cal, '2026-03-02T16:00', { amount: 2, unit: 'hours' });
    assert.equal(iso(c.due()), T('2026-03-03T08:30:00'));
    c.pause('2026-03-02T16:30').resume('2026-03-03T07:30');
    assert.equal(iso(c.due()), T('2026-03-03T09:00:00')); // the pause held 30 working minutes (16:30–17:00)
  });

  it('survives a JSON round trip', () => {
    const c = fiveDays().pause('2026-03-04T10:00').resume('2026-03-06T14:00').pause('2026-03-09T08:00');
    const restored = DueClock.restore(cal, JSON.parse(JSON.stringify(c.state())) as DueClockState);
    assert.equal(restored.isPaused, true);
    restored.resume('2026-03-09T09:00');
    c.resume('2026-03-09T09:00');
    assert.equal(iso(restored.due()), iso(c.due()));
    assert.throws(() => DueClock.restore(cal, { version: 2 } as unknown as DueClockState), isProblem('invalid-clock-state'));
    assert.throws(() => DueClock.start(cal, '2026-03-02T09:00', { amount: 0.3, unit: 'working_days' }), isProblem('invalid-amount'));
  });
});
