import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDelegation, type DelegationRequest } from './check-delegation.ts';

const now = new Date('2026-11-25T08:00:00Z');
const base: DelegationRequest = {
  delegatorId: 'leader',
  unitCode: '07900',
  field: 'Đất đai',
  role: 'specialist',
  expiresAt: null,
  delegate: { id: 'officer', unitCode: '07900', active: true },
  duplicate: false,
};
const leads07900 = (unit: string) => unit === '07900';
const code = (r: ReturnType<typeof checkDelegation>) => (r.ok ? 'ok' : `${r.status} ${r.code}`);

describe('checkDelegation', () => {
  it('lets a leader hand a field of their unit to an officer of the unit', () => {
    assert.equal(code(checkDelegation(base, leads07900, now)), 'ok');
    assert.equal(code(checkDelegation({ ...base, expiresAt: new Date('2027-01-01') }, leads07900, now)), 'ok');
  });

  it('refuses a leader of another unit before saying anything about the officer', () => {
    assert.equal(code(checkDelegation({ ...base, unitCode: '07918', delegate: null }, leads07900, now)), '403 forbidden');
  });

  it('never delegates leader or admin roles', () => {
    assert.equal(code(checkDelegation({ ...base, role: 'leader' }, leads07900, now)), '422 role-not-delegable');
    assert.equal(code(checkDelegation({ ...base, role: 'province_admin' }, leads07900, now)), '422 role-not-delegable');
  });

  it('checks the officer, the expiry and duplicates', () => {
    assert.equal(code(checkDelegation({ ...base, delegate: null }, leads07900, now)), '404 official-not-found');
    assert.equal(code(checkDelegation({ ...base, delegate: { id: 'officer', unitCode: '07900', active: false } }, leads07900, now)), '422 official-inactive');
    assert.equal(code(checkDelegation({ ...base, delegate: { id: 'leader', unitCode: '07900', active: true } }, leads07900, now)), '422 self-delegation');
    assert.equal(code(checkDelegation({ ...base, delegate: { id: 'officer', unitCode: '07918', active: true } }, leads07900, now)), '422 delegate-other-unit');
    assert.equal(code(checkDelegation({ ...base, expiresAt: now }, leads07900, now)), '422 expiry-in-past');
    assert.equal(code(checkDelegation({ ...base, duplicate: true }, leads07900, now)), '409 delegation-exists');
  });
});
