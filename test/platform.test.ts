import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
