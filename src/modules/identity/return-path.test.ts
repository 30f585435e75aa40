import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { returnPathFor, safeReturnPath } from './return-path.ts';

describe('the return address after sign-in', () => {
  it('keeps same-site paths with their query and fragment', () => {
    assert.equal(safeReturnPath('/thu-tuc/1.001193/nop'), '/thu-tuc/1.001193/nop');
    assert.equal(safeReturnPath('/ho-so/H25.61.05-251126-0001?tab=1#phi'), '/ho-so/H25.61.05-251126-0001?tab=1#phi');
    assert.equal(safeReturnPath('/'), '/');
  });

  it('refuses anything that leaves the site or reaches the API', () => {
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil', 'javascript:alert(1)', 'ho-so', '/ho-so\n', '/api/v1/auth/me', '/oidc/auth', '', '/' + 'a'.repeat(600), 42, null, undefined])
      assert.equal(safeReturnPath(bad), null, String(bad));
  });

  it('follows the return address only for the person it was made for', () => {
    assert.equal(returnPathFor('/can-bo/ho-so/X', 'official-a', 'official-a', '/can-bo'), '/can-bo/ho-so/X');
    assert.equal(returnPathFor('/can-bo/ho-so/X', 'official-a', 'official-b', '/can-bo'), '/can-bo');
    assert.equal(returnPathFor('/thu-tuc/1.001193/nop', null, 'citizen-c', '/ho-so'), '/thu-tuc/1.001193/nop');
    assert.equal(returnPathFor(null, null, 'citizen-c', '/ho-so'), '/ho-so');
  });
});
