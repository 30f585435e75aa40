import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstWorkingDayOfMonth, isFirstWorkingDayOfMonth, reportMonthDue } from './report-schedule.ts';

/** Weekends off, plus the given days off (holidays, swapped days), plus the given make-up Saturdays worked. */
const calendar = (off: string[] = [], makeup: string[] = []) => (day: string) => {
  if (makeup.includes(day)) return true;
  if (off.includes(day)) return false;
  const wd = new Date(`${day}T12:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

describe('the first working day of the month (monthly report e-mail)', () => {
  it('is the 1st when the 1st is a working day', () => {
    assert.equal(firstWorkingDayOfMonth(2026, 12, calendar()), '2026-12-01'); // a Tuesday
    assert.ok(isFirstWorkingDayOfMonth('2026-12-01', calendar()));
    assert.ok(!isFirstWorkingDayOfMonth('2026-12-02', calendar()));
  });

  it('skips a weekend: 1 November 2026 is a Sunday, so it is Monday the 2nd', () => {
    assert.equal(firstWorkingDayOfMonth(2026, 11, calendar()), '2026-11-02');
    assert.ok(!isFirstWorkingDayOfMonth('2026-11-01', calendar()));
    assert.ok(isFirstWorkingDayOfMonth('2026-11-02', calendar()));
  });

  it('skips New Year and a swapped day off, and takes a make-up Saturday worked', () => {
    // 1 January 2027 (Friday) is a holiday: the first working day is Monday 4 January
    assert.equal(firstWorkingDayOfMonth(2027, 1, calendar(['2027-01-01'])), '2027-01-04');
    // Tết: 1–5 February off; Saturday 6 February worked instead
    assert.equal(firstWorkingDayOfMonth(2027, 2, calendar(['2027-02-01', '2027-02-02', '2027-02-03', '2027-02-04', '2027-02-05'], ['2027-02-06'])), '2027-02-06');
  });

  it('makes the previous month due from that day on, and nothing before it', () => {
    const cal = calendar(['2027-01-01']);
    // 3 January 2027, 10:00 in Vietnam: a Sunday before the first working day
    assert.equal(reportMonthDue(new Date('2027-01-03T03:00:00Z'), cal), null);
    assert.equal(reportMonthDue(new Date('2027-01-04T01:00:00Z'), cal)?.key, '2026-12');
    // still due later in the month (the dispatch record keeps it to once)
    assert.equal(reportMonthDue(new Date('2027-01-20T01:00:00Z'), cal)?.key, '2026-12');
    // the Vietnam day, not the UTC one: 30 November 2026 18:00 UTC is 1 December 01:00 in Vietnam
    assert.equal(reportMonthDue(new Date('2026-11-30T18:00:00Z'), calendar())?.key, '2026-11');
  });
});
