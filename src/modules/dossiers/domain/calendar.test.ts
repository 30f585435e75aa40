import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basicCalendar, vnDate } from './calendar.ts';
import { vn } from './testkit.ts';

const cal = basicCalendar({ daysOff: ['2025-12-02'], extraWorkingDays: ['2025-12-06'] });

describe('basic working calendar (stand-in for the calendar module)', () => {
  it('adds working hours across lunch, nights and weekends', () => {
    assert.deepEqual(cal.addWorkingHours(vn('2025-11-24 09:00'), 2), vn('2025-11-24 11:00'));
    assert.deepEqual(cal.addWorkingHours(vn('2025-11-24 11:00'), 1), vn('2025-11-24 14:00'));
    assert.deepEqual(cal.addWorkingHours(vn('2025-11-28 16:30'), 2), vn('2025-12-01 08:30'), 'Friday → Monday');
    assert.deepEqual(cal.addWorkingHours(vn('2025-11-29 10:00'), 1), vn('2025-12-01 08:30'), 'from a Saturday');
    assert.deepEqual(cal.addWorkingHours(vn('2025-12-01 17:00'), 1), vn('2025-12-03 08:00'), 'skips a day off');
    assert.deepEqual(cal.addWorkingHours(vn('2025-12-05 17:30'), 4), vn('2025-12-06 11:30'), 'make-up Saturday works');
  });

  it('counts working hours between two moments', () => {
    assert.equal(cal.workingHoursBetween(vn('2025-11-24 09:00'), vn('2025-11-24 15:00')), 4);
    assert.equal(cal.workingHoursBetween(vn('2025-11-28 16:30'), vn('2025-12-01 08:30')), 2);
    assert.equal(cal.workingHoursBetween(vn('2025-11-24 09:00'), vn('2025-11-24 08:00')), 0);
    assert.equal(cal.workingHoursBetween(vn('2025-11-24 07:30'), vn('2025-11-28 17:30')), 40);
  });

  it('forwards a paper dossier received after 15:00 on the next working day', () => {
    assert.deepEqual(cal.forwardingTime(vn('2025-11-24 14:59')), vn('2025-11-24 14:59'));
    assert.deepEqual(cal.forwardingTime(vn('2025-11-24 15:00')), vn('2025-11-24 15:00'));
    assert.deepEqual(cal.forwardingTime(vn('2025-11-24 15:01')), vn('2025-11-25 07:30'));
    assert.deepEqual(cal.forwardingTime(vn('2025-11-28 16:00')), vn('2025-12-01 07:30'));
    assert.deepEqual(cal.forwardingTime(vn('2025-12-01 16:00')), vn('2025-12-03 07:30'), 'over a day off');
  });

  it('puts the latest apology at the end of the working day before the due day', () => {
    assert.deepEqual(cal.latestApologyDate(vn('2025-11-26 10:00')), vn('2025-11-25 17:30'));
    assert.deepEqual(cal.latestApologyDate(vn('2025-12-01 10:00')), vn('2025-11-28 17:30'), 'Monday → Friday');
    assert.deepEqual(cal.latestApologyDate(vn('2025-12-03 10:00')), vn('2025-12-01 17:30'), 'over a day off');
  });

  it('computes due dates in working days, hours, days and months', () => {
    assert.deepEqual(cal.computeDue(vn('2025-11-24 09:00'), { amount: 3, unit: 'working_days' }), vn('2025-11-27 09:00'));
    assert.deepEqual(cal.computeDue(vn('2025-11-24 09:00'), { amount: 4, unit: 'hours' }), vn('2025-11-24 15:00'));
    assert.equal(vnDate(cal.computeDue(vn('2025-11-24 09:00'), { amount: 10, unit: 'days' })), '2025-12-04');
    assert.equal(vnDate(cal.computeDue(vn('2025-11-24 09:00'), { amount: 1, unit: 'months' })), '2025-12-24');
  });
});
