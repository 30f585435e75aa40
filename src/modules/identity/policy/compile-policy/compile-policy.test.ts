import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicy } from './compile-policy.ts';

describe('compilePolicy', () => {
  const p = compilePolicy({ 'b.thing.read': ['leader', 'specialist'], 'a.thing.write': ['leader'] });

  it('answers which roles hold a permission, and nothing for an unknown one', () => {
    assert.deepEqual([...p.rolesFor('b.thing.read')].sort(), ['leader', 'specialist']);
    assert.equal(p.rolesFor('nope').size, 0);
    assert.equal(p.known('nope'), false);
  });

  it('lists the permissions of a role and the whole table, sorted', () => {
    assert.deepEqual(p.permissionsOf('leader'), ['a.thing.write', 'b.thing.read']);
    assert.deepEqual(p.permissionsOf('citizen'), []);
    assert.deepEqual(p.table().map((r) => r.permission), ['a.thing.write', 'b.thing.read']);
  });
});
