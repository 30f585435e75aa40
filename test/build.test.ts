import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, startServer } from './helpers/server-process.ts';

/**
 * The production build: `npm run build` compiles the server to JavaScript (scripts/build.mjs, the same
 * script, server part, into a scratch directory here) and the result runs with plain Node — no TypeScript
 * loader — under NODE_ENV=production, finding its migrations and reference data, and answering /readyz.
 * What the built server imports is declared in `dependencies`: build tools (tsx, vite, TypeScript, React)
 * are development packages only.
 *
 * @embedded-only: the server runs on its embedded database (no DATABASE_URL) in every pass of the suite.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The packages a JavaScript file imports (static, dynamic, require, require.resolve). */
function importedPackages(code: string): string[] {
  const out = new Set<string>();
  const statements = /^\s*(?:import\s[^'";]*?from\s*|import\s*|export\s[^'";]*?from\s*)(['"])([^'"\n]+)\1/gm;
  const calls = /\b(?:import|require|require\.resolve)\(\s*(['"])([^'"\n]+)\1\s*\)/g;
  for (const m of [...code.matchAll(statements), ...code.matchAll(calls)]) {
    const spec = m[2]!;
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/|$)/i.test(spec)) continue;
    out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...out];
}

describe('production build', () => {
  const outDir = path.join(root, 'tmp', `build-test-${process.pid}`);
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('compiles the server to JavaScript with the files it reads beside it', { timeout: 300_000 }, () => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--server', '--out-dir', path.relative(root, outDir)], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(outDir, 'cli.js')));
    const files = walk(outDir).map((f) => path.relative(outDir, f));
    assert.ok(!files.some((f) => f.endsWith('.ts')), 'no TypeScript in the build');
    for (const dir of fs.readdirSync(path.join(root, 'src', 'modules'))) {
      const migrations = path.join(root, 'src', 'modules', dir, 'migrations');
      if (!fs.existsSync(migrations)) continue;
      for (const sql of fs.readdirSync(migrations)) assert.ok(files.includes(path.join('modules', dir, 'migrations', sql)), `migration ${dir}/${sql} missing from the build`);
    }
    const js = walk(outDir).filter((f) => f.endsWith('.js'));
    for (const f of js) assert.doesNotMatch(fs.readFileSync(f, 'utf8'), /from\s+['"]\.{1,2}\/[^'"]+\.ts['"]/, `${path.relative(outDir, f)} imports a .ts file`);
  });

  it('imports only runtime dependencies (build tools are development packages)', () => {
    for (const tool of ['tsx', 'vite', '@vitejs/plugin-react', 'typescript', 'react', 'react-dom']) {
      assert.ok(!(tool in pkg.dependencies), `${tool} is a runtime dependency`);
    }
    assert.ok(!('@fastify/csrf-protection' in pkg.dependencies), 'an unused CSRF plugin is declared');
    const used = new Set<string>();
    for (const f of walk(outDir).filter((x) => x.endsWith('.js'))) for (const p of importedPackages(fs.readFileSync(f, 'utf8'))) used.add(p);
    assert.ok(used.has('fastify') && used.has('zod'), [...used].join(', '));
    const undeclared = [...used].filter((p) => !(p in pkg.dependencies));
    assert.deepEqual(undeclared, [], `the built server imports packages that are not runtime dependencies: ${undeclared.join(', ')}`);
  });

  it('runs with plain Node under NODE_ENV=production, answers /readyz and stops on SIGTERM', { timeout: 300_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-build-'));
    const port = await freePort();
    // from another working directory, with no loader: the build finds its files by itself
    const server = startServer([path.join(outDir, 'cli.js'), 'serve'], {
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
    });
    const { child } = server;
    try {
      assert.ok(await server.ready(port), `the built server did not become ready:\n${server.output()}`);
      const units = await fetch(`http://127.0.0.1:${port}/api/v1/units?q=viet+tri&page_size=1`);
      assert.equal(units.status, 200, 'the reference data was imported from the build');
      child.kill('SIGTERM');
      assert.equal(await server.exited, 0, server.output());
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
