import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grantCoversUnit, provinceFromCode } from './grant-covers-unit.ts';

const communes: Record<string, string> = { '07900': '25', '07918': '25', '00004': '01' };
const provinceOf = (c: string) => communes[c] ?? provinceFromCode(c);

describe('grantCoversUnit', () => {
  it('covers the same unit and any unit when the check names none', () => {
    assert.equal(grantCoversUnit('07900', '07900', provinceOf), true);
    assert.equal(grantCoversUnit('07900', undefined, provinceOf), true);
    assert.equal(grantCoversUnit('*', '00004', provinceOf), true);
  });

  it('keeps a commune grant inside its commune', () => {
    assert.equal(grantCoversUnit('07900', '07918', provinceOf), false);
    assert.equal(grantCoversUnit('07900', '25', provinceOf), false);
    assert.equal(grantCoversUnit('07900', '25.STP', provinceOf), false);
  });

  it('lets a province grant reach its communes and agencies, not another province', () => {
    assert.equal(grantCoversUnit('25', '07918', provinceOf), true);
    assert.equal(grantCoversUnit('25', '25.SNNMT', provinceOf), true);
    assert.equal(grantCoversUnit('25', '00004', provinceOf), false);
    assert.equal(grantCoversUnit('25', '01.STP', provinceOf), false);
    assert.equal(grantCoversUnit('25', '99999', provinceOf), false);
  });

  it('lets an agency grant reach its own sub-units only', () => {
    assert.equal(grantCoversUnit('25.STP', '25.STP.PHC', provinceOf), true);
    assert.equal(grantCoversUnit('25.STP', '25.SXD', provinceOf), false);
    assert.equal(grantCoversUnit('25.STP', '07900', provinceOf), false);
    assert.equal(grantCoversUnit('25.ST', '25.STP', provinceOf), false);
  });
});

describe('provinceFromCode', () => {
  it('reads provinces and agencies, not communes', () => {
    assert.deepEqual(['25', '25.STP', '25.STP.PHC', '07900', 'x'].map(provinceFromCode), ['25', '25', '25', undefined, undefined]);
  });
});
