import crypto from 'node:crypto';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, startServer } from './server-process.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A national-system sandbox started exactly as the README does (`lienthong sandbox <kind>`), as a separate
 * process on a free port with its own random key; stopped after the test file. `call` reaches it over HTTP.
 */
export async function sandboxProcess(kind: 'dvcqg' | 'population' | 'ndxp'): Promise<{ url: string; key: string; call: (method: string, p: string, body?: unknown) => Promise<{ status: number; body: any }> }> {
  const port = await freePort();
  const key = crypto.randomBytes(12).toString('hex');
  const proc = startServer([path.join(root, 'bin', 'lienthong.js'), 'sandbox', kind, '--port', String(port), '--key', key], { env: { ...process.env, LOG_LEVEL: 'silent' }, cwd: root });
  after(async () => {
    proc.child.kill('SIGTERM');
    await proc.exited;
  });
  if (!(await proc.ready(port, 60_000))) throw new Error(`sandbox ${kind} did not start:\n${proc.output()}`);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    key,
    async call(method, p, body) {
      const r = await fetch(`${url}${p}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
}
