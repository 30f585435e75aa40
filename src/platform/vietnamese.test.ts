import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  amountInWords,
  formatDate,
  formatDateTimeShort,
  formatDateTimeWords,
  formatMoney,
  formatPlaceDate,
  groupThousands,
  vnParts,
} from './vietnamese.ts';

describe('Vietnamese formatting', () => {
  it('reads instants on a Vietnamese clock (UTC+7), whatever the server zone', () => {
    // 20:30 UTC on 7 Oct is 03:30 on 8 Oct in Vietnam
    const d = new Date('2026-10-07T20:30:00Z');
    assert.deepEqual(vnParts(d), { year: 2026, month: 10, day: 8, hour: 3, minute: 30 });
    assert.equal(formatDate(d), '08/10/2026');
    assert.equal(formatDateTimeShort(d), '03:30 08/10/2026');
    assert.equal(formatDateTimeWords(d), '03 giờ 30 phút, ngày 08 tháng 10 năm 2026');
    assert.equal(formatPlaceDate('Phú Thọ', d), 'Phú Thọ, ngày 08 tháng 10 năm 2026');
  });

  it('rejects an invalid date instead of printing NaN', () => {
    assert.throws(() => formatDate(new Date('x')), RangeError);
  });

  it('formats money with dots and "đ"', () => {
    assert.equal(formatMoney(20000), '20.000 đ');
    assert.equal(formatMoney(0), '0 đ');
    assert.equal(formatMoney(1234567), '1.234.567 đ');
    assert.equal(groupThousands(999), '999');
    assert.equal(groupThousands(-1500), '-1.500');
  });

  it('reads amounts in Vietnamese words', () => {
    const cases: [number, string][] = [
      [0, 'Không đồng'],
      [5, 'Năm đồng'],
      [10, 'Mười đồng'],
      [15, 'Mười lăm đồng'],
      [21, 'Hai mươi mốt đồng'],
      [24, 'Hai mươi tư đồng'],
      [105, 'Một trăm linh năm đồng'],
      [110, 'Một trăm mười đồng'],
      [8000, 'Tám nghìn đồng'],
      [20000, 'Hai mươi nghìn đồng'],
      [50000, 'Năm mươi nghìn đồng'],
      [115000, 'Một trăm mười lăm nghìn đồng'],
      [1005000, 'Một triệu không trăm linh năm nghìn đồng'],
      [1000005, 'Một triệu không trăm linh năm đồng'],
      [2500000, 'Hai triệu năm trăm nghìn đồng'],
      [1000000000, 'Một tỷ đồng'],
      [1000000000000, 'Một nghìn tỷ đồng'],
      [1500000000000, 'Một nghìn năm trăm tỷ đồng'],
    ];
    for (const [n, words] of cases) assert.equal(amountInWords(n), words, String(n));
  });

  it('refuses amounts that cannot be read', () => {
    assert.throws(() => amountInWords(-1), RangeError);
    assert.throws(() => amountInWords(1.5), RangeError);
  });
});
