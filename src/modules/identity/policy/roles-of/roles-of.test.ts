import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../../../platform/access.ts';
import { rolesOf } from './roles-of.ts';

describe('rolesOf', () => {
  it('gives an official their granted roles, once each, never a relationship role', () => {
    const p: Principal = {
      kind: 'official',
      id: 'o',
      subject: 'ld.viettri',
      displayName: 'L',
      via: 'session',
      grants: [
        { role: 'leader', unitCode: '07900', fields: '*' },
        { role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] },
        { role: 'specialist', unitCode: '07918', fields: ['Hộ tịch'] },
        { role: 'citizen', unitCode: '*', fields: '*' },
      ],
    };
    assert.deepEqual(rolesOf(p), ['leader', 'specialist']);
  });

  it('gives a citizen the citizen relationship and nothing else, whatever their grants say', () => {
    const c: Principal = { kind: 'citizen', id: 'c', subject: '025085012345', displayName: 'C', via: 'oidc', grants: [{ role: 'leader', unitCode: '*', fields: '*' }] };
    assert.deepEqual(rolesOf(c), ['citizen']);
  });
});
