import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatVietnameseDate } from './format.ts';

describe('formatVietnameseDate', () => {
  it('formats a due date for a receipt or the portal', () => {
    assert.deepEqual(formatVietnameseDate('2026-02-25T17:00:00+07:00'), {
      date: '25/02/2026',
      weekday: 'Thứ Tư',
      time: '17:00',
      long: 'Thứ Tư, ngày 25/02/2026',
      text: '17 giờ 00 phút, Thứ Tư, ngày 25/02/2026',
      iso: '2026-02-25T17:00:00+07:00',
    });
  });
  it('uses Vietnam time for the weekday and date (Sunday 23:30 UTC is Monday in Hà Nội)', () => {
    const f = formatVietnameseDate(new Date('2026-03-01T23:30:00Z'));
    assert.equal(f.weekday, 'Thứ Hai');
    assert.equal(f.date, '02/03/2026');
    assert.equal(f.time, '06:30');
    assert.equal(formatVietnameseDate('2026-03-08').weekday, 'Chủ nhật');
  });
});
