import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTokenScopes } from './check-token-scopes.ts';

const known = (p: string) => ['a.read', 'a.write', 'b.read'].includes(p);
const holds = (p: string) => ['a.read', 'b.read'].includes(p);

describe('checkTokenScopes', () => {
  it('accepts held scopes, sorted and without duplicates', () => {
    assert.deepEqual(checkTokenScopes(['b.read', 'a.read', 'b.read'], known, holds), { ok: true, scopes: ['a.read', 'b.read'] });
  });

  it('names unknown scopes and scopes the official does not hold', () => {
    assert.deepEqual(checkTokenScopes(['a.read', 'a.write', 'x.y'], known, holds), { ok: false, unknown: ['x.y'], notHeld: ['a.write'] });
  });
});
