import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { referenceCalendar } from '../testing.ts';
import { advanceWorking, nextWorkingDayIndex } from './due.ts';
import { WorkingCalendar } from './working-calendar.ts';

const cal = referenceCalendar();
const isProblem = (code: string) => (e: unknown) => e instanceof Problem && e.code === code;

describe('WorkingCalendar', () => {
  it('weekends are off, weekdays on, make-up Saturdays on, swapped days off', () => {
    assert.equal(cal.isWorkingDay('2026-03-07'), false);
    assert.equal(cal.isWorkingDay('2026-03-08'), false);
    assert.equal(cal.isWorkingDay('2026-03-09'), true);
    assert.deepEqual(cal.day('2026-01-10'), { date: '2026-01-10', weekday: 'Thứ Bảy', working: true, kind: 'makeup_workday', name: 'Làm bù cho thứ Sáu 02/01/2026' });
    assert.equal(cal.day('2026-01-02').kind, 'swap_off');
    assert.equal(cal.isWorkingDay('2026-01-02'), false);
  });

  it('takes Dates as Vietnam days: 2026-02-15T18:00Z is Monday 16/02 01:00 in Vietnam (Tết)', () => {
    assert.equal(cal.isWorkingDay(new Date('2026-02-15T18:00:00Z')), false);
    assert.equal(cal.isWorkingDay(new Date('2026-02-15T16:00:00Z')), false); // Sunday 23:00 in Vietnam
    assert.equal(cal.isWorkingDay(new Date('2026-02-23T00:00:00Z')), true);
  });

  it('next and previous working day across Tết and the year end', () => {
    assert.equal(cal.nextWorkingDay('2026-02-13'), '2026-02-23');
    assert.equal(cal.previousWorkingDay('2026-02-23'), '2026-02-13');
    assert.equal(cal.nextWorkingDay('2025-12-31'), '2026-01-05');
    assert.equal(cal.nextWorkingDay('2026-01-09'), '2026-01-10');
  });

  it('the unconfirmed 24/11/2026 (Ngày Văn hóa Việt Nam) is a working day unless configured', () => {
    assert.equal(cal.isWorkingDay('2026-11-24'), true);
    const withIt = referenceCalendar({ includeUnconfirmed: true });
    assert.equal(withIt.isWorkingDay('2026-11-24'), false);
    assert.equal(withIt.day('2026-11-24').name, 'Ngày Văn hóa Việt Nam');
    assert.equal(cal.workingDaysInYear(2026) - withIt.workingDaysInYear(2026), 1);
  });

  it('counts working days of a year: 2026 = 261 weekdays − 13 days off + 2 make-up Saturdays', () => {
    assert.equal(cal.workingDaysInYear(2026), 250);
    assert.equal(cal.hoursPerDay, 8);
  });

  it('years outside the data fall back to the solar-date holidays and say so', () => {
    assert.equal(cal.coverage(2030), 'stored');
    assert.equal(cal.coverage(2040), 'fixed_only');
    assert.equal(cal.isWorkingDay('2040-04-30'), false);
    assert.equal(cal.isWorkingDay('2040-01-02'), false); // 1/1/2040 Sunday → compensated Monday
  });

  it('a stored year is the whole truth: a year with no rows has weekends only', () => {
    const c = new WorkingCalendar({ days: [], coveredYears: [2030] });
    assert.equal(c.isWorkingDay('2030-01-01'), true);
    assert.equal(c.isWorkingDay('2031-01-01'), false);
  });

  it('lists the days skipped and the make-up days of a span', () => {
    const { skipped, makeup } = cal.daysBetween('2025-12-31', '2026-01-12');
    assert.deepEqual(
      skipped.map((d) => d.date),
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-11'],
    );
    assert.deepEqual(makeup.map((d) => d.date), ['2026-01-10']);
  });

  it('rejects impossible settings and dates', () => {
    assert.throws(() => referenceCalendar({ sessions: { morning: { start: '11:30', end: '07:30' }, afternoon: { start: '13:00', end: '17:00' } } }), isProblem('invalid-settings'));
    assert.throws(() => referenceCalendar({ sessions: { morning: { start: '07:30', end: '13:30' }, afternoon: { start: '13:00', end: '17:00' } } }), isProblem('invalid-settings'));
    assert.throws(() => referenceCalendar({ forwardingCutoff: '25:00' }), isProblem('invalid-settings'));
    assert.throws(() => cal.isWorkingDay('2026-02-30'), isProblem('invalid-date'));
  });

  it('fails clearly when a calendar has no working day at all', () => {
    const broken = { isWorkingDayIndex: () => false, sessionsMs: cal.sessionsMs, cutoffMinutes: 900 };
    assert.throws(() => nextWorkingDayIndex(broken, 0), isProblem('calendar-no-working-time'));
    assert.throws(() => advanceWorking(broken, 0, 3_600_000), isProblem('calendar-no-working-time'));
  });
});
