import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRelease, type DatasetField } from './release.ts';

const fields: DatasetField[] = [
  { name: 'code', label: 'Mã', classification: 'public' },
  { name: 'status', label: 'Trạng thái', classification: 'internal' },
  { name: 'name', label: 'Họ tên', classification: 'personal' },
  { name: 'health', label: 'Sức khoẻ', classification: 'sensitive_personal' },
];

describe('decideRelease', () => {
  it('releases nothing without a grant', () => {
    const d = decideRelease(fields, null);
    assert.deepEqual(d.released, []);
    assert.equal(d.withheld.length, 4);
  });
  it('releases granted fields only, and personal ones only with a legal basis', () => {
    const noBasis = decideRelease(fields, { fields: ['code', 'name', 'health'], legalBasis: '  ' });
    assert.deepEqual(noBasis.released, ['code']);
    assert.deepEqual(noBasis.withheld, [
      { field: 'status', reason: 'not-granted' },
      { field: 'name', reason: 'no-legal-basis' },
      { field: 'health', reason: 'no-legal-basis' },
    ]);
    assert.equal(noBasis.personal, false);
    const basis = decideRelease(fields, { fields: ['code', 'name'], legalBasis: 'Luật Hộ tịch 2014' });
    assert.deepEqual(basis.released, ['code', 'name']);
    assert.equal(basis.personal, true);
  });
});
