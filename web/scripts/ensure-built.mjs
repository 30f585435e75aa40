#!/usr/bin/env node
// Run before `npm start` (the `prestart` script): generates the web's API types when the server's sources
// changed (web/scripts/api-types.mjs), and builds the web front end when web/dist is missing or older
// than any of its sources, so that `npm install && npm start` does everything on a fresh clone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { apiTypesAreStale } from './api-types.mjs';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(webDir, '..');
const stamp = path.join(webDir, 'dist', '.build-stamp');

export function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

export function webBuildIsStale() {
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(webDir, 'dist', 'index.html'))) return 'chưa có web/dist';
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'scripts/build.mjs'].map((p) => path.join(webDir, p));
  inputs.push(path.join(root, 'package-lock.json'));
  const changed = inputs.find((p) => newest(p) > built);
  return changed ? `${path.relative(root, changed)} mới hơn bản build` : null;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // The types are for type-checking and editors only (the bundle does not need them): an installation
  // without development packages skips them, and a failure is reported without stopping the start.
  let generator = true;
  try {
    createRequire(import.meta.url).resolve('openapi-typescript');
  } catch {
    generator = false;
  }
  if (generator && apiTypesAreStale()) {
    const r = spawnSync(process.execPath, [path.join(webDir, 'scripts', 'api-types.mjs')], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) process.stderr.write('[web] cảnh báo: chưa sinh được web/src/api/schema.d.ts (xem lỗi ở trên); nền tảng vẫn khởi động\n');
  }
  const reason = webBuildIsStale();
  if (reason) {
    process.stderr.write(`[web] build giao diện web (${reason})…\n`);
    const r = spawnSync(process.execPath, [path.join(webDir, 'scripts', 'build.mjs'), '--no-typecheck'], { stdio: 'inherit', cwd: root });
    process.exit(r.status ?? 1);
  }
}
