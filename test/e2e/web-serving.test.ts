// The web module serves the built front end on the platform's port (no browser needed: app.inject).
// It runs against a small fixture of web/dist, so it does not need a build of the front end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-web-'));
fs.mkdirSync(path.join(dist, 'assets'));
const html = (name: string) => `<!doctype html><html lang="vi"><body><div id="root">${name}</div><script type="module" src="/assets/index-abc123.js"></script></body></html>`;
for (const name of ['index.html', 'app.html', 'office.html']) {
  fs.writeFileSync(path.join(dist, name), html(name));
  fs.writeFileSync(path.join(dist, `${name}.br`), zlib.brotliCompressSync(html(name)));
}
const js = 'console.log("xin chào");'.repeat(100);
fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), js);
fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(js));
fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
fs.writeFileSync(path.join(dist, '.build-stamp'), 'x');
const { testRuntime } = await import('../helpers/runtime.ts');

describe('web module: the front end served by the platform', async () => {
  const { app } = await testRuntime({ reference: false, env: { WEB_DIST_DIR: dist } });
  const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' };

  it('serves the prerendered home page, Brotli-compressed, never cached stale', async () => {
    const r = await app.inject({ url: '/', headers: browser });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.match(zlib.brotliDecompressSync(r.rawPayload).toString(), /index\.html/);
    assert.ok(r.headers['content-security-policy'], 'the platform security headers apply to the web too');
  });

  it('serves the citizen frame for citizen pages and the bare document for the back office', async () => {
    const proc = await app.inject({ url: '/thu-tuc/1.001193?x=1', headers: { accept: 'text/html' } });
    assert.equal(proc.statusCode, 200);
    assert.match(proc.body, /app\.html/);
    const office = await app.inject({ url: '/can-bo/ho-so/ABC', headers: { accept: 'text/html' } });
    assert.equal(office.statusCode, 200);
    assert.match(office.body, /office\.html/);
  });

  it('serves hashed assets for a year, compressed when the browser accepts it', async () => {
    const r = await app.inject({ url: '/assets/index-abc123.js', headers: browser });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(r.headers['content-encoding'], 'br');
    assert.match(String(r.headers['content-type']), /javascript/);
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(plain.body, js);
    const missing = await app.inject({ url: '/assets/nope.js' });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /problem\+json/);
  });

  it('keeps /api/* and non-browser unknown paths as problem+json 404, and gives browsers the web 404 page', async () => {
    for (const url of ['/api/v1/khong-co', '/api/v1/khong-co/x']) {
      const r = await app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(r.statusCode, 404, url);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/, url);
      assert.equal(r.json().code, 'route-not-found');
    }
    const api = await app.inject({ url: '/khong-co' });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
    const page = await app.inject({ url: '/khong-co', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /app\.html/);
  });

  it('never serves files outside web/dist nor hidden files', async () => {
    for (const url of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/.build-stamp', '/assets/..%2f..%2fpackage.json', '/%E0']) {
      const r = await app.inject({ url, headers: { accept: 'text/html' } });
      assert.notEqual(r.body.includes('"name": "lienthong"'), true, url);
      assert.ok(r.statusCode === 400 || r.statusCode === 404 || r.statusCode === 403 || (r.statusCode === 200 && /app\.html/.test(r.body)), `${url} → ${r.statusCode}`);
    }
    const icon = await app.inject({ url: '/favicon.svg' });
    assert.equal(icon.statusCode, 200);
  });

  it('answers the front end configuration, documented in OpenAPI, with the static routes hidden', async () => {
    const r = await app.inject('/api/v1/web/config');
    assert.equal(r.statusCode, 200);
    const body = r.json();
    assert.equal(body.province.code, '25');
    assert.equal(typeof body.province.name, 'string');
    assert.equal(typeof body.demo, 'boolean');
    const doc = (await app.inject('/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/web/config']);
    assert.equal(doc.paths['/assets/{*}'], undefined);
    assert.equal(doc.paths['/{*}'], undefined);
  });
});
