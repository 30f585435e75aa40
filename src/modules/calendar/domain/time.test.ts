import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { atLocal, dateToDayIndex, dayIndexToDate, localDateOf, parseClockTime, parseInstant, toVietnamIso, weekdayOfIndex } from './time.ts';

const isProblem = (code: string) => (e: unknown) => e instanceof Problem && e.code === code;

describe('Vietnam time helpers', () => {
  it('reads strings without an offset as Vietnam time, and keeps explicit offsets', () => {
    assert.equal(parseInstant('2026-02-13T09:00').toISOString(), '2026-02-13T02:00:00.000Z');
    assert.equal(parseInstant('2026-02-13 09:00:30').toISOString(), '2026-02-13T02:00:30.000Z');
    assert.equal(parseInstant('2026-02-13').toISOString(), '2026-02-12T17:00:00.000Z');
    assert.equal(parseInstant('2026-02-13T09:00:00+07:00').toISOString(), '2026-02-13T02:00:00.000Z');
    assert.equal(parseInstant('2026-02-13T02:00:00Z').toISOString(), '2026-02-13T02:00:00.000Z');
    assert.equal(parseInstant('2026-02-13T04:00:00.250+0200').toISOString(), '2026-02-13T02:00:00.250Z');
  });
  it('refuses malformed or impossible instants with a Vietnamese problem', () => {
    for (const bad of ['', 'hôm nay', '2026-02-30T09:00', '2026-13-01', '2026-02-13T24:00', '2026-02-13T09:00+15:00', '13/02/2026']) {
      assert.throws(() => parseInstant(bad), isProblem('invalid-datetime'), bad);
    }
    assert.throws(() => parseInstant(new Date('x')), isProblem('invalid-datetime'));
  });
  it('writes +07:00 whatever the machine zone', () => {
    assert.equal(toVietnamIso(new Date('2026-02-25T10:00:00Z')), '2026-02-25T17:00:00+07:00');
    assert.equal(toVietnamIso(new Date('2026-12-31T17:00:00.5Z')), '2027-01-01T00:00:00.500+07:00');
    assert.equal(localDateOf(new Date('2026-12-31T17:00:00Z')), '2027-01-01');
  });
  it('day indexes and weekdays', () => {
    assert.equal(dayIndexToDate(dateToDayIndex('2026-02-17')), '2026-02-17');
    assert.equal(weekdayOfIndex(dateToDayIndex('2026-02-17')), 2); // Tuesday, mùng 1 Tết Bính Ngọ
    assert.equal(weekdayOfIndex(dateToDayIndex('1969-12-28')), 0);
    assert.equal(toVietnamIso(atLocal('2026-02-17', 17 * 60)), '2026-02-17T17:00:00+07:00');
  });
  it('clock times', () => {
    assert.equal(parseClockTime('07:30'), 450);
    assert.equal(parseClockTime('24:00'), 1440);
    assert.equal(parseClockTime('7:30'), null);
    assert.equal(parseClockTime('12:60'), null);
  });
});
