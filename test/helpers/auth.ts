import assert from 'node:assert/strict';
import type { App } from '../../src/platform/http.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo/people.ts';

export { DEMO_PASSWORD };

/** A signed-in browser session for `app.inject`: spread `headers` into a request (cookie + CSRF token). */
export interface TestSession {
  username: string;
  cookie: string;
  csrfToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
  principal: { id: string; kind: string; unitCode: string | null; grants: { role: string; unitCode: string; fields: string[] | '*' }[]; permissions: string[] };
}

/**
 * Signs an official in through POST /api/v1/auth/login (demo password by default) and returns the session
 * cookie and CSRF token to send with later requests:
 *
 *   const ld = await signIn(app, 'ld.viettri');
 *   await app.inject({ method: 'POST', url: '/api/v1/...', headers: ld.headers, payload: {...} });
 */
let n = 1;

export async function signIn(app: App, username: string, password: string = DEMO_PASSWORD): Promise<TestSession> {
  // each sign-in comes from its own address, so that the per-address rate limit of the sign-in route
  // (LOGIN_RATE_LIMIT_PER_MINUTE) never interferes with tests that sign many people in
  const remoteAddress = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`;
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
  assert.equal(r.statusCode, 200, `sign-in of ${username} failed: ${r.body}`);
  const setCookie = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  const session = setCookie.find((c) => c.startsWith('lt_session='));
  assert.ok(session, 'no lt_session cookie');
  const cookie = session.split(';')[0]!;
  const body = r.json();
  return { username, cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken }, principal: body.principal };
}

/** Creates an API token for a signed-in official, limited to `scopes`; returns the bearer header. */
export async function apiToken(app: App, session: TestSession, scopes: string[], name = 'kiểm thử'): Promise<{ token: string; id: string; headers: { authorization: string } }> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: session.headers, payload: { name, scopes } });
  assert.equal(r.statusCode, 201, r.body);
  const t = r.json();
  return { token: t.token, id: t.id, headers: { authorization: `Bearer ${t.token}` } };
}
