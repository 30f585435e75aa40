// The public pages rendered on the server per request (issue 15 §2): the procedure search and a
// procedure page come with their content in the HTML — readable without JavaScript — and with the answers
// they read, so that the browser hydrates the same markup. Needs the built front end (built if stale).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { root } from './browser.ts';
import { testRuntime } from '../helpers/runtime.ts';

describe('pages rendered on the server', async () => {
  const build = spawnSync(process.execPath, [path.join(root, 'web/scripts/ensure-built.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  assert.equal(build.status, 0, 'the web front end must build');
  const { app } = await testRuntime();
  const html = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'identity' };
  const data = (body: string) => JSON.parse(/<script type="application\/json" id="ssr-data">([\s\S]*?)<\/script>/.exec(body)![1]!) as { url: string; data: unknown }[];

  it('renders a procedure page with its name, key facts and answers, titled by its heading', async () => {
    const r = await app.inject({ url: '/thu-tuc/1.001193', headers: html });
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /text\/html/);
    assert.match(r.body, /<div id="root" data-prerendered="\/thu-tuc\/1.001193">/);
    assert.match(r.body, /<h1[^>]*>[^<]*[Kk]hai sinh/);
    assert.match(r.body, /<title>[^<]*[Kk]hai sinh[^<]*— Liên Thông/);
    const entries = data(r.body);
    assert.ok(entries.some((e) => e.url === '/api/v1/procedures/1.001193'), entries.map((e) => e.url).join(', '));
    assert.doesNotMatch(r.body, /Cổng quốc gia không ghi/, 'data notes are never shown to citizens');
  });

  it('renders search results in everyday words, with links that work without JavaScript', async () => {
    const r = await app.inject({ url: '/thu-tuc?q=' + encodeURIComponent('khai sinh'), headers: html });
    assert.equal(r.statusCode, 200);
    const list = /<ol class="result-list"[\s\S]*?<\/ol>/.exec(r.body)?.[0] ?? '';
    assert.match(list, /href="\/thu-tuc\/\d\.\d{6}"/);
    assert.match(list, /[Kk]hai sinh/);
    assert.match(r.body, /id="results-count"/);
  });

  it('answers 404 for a procedure the catalogue does not have, and compresses the page', async () => {
    const missing = await app.inject({ url: '/thu-tuc/9.999999', headers: html });
    assert.equal(missing.statusCode, 404);
    const br = await app.inject({ url: '/thu-tuc/1.001193', headers: { ...html, 'accept-encoding': 'br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'), /data-prerendered="\/thu-tuc\/1.001193"/);
  });
});
