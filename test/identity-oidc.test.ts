import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { DEMO_PASSWORD } from './helpers/auth.ts';
import { identityModule } from '../src/modules/identity/index.ts';
import { demoPeople } from '../src/modules/identity/demo/people.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A minimal browser: follows nothing by itself, keeps cookies (one origin), posts forms. */
class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    headers.set('accept', 'text/html');
    const res = await fetch(new URL(url, this.base), { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  postForm(url: string, form: Record<string, string>): Promise<Response> {
    return this.go(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

function location(res: Response): string {
  const l = res.headers.get('location');
  assert.ok(l, `expected a redirect, got ${res.status}`);
  return l;
}

/**
 * The whole OpenID Connect authorization-code flow with PKCE, over real HTTP, between the relying side
 * (openid-client) and the built-in development provider (oidc-provider) mounted in the same server — what
 * a citizen's browser does when signing in "with VNeID".
 */
describe('citizen sign-in through OpenID Connect', async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { app, rt } = await testRuntime({ reference: false, env: { PUBLIC_URL: base } });
  await identityModule.seedDemo!(rt.ctx);
  await app.listen({ port, host: '127.0.0.1' });
  const citizen = demoPeople().citizens[1]!;

  /** Starts a sign-in and returns the provider's interaction page address. */
  async function startSignIn(b: Browser, query = ''): Promise<string> {
    const start = await b.go(`/api/v1/auth/citizen/login${query}`);
    assert.equal(start.status, 302);
    const authUrl = new URL(location(start));
    assert.equal(authUrl.origin + authUrl.pathname, `${base}/oidc/auth`);
    assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authUrl.searchParams.get('code_challenge'));
    assert.ok(authUrl.searchParams.get('state'));
    assert.ok(authUrl.searchParams.get('nonce'));
    assert.ok(b.cookies.has('lt_oidc'), 'the PKCE verifier is kept in a signed cookie');
    const auth = await b.go(authUrl.href);
    assert.equal(auth.status, 303);
    const interaction = location(auth);
    assert.match(interaction, /^\/oidc\/interaction\/[\w-]+$/);
    return interaction;
  }

  /** Signs the demo citizen in from `query` and returns where the callback sends the browser. */
  async function landing(query: string): Promise<string> {
    const b = new Browser(base);
    const interaction = await startSignIn(b, query);
    const ok = await b.postForm(`${interaction}/login`, { personalId: citizen.personalId, password: DEMO_PASSWORD });
    const resume = await b.go(location(ok));
    const done = await b.go(new URL(location(resume)).href);
    assert.equal(done.status, 303);
    return location(done);
  }

  it('returns the citizen to the page they came from — a same-site path only, and only for the person who left it', async () => {
    assert.equal(await landing(`?return_to=${encodeURIComponent('/thu-tuc/1.001193/nop?buoc=2')}`), '/thu-tuc/1.001193/nop?buoc=2');
    assert.equal(await landing(`?next=${encodeURIComponent('/ho-so/H25.61.05-251126-0001')}`), '/ho-so/H25.61.05-251126-0001');
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/api/v1/auth/me'])
      assert.equal(await landing(`?return_to=${encodeURIComponent(evil)}`), '/ho-so', evil);
    // the page lost another person's session (a shared computer): this citizen starts at their own page
    assert.equal(await landing(`?return_to=${encodeURIComponent('/ho-so/H25.61.05-251126-0009')}&who=someone-else`), '/ho-so');
  });

  it('signs a demo citizen in: provider login page, code + PKCE exchange, platform session', async () => {
    const b = new Browser(base);
    const interaction = await startSignIn(b);
    const pageRes = await b.go(interaction);
    assert.equal(pageRes.status, 200);
    const html = await pageRes.text();
    assert.match(html, /<label for="personalId">Số định danh cá nhân<\/label>/);
    assert.match(html, /nhà cung cấp định danh thử nghiệm/);

    const wrong = await b.postForm(`${interaction}/login`, { personalId: citizen.personalId, password: 'sai-mat-khau' });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /không đúng/);
    const badId = await b.postForm(`${interaction}/login`, { personalId: '12345', password: DEMO_PASSWORD });
    assert.equal(badId.status, 400);
    assert.match(await badId.text(), /12 chữ số/);

    const ok = await b.postForm(`${interaction}/login`, { personalId: citizen.personalId, password: DEMO_PASSWORD });
    assert.equal(ok.status, 303);
    const resume = await b.go(location(ok));
    assert.equal(resume.status, 303);
    const callback = new URL(location(resume));
    assert.equal(callback.origin + callback.pathname, `${base}/api/v1/auth/citizen/callback`);
    assert.ok(callback.searchParams.get('code'));

    const done = await b.go(callback.href);
    assert.equal(done.status, 303, await done.clone().text());
    assert.equal(location(done), '/ho-so', 'without a return address: the citizen\'s dossiers');
    assert.ok(b.cookies.has('lt_session'));
    assert.ok(!b.cookies.has('lt_oidc'), 'the one-time PKCE cookie is cleared');

    const me = await (await b.go('/api/v1/auth/me')).json();
    assert.equal(me.kind, 'citizen');
    assert.equal(me.subject, citizen.personalId);
    assert.equal(me.displayName, citizen.displayName);
    assert.equal(me.via, 'oidc');
    assert.deepEqual(me.grants, [], 'a citizen holds no grant on any unit: their own dossiers are reached by the relationship');
    assert.ok(me.permissions.includes('dossiers.read'), 'the citizen role still names what a citizen may do with their own data');
    assert.ok(!me.permissions.includes('identity.tokens.manage'), 'a citizen cannot create API tokens');
    const account = await (await b.go('/tai-khoan')).text();
    assert.match(account, new RegExp(citizen.displayName));
    assert.doesNotMatch(account, /\/api\/v1\/auth\/me|Chi tiết:/, 'no developer address on the account page');

    // the code cannot be used twice
    const replay = await new Browser(base).go(callback.href);
    assert.equal(location(replay), '/dang-nhap?loi=het-han');

    const db = rt.ctx.db;
    const stored = await db.query<{ personal_id: string; issuer: string }>(`SELECT personal_id, issuer FROM identity.citizen`);
    assert.deepEqual(stored.rows, [{ personal_id: citizen.personalId, issuer: `${base}/oidc` }]);
    const attempt = await db.query<{ username: string; success: boolean }>(`SELECT username, success FROM identity.sign_in_attempt WHERE method = 'oidc' AND success`);
    assert.equal(attempt.rows[0]!.username, `${citizen.personalId.slice(0, 3)}******${citizen.personalId.slice(-3)}`);
    const audit = await db.query<{ actor_kind: string; actor_subject: string }>(`SELECT actor_kind, actor_subject FROM audit.record WHERE action = 'identity.sign-in'`);
    assert.equal(audit.rows[0]!.actor_kind, 'citizen');
    assert.doesNotMatch(audit.rows[0]!.actor_subject, new RegExp(citizen.personalId), 'the audit trail masks the identification number');

    // a citizen's session protects state-changing requests with CSRF like an official's
    const out = await b.go('/api/v1/auth/logout', { method: 'POST' });
    assert.equal(out.status, 403);
    const csrf = me.csrfToken as string;
    const out2 = await b.go('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    assert.equal(out2.status, 204);
    assert.equal((await b.go('/api/v1/auth/me')).status, 401);
  });

  it('brings a citizen who cancels back to the sign-in page with a message, and records the failure', async () => {
    const b = new Browser(base);
    const interaction = await startSignIn(b);
    const abort = await b.go(`${interaction}/abort`);
    assert.equal(abort.status, 303);
    const resume = await b.go(location(abort));
    const callback = location(resume);
    assert.match(callback, /error=access_denied/);
    const back = await b.go(callback);
    assert.equal(location(back), '/dang-nhap?loi=da-huy');
    const pageText = await (await b.go('/dang-nhap?loi=da-huy')).text();
    assert.match(pageText, /Bạn đã huỷ đăng nhập/);
    const failed = await rt.ctx.db.query<{ reason: string }>(`SELECT reason FROM identity.sign_in_attempt WHERE method = 'oidc' AND NOT success`);
    assert.ok(failed.rows.some((r) => r.reason === 'provider:access_denied'));
  });

  it('refuses a callback that did not start here (no state cookie) and an authorization request without PKCE', async () => {
    const b = new Browser(base);
    const forged = await b.go('/api/v1/auth/citizen/callback?code=abc&state=xyz');
    assert.equal(location(forged), '/dang-nhap?loi=het-han');
    const tooLong = await b.go(`/api/v1/auth/citizen/callback?code=${'a'.repeat(3000)}`);
    assert.equal(tooLong.status, 400);
    assert.equal((await tooLong.json()).code, 'validation-failed');
    const noPkce = await b.go(`/oidc/auth?client_id=lienthong-portal&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${base}/api/v1/auth/citizen/callback`)}`);
    const target = noPkce.headers.get('location') ?? '';
    assert.ok(noPkce.status >= 300, String(noPkce.status));
    assert.match(target, /error=invalid_request/);
  });

  it('limits password attempts at the development provider: slowed from the fifth failure (issue 8 §2)', async () => {
    const other = demoPeople().citizens[2]!;
    const b = new Browser(base);
    const interaction = await startSignIn(b);
    for (let i = 1; i <= 5; i++) {
      const wrong = await b.postForm(`${interaction}/login`, { personalId: other.personalId, password: `sai-mat-khau-${i}` });
      assert.equal(wrong.status, 401, `attempt ${i}`);
    }
    // even the right password waits now: the form is not checked until the delay has passed
    const slowed = await b.postForm(`${interaction}/login`, { personalId: other.personalId, password: DEMO_PASSWORD });
    assert.equal(slowed.status, 429);
    assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
    assert.match(await slowed.text(), /Vui lòng đợi \d+ giây/);
    // the clock is the database's: instead of sleeping, move the last failure back in time
    await rt.ctx.db.query(`UPDATE identity.sign_in_throttle SET last_failed_at = last_failed_at - interval '2 minutes' WHERE account LIKE 'dev-idp:%'`);
    const ok = await b.postForm(`${interaction}/login`, { personalId: other.personalId, password: DEMO_PASSWORD });
    assert.equal(ok.status, 303);
    const keys = await rt.ctx.db.query<{ account: string }>(`SELECT account FROM identity.sign_in_throttle`);
    assert.ok(keys.rows.every((r) => !r.account.includes(other.personalId)), 'no identification number in the throttle table');
  });

  it('publishes the provider metadata at the issuer', async () => {
    const meta = await (await fetch(`${base}/oidc/.well-known/openid-configuration`)).json();
    assert.equal(meta.issuer, `${base}/oidc`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.ok(meta.claims_supported.includes('personal_id'));
  });
});
