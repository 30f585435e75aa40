import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as jose from 'jose';
import { signIn } from './helpers/auth.ts';
import { secondInstance, testRuntime } from './helpers/runtime.ts';

/**
 * API clients (issue 10 §3): registration by a province administrator, the OAuth 2.0 token endpoint,
 * JWTs checked by the platform's policy point with their scopes, forged / expired / foreign-key tokens,
 * key rotation, revocation, per-minute rate and daily quota (429 + Retry-After), usage.
 */
describe('API clients: client credentials, scopes, keys, quotas', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-clients-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const admin = await signIn(app, 'qtv.tinh');

  const register = async (body: Record<string, unknown>) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: admin.headers, payload: body });
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { client: { id: string; secretHint: string; scopes: string[] }; clientSecret: string };
  };
  const token = async (id: string, secret: string, scope?: string) =>
    app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret, ...(scope ? { scope } : {}) }).toString() });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  /** The rate is counted in clock minutes: a test of it starts early in one, so that its requests share it. */
  const earlyInAMinute = async () => {
    if (new Date().getSeconds() > 50) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
  };

  const so = await register({ id: 'so-tu-phap', name: 'Hệ thống hộ tịch của Sở Tư pháp', agencyName: 'Sở Tư pháp tỉnh Phú Thọ', scopes: ['integration.datasets.read', 'dossiers.read'] });

  it('shows the secret once, keeps only a hint, and refuses scopes that are not open to clients', async () => {
    assert.match(so.clientSecret, /^ltc_[A-Za-z0-9_-]{43}$/);
    const list = (await app.inject({ url: '/api/v1/integration/clients', headers: admin.headers })).json();
    assert.ok(!JSON.stringify(list).includes(so.clientSecret));
    assert.equal(list.items[0].secretHint, `${so.clientSecret.slice(0, 8)}…`);
    const stored = await rt.ctx.db.query<{ secret_hash: string }>(`SELECT secret_hash FROM integration.client WHERE id = 'so-tu-phap'`);
    assert.notEqual(stored.rows[0]!.secret_hash, so.clientSecret);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: admin.headers, payload: { id: 'he-thong-xau', name: 'X', agencyName: 'Y', scopes: ['identity.users.manage', 'khong.ton.tai'] } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().notForClients, ['identity.users.manage']);
    assert.deepEqual(bad.json().unknown, ['khong.ton.tai']);
    const officer = await signIn(app, 'tn.viettri');
    assert.equal((await app.inject({ url: '/api/v1/integration/clients', headers: officer.headers })).statusCode, 403);
  });

  it('issues a signed JWT for the right secret only, with the scopes asked for among those held', async () => {
    const wrong = await token('so-tu-phap', 'ltc_sai');
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error, 'invalid_client');
    assert.match(wrong.json().title, /mã truy cập/);
    const notHeld = await token('so-tu-phap', so.clientSecret, 'dossiers.submit');
    assert.equal(notHeld.statusCode, 400);
    assert.equal(notHeld.json().error, 'invalid_scope');
    const ok = await token('so-tu-phap', so.clientSecret, 'integration.datasets.read');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.headers['cache-control'], 'no-store');
    const t = ok.json();
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.scope, 'integration.datasets.read');
    // verifiable by anyone with the published keys
    const jwks = (await app.inject({ url: '/api/v1/oauth/jwks' })).json();
    const { payload, protectedHeader } = await jose.jwtVerify(t.access_token, jose.createLocalJWKSet(jwks));
    assert.equal(payload.sub, 'so-tu-phap');
    assert.ok(jwks.keys.some((k: { kid: string }) => k.kid === protectedHeader.kid));
    assert.ok(!jwks.keys.some((k: { d?: string }) => k.d), 'no private part is published');
    // HTTP Basic works as well (RFC 6749 §2.3.1)
    const basic = await app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: `Basic ${Buffer.from(`so-tu-phap:${so.clientSecret}`).toString('base64')}` }, payload: { grant_type: 'client_credentials' } });
    assert.equal(basic.statusCode, 200, basic.body);
    assert.equal(basic.json().scope, 'dossiers.read integration.datasets.read');
    // a malformed Basic header is the client's error, never a 500
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/oauth/token', headers: { authorization: `Basic ${Buffer.from('%E0%A4%A:x').toString('base64')}` }, payload: { grant_type: 'client_credentials' } });
    assert.equal(malformed.statusCode, 401);
    assert.equal(malformed.json().error, 'invalid_client');
  });

  it('lets a token do what its scopes allow and nothing else', async () => {
    const narrow = (await token('so-tu-phap', so.clientSecret, 'integration.datasets.read')).json().access_token;
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(narrow) })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/dossiers', headers: bearer(narrow) })).statusCode, 403, 'dossiers.read is not in this token');
    const wide = (await token('so-tu-phap', so.clientSecret)).json().access_token;
    const list = await app.inject({ url: '/api/v1/dossiers', headers: bearer(wide) });
    assert.equal(list.statusCode, 200, list.body);
    // a permission held by no client role, whatever the token says
    assert.equal((await app.inject({ url: '/api/v1/integration/clients', headers: bearer(wide) })).statusCode, 403);
    // an administrator narrowing the client applies at once to tokens already issued
    const r = await app.inject({ method: 'PATCH', url: '/api/v1/integration/clients/so-tu-phap', headers: admin.headers, payload: { scopes: ['integration.datasets.read'] } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await app.inject({ url: '/api/v1/dossiers', headers: bearer(wide) })).statusCode, 403);
    await app.inject({ method: 'PATCH', url: '/api/v1/integration/clients/so-tu-phap', headers: admin.headers, payload: { scopes: ['integration.datasets.read', 'dossiers.read'] } });
  });

  it('refuses forged, expired and foreign-key tokens with 401 invalid-token', async () => {
    const t = (await token('so-tu-phap', so.clientSecret)).json().access_token as string;
    const [h, p, s] = t.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: 'integration.clients.manage' })).toString('base64url')}.${s}`;
    const forged = await app.inject({ url: '/api/v1/datasets', headers: bearer(tampered) });
    assert.equal(forged.statusCode, 401);
    assert.equal(forged.json().code, 'invalid-token');
    // signed by a key of our own making, under the platform's key id
    const { kid } = jose.decodeProtectedHeader(t);
    const { privateKey } = await jose.generateKeyPair('ES256');
    const foreign = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(privateKey);
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(foreign) })).statusCode, 401);
    // signed by the platform's own key, but expired
    const row = await rt.ctx.db.query<{ private_jwk: jose.JWK }>(`SELECT private_jwk FROM integration.signing_key WHERE kid = $1`, [kid]);
    const key = await jose.importJWK(row.rows[0]!.private_jwk, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const expired = await new jose.SignJWT({ ...claims, iat: now - 3600, exp: now - 60 }).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(key);
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(expired) })).statusCode, 401);
    const stillValid = await new jose.SignJWT({ ...claims, iat: now, exp: now + 60 }).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).sign(key);
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(stillValid) })).statusCode, 200, 'the control: the same key and claims, not expired');
    // "alg: none"
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${p}.`;
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(`${none}AAAAAAAAAAAA`) })).statusCode, 401);
    // on a public route a bad token is simply anonymous
    assert.equal((await app.inject({ url: '/api/v1/procedures?page_size=1', headers: bearer(tampered) })).statusCode, 200);
  });

  it('rotates keys: old tokens keep working while their key is published, new ones use the new key', async () => {
    const before = (await token('so-tu-phap', so.clientSecret)).json().access_token as string;
    const oldKid = jose.decodeProtectedHeader(before).kid!;
    const rot = await app.inject({ method: 'POST', url: '/api/v1/integration/keys/rotate', headers: admin.headers });
    assert.equal(rot.statusCode, 200, rot.body);
    assert.deepEqual(rot.json().retired, [oldKid]);
    const after = (await token('so-tu-phap', so.clientSecret)).json().access_token as string;
    assert.equal(jose.decodeProtectedHeader(after).kid, rot.json().kid);
    const kids = (await app.inject({ url: '/api/v1/oauth/jwks' })).json().keys.map((k: { kid: string }) => k.kid);
    assert.ok(kids.includes(oldKid) && kids.includes(rot.json().kid));
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(before) })).statusCode, 200);
    // once the retired key's tokens have all expired it is no longer published, nor accepted
    await rt.ctx.db.query(`UPDATE integration.signing_key SET published_until = now() - interval '1 second' WHERE kid = $1`, [oldKid]);
    await rt.ctx.services.integration!.keys.rotate(); // (each instance re-reads its keys every 30 s; a rotation re-reads them at once)
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(before) })).statusCode, 401);
    assert.ok(!(await app.inject({ url: '/api/v1/oauth/jwks' })).json().keys.some((k: { kid: string }) => k.kid === oldKid));
  });

  it('limits each client per minute and per day: 429 with Retry-After and a Vietnamese problem', async () => {
    await earlyInAMinute();
    const fast = await register({ id: 'he-thong-nhanh', name: 'Hệ thống thử hạn mức phút', agencyName: 'Sở Y tế', scopes: ['integration.datasets.read'], ratePerMinute: 3 });
    const t = (await token(fast.client.id, fast.clientSecret)).json().access_token;
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await app.inject({ url: '/api/v1/datasets', headers: bearer(t) }));
    assert.deepEqual(codes.map((r) => r.statusCode), [200, 200, 200, 429]);
    const refused = codes[3]!;
    assert.equal(refused.json().code, 'rate-limited');
    assert.match(refused.json().detail, /mỗi phút/);
    const retry = Number(refused.headers['retry-after']);
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${refused.headers['retry-after']}`);
    // another client is not affected
    const other = (await token('so-tu-phap', so.clientSecret)).json().access_token;
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(other) })).statusCode, 200);

    const daily = await register({ id: 'he-thong-ngay', name: 'Hệ thống thử hạn mức ngày', agencyName: 'Sở Xây dựng', scopes: ['integration.datasets.read'], dailyQuota: 2 });
    const td = (await token(daily.client.id, daily.clientSecret)).json().access_token;
    const d = [];
    for (let i = 0; i < 3; i++) d.push(await app.inject({ url: '/api/v1/datasets', headers: bearer(td) }));
    assert.deepEqual(d.map((r) => r.statusCode), [200, 200, 429]);
    assert.equal(d[2]!.json().code, 'daily-quota-exceeded');
    assert.ok(Number(d[2]!.headers['retry-after']) >= 1 && Number(d[2]!.headers['retry-after']) <= 86_400);
    const usage = (await app.inject({ url: '/api/v1/integration/usage?client=he-thong-ngay', headers: admin.headers })).json().items;
    assert.equal(usage.length, 1);
    assert.equal(usage[0].requests, 2);
    assert.equal(usage[0].refused, 1);
    assert.equal(usage[0].tokens, 1);
  });

  it('holds a client’s rate and daily quota across two instances on one database', async () => {
    const b = await secondInstance(rt);
    try {
      const twoApps = [app, b.app];
      await earlyInAMinute();
      const rate = await register({ id: 'he-thong-hai-may', name: 'Hệ thống gọi hai máy chủ', agencyName: 'Sở Nội vụ', scopes: ['integration.datasets.read'], ratePerMinute: 4 });
      const t = (await token(rate.client.id, rate.clientSecret)).json().access_token;
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await twoApps[i % 2]!.inject({ url: '/api/v1/datasets', headers: bearer(t) })).statusCode);
      assert.deepEqual(codes, [200, 200, 200, 200, 429, 429], 'four in the minute, whichever instance serves them');

      const daily = await register({ id: 'he-thong-hai-may-ngay', name: 'Hệ thống gọi hai máy chủ, hạn mức ngày', agencyName: 'Sở Nội vụ', scopes: ['integration.datasets.read'], dailyQuota: 5 });
      const td = (await token(daily.client.id, daily.clientSecret)).json().access_token;
      // both instances at once: exactly the quota is accepted
      const all = await Promise.all(Array.from({ length: 8 }, (_, i) => twoApps[i % 2]!.inject({ url: '/api/v1/datasets', headers: bearer(td) })));
      assert.equal(all.filter((r) => r.statusCode === 200).length, 5);
      assert.ok(all.filter((r) => r.statusCode === 429).every((r) => r.json().code === 'daily-quota-exceeded'));
      const usage = (await b.app.inject({ url: '/api/v1/integration/usage?client=he-thong-hai-may-ngay', headers: admin.headers })).json().items;
      assert.deepEqual([usage[0].requests, usage[0].refused], [5, 3]);
    } finally {
      await b.close();
    }
  });

  it('gives a client token without scopes nothing more than an anonymous caller on any read of the API', async () => {
    const bare = await register({ id: 'khong-pham-vi', name: 'Hệ thống không phạm vi', agencyName: 'Sở Nội vụ', scopes: [] });
    const t = (await token(bare.client.id, bare.clientSecret)).json().access_token;
    const spec = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(spec.paths).filter(([p, ops]) => p.startsWith('/api/') && 'get' in ops).map(([p]) => p.replace(/\{(\w+)\}/g, (_m, n: string) => (n === 'code' ? '1.001193' : 'x')));
    assert.ok(gets.length > 20);
    const more: string[] = [];
    for (const url of gets) {
      const anonymous = await app.inject({ url });
      const client = await app.inject({ url, headers: bearer(t) });
      if (client.statusCode < 300 && anonymous.statusCode >= 300) more.push(`${url}: ${client.statusCode} (anonymous ${anonymous.statusCode})`);
      if (anonymous.statusCode === 401 && client.statusCode !== 403) more.push(`${url}: protected, the scopeless client got ${client.statusCode}`);
    }
    assert.deepEqual(more, []);
  });

  it('refuses every token of a revoked client at once', async () => {
    const c = await register({ id: 'he-thong-cu', name: 'Hệ thống cũ', agencyName: 'Sở Công Thương', scopes: ['integration.datasets.read'] });
    const t = (await token(c.client.id, c.clientSecret)).json().access_token;
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(t) })).statusCode, 200);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/integration/clients/${c.client.id}`, headers: admin.headers })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/v1/datasets', headers: bearer(t) })).statusCode, 401);
    assert.equal((await token(c.client.id, c.clientSecret)).statusCode, 401);
  });
});
