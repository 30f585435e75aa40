import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequestOrigin, originOf } from './request-origin.ts';

const allowed = ['https://dichvucong.phutho.gov.vn', 'http://localhost:3000'];

describe('checkRequestOrigin', () => {
  it('accepts our own origins, however the URL is written', () => {
    assert.deepEqual(checkRequestOrigin({ origin: 'https://dichvucong.phutho.gov.vn' }, allowed), { ok: true });
    assert.deepEqual(checkRequestOrigin({ origin: 'https://DichVuCong.PhuTho.gov.vn:443' }, allowed), { ok: true });
    assert.deepEqual(checkRequestOrigin({ referer: 'http://localhost:3000/dang-nhap?loi=da-huy' }, allowed), { ok: true });
  });

  it('refuses another site, a look-alike, another port or scheme, and the opaque origin', () => {
    for (const origin of ['https://evil.example', 'https://dichvucong.phutho.gov.vn.evil.example', 'http://dichvucong.phutho.gov.vn', 'http://localhost:3001']) {
      assert.equal(checkRequestOrigin({ origin }, allowed).ok, false, origin);
    }
    assert.deepEqual(checkRequestOrigin({ origin: 'null' }, allowed), { ok: false, reason: 'opaque-origin', from: null });
    assert.deepEqual(checkRequestOrigin({ origin: 'https://evil.example', referer: 'http://localhost:3000/' }, allowed), { ok: false, reason: 'other-origin', from: 'https://evil.example' }, 'Origin wins over Referer');
  });

  it('falls back to the Referer, then to Sec-Fetch-Site', () => {
    assert.deepEqual(checkRequestOrigin({ referer: 'https://evil.example/form.html' }, allowed), { ok: false, reason: 'other-referer', from: 'https://evil.example' });
    assert.deepEqual(checkRequestOrigin({ secFetchSite: 'cross-site' }, allowed), { ok: false, reason: 'cross-site-fetch', from: null });
    assert.deepEqual(checkRequestOrigin({ secFetchSite: 'same-origin' }, allowed), { ok: true });
  });

  it('lets a client without any browser header through (curl, scripts)', () => {
    assert.deepEqual(checkRequestOrigin({}, allowed), { ok: true });
  });

  it('normalises origins', () => {
    assert.equal(originOf('HTTPS://Example.COM:443/a?b'), 'https://example.com');
    assert.equal(originOf('not a url'), null);
  });
});
