import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPersonalId, isValidPersonalId } from './personal-id.ts';

const now = new Date('2026-11-25T00:00:00Z');

describe('checkPersonalId', () => {
  it('accepts a well-formed number and decodes province, sex and birth year', () => {
    const r = checkPersonalId('025090001234', now);
    assert.equal(r.valid, true);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.birthProvince, 'Phú Thọ');
    assert.equal(r.sex, 'male');
    assert.equal(r.birthYear, 1990);
    const f = checkPersonalId('026305004321', now);
    assert.deepEqual([f.sex, f.birthYear, f.birthProvince], ['female', 2005, 'Vĩnh Phúc']);
  });

  it('ignores spaces and dots people type', () => {
    assert.equal(checkPersonalId('025 090 001 234', now).normalized, '025090001234');
    assert.equal(isValidPersonalId('017.1.85.000111'), true);
  });

  it('rejects wrong lengths and letters, and explains old 9-digit ID cards', () => {
    for (const bad of ['02519000123', '0251900012345', '02519000123A', '', 'abcdefghijkl']) assert.equal(isValidPersonalId(bad), false, bad);
    assert.match(checkPersonalId('131234567', now).errors[0]!, /chứng minh nhân dân cũ/);
  });

  it('warns (but accepts) an unknown province code or an unlikely century', () => {
    const unknown = checkPersonalId('099190001234', now);
    assert.equal(unknown.valid, true);
    assert.match(unknown.warnings[0]!, /không có trong danh mục/);
    const future = checkPersonalId('025490001234', now);
    assert.equal(future.valid, true);
    assert.match(future.warnings.join(' '), /sau năm hiện tại/);
    const born2030 = checkPersonalId('025230001234', now);
    assert.match(born2030.warnings.join(' '), /2030/);
  });
});
