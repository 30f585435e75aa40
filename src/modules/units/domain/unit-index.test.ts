import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset } from './dataset.ts';
import { fixtureTables } from './fixture.ts';
import { buildUnitIndex, nameKeys } from './unit-index.ts';

const ds = buildDataset(fixtureTables());
const ix = buildUnitIndex({ ...ds, today: '2026-11-25' });

describe('buildUnitIndex', () => {
  it('makes one entity per unit, of each generation and level', () => {
    assert.equal(ix.oldProvinces.size, 4);
    assert.equal(ix.oldDistricts.size, 5);
    assert.equal(ix.oldCommunes.size, 13);
    assert.equal(ix.newProvinces.size, 3);
    assert.equal(ix.newCommunes.size, 8);
  });

  it("names each unit as of today, and indexes every name it had", () => {
    assert.equal(ix.newCommunes.get('25270')!.name, 'Phường Lộc Ninh');
    assert.equal(buildUnitIndex({ ...ds, today: '2026-01-15' }).newCommunes.get('25270')!.name, 'Xã Lộc Ninh');
    assert.equal(ix.newCommuneByProvince.get('75')!.get('locninh')![0]!.ent.code, '25270');
  });

  it('links old communes to their new communes by rank, and new provinces to their old ones', () => {
    assert.deepEqual(ix.oldCommunes.get('00008')!.targets.map((t) => [t.code, t.rank]), [['00008', 1], ['00004', 2]]);
    assert.deepEqual(ix.newProvinces.get('25')!.oldProvinceCodes.sort(), ['25', '26']);
    assert.deepEqual(ix.oldProvinces.get('26')!.targets.map((t) => t.code), ['25']);
  });

  it('scopes the names the way the hierarchy is read', () => {
    assert.deepEqual(ix.oldCommuneByDistrict.get('230')!.get('tanlap')!.map((h) => h.ent.code), ['08001']);
    assert.deepEqual(ix.oldCommuneByProvince.get('25')!.get('tanlap')!.map((h) => h.ent.code).sort(), ['08001', '08002']);
    assert.deepEqual(ix.oldCommuneAll.get('hoabinh')!.map((h) => h.ent.code).sort(), ['08003', '08004', '08008']);
    assert.deepEqual(ix.oldDistrictByProvince.get('26')!.get('songlo')!.map((h) => h.ent.code), ['250']);
    assert.equal(ix.newCommuneAll.get('hongha')![0]!.ent.code, '00097');
  });

  it('keeps the tone key and the types of each name', () => {
    const [hoa] = ix.oldCommuneByDistrict.get('250')!.get('hoabinh')!.filter((h) => h.ent.code === '08003');
    assert.equal(hoa!.tone, 'hoa2 binh2 ');
    assert.equal(hoa!.mask, 32); // Xã
  });

  it('adds the aliases of provinces and knows every key and the longest name', () => {
    assert.deepEqual(ix.province.get('hn')!.map((h) => h.ent.kind).sort(), ['newProvince', 'oldProvince']);
    assert.ok(ix.names.keys.has('phucxa'));
    assert.ok(!ix.names.keys.has('tphcm'));
    assert.ok(ix.names.endings.has('xa') && ix.names.endings.has('phucxa'));
    assert.equal(ix.names.maxWords, 2);
  });
});

describe('nameKeys', () => {
  it('gives the plain key, the tone key and the plain words', () => {
    assert.deepEqual(nameKeys('Hòa Bình'), { key: 'hoabinh', tone: 'hoa2 binh2 ', words: ['hoa', 'binh'] });
    assert.deepEqual(nameKeys('Đắk Lắk'), { key: 'daklak', tone: 'đăk1 lăk1 ', words: ['dak', 'lak'] });
    assert.equal(nameKeys('Dak Lak').key, 'daklak');
  });
});
