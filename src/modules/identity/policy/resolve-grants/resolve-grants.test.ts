import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveGrants } from './resolve-grants.ts';

const now = new Date('2026-11-25T08:00:00Z');

describe('resolveGrants', () => {
  it('keeps assigned grants, with null fields meaning every field', () => {
    const r = resolveGrants([{ role: 'leader', unitCode: '07900', fields: null }, { role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] }], [], now);
    assert.deepEqual(r, [
      { role: 'leader', unitCode: '07900', fields: '*', source: 'assigned' },
      { role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'], source: 'assigned' },
    ]);
  });

  it('groups active delegations by role and unit into one grant of their fields', () => {
    const r = resolveGrants(
      [{ role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] }],
      [
        { id: 'd1', role: 'specialist', unitCode: '07900', field: 'Đất đai', expiresAt: null, revokedAt: null },
        { id: 'd2', role: 'specialist', unitCode: '07900', field: 'Chứng thực', expiresAt: new Date('2027-01-01'), revokedAt: null },
      ],
      now,
    );
    assert.deepEqual(r[1], { role: 'specialist', unitCode: '07900', fields: ['Chứng thực', 'Đất đai'], source: 'delegation', delegationIds: ['d1', 'd2'] });
  });

  it('drops revoked and expired delegations, and ones an assigned * grant already covers', () => {
    const r = resolveGrants(
      [{ role: 'receiving_officer', unitCode: '07900', fields: null }],
      [
        { id: 'd1', role: 'specialist', unitCode: '07900', field: 'Đất đai', expiresAt: null, revokedAt: new Date('2026-11-01') },
        { id: 'd2', role: 'specialist', unitCode: '07900', field: 'Hộ tịch', expiresAt: new Date('2026-11-24'), revokedAt: null },
        { id: 'd3', role: 'receiving_officer', unitCode: '07900', field: 'Hộ tịch', expiresAt: null, revokedAt: null },
      ],
      now,
    );
    assert.deepEqual(r, [{ role: 'receiving_officer', unitCode: '07900', fields: '*', source: 'assigned' }]);
  });

  it('merges duplicated assigned grants', () => {
    const g = { role: 'clerk', unitCode: '07900', fields: ['Hộ tịch'] };
    assert.equal(resolveGrants([g, { ...g, fields: ['Hộ tịch'] }], [], now).length, 1);
  });
});
