import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../../../platform/access.ts';
import { compilePolicy } from '../compile-policy/compile-policy.ts';
import { provinceFromCode } from '../grant-covers-unit/grant-covers-unit.ts';
import { allowingGrants, can, type CanContext } from './can.ts';

const ctx: CanContext = {
  policy: compilePolicy({
    'dossiers.dossier.receive': ['receiving_officer'],
    'dossiers.dossier.appraise': ['specialist'],
    'dossiers.dossier.approve': ['leader'],
    'units.unit.manage': ['province_admin'],
    'dossiers.dossier.submit': ['citizen'],
  }),
  provinceOf: (c) => ({ '07900': '25', '07918': '25', '00004': '01' })[c] ?? provinceFromCode(c),
};

function official(grants: Principal['grants'], extra: Partial<Principal> = {}): Principal {
  return { kind: 'official', id: 'o', subject: 'u', displayName: 'U', unitCode: grants[0]?.unitCode, grants, via: 'session', ...extra };
}

describe('can', () => {
  const receiver = official([{ role: 'receiving_officer', unitCode: '07900', fields: ['Hộ tịch', 'Chứng thực'] }]);

  it('allows a role in its unit and fields', () => {
    assert.equal(can(receiver, 'dossiers.dossier.receive', { unitCode: '07900', field: 'Hộ tịch' }, ctx), true);
    assert.equal(can(receiver, 'dossiers.dossier.receive', undefined, ctx), true);
  });

  it('refuses another unit, another field, another role and unknown permissions', () => {
    assert.equal(can(receiver, 'dossiers.dossier.receive', { unitCode: '07918', field: 'Hộ tịch' }, ctx), false);
    assert.equal(can(receiver, 'dossiers.dossier.receive', { unitCode: '07900', field: 'Đất đai' }, ctx), false);
    assert.equal(can(receiver, 'dossiers.dossier.approve', { unitCode: '07900' }, ctx), false);
    assert.equal(can(receiver, 'no.such.permission', undefined, ctx), false);
  });

  it('separates receiving from processing: the same person needs both grants to do both', () => {
    const both = official([
      { role: 'receiving_officer', unitCode: '07900', fields: ['Hộ tịch'] },
      { role: 'specialist', unitCode: '07900', fields: ['Đất đai'] },
    ]);
    assert.equal(can(both, 'dossiers.dossier.appraise', { unitCode: '07900', field: 'Đất đai' }, ctx), true);
    assert.equal(can(both, 'dossiers.dossier.appraise', { unitCode: '07900', field: 'Hộ tịch' }, ctx), false);
  });

  it('lets a province role reach the province\'s communes and agencies only', () => {
    const admin = official([{ role: 'province_admin', unitCode: '25', fields: '*' }]);
    assert.equal(can(admin, 'units.unit.manage', { unitCode: '07918' }, ctx), true);
    assert.equal(can(admin, 'units.unit.manage', { unitCode: '25.SNNMT' }, ctx), true);
    assert.equal(can(admin, 'units.unit.manage', { unitCode: '00004' }, ctx), false);
  });

  it('limits an API token to its scopes', () => {
    const token = official([{ role: 'leader', unitCode: '07900', fields: '*' }, { role: 'specialist', unitCode: '07900', fields: '*' }], { via: 'token', scopes: ['dossiers.dossier.appraise'] });
    assert.equal(can(token, 'dossiers.dossier.appraise', { unitCode: '07900' }, ctx), true);
    assert.equal(can(token, 'dossiers.dossier.approve', { unitCode: '07900' }, ctx), false);
  });

  it('lets a citizen in by the relationship only: their own resources, never a unit or a field', () => {
    const citizen: Principal = { kind: 'citizen', id: 'c', subject: '025090001234', displayName: 'C', grants: [], via: 'oidc' };
    assert.equal(can(citizen, 'dossiers.dossier.submit', undefined, ctx), true, 'route level: the citizen role holds it');
    assert.equal(can(citizen, 'dossiers.dossier.submit', { unitCode: '07918', field: 'Hộ tịch', owner: '025090001234' }, ctx), true);
    assert.equal(can(citizen, 'dossiers.dossier.submit', { owner: '025090001234' }, ctx), true);
    assert.equal(can(citizen, 'dossiers.dossier.submit', { unitCode: '07918', field: 'Hộ tịch' }, ctx), false, 'a place is not a relationship');
    assert.equal(can(citizen, 'dossiers.dossier.submit', { unitCode: '07918', owner: '025192004567' }, ctx), false, 'someone else\'s');
    assert.equal(can(citizen, 'dossiers.dossier.submit', { owner: null }, ctx), false, 'owned by nobody');
    assert.equal(can(citizen, 'dossiers.dossier.receive', undefined, ctx), false);
    assert.equal(can(citizen, 'dossiers.dossier.receive', { owner: '025090001234' }, ctx), false, 'owning is not a role');
  });

  it('gives nothing to a grant of a relationship role: the old citizen grant on every unit opens no official check', () => {
    const legacy: Principal = { kind: 'citizen', id: 'c', subject: '025090001234', displayName: 'C', grants: [{ role: 'citizen', unitCode: '*', fields: '*' }, { role: 'leader', unitCode: '07900', fields: '*' }], via: 'oidc' };
    assert.equal(can(legacy, 'dossiers.dossier.submit', { unitCode: '07900', field: 'Hộ tịch', owner: '025192004567' }, ctx), false);
    assert.equal(can(legacy, 'dossiers.dossier.approve', { unitCode: '07900' }, ctx), false, 'a citizen never acts through an official role');
    const official = { ...legacy, kind: 'official' as const, grants: [{ role: 'citizen', unitCode: '*', fields: '*' as const }] };
    assert.equal(can(official, 'dossiers.dossier.submit', { unitCode: '07900' }, ctx), false);
    assert.equal(can(official, 'dossiers.dossier.submit', undefined, ctx), false);
  });

  it('never lets an official in by an owner: a target known only by its owner is reached by no grant', () => {
    const everywhere = official([{ role: 'receiving_officer', unitCode: '*', fields: '*' }], { subject: '025090001234' });
    assert.equal(can(everywhere, 'dossiers.dossier.receive', { owner: '025090001234' }, ctx), false);
    assert.equal(can(everywhere, 'dossiers.dossier.receive', { unitCode: '07900', owner: '025192004567' }, ctx), true, 'the place decides for officials');
    assert.deepEqual(allowingGrants(everywhere, 'dossiers.dossier.receive', { owner: 'x' }, ctx), []);
  });

  it('names the grants that allow an action', () => {
    const two = official([{ role: 'specialist', unitCode: '07900', fields: ['Hộ tịch'] }, { role: 'specialist', unitCode: '07900', fields: '*' }]);
    assert.equal(allowingGrants(two, 'dossiers.dossier.appraise', { unitCode: '07900', field: 'Đất đai' }, ctx).length, 1);
  });
});
