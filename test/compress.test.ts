import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { COMPRESSIBLE } from '../src/platform/http.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * Responses are compressed (issue 15 §2: the procedure page sent 53 KB of uncompressed JSON): Brotli or
 * gzip as the client accepts, for text types only — never PDFs, images or event streams.
 */
describe('response compression', async () => {
  const { app } = await testRuntime();
  const url = '/api/v1/procedures/1.001193';

  it('sends the procedure JSON with Brotli or gzip, identical once decoded, and plain to who asks for nothing', async () => {
    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.statusCode, 200, plain.body);
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    const decoded = zlib.brotliDecompressSync(br.rawPayload).toString('utf8');
    assert.deepEqual(JSON.parse(decoded), plain.json());
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${br.rawPayload.length} B compressed of ${plain.rawPayload.length} B`);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8')), plain.json());
  });

  it('compresses problems too, and leaves tiny answers alone', async () => {
    const small = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'br' } });
    assert.equal(small.headers['content-encoding'], undefined);
  });

  it('never compresses what is compressed already or must stream', () => {
    for (const t of ['application/json; charset=utf-8', 'application/problem+json', 'text/html; charset=utf-8', 'text/css', 'application/javascript', 'image/svg+xml', 'text/csv'])
      assert.ok(COMPRESSIBLE.test(t), t);
    for (const t of ['application/pdf', 'image/png', 'image/jpeg', 'application/zip', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/event-stream', 'application/octet-stream'])
      assert.ok(!COMPRESSIBLE.test(t), t);
  });
});
