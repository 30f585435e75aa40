import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';

describe('platform HTTP layer', async () => {
  const { app } = await testRuntime({ reference: false });

  it('answers /healthz and /readyz', async () => {
    assert.equal((await app.inject('/healthz')).json().status, 'ok');
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });

  it('serves an OpenAPI 3.1 document and the docs page', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/healthz']);
    const docs = await app.inject('/docs/');
    assert.equal(docs.statusCode, 200);
  });

  it('renders unknown routes as problem+json in Vietnamese', async () => {
    const r = await app.inject('/khong-co');
    assert.equal(r.statusCode, 404);
    assert.match(r.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(r.json().code, 'route-not-found');
    assert.match(r.json().title, /Không tìm thấy/);
  });

  it('sets security headers', async () => {
    const r = await app.inject('/healthz');
    assert.ok(r.headers['content-security-policy']);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });
});

describe('platform hooks on a bare server', async () => {
  const { buildHttp } = await import('../src/platform/http.ts');
  const { denyAll } = await import('../src/platform/access.ts');
  const app = await buildHttp({ logLevel: 'silent', access: denyAll, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }) });
  app.get('/limited', { config: { access: { public: 'test' }, rateLimit: { max: 1, timeWindow: 60_000 } } }, async () => ({ ok: true }));
  app.post('/guarded', { config: { access: { permission: 'test.do' } } }, async () => ({ ok: true }));
  await app.ready();
  after(() => app.close());

  it('answers a rate-limited caller with a 429 problem, not a 500', async () => {
    assert.equal((await app.inject('/limited')).statusCode, 200);
    const r = await app.inject('/limited');
    assert.equal(r.statusCode, 429);
    assert.equal(r.json().code, 'rate-limited');
    assert.match(r.headers['content-type'] as string, /problem\+json/);
  });

  it('answers 401 before parsing the body of a protected route', async () => {
    const r = await app.inject({ method: 'POST', url: '/guarded', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().code, 'unauthenticated');
  });

  it('refuses to start when a route declares no access', async () => {
    const bare = await buildHttp({ logLevel: 'silent', access: denyAll, corsOrigins: [], version: 'test', readiness: async () => ({ ok: true }) });
    assert.throws(() => bare.get('/forgotten', async () => ({})), /khai báo thiếu quyền truy cập/);
    await bare.close();
  });

  it('sends a strict script policy (no inline scripts)', async () => {
    const csp = (await app.inject('/healthz')).headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'(;|$)/);
  });
});
