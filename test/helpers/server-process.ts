import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(p));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Polls http://127.0.0.1:port/readyz until it answers 200 (true) or the process exits or time runs out (false). */
  ready(port: number, maxMs?: number): Promise<boolean>;
}

/** Starts a platform process (`node <args>`) with its output captured. */
export function startServer(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string }): ServerProcess {
  const child = spawn(process.execPath, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    async ready(port, maxMs = 240_000) {
      for (const start = Date.now(); Date.now() - start < maxMs && child.exitCode === null; ) {
        await new Promise((r) => setTimeout(r, 200));
        if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false)) return true;
      }
      return false;
    },
  };
}
