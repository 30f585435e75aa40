#!/usr/bin/env node
// The production build (`npm run build`): the server compiled from TypeScript to JavaScript in dist/ (run
// with `node dist/cli.js serve`, no TypeScript loader), and the web front end in web/dist.
//
//   node scripts/build.mjs                       build both
//   node scripts/build.mjs --if-stale            build only what is older than its sources (`npm start` runs this first)
//   node scripts/build.mjs --server [--out-dir d] the server only (the build test writes to a scratch directory)
//
// The server build: tsc with tsconfig.build.json (relative `.ts` imports are rewritten to `.js`), then every
// file under src/ that is not TypeScript (SQL migrations, name lists…) is copied beside the compiled code,
// since the modules find them relative to themselves. Reference data (reference/) and the web build
// (web/dist) are found from the project root, which the code locates from its package.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { newest } from '../web/scripts/ensure-built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const serverOnly = args.includes('--server');
const outArg = args.indexOf('--out-dir');
const outDir = path.resolve(root, outArg >= 0 ? args[outArg + 1] ?? 'dist' : 'dist');
const STAMP = '.build-stamp';
const log = (msg) => process.stderr.write(`[build] ${msg}\n`);

/** Why the server build in `dir` is out of date, or null when it is current. */
export function serverBuildIsStale(dir = outDir) {
  const stamp = path.join(dir, STAMP);
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(dir, 'cli.js'))) return `chưa có ${path.relative(root, dir)}/cli.js`;
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) => path.join(root, p));
  const changed = inputs.find((p) => newest(p) > built);
  return changed ? `${path.relative(root, changed)} mới hơn bản build` : null;
}

function hasBuildTools() {
  try {
    createRequire(import.meta.url).resolve('typescript/package.json');
    return true;
  } catch {
    return false;
  }
}

function copyAssets(from, to) {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    if (e.isDirectory()) copyAssets(src, dst);
    else if (!e.name.endsWith('.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}

function buildServer() {
  const t0 = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    log('biên dịch TypeScript của máy chủ thất bại');
    process.exit(r.status ?? 1);
  }
  copyAssets(path.join(root, 'src'), outDir);
  fs.writeFileSync(path.join(outDir, STAMP), `${new Date().toISOString()}\n`);
  log(`đã build máy chủ vào ${path.relative(root, outDir)}/ trong ${((Date.now() - t0) / 1000).toFixed(1)} giây`);
}

function run(script, extra = []) {
  const r = spawnSync(process.execPath, [path.join(root, script), ...extra], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (ifStale) {
    const reason = serverBuildIsStale();
    if (reason && !hasBuildTools()) {
      // an installation without development packages (npm ci --omit=dev) runs what was built
      if (fs.existsSync(path.join(outDir, 'cli.js'))) log(`cảnh báo: ${reason}, nhưng chưa cài công cụ build; dùng bản build hiện có`);
      else {
        log('chưa có bản build (dist/) và chưa cài công cụ build: chạy `npm install` rồi `npm run build`');
        process.exit(1);
      }
    } else if (reason) {
      log(`build máy chủ (${reason})…`);
      buildServer();
    }
    if (!serverOnly && hasBuildTools()) run('web/scripts/ensure-built.mjs');
  } else {
    buildServer();
    if (!serverOnly) run('web/scripts/build.mjs');
  }
}
