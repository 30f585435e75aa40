import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { describe, it } from 'node:test';
import { freePort, startServer } from './helpers/server-process.ts';

/**
 * Starts the real command (`lienthong serve`) on an empty data directory without demo data, checks it
 * answers, then sends SIGTERM and checks it stops cleanly (server closed, database closed, exit code 0).
 *
 * @embedded-only: the server runs on its embedded database (no DATABASE_URL) in every pass of the suite.
 */
describe('lienthong serve', () => {
  it('starts on an empty data directory and stops gracefully on SIGTERM', { timeout: 300_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-serve-'));
    const port = await freePort();
    const server = startServer(['bin/lienthong.js', 'serve'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info', DATABASE_URL: '' },
    });
    const { child } = server;
    try {
      assert.ok(await server.ready(port, 280_000), `the server did not become ready:\n${server.output()}`);
      assert.equal((await fetch(`http://127.0.0.1:${port}/openapi.json`)).status, 200);
      child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /đã dừng/);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('exits with a clear message, leaving nothing running, when the port is taken', { timeout: 300_000 }, async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-serve-'));
    try {
      const child = spawn(process.execPath, ['bin/lienthong.js', 'serve'], {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'silent', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      assert.equal(code, 1);
      assert.match(err, new RegExp(`cổng ${port} đang được một chương trình khác sử dụng`));
    } finally {
      blocker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
