import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../../../platform/access.ts';
import { ownsResource, subjectsOf } from './owns-resource.ts';

const citizen: Principal = { kind: 'citizen', id: 'c', subject: '025085012345', displayName: 'C', grants: [], via: 'oidc' };
const official: Principal = { kind: 'official', id: 'o', subject: '025085012345', displayName: 'O', grants: [{ role: 'leader', unitCode: '*', fields: '*' }], via: 'session' };

describe('ownsResource', () => {
  it('holds for a citizen and the resources that name them as owner', () => {
    assert.equal(ownsResource(citizen, '025085012345'), true);
    assert.deepEqual(subjectsOf(citizen), ['025085012345']);
  });

  it('fails for another owner, for a resource owned by nobody, and for anyone who is not a citizen', () => {
    assert.equal(ownsResource(citizen, '025192004567'), false);
    assert.equal(ownsResource(citizen, null), false);
    assert.equal(ownsResource(citizen, ''), false);
    assert.equal(ownsResource(official, '025085012345'), false, 'an official whose username looks like the number owns nothing');
    assert.deepEqual(subjectsOf(official), []);
  });
});
