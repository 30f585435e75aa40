import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadHolidayReference } from '../reference.ts';
import { REFERENCE_HOLIDAYS_DIR } from '../testing.ts';
import type { YearOrigin } from '../types.ts';
import { deriveYearSchedule, fixedSolarBaseline, nationalDayAdjacent, planReferenceLoad } from './schedule.ts';

const ref = loadHolidayReference(REFERENCE_HOLIDAYS_DIR)!;

describe('National Day adjacent day (when no schedule is announced)', () => {
  it('reproduces the days announced 2021–2026', () => {
    const announced: Record<number, string> = {
      2021: '2021-09-03',
      2022: '2022-09-01',
      2023: '2023-09-01',
      2024: '2024-09-03',
      2025: '2025-09-01',
      2026: '2026-09-01',
    };
    for (const [y, d] of Object.entries(announced)) assert.equal(nationalDayAdjacent(Number(y)), d, y);
  });
  it('agrees with the announced 2025 and 2026 files', () => {
    for (const y of [2025, 2026]) {
      const adj = ref.announced.get(y)!.find((d) => d.name.includes('liền kề'))!;
      assert.equal(nationalDayAdjacent(y), adj.date);
    }
  });
  it('2/9 on a Sunday → Monday 3/9 (and 2/9 compensated on Tuesday)', () => {
    // 2029-09-02 is a Sunday
    assert.equal(nationalDayAdjacent(2029), '2029-09-03');
    const days = deriveYearSchedule(2029, fixedSolarBaseline(2029), 't').map((d) => d.date);
    assert.ok(days.includes('2029-09-03') && days.includes('2029-09-04'));
  });
});

describe('deriveYearSchedule', () => {
  it('2027: Tết 05–09/02 with compensatory days 10 and 11/02 for Saturday and Sunday; Giỗ Tổ 16/04; 2–3/09', () => {
    const d = deriveYearSchedule(2027, ref.baseline.get(2027)!, 'derived:x');
    assert.deepEqual(
      d.map((x) => x.date),
      ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03'],
    );
    assert.ok(d.every((x) => x.kind === 'holiday' && x.confidence === 'derived' && x.source === 'derived:x'));
    assert.match(d.find((x) => x.date === '2027-05-03')!.name, /^Nghỉ bù Ngày Quốc tế Lao động \(Thứ Bảy 01\/05\/2027\)$/);
    assert.match(d.find((x) => x.date === '2027-05-03')!.legalBasis!, /Đ\.111\(3\)/);
  });
  it('2023: 2/9 on Saturday → 1/9 adjacent and Monday 4/9 compensatory (as announced then)', () => {
    const d = deriveYearSchedule(2023, ref.baseline.get(2023)!, 'x').map((x) => x.date);
    assert.ok(d.includes('2023-09-01') && d.includes('2023-09-04'));
  });
  it('2028: 1/1 on Saturday → Monday 3/1; Tết 25–29/01 ends on Saturday → Monday 31/01', () => {
    const d = deriveYearSchedule(2028, ref.baseline.get(2028)!, 'x').map((x) => x.date);
    assert.ok(d.includes('2028-01-03'));
    assert.ok(d.includes('2028-01-31'));
  });
  it('years without data get the solar-date holidays only', () => {
    const d = deriveYearSchedule(2040, fixedSolarBaseline(2040), 'x');
    assert.ok(d.some((x) => x.date === '2040-01-02')); // 1/1/2040 is a Sunday
    assert.equal(d.filter((x) => x.name.includes('Tết Âm')).length, 0);
  });
});

describe('planReferenceLoad', () => {
  it('on an empty database: announced years from the announced file, the other baseline years derived', () => {
    const plan = planReferenceLoad(new Map(), ref);
    assert.deepEqual(
      plan.map((p) => p.year),
      Array.from({ length: 16 }, (_, k) => 2020 + k),
    );
    assert.equal(plan.find((p) => p.year === 2026)!.origin, 'announced');
    assert.equal(plan.find((p) => p.year === 2026)!.days.length, 16);
    assert.equal(plan.find((p) => p.year === 2027)!.origin, 'derived');
  });
  it('an announcement replaces a derived year; announced and edited years are never touched; nothing twice', () => {
    const existing = new Map<number, YearOrigin>([
      [2025, 'derived'],
      [2026, 'admin'],
    ]);
    for (let y = 2020; y <= 2035; y++) if (!existing.has(y)) existing.set(y, y === 2024 ? 'announced' : 'derived');
    const plan = planReferenceLoad(existing, ref);
    assert.deepEqual(plan.map((p) => `${p.year}:${p.origin}`), ['2025:announced']);
    existing.set(2025, 'announced');
    assert.deepEqual(planReferenceLoad(existing, ref), []);
  });
});
