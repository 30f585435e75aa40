import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoIdentifiers, formatDossierCode, isAgencyIdentifier, parseDossierCode } from './code.ts';
import { vn } from './testkit.ts';

describe('dossier code', () => {
  it('follows <agency id>-<YYMMDD>-<4 digits> in Vietnam time', () => {
    assert.equal(formatDossierCode('H15.50.05.13', vn('2026-10-08 09:00'), 975), 'H15.50.05.13-261008-0975');
    assert.equal(formatDossierCode('H25.61.01', vn('2025-11-24 06:30'), 1), 'H25.61.01-251124-0001', '06:30 VN is still the 24th');
    assert.throws(() => formatDossierCode('H25', vn('2025-11-24 09:00'), 10000), RangeError);
    assert.throws(() => formatDossierCode('h25.01', vn('2025-11-24 09:00'), 1));
  });

  it('parses codes and rejects malformed ones', () => {
    assert.deepEqual(parseDossierCode('H15.50.05.13-261008-0975'), { agencyId: 'H15.50.05.13', day: '261008', running: 975 });
    assert.equal(parseDossierCode('H15.50-26108-0975'), null);
    assert.equal(parseDossierCode('X-261008-0975'), null);
    assert.equal(parseDossierCode(`H15.${'1234567890.'.repeat(3)}1-261008-0001`), null, 'over 35 characters');
  });

  it('validates agency identifiers (Quyết định 20/2020)', () => {
    assert.ok(isAgencyIdentifier('H25'));
    assert.ok(isAgencyIdentifier('H15.50.05.13'));
    assert.ok(!isAgencyIdentifier('25.STP'));
    assert.ok(!isAgencyIdentifier('H2'));
  });

  it('derives distinct, valid demo identifiers', () => {
    const communes = Array.from({ length: 150 }, (_, i) => String(4792 + i).padStart(5, '0'));
    const ids = demoIdentifiers('25', ['25.STP', '25.TTPVHCC'], communes);
    assert.equal(ids.get('25'), 'H25');
    assert.equal(ids.get('25.STP'), 'H25.01');
    assert.equal(ids.get('04792'), 'H25.61.01');
    assert.equal(ids.get(communes[99]!), 'H25.62.01');
    const values = [...ids.values()];
    assert.equal(new Set(values).size, values.length);
    assert.ok(values.every(isAgencyIdentifier));
  });
});
