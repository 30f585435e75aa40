import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkClientScopes, clientScopesOf, grantedScopes } from './client-scopes.ts';

const catalogue = { 'dossiers.read': ['specialist', 'api_client'], 'dossiers.submit': ['citizen', 'api_client'], 'identity.users.manage': ['province_admin'] };

describe('client scopes', () => {
  it('lists only the permissions open to client systems', () => {
    assert.deepEqual(clientScopesOf(catalogue), ['dossiers.read', 'dossiers.submit']);
  });
  it('refuses unknown permissions and those reserved to people, naming them', () => {
    assert.deepEqual(checkClientScopes(['dossiers.read', 'dossiers.read'], catalogue), { ok: true, scopes: ['dossiers.read'] });
    assert.deepEqual(checkClientScopes(['identity.users.manage', 'x.y'], catalogue), { ok: false, unknown: ['x.y'], notForClients: ['identity.users.manage'] });
  });
  it('issues all held scopes when none is asked, and refuses one not held instead of dropping it', () => {
    assert.deepEqual(grantedScopes(undefined, ['b', 'a']), { ok: true, scopes: ['a', 'b'] });
    assert.deepEqual(grantedScopes(' a  a ', ['a', 'b']), { ok: true, scopes: ['a'] });
    assert.deepEqual(grantedScopes('a c', ['a', 'b']), { ok: false, notHeld: ['c'] });
  });
});
