import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../platform/config.ts';
import { loadIdentityConfig } from './config.ts';

describe('identity configuration', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-identity-'));
  const platform = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: 'https://dichvucong.phutho.gov.vn', ...env });

  it('generates secrets once, keeps them in DATA_DIR (mode 0600) and reuses them', () => {
    const a = loadIdentityConfig(platform());
    const b = loadIdentityConfig(platform());
    assert.equal(a.sessionSecret, b.sessionSecret);
    assert.equal(a.oidc.clientSecret, b.oidc.clientSecret);
    const file = path.join(dataDir, 'secrets', 'identity.json');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(a.devProviderKeys.jwks.keys[0]!.kty, 'RSA');
  });

  it('points the relying side at the built-in provider by default, and at any issuer by environment', () => {
    const dev = loadIdentityConfig(platform());
    assert.equal(dev.oidc.issuer, 'https://dichvucong.phutho.gov.vn/oidc');
    assert.equal(dev.oidc.redirectUri, 'https://dichvucong.phutho.gov.vn/api/v1/auth/citizen/callback');
    assert.equal(dev.secureCookies, true);
    const real = loadIdentityConfig(platform({ OIDC_ISSUER: 'https://sso.vneid.gov.vn/', OIDC_CLIENT_ID: 'phutho', OIDC_CLIENT_SECRET: 'a-long-enough-secret-value' }));
    assert.deepEqual([real.oidc.issuer, real.oidc.clientId, real.oidc.clientSecret], ['https://sso.vneid.gov.vn', 'phutho', 'a-long-enough-secret-value']);
  });

  it('disables the development provider in production unless asked for', () => {
    assert.equal(loadIdentityConfig(platform()).oidc.devProvider, true);
    assert.equal(loadIdentityConfig(platform({ NODE_ENV: 'production' })).oidc.devProvider, false);
    assert.equal(loadIdentityConfig(platform({ NODE_ENV: 'production', OIDC_DEV_PROVIDER: 'true' })).oidc.devProvider, true);
  });

  it('reads the environment the platform configuration was loaded from, not process.env', () => {
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '7';
    try {
      assert.equal(loadIdentityConfig(platform()).loginRateLimitPerMinute, 30);
      assert.equal(loadIdentityConfig(platform({ LOGIN_RATE_LIMIT_PER_MINUTE: '12' })).loginRateLimitPerMinute, 12);
    } finally {
      delete process.env.LOGIN_RATE_LIMIT_PER_MINUTE;
    }
  });

  it('allows the published demo password only in the demo', () => {
    assert.equal(loadIdentityConfig(platform()).demoPasswordAllowed, true);
    assert.equal(loadIdentityConfig(platform({ SEED_DEMO: 'false' })).demoPasswordAllowed, false);
    assert.equal(loadIdentityConfig(platform({ NODE_ENV: 'production' })).demoPasswordAllowed, false);
  });

  it('names the variable when a value is wrong', () => {
    assert.throws(() => loadIdentityConfig(platform({ SESSION_SECRET: 'short' })), /SESSION_SECRET/);
    assert.throws(() => loadIdentityConfig(platform({ OIDC_ISSUER: 'not a url' })), /OIDC_ISSUER/);
  });
});
