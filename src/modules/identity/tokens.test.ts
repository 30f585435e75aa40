import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csrfTokenFor, looksLikeApiToken, newApiToken, newSecret, safeEqual, sha256 } from './tokens.ts';

describe('session and API token secrets', () => {
  it('makes 256-bit secrets and recognisable API tokens', () => {
    assert.equal(Buffer.from(newSecret(), 'base64url').length, 32);
    const t = newApiToken();
    assert.equal(looksLikeApiToken(t), true);
    assert.notEqual(newApiToken(), t);
    assert.equal(looksLikeApiToken('lt_short'), false);
  });

  it('derives a CSRF token that depends on both the server secret and the session', () => {
    const a = csrfTokenFor('server-secret', 'session-1');
    assert.equal(a, csrfTokenFor('server-secret', 'session-1'));
    assert.notEqual(a, csrfTokenFor('server-secret', 'session-2'));
    assert.notEqual(a, csrfTokenFor('other-secret', 'session-1'));
  });

  it('compares in constant time and hashes to hex', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abd'), false);
    assert.equal(safeEqual('abc', 'abcd'), false);
    assert.match(sha256('x'), /^[0-9a-f]{64}$/);
  });
});
