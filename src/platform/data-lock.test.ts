import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from './data-lock.ts';
import { openPglite } from './db.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-lock-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('one process at a time on an embedded data directory', () => {
  it('a second holder is refused with a Vietnamese explanation naming the holder, and the lock is free again after release', () => {
    const file = path.join(dir, 'a.lock');
    const release = lockDataDir(file, 'serve');
    assert.throws(
      () => lockDataDir(file, 'mdm run'),
      (err: unknown) => err instanceof DataDirLockedError && err.holder?.pid === process.pid && /đang được một tiến trình khác mở \(PID \d+, lệnh "serve"/.test(err.message) && /DATABASE_URL/.test(err.message),
    );
    release();
    assert.equal(fs.existsSync(file), false);
    lockDataDir(file, 'mdm run')();
  });

  it('takes over a lock left by a process that is gone (a crash or kill -9)', () => {
    const file = path.join(dir, 'b.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(gone.stdout);
    fs.writeFileSync(file, JSON.stringify({ pid, host: os.hostname(), purpose: 'serve', since: '2026-01-01T00:00:00Z' }));
    const release = lockDataDir(file, 'seed');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid);
    release();
  });

  it('a release never removes a lock another process took meanwhile', () => {
    const file = path.join(dir, 'c.lock');
    const release = lockDataDir(file);
    fs.writeFileSync(file, JSON.stringify({ pid: 1, host: os.hostname(), purpose: 'serve', since: 'x' }));
    release();
    assert.equal(fs.existsSync(file), true);
  });

  it('PGlite on a directory: a second open is refused while the first is open, and allowed after close', async () => {
    const data = path.join(dir, 'pglite');
    const first = await openPglite(data);
    await assert.rejects(openPglite(data), DataDirLockedError);
    await first.close();
    const again = await openPglite(data);
    assert.deepEqual((await again.query<{ n: number }>('SELECT 1 AS n')).rows, [{ n: 1 }]);
    await again.close();
  });
});
