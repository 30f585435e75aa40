import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';

/**
 * Demo help on the sign-in pages: a clearly marked panel "Dành cho bản trình diễn" listing the demo people,
 * never a command line; and nothing at all (the list answers 404) when the demo is off.
 */
describe('demo people panel on the sign-in pages', async () => {
  const dir = (n: string) => fs.mkdtempSync(path.join(os.tmpdir(), `lt-demo-${n}-`));
  const on = await testRuntime({ env: { DATA_DIR: dir('on') } });
  const off = await testRuntime({ env: { DATA_DIR: dir('off'), SEED_DEMO: 'false' } });
  after(async () => {
    await on.app.close();
    await off.app.close();
  });

  it('lists the demo people in the panel while the demo is on, with no command line', async () => {
    const page = await on.app.inject({ url: '/dang-nhap' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Dành cho bản trình diễn/);
    assert.match(page.body, /tn\.viettri/);
    assert.match(page.body, /025085012345/);
    assert.doesNotMatch(page.body, /lienthong demo|npx|\/api\/v1\/auth\/me/);
    const list = await on.app.inject({ url: '/api/v1/demo/people' });
    assert.equal(list.statusCode, 200);
    const body = list.json() as { officials: { username: string }[]; citizens: { personalId: string }[] };
    assert.ok(body.officials.some((o) => o.username === 'ld.viettri'));
    assert.equal(body.citizens.length, 6);
  });

  it('shows no panel and answers 404 when the demo is off', async () => {
    const page = await off.app.inject({ url: '/dang-nhap' });
    assert.doesNotMatch(page.body, /Dành cho bản trình diễn|tn\.viettri/);
    const list = await off.app.inject({ url: '/api/v1/demo/people' });
    assert.equal(list.statusCode, 404);
    assert.equal(list.json().code, 'demo-off');
  });
});
