import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset } from './dataset.ts';
import { fixtureTables } from './fixture.ts';
import { buildUnitIndex } from './unit-index.ts';
import { mentionsEndingAt, readAddressText } from './mentions.ts';
import { lookUp, provinceMentions, readingsBefore, suspiciousStreet } from './readings.ts';
import { nationalScope, scopeOf } from './scoring.ts';

const ix = buildUnitIndex({ ...buildDataset(fixtureTables()), today: '2026-11-25' });

/** The readings of an address under the province mention(s) that end it. */
function read(address: string) {
  const text = readAddressText(address);
  const provinces = provinceMentions(ix, text, text.tokens.length);
  const start = Math.min(...provinces.map((p) => p.start));
  const r = readingsBefore(ix, text, start, scopeOf(provinces.filter((p) => p.start === start)));
  const rows = r.readings.map((x) => ({ kind: x.kind, code: x.ent.code, district: x.district?.code ?? null, score: Math.round(x.score * 1000) / 1000, street: [x.communeStart, x.communeEnd], notes: x.notes }));
  return { ...r, rows };
}

describe('provinceMentions', () => {
  it('finds the province at the end of the words, old and new, with where it starts', () => {
    const text = readAddressText('p phuc xa q ba dinh tp ha noi');
    const ps = provinceMentions(ix, text, text.tokens.length).map((p) => [p.ent.kind, p.ent.code, p.start]);
    // "tp ha noi" from word 6; "ha noi" from word 7 in case "tp" ended the name before it
    assert.deepEqual(ps.sort(), [['newProvince', '01', 6], ['newProvince', '01', 7], ['oldProvince', '01', 6], ['oldProvince', '01', 7]]);
  });

  it('a type word of another level makes no province: "Xã Hà Nội" is read as a province only without its "Xã"', () => {
    const text = readAddressText('xã hà nội');
    assert.deepEqual([...new Set(provinceMentions(ix, text, text.tokens.length).map((p) => p.start))], [1]);
  });
});

describe('lookUp', () => {
  it('keeps the best score of each unit at each place', () => {
    const text = readAddressText('p phuc xa');
    const out = lookUp(ix.oldCommuneAll, mentionsEndingAt(text, 3, ix.names), false, [], true);
    assert.deepEqual(out.map((s) => [s.ent.code, s.start, s.end, Math.round(s.score * 1000) / 1000]), [['00001', 0, 3, 0.96]]);
  });
});

describe('readingsBefore: segmentation by the hierarchy', () => {
  it('reads commune + district without commas, the street being what is before the commune', () => {
    const r = read('so 3 p phuc xa q ba dinh ha noi');
    const a = r.rows.find((x) => x.district === '001')!;
    // min(commune 0.96 × 0.97 street glued, district 0.96) × province 0.96 × 0.98 (no type word)
    assert.deepEqual({ ...a, notes: undefined }, { kind: 'old', code: '00001', district: '001', score: 0.876, street: [2, 5], notes: undefined });
    // the other readings ("ba dinh" as the new Phường Ba Đình, "p phuc xa" then left in the street) are weaker
    for (const x of r.rows) if (x !== a) assert.ok(x.score < a.score - 0.1, JSON.stringify(x));
  });

  it('reads the commune alone (old and new) when there is no district', () => {
    const r = read('tan lap phu tho');
    assert.deepEqual(
      r.rows.map((x) => [x.kind, x.code, x.score]).sort(),
      // 0.96 (no diacritics) × 0.98 (no type word) × the same for the province × 0.9 (no district)
      [['new', '09001', 0.797], ['old', '08001', 0.797], ['old', '08002', 0.797]],
    );
  });

  it('an address naming only a district has no reading, and says which district', () => {
    const r = read('Quận Ba Đình, Hà Nội');
    assert.deepEqual(r.readings, []);
    assert.equal(r.districtOnly?.code, '001');
  });

  it('a commune that is not in the district named: read in the whole province, lower, with a note', () => {
    const r = read('Xã Tân Lập, Huyện Sông Lô, Tỉnh Phú Thọ');
    const best = r.rows.filter((x) => x.score > 0.7);
    assert.deepEqual(best.map((x) => [x.code, x.district, x.score]).sort(), [['08001', null, 0.72], ['08002', null, 0.72]]);
    assert.match(best[0]!.notes[0]!, /«Xã Tân Lập» không thuộc «Huyện Sông Lô»/);
  });

  it('an unknown part before the province is read past, lower, with a note', () => {
    const r = read('Phường Phúc Xá, Quận Không Có, Hà Nội');
    const best = r.rows.find((x) => x.code === '00001')!;
    // 1 × province 0.98 (no type word) × 0.9 (no district) × 0.85 (read past)
    assert.equal(best.score, 0.75);
    assert.match(best.notes[0]!, /Không nhận ra «Quận Không Có»/);
  });

  it('nation-wide when asked', () => {
    const text = readAddressText('phuc xa ba dinh');
    const r = readingsBefore(ix, text, text.tokens.length, nationalScope());
    const a = r.readings.find((x) => x.district)!;
    assert.deepEqual([a.ent.code, a.district?.code, Math.round(a.score * 1000) / 1000], ['00001', '001', 0.8]);
  });
});

describe('suspiciousStreet', () => {
  it('is true when the street still holds a commune or district with its type word', () => {
    assert.equal(suspiciousStreet(ix, readAddressText('so 3 p phuc xa ba dinh'), 5), true);
    assert.equal(suspiciousStreet(ix, readAddressText('Phường Phúc Xá, Ba Đình'), 3), true);
  });

  it('is false for a house number, a lane or a name without type word', () => {
    assert.equal(suspiciousStreet(ix, readAddressText('so 3 ngo 5 ba dinh'), 4), false);
    assert.equal(suspiciousStreet(ix, readAddressText('so 3 phuc xa ba dinh'), 4), false);
    assert.equal(suspiciousStreet(ix, readAddressText('Tỉnh lộ 3, Ba Đình'), 3), false);
  });
});
