import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueRoutes, type CataloguedRoute } from '../src/modules/identity/route-catalogue.ts';
import { buildHttp } from '../src/platform/http.ts';
import { denyAll } from '../src/platform/access.ts';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';

/**
 * Walks EVERY route the platform registers (every module's, the platform's and the plugins') and proves the
 * single policy point holds for each, the way OpenCRVS tests every endpoint's scopes:
 *  - a public route states why it is public;
 *  - a protected route names a permission that some module declares;
 *  - anonymous → 401 before the body is parsed (the body sent is broken JSON: a 400 would mean it was read);
 *  - a bad bearer token → 401;
 *  - an official with no role at all → 403, and a realistic principal whose roles lack the permission
 *    (a citizen for officials' routes, an official of another role) → 403;
 *  - an API token whose scopes leave the permission out → 403, even though its official holds it;
 *  - for GET/DELETE routes with a unit in the path, an official holding the permission in another unit → 403.
 * Routes added later by any module are covered without touching this file.
 */
const catalogue = catalogueRoutes();

const ROLE_PRINCIPALS: Record<string, string> = {
  receiving_officer: 'tn.viettri',
  specialist: 'cv.hotich.viettri',
  leader: 'ld.viettri',
  clerk: 'vt.viettri',
  province_admin: 'qtv.tinh',
  data_steward: 'dl.tinh',
  security_officer: 'at.tinh',
};
const UNIT_PARAMS: Record<string, string> = { unitCode: '07918', unit: '07918', province: '01', provinceCode: '01' };
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Routes that plugins register before the platform installs its access check (src/platform/http.ts registers
 * @fastify/cors and @fastify/swagger-ui first), so they carry no config.access and the platform treats them
 * as public. Known and harmless: the CORS preflight answer, and the API documentation pages.
 * Everything else must declare its access.
 */
const pluginRouteWithoutAccess = (r: CataloguedRoute) => !r.access && ((r.method === 'OPTIONS' && r.url === '*') || r.url === '/docs' || r.url.startsWith('/docs/'));

function sampleUrl(route: CataloguedRoute, overrides: Record<string, string> = {}): string {
  return route.url
    .replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string, regex?: string) => overrides[name] ?? (regex ? '1' : /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : 'x'))
    .replace(/\*$/, 'x');
}

function brokenBody(method: string) {
  return BODY_METHODS.has(method) ? { headers: { 'content-type': 'application/json' }, payload: '{"broken' } : { headers: {} as Record<string, string> };
}

describe('every route declares its access and the policy point enforces it', async () => {
  const { app, rt } = await testRuntime({ demo: true });
  catalogue.stop();
  const permissions = rt.ctx.permissions;
  const identity = rt.ctx.services.identity!;

  const seen = new Set<string>();
  const routes = catalogue.routes.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || seen.has(key) || pluginRouteWithoutAccess(r)) return false;
    seen.add(key);
    return true;
  });
  const protectedRoutes = routes.filter((r) => r.access && 'permission' in r.access) as (CataloguedRoute & { access: { permission: string } })[];

  // principals: one official per role, a citizen, and an official with no role at all
  const sessions: Record<string, TestSession> = {};
  for (const [role, username] of Object.entries(ROLE_PRINCIPALS)) sessions[role] = await signIn(app, username);
  const admin = sessions.province_admin!;
  const noRolePassword = 'Khong co vai tro nao 2025';
  // the HTTP API insists on at least one grant; the service does not, which lets the test build a bare official
  await identity.createOfficial((await identity.officialPrincipal(admin.principal.id))!, {
    username: 'khong.vai.tro',
    displayName: 'Cán bộ chưa được phân quyền',
    unitCode: '07900',
    password: noRolePassword,
    grants: [],
  });
  const noRole = await signIn(app, 'khong.vai.tro', noRolePassword);
  const citizenSession = await identity.citizenSignIn({ issuer: 'test', subject: 'c1', personalId: '025085012345', displayName: 'Công dân thử' }, { ip: null, userAgent: null });
  const citizen = { cookie: `lt_session=${citizenSession.sessionToken}`, headers: { cookie: `lt_session=${citizenSession.sessionToken}`, 'x-csrf-token': citizenSession.csrfToken } };
  const rolesOf = (s: TestSession) => new Set(s.principal.grants.map((g) => g.role));

  it('catalogues the whole server, including platform and plugin routes', () => {
    assert.ok(catalogue.routes.some((r) => r.method === 'OPTIONS' && r.url === '*'), 'the CORS preflight route is seen (and set aside on purpose)');
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of ['GET /healthz', 'GET /openapi.json', 'POST /api/v1/auth/login', 'GET /api/v1/audit/records', 'POST /api/v1/audit/verify', 'GET /api/v1/auth/me']) {
      assert.ok(urls.includes(expected), `${expected} missing from ${urls.length} routes`);
    }
    for (const r of routes) assert.ok(app.hasRoute({ method: r.method as 'GET', url: r.url }), `${r.method} ${r.url}`);
    assert.ok(protectedRoutes.length >= 10, `only ${protectedRoutes.length} protected routes`);
  });

  it('has an access declaration on every route: a permission some module declares, or a public reason', () => {
    for (const r of routes) {
      assert.ok(r.access, `${r.method} ${r.url} has no config.access`);
      if ('public' in r.access) assert.ok(typeof r.access.public === 'string' && r.access.public.trim().length >= 5, `${r.method} ${r.url}: public without a reason`);
      else assert.ok(permissions[r.access.permission]?.length, `${r.method} ${r.url}: permission "${r.access.permission}" is not declared by any module (AppModule.permissions)`);
    }
  });

  it('refuses to start when a route forgets to declare its access', async () => {
    const bare = await buildHttp({ logLevel: 'silent', access: denyAll, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }) });
    assert.throws(() => bare.get('/api/v1/quen-khai-bao', async () => ({})), /khai báo thiếu quyền truy cập/);
    assert.doesNotThrow(() => bare.get('/api/v1/co-khai-bao', { config: { access: { public: 'Ví dụ công khai' } } }, async () => ({})));
    await bare.close();
  });

  it('answers 401 to anonymous callers of every protected route, before reading the body', async () => {
    for (const r of protectedRoutes) {
      const res = await app.inject({ method: r.method as 'GET', url: sampleUrl(r), ...brokenBody(r.method) });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      assert.equal(res.json().code, 'unauthenticated', `${r.method} ${r.url}`);
      const badToken = await app.inject({ method: r.method as 'GET', url: sampleUrl(r), ...brokenBody(r.method), headers: { ...brokenBody(r.method).headers, authorization: 'Bearer lt_forged' } });
      assert.equal(badToken.statusCode, 401, `${r.method} ${r.url} with a forged token`);
    }
  });

  it('answers 403 to an official with no role, and to principals whose roles lack the permission', async () => {
    for (const r of protectedRoutes) {
      const holders = new Set(permissions[r.access.permission] ?? []);
      const tryAs = async (who: string, headers: Record<string, string>) => {
        const body = brokenBody(r.method);
        const res = await app.inject({ method: r.method as 'GET', url: sampleUrl(r), ...body, headers: { ...body.headers, ...headers } });
        assert.equal(res.statusCode, 403, `${r.method} ${r.url} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        assert.equal(res.json().code, 'forbidden', `${r.method} ${r.url} as ${who}`);
      };
      await tryAs('an official with no role', noRole.headers);
      if (!holders.has('citizen')) {
        await tryAs('a citizen', citizen.headers);
      }
      const lacking = Object.values(sessions).find((s) => ![...rolesOf(s)].some((role) => holders.has(role)));
      if (lacking) {
        await tryAs(lacking.username, lacking.headers);
      } else {
        const allOfficialRoles = Object.keys(ROLE_PRINCIPALS).every((role) => holders.has(role));
        assert.ok(allOfficialRoles, `${r.method} ${r.url}: no demo official lacks ${r.access.permission}, yet not every role holds it`);
      }
    }
  });

  it('answers 403 to an API token whose scopes leave the permission out', async () => {
    const tokens = new Map<string, string>();
    for (const r of protectedRoutes) {
      const holders = new Set(permissions[r.access.permission] ?? []);
      const owner = Object.values(sessions).find((s) => [...rolesOf(s)].some((role) => holders.has(role)));
      if (!owner) continue;
      const scope = r.access.permission === 'identity.session.read' ? 'identity.session.end' : 'identity.session.read';
      let token = tokens.get(`${owner.username} ${scope}`);
      if (!token) {
        const t = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: owner.headers, payload: { name: 'phạm vi hẹp', scopes: [scope] } });
        assert.equal(t.statusCode, 201, t.body);
        token = t.json().token as string;
        tokens.set(`${owner.username} ${scope}`, token);
      }
      const body = brokenBody(r.method);
      const res = await app.inject({ method: r.method as 'GET', url: sampleUrl(r), ...body, headers: { ...body.headers, authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 403, `${r.method} ${r.url} with a token scoped to ${scope}: ${res.statusCode}`);
    }
  });

  it('answers 403 to an official of another unit on routes that name a unit in the path', async () => {
    const unitRoutes = protectedRoutes.filter((r) => (r.method === 'GET' || r.method === 'DELETE') && Object.keys(UNIT_PARAMS).some((p) => r.url.includes(`:${p}`)));
    for (const r of unitRoutes) {
      const holders = new Set(permissions[r.access.permission] ?? []);
      // an official holding the permission only in Phường Việt Trì (07900) asks about another unit
      const local = Object.values(sessions).find((s) => s.principal.grants.every((g) => g.unitCode === '07900') && [...rolesOf(s)].some((role) => holders.has(role)));
      if (!local) continue;
      const res = await app.inject({ method: r.method as 'GET', url: sampleUrl(r, UNIT_PARAMS), headers: local.headers });
      assert.equal(res.statusCode, 403, `${r.method} ${sampleUrl(r, UNIT_PARAMS)} as ${local.username} of 07900: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  });
});
