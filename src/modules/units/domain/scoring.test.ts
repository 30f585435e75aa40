import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestProvinceFactor, NATIONAL, nameScore, nationalScope, NEW_PROVINCE_OF_OLD, newProvinceFactor, oldProvinceFactor, scopeOf, type Scored } from './scoring.ts';
import { typeMask } from './address.ts';
import type { Ent, NameHit } from './unit-index.ts';

const ent = (kind: Ent['kind'], code: string, extra: Partial<Ent> = {}): Ent => ({
  kind,
  code,
  name: code,
  type: '',
  provinceCode: code,
  districtCode: null,
  targets: [],
  oldProvinceCodes: [],
  ref: { code, name: code },
  ...extra,
});

const xa: NameHit = { ent: ent('oldCommune', '1'), tone: 'tân lập5 ', mask: typeMask(['Xã']), levelMask: typeMask(['Xã', 'Phường', 'Thị trấn', 'Đặc khu']) };
const w = (tone: string, types: string[] = [], weight = 1) => ({ tone, mask: typeMask(types), weight });

describe('nameScore', () => {
  it('is 1 for the same name with the right type word', () => {
    assert.equal(nameScore(w('tân lập5 ', ['Xã']), xa, true), 1);
  });

  it('is lower when only the letters agree, or when the address has no diacritics at all', () => {
    assert.equal(nameScore(w('tan lap ', ['Xã']), xa, true), 0.88);
    assert.equal(nameScore(w('tan lap ', ['Xã']), xa, false), 0.96);
  });

  it('is lower for another type of the same level, lower still for another level, a little lower for none', () => {
    assert.equal(nameScore(w('tân lập5 ', ['Phường']), xa, true), 0.85);
    assert.equal(nameScore(w('tân lập5 ', ['Huyện']), xa, true), 0.6);
    assert.equal(nameScore(w('tân lập5 '), xa, true), 0.98);
  });

  it('is multiplied by the weight of the mention', () => {
    assert.equal(nameScore(w('tân lập5 ', ['Xã'], 0.97), xa, true), 0.97);
  });
});

describe('scopeOf', () => {
  const newPhuTho = ent('newProvince', '25', { oldProvinceCodes: ['17', '25', '26'] });
  const oldPhuTho = ent('oldProvince', '25', { targets: [{ code: '25', share: 1, rank: 1, mergeType: 'full', resolution: null }] });
  const oldVinhPhuc = ent('oldProvince', '26', { targets: [{ code: '25', share: 1, rank: 1, mergeType: 'full', resolution: null }] });
  const hit = (e: Ent, score: number): Scored => ({ ent: e, score, start: 0, end: 1 });

  it("opens every old province of today's province at the same score: none of them is preferred", () => {
    const s = scopeOf([hit(newPhuTho, 1), hit(oldPhuTho, 1)]);
    assert.deepEqual([...s.old.entries()].sort(), [['17', 1], ['25', 1], ['26', 1]]);
    assert.deepEqual([...s.neu.entries()], [['25', 1]]);
  });

  it("opens today's province of an old one a little lower (for new commune names)", () => {
    const s = scopeOf([hit(oldVinhPhuc, 0.98)]);
    assert.deepEqual([...s.old.entries()], [['26', 0.98]]);
    assert.deepEqual([...s.neu.entries()], [['25', 0.98 * NEW_PROVINCE_OF_OLD]]);
    assert.equal(oldProvinceFactor(s, '26'), 0.98);
    assert.equal(oldProvinceFactor(s, '17'), 0);
    assert.equal(newProvinceFactor(s, '25'), 0.98 * NEW_PROVINCE_OF_OLD);
    assert.equal(bestProvinceFactor(s), 0.98);
  });

  it('nation-wide, every unit gets the national factor', () => {
    const s = nationalScope();
    assert.equal(oldProvinceFactor(s, '01'), NATIONAL);
    assert.equal(newProvinceFactor(s, '79'), NATIONAL);
    assert.equal(bestProvinceFactor(s), NATIONAL);
  });
});
