import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset, DatasetError, dayBefore, levelOfCode, splitTypeWord } from './dataset.ts';
import { fixtureTables } from './fixture.ts';

describe('buildDataset', () => {
  const ds = buildDataset(fixtureTables());
  const periods = (code: string, level: string, generation: number) =>
    ds.units.filter((u) => u.code === code && u.level === level && u.generation === generation).map((u) => [u.name, u.type, u.validFrom, u.validTo]);

  it('gives old units one period ending on 30 June 2025 (start unknown)', () => {
    assert.deepEqual(periods('75', 'province', 1), [['Tỉnh Đồng Nai', 'Tỉnh', null, '2025-06-30']]);
    assert.deepEqual(periods('001', 'district', 1), [['Quận Ba Đình', 'Quận', null, '2025-06-30']]);
    assert.deepEqual(periods('00001', 'commune', 1), [['Phường Phúc Xá', 'Phường', null, '2025-06-30']]);
  });

  it('gives a renamed unit one period per name, with the same code', () => {
    assert.deepEqual(periods('75', 'province', 2), [
      ['Tỉnh Đồng Nai', 'Tỉnh', '2025-07-01', '2026-04-29'],
      ['Thành phố Đồng Nai', 'Thành phố', '2026-04-30', null],
    ]);
    assert.deepEqual(periods('25270', 'commune', 2), [
      ['Xã Lộc Ninh', 'Xã', '2025-07-01', '2026-04-29'],
      ['Phường Lộc Ninh', 'Phường', '2026-04-30', null],
    ]);
    assert.deepEqual(periods('00097', 'commune', 2), [['Phường Hồng Hà', 'Phường', '2025-07-01', null]]);
  });

  it('keeps old and new units with the same code apart', () => {
    assert.deepEqual(periods('00004', 'commune', 1), [['Phường Trúc Bạch', 'Phường', null, '2025-06-30']]);
    assert.deepEqual(periods('00004', 'commune', 2), [['Phường Ba Đình', 'Phường', '2025-07-01', null]]);
  });

  it('links old provinces to their new province and ranks the targets of a split commune', () => {
    assert.deepEqual(
      ds.links.filter((l) => l.level === 'province' && l.newCode === '25').map((l) => l.oldCode).sort(),
      ['25', '26'],
    );
    const split = ds.links.filter((l) => l.oldCode === '00008').sort((a, b) => a.rank - b.rank);
    assert.deepEqual(split.map((l) => [l.newCode, l.mergeType, l.rank]), [
      ['00008', 'partial', 1],
      ['00004', 'partial', 2],
    ]);
    assert.equal(ds.warnings.length, 0, ds.warnings.join('\n'));
  });

  it('repairs the source swapping district and commune names (Huyện Kiên Hải)', () => {
    const t = fixtureTables();
    t.provinces.push({ code: '91', name: 'Tỉnh An Giang', type: 'Tỉnh', old_province_codes: '91' });
    t.communes.push({ code: '31108', name: 'Đặc khu Kiên Hải', type: 'Đặc khu', province_code: '91' });
    t.oldUnits.push({ province_code: '91', province_name: 'Tỉnh Kiên Giang', district_code: '912', district_name: 'Xã Hòn Tre', commune_code: '31108', commune_name: 'Huyện Kiên Hải' });
    t.merges.push({ old_commune_code: '31108', new_commune_code: '31108', new_commune_name: '', merge_type: 'full', confidence: 'high', resolution: 'x', resolution_text: '' });
    const d = buildDataset(t);
    assert.equal(d.units.find((u) => u.code === '912')!.name, 'Huyện Kiên Hải');
    assert.equal(d.units.find((u) => u.code === '31108' && u.generation === 1)!.name, 'Xã Hòn Tre');
  });

  it('refuses inconsistent tables with a clear message', () => {
    const t = fixtureTables();
    t.merges.push({ old_commune_code: '00001', new_commune_code: '99999', new_commune_name: '', merge_type: 'full', confidence: 'high', resolution: '', resolution_text: '' });
    assert.throws(() => buildDataset(t), (e: unknown) => e instanceof DatasetError && /99999/.test(e.message));
    const u = fixtureTables();
    u.communes = u.communes.map(({ code, name, type }) => ({ code, name, type }) as never);
    assert.throws(() => buildDataset(u), /communes_2025\.csv thiếu cột: province_code/);
    const v = fixtureTables();
    v.merges[0]!.merge_type = 'some';
    assert.throws(() => buildDataset(v), /merge_type/);
  });
});

describe('helpers', () => {
  it('splitTypeWord normalises the type word', () => {
    assert.deepEqual(splitTypeWord('Thành Phố  Bắc Kạn', 'district'), { type: 'Thành phố', shortName: 'Bắc Kạn', name: 'Thành phố Bắc Kạn' });
    assert.deepEqual(splitTypeWord('Thị trấn Đông Anh', 'commune'), { type: 'Thị trấn', shortName: 'Đông Anh', name: 'Thị trấn Đông Anh' });
  });

  it('dayBefore and levelOfCode', () => {
    assert.equal(dayBefore('2026-03-01'), '2026-02-28');
    assert.equal(dayBefore('2025-07-01'), '2025-06-30');
    assert.equal(levelOfCode('25'), 'province');
    assert.equal(levelOfCode('231'), 'district');
    assert.equal(levelOfCode('08001'), 'commune');
    assert.equal(levelOfCode('25.STP'), null);
  });
});
