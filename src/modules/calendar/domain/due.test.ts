import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { referenceCalendar } from '../testing.ts';
import type { PauseInput, TimeUnit } from '../types.ts';
import { toVietnamIso } from './time.ts';

// The real reference data: 2025 and 2026 as announced, 2027+ derived from the Labour Code baseline.
const cal = referenceCalendar();
const due = (from: string, amount: number, unit: TimeUnit = 'working_days', pauses?: PauseInput[]) =>
  toVietnamIso(cal.computeDue(from, { amount, unit }, { pauses }));
const T = (s: string) => `${s}+07:00`;
const isProblem = (code: string) => (e: unknown) => e instanceof Problem && e.code === code;

describe('working days: counting starts the working day after receipt, ends at the end of the day', () => {
  it('Monday 09:00 + 1 working day → Tuesday 17:00', () => {
    assert.equal(due('2026-03-02T09:00', 1), T('2026-03-03T17:00:00'));
  });
  it('the time of receipt within the day does not matter (06:00, 16:59, 20:00)', () => {
    for (const t of ['06:00', '16:59', '20:00']) assert.equal(due(`2026-03-02T${t}`, 1), T('2026-03-03T17:00:00'));
  });
  it('a receipt on Saturday or Sunday counts from Monday', () => {
    assert.equal(due('2026-03-07T10:00', 1), T('2026-03-09T17:00:00'));
    assert.equal(due('2026-03-08T10:00', 2), T('2026-03-10T17:00:00'));
  });
  it('skips weekends: Monday + 5 → next Monday', () => {
    assert.equal(due('2026-03-02T09:00', 5), T('2026-03-09T17:00:00'));
    assert.equal(due('2026-03-02T09:00', 15), T('2026-03-23T17:00:00'));
  });
  it('accepts an instant with another offset (UTC) and reads it in Vietnam time', () => {
    // 2026-03-01T20:00Z is Monday 03:00 in Vietnam
    assert.equal(due('2026-03-01T20:00:00Z', 1), T('2026-03-03T17:00:00'));
  });
});

describe('half days: 0.5 working day = one session', () => {
  it('+0.5 → the next working day at the end of the morning session', () => {
    assert.equal(due('2026-03-02T09:00', 0.5), T('2026-03-03T11:30:00'));
  });
  it('+1.5 → the second working day at 11:30', () => {
    assert.equal(due('2026-03-02T09:00', 1.5), T('2026-03-04T11:30:00'));
  });
  it('Friday + 0.5 → Monday 11:30', () => {
    assert.equal(due('2026-03-06T14:00', 0.5), T('2026-03-09T11:30:00'));
  });
  it('a quarter day is refused', () => {
    assert.throws(() => due('2026-03-02T09:00', 0.25), isProblem('invalid-amount'));
    assert.throws(() => due('2026-03-02T09:00', -1), isProblem('invalid-amount'));
  });
  it('half days follow the configured morning session', () => {
    const c = referenceCalendar({ sessions: { morning: { start: '08:00', end: '11:00' }, afternoon: { start: '13:30', end: '18:30' } } });
    assert.equal(toVietnamIso(c.addWorkingDays('2026-03-02T09:00', 1.5)), T('2026-03-04T11:00:00'));
    assert.equal(toVietnamIso(c.addWorkingDays('2026-03-02T09:00', 1)), T('2026-03-03T18:30:00'));
  });
});

describe('0 working days ("trong ngày")', () => {
  it('received on a working day at or before the cut-off → end of that day', () => {
    assert.equal(due('2026-03-02T10:00', 0), T('2026-03-02T17:00:00'));
    assert.equal(due('2026-03-02T15:00', 0), T('2026-03-02T17:00:00'));
  });
  it('received after the cut-off, or on a day off → end of the next working day', () => {
    assert.equal(due('2026-03-02T15:01', 0), T('2026-03-03T17:00:00'));
    assert.equal(due('2026-03-07T09:00', 0), T('2026-03-09T17:00:00'));
    assert.equal(due('2026-02-13T16:00', 0), T('2026-02-23T17:00:00'));
  });
});

describe('Tết', () => {
  it('Tết Bính Ngọ 2026 (announced 16–20/02): Friday 13/02 + 3 → Wednesday 25/02', () => {
    assert.equal(due('2026-02-13T09:00', 3), T('2026-02-25T17:00:00'));
    assert.equal(due('2026-02-12T09:00', 1), T('2026-02-13T17:00:00'));
    assert.equal(due('2026-02-12T09:00', 2), T('2026-02-23T17:00:00'));
  });
  it('every announced 2026 Tết day is a day off, and the days around them are not', () => {
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) assert.equal(cal.isWorkingDay(d), false, d);
    assert.equal(cal.isWorkingDay('2026-02-13'), true);
    assert.equal(cal.isWorkingDay('2026-02-23'), true);
    const { skipped } = cal.daysBetween('2026-02-13', '2026-02-25');
    assert.deepEqual(
      skipped.map((s) => `${s.date}:${s.kind}`),
      ['2026-02-14:weekend', '2026-02-15:weekend', '2026-02-16:holiday', '2026-02-17:holiday', '2026-02-18:holiday', '2026-02-19:holiday', '2026-02-20:holiday', '2026-02-21:weekend', '2026-02-22:weekend'],
    );
  });
  it('Tết Ất Tỵ 2025 (announced 27–31/01): Friday 24/01 + 1 → Monday 03/02', () => {
    assert.equal(due('2025-01-24T10:00', 1), T('2025-02-03T17:00:00'));
  });
  it('Tết Đinh Mùi 2027 (derived: 05–09/02 with two compensatory days for Saturday and Sunday)', () => {
    assert.equal(due('2027-02-04T10:00', 1), T('2027-02-12T17:00:00'));
    assert.equal(cal.day('2027-02-10').name, 'Nghỉ bù Tết Âm lịch - mùng 1 (Thứ Bảy 06/02/2027)');
  });
});

describe('year boundaries', () => {
  it('31/12/2025 + 1 → Monday 05/01/2026 (1/1 holiday, 2/1 swapped off, weekend)', () => {
    assert.equal(due('2025-12-31T10:00', 1), T('2026-01-05T17:00:00'));
  });
  it('30/12/2026 + 2 → Monday 04/01/2027 (31/12 counted, 1/1/2027 derived)', () => {
    assert.equal(due('2026-12-30T10:00', 2), T('2027-01-04T17:00:00'));
  });
  it('31/12/2027 + 1 → Tuesday 04/01/2028 (1/1/2028 is a Saturday, compensated on Monday 03/01)', () => {
    assert.equal(due('2027-12-31T10:00', 1), T('2028-01-04T17:00:00'));
  });
});

describe('announced swaps and make-up Saturdays', () => {
  it('a make-up Saturday is a working day: Thursday 08/01/2026 + 2 → Saturday 10/01/2026', () => {
    assert.equal(due('2026-01-08T09:00', 2), T('2026-01-10T17:00:00'));
    assert.equal(due('2025-04-25T09:00', 1), T('2025-04-26T17:00:00'));
    assert.equal(due('2026-08-21T09:00', 1), T('2026-08-22T17:00:00'));
  });
  it('an ordinary Saturday is not: Friday 28/08/2026 + 1 → Thursday 03/09/2026 (31/08 swapped off, 1–2/09 holidays)', () => {
    assert.equal(due('2026-08-28T09:00', 1), T('2026-09-03T17:00:00'));
  });
  it('a swapped-off day is skipped: 02/05/2025', () => {
    assert.equal(cal.isWorkingDay('2025-05-02'), false);
    assert.equal(cal.day('2025-05-02').kind, 'swap_off');
  });
});

describe('Giỗ Tổ Hùng Vương', () => {
  it('2025 (Monday 07/04): Friday 04/04 + 1 → Tuesday 08/04', () => {
    assert.equal(due('2025-04-04T09:00', 1), T('2025-04-08T17:00:00'));
  });
  it('2026 (Sunday 26/04, compensated Monday 27/04): Friday 24/04 + 1 → Tuesday 28/04; + 3 → Monday 04/05', () => {
    assert.equal(due('2026-04-24T09:00', 1), T('2026-04-28T17:00:00'));
    assert.equal(due('2026-04-24T09:00', 3), T('2026-05-04T17:00:00'));
  });
  it('2027 (derived, Friday 16/04): Thursday 15/04 + 1 → Monday 19/04', () => {
    assert.equal(due('2027-04-15T09:00', 1), T('2027-04-19T17:00:00'));
  });
});

describe('30/4–1/5 and 2/9', () => {
  it('2025: Tuesday 29/04 + 1 → Monday 05/05 (30/4, 1/5, 2/5 swapped off)', () => {
    assert.equal(due('2025-04-29T09:00', 1), T('2025-05-05T17:00:00'));
  });
  it('2026: Wednesday 29/04 + 1 → Monday 04/05', () => {
    assert.equal(due('2026-04-29T09:00', 1), T('2026-05-04T17:00:00'));
  });
  it('2/9/2025 with the adjacent day 1/9: Friday 29/08 + 1 → Wednesday 03/09', () => {
    assert.equal(due('2025-08-29T09:00', 1), T('2025-09-03T17:00:00'));
  });
  it('2/9/2027 (derived, Thursday; adjacent day Friday 03/09): Wednesday 01/09 + 1 → Monday 06/09', () => {
    assert.equal(due('2027-09-01T09:00', 1), T('2027-09-06T17:00:00'));
  });
});

describe('paused intervals', () => {
  it('one pause moves the due date by the working time it took (18.5 h → Thursday 10:00)', () => {
    const pauses: PauseInput[] = [['2026-03-04T10:00', '2026-03-06T14:00']];
    assert.equal(due('2026-03-02T09:00', 5, 'working_days', pauses), T('2026-03-12T10:00:00'));
    const x = cal.explainDue('2026-03-02T09:00', { amount: 5, unit: 'working_days' }, { pauses });
    assert.equal(x.pausedMs, 18.5 * 3_600_000);
    assert.equal(x.budgetMs, 40 * 3_600_000);
  });
  it('several pauses add up; overlapping pauses count once', () => {
    assert.equal(
      due('2026-03-02T09:00', 5, 'working_days', [
        ['2026-03-03T13:00', '2026-03-03T17:00'],
        ['2026-03-05T07:30', '2026-03-05T11:30'],
      ]),
      T('2026-03-10T17:00:00'),
    );
    assert.equal(
      due('2026-03-02T09:00', 5, 'working_days', [
        ['2026-03-03T14:00', '2026-03-03T17:00'],
        ['2026-03-03T13:00', '2026-03-03T15:00'],
      ]),
      T('2026-03-10T11:30:00'),
    );
  });
  it('a pause spanning Tết only takes the working time inside it (25 h → Friday 27/02 08:30)', () => {
    const pauses: PauseInput[] = [['2026-02-12T09:00', '2026-02-24T10:00']];
    assert.equal(due('2026-02-09T09:00', 5), T('2026-02-23T17:00:00'));
    assert.equal(due('2026-02-09T09:00', 5, 'working_days', pauses), T('2026-02-27T08:30:00'));
    assert.equal(cal.explainDue('2026-02-09T09:00', { amount: 5, unit: 'working_days' }, { pauses }).pausedMs, 25 * 3_600_000);
  });
  it('a pause on the day of receipt (not counted) or after the due date changes nothing', () => {
    assert.equal(due('2026-03-02T09:00', 5, 'working_days', [['2026-03-02T10:00', '2026-03-02T16:00']]), T('2026-03-09T17:00:00'));
    assert.equal(due('2026-03-02T09:00', 5, 'working_days', [['2026-03-10T08:00', '2026-03-11T08:00']]), T('2026-03-09T17:00:00'));
  });
  it('a pause in hours-based limits', () => {
    // 09:00–10:00 counted, 10:00–13:30 paused (1.5 h of it inside the sessions), 13:30–16:30 counted
    assert.equal(due('2026-03-02T09:00', 4, 'hours', [['2026-03-02T10:00', '2026-03-02T13:30']]), T('2026-03-02T16:30:00'));
  });
  it('calendar days: the elapsed time of the pause is added, then the end of a working day', () => {
    assert.equal(due('2026-03-02T09:00', 10, 'days'), T('2026-03-12T17:00:00'));
    // 2 days 4 hours paused: the limit now ends in Saturday 14/03 → Monday 16/03
    assert.equal(due('2026-03-02T09:00', 10, 'days', [['2026-03-04T10:00', '2026-03-06T14:00']]), T('2026-03-16T17:00:00'));
  });
  it('a pause that ends before it starts is refused', () => {
    assert.throws(() => due('2026-03-02T09:00', 5, 'working_days', [['2026-03-04T10:00', '2026-03-03T10:00']]), isProblem('invalid-pause'));
  });
});

describe('hour-based limits (working hours inside the sessions)', () => {
  it('crossing lunch: Monday 10:00 + 4 h → 15:30', () => {
    assert.equal(due('2026-03-02T10:00', 4, 'hours'), T('2026-03-02T15:30:00'));
  });
  it('crossing the night: Monday 16:00 + 2 h → Tuesday 08:30', () => {
    assert.equal(due('2026-03-02T16:00', 2, 'hours'), T('2026-03-03T08:30:00'));
  });
  it('crossing the weekend: Friday 16:00 + 4 h → Monday 10:30', () => {
    assert.equal(due('2026-03-06T16:00', 4, 'hours'), T('2026-03-09T10:30:00'));
  });
  it('a due on the end of a session stays there: 07:30 + 4 h → 11:30', () => {
    assert.equal(due('2026-03-02T07:30', 4, 'hours'), T('2026-03-02T11:30:00'));
  });
  it('starting in the lunch break, at night or on a weekend starts at the next session', () => {
    assert.equal(due('2026-03-02T12:00', 1, 'hours'), T('2026-03-02T14:00:00'));
    assert.equal(due('2026-03-02T05:00', 1, 'hours'), T('2026-03-02T08:30:00'));
    assert.equal(due('2026-03-07T20:00', 1, 'hours'), T('2026-03-09T08:30:00'));
  });
  it('8 h = one working day; half hours; across Tết; on a make-up Saturday', () => {
    assert.equal(due('2026-03-02T09:00', 8, 'hours'), T('2026-03-03T09:00:00'));
    assert.equal(due('2026-03-02T09:00', 0.5, 'hours'), T('2026-03-02T09:30:00'));
    assert.equal(due('2026-02-13T16:00', 2, 'hours'), T('2026-02-23T08:30:00'));
    assert.equal(due('2026-01-09T16:00', 2, 'hours'), T('2026-01-10T08:30:00'));
  });
  it('follows configured sessions (13:30–17:30 afternoon)', () => {
    const c = referenceCalendar({ sessions: { morning: { start: '07:30', end: '11:30' }, afternoon: { start: '13:30', end: '17:30' } } });
    assert.equal(toVietnamIso(c.addWorkingHours('2026-03-02T16:00', 2)), T('2026-03-03T08:00:00'));
  });
});

describe('working hours between two instants', () => {
  it('within a day, over a weekend, over Tết, reversed', () => {
    assert.equal(cal.workingHoursBetween('2026-03-02T09:00', '2026-03-02T15:00'), 4.5);
    assert.equal(cal.workingHoursBetween('2026-03-06T16:00', '2026-03-09T09:00'), 2.5);
    assert.equal(cal.workingHoursBetween('2026-02-13T07:30', '2026-02-23T17:00'), 16);
    assert.equal(cal.workingHoursBetween('2026-03-02T15:00', '2026-03-02T09:00'), 0);
  });
  it('is the inverse of addWorkingHours', () => {
    const from = '2026-02-10T10:15';
    for (const h of [1, 3.5, 8, 17, 40]) assert.equal(cal.workingHoursBetween(from, cal.addWorkingHours(from, h)), h);
  });
});

describe('months and calendar days (Civil Code Arts. 147–148)', () => {
  it('31/01 + 1 month → the last day of February (28/02/2026 is a Saturday → Monday 02/03)', () => {
    assert.equal(due('2026-01-31T10:00', 1, 'months'), T('2026-03-02T17:00:00'));
    assert.equal(due('2028-01-31T10:00', 1, 'months'), T('2028-02-29T17:00:00'));
  });
  it('the corresponding day; across a year; a year', () => {
    assert.equal(due('2026-03-16T10:00', 1, 'months'), T('2026-04-16T17:00:00'));
    assert.equal(due('2026-11-30T10:00', 2, 'months'), T('2027-02-01T17:00:00'));
    assert.equal(due('2026-03-16T10:00', 12, 'months'), T('2027-03-16T17:00:00'));
  });
  it('a month ending in Tết moves to the first working day after it', () => {
    assert.equal(due('2026-01-16T10:00', 1, 'months'), T('2026-02-23T17:00:00'));
  });
  it('calendar days end at the end of the last day, moved off weekends and holidays', () => {
    assert.equal(due('2026-03-02T09:00', 10, 'days'), T('2026-03-12T17:00:00'));
    assert.equal(due('2026-02-11T10:00', 5, 'days'), T('2026-02-23T17:00:00'));
    assert.equal(due('2025-12-31T10:00', 3, 'days'), T('2026-01-05T17:00:00'));
  });
  it('fractions of days or months are refused', () => {
    assert.throws(() => due('2026-03-02T09:00', 1.5, 'months'), isProblem('invalid-amount'));
    assert.throws(() => due('2026-03-02T09:00', 2.5, 'days'), isProblem('invalid-amount'));
  });
});

describe('15:00 cut-off for forwarding paper dossiers', () => {
  const fw = (s: string) => {
    const f = cal.forwarding(s);
    return `${f.sameDay ? 'same' : 'next'} ${toVietnamIso(f.deadline)}`;
  };
  it('14:59 and 15:00 (to the minute) → the same day by 17:00; 15:01 → the next working day at 07:30', () => {
    assert.equal(fw('2026-03-03T14:59'), `same ${T('2026-03-03T17:00:00')}`);
    assert.equal(fw('2026-03-03T15:00'), `same ${T('2026-03-03T17:00:00')}`);
    assert.equal(fw('2026-03-03T15:00:59'), `same ${T('2026-03-03T17:00:00')}`);
    assert.equal(fw('2026-03-03T15:01'), `next ${T('2026-03-04T07:30:00')}`);
  });
  it('Friday afternoon → Monday', () => {
    assert.equal(fw('2026-03-06T14:00'), `same ${T('2026-03-06T17:00:00')}`);
    assert.equal(fw('2026-03-06T15:30'), `next ${T('2026-03-09T07:30:00')}`);
  });
  it('before a holiday → the first working day after it', () => {
    assert.equal(fw('2026-04-29T15:30'), `next ${T('2026-05-04T07:30:00')}`);
    assert.equal(fw('2026-02-13T16:00'), `next ${T('2026-02-23T07:30:00')}`);
  });
  it('received on a day off → the start of the next working day; early in the morning → same day', () => {
    assert.equal(fw('2026-03-07T09:00'), `next ${T('2026-03-09T07:30:00')}`);
    assert.equal(fw('2026-03-03T06:00'), `same ${T('2026-03-03T17:00:00')}`);
  });
  it('the cut-off is configurable', () => {
    const c = referenceCalendar({ forwardingCutoff: '16:00' });
    assert.equal(c.forwarding('2026-03-03T15:30').sameDay, true);
    assert.equal(toVietnamIso(c.forwardingTime('2026-03-03T16:01')), T('2026-03-04T07:30:00'));
  });
});

describe('latest apology date and timeliness', () => {
  it('the end of the working day before the due date', () => {
    assert.equal(toVietnamIso(cal.latestApologyDate('2026-03-03T17:00')), T('2026-03-02T17:00:00'));
    assert.equal(toVietnamIso(cal.latestApologyDate('2026-03-09T11:30')), T('2026-03-06T17:00:00'));
    assert.equal(toVietnamIso(cal.latestApologyDate('2026-02-23T17:00')), T('2026-02-13T17:00:00'));
  });
  it('early / on time / late', () => {
    const d = '2026-03-05T17:00';
    assert.equal(cal.timeliness('2026-03-04T16:00', d), 'early');
    assert.equal(cal.timeliness('2026-03-05T08:00', d), 'on_time');
    assert.equal(cal.timeliness('2026-03-05T17:00', d), 'on_time');
    assert.equal(cal.timeliness('2026-03-05T17:01', d), 'late');
    assert.equal(cal.timeliness('2026-03-05T08:00', d, 'exact'), 'early');
  });
});

describe('independent of the machine time zone', () => {
  it('gives the same answers under TZ=America/Los_Angeles and TZ=Asia/Kolkata', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Kolkata', 'UTC']) {
        process.env.TZ = tz;
        assert.equal(due('2026-02-13T09:00', 3), T('2026-02-25T17:00:00'), tz);
        assert.equal(due('2026-03-02T16:00', 2, 'hours'), T('2026-03-03T08:30:00'), tz);
        assert.equal(due('2026-01-31T10:00', 1, 'months'), T('2026-03-02T17:00:00'), tz);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
