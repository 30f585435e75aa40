import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../platform/errors.ts';
import { loadHolidayReference, parseAnnouncedCsv } from './reference.ts';
import { REFERENCE_HOLIDAYS_DIR } from './testing.ts';

const isProblem = (code: string) => (e: unknown) => e instanceof Problem && e.code === code;
const HEADER = 'date,kind,name_vi,legal_basis,confidence\n';

describe('holiday reference files', () => {
  it('reads the shipped files: 2025 and 2026 announced, 2020–2035 baseline', () => {
    const ref = loadHolidayReference(REFERENCE_HOLIDAYS_DIR)!;
    assert.deepEqual([...ref.announced.keys()], [2025, 2026]);
    assert.equal(ref.announced.get(2025)!.length, 13);
    assert.equal(ref.announced.get(2026)!.length, 16);
    assert.equal(ref.baseline.size, 16);
    const unconfirmed = ref.announced.get(2026)!.filter((d) => d.confidence === 'unconfirmed');
    assert.deepEqual(unconfirmed.map((d) => d.date), ['2026-11-24']);
    assert.equal(ref.announced.get(2026)![0]!.source, 'announced:announced_2025_2026.csv');
  });

  it('refuses bad rows with the line number', () => {
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-30,holiday,Tết,,confirmed\n', 'a.csv'), (e: unknown) => e instanceof Problem && /a\.csv dòng 2/.test(e.detail ?? ''));
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-08,day_off,Tết,,confirmed\n', 'a.csv'), isProblem('invalid-schedule'));
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-08,holiday,Tết,,sure\n', 'a.csv'), isProblem('invalid-schedule'));
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-08,holiday,Tết,,\n2027-02-08,holiday,Tết,,\n', 'a.csv'), isProblem('invalid-schedule'));
    assert.throws(() => parseAnnouncedCsv('ngay,loai\n2027-02-08,holiday\n', 'a.csv'), isProblem('invalid-schedule'));
  });

  it('refuses a make-up day on a weekday and a day off on a weekend', () => {
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-08,makeup_workday,Làm bù,,\n', 'a.csv'), isProblem('makeup-not-weekend'));
    assert.throws(() => parseAnnouncedCsv(HEADER + '2027-02-06,holiday,Tết,,\n', 'a.csv'), isProblem('day-off-on-weekend'));
  });

  it('defaults an empty confidence to confirmed', () => {
    const [d] = parseAnnouncedCsv(HEADER + '2027-02-08,holiday,Tết Đinh Mùi (mùng 3),TB 1/TB-BNV,\n', 'announced_2027.csv');
    assert.equal(d!.confidence, 'confirmed');
    assert.equal(d!.legalBasis, 'TB 1/TB-BNV');
  });
});
