#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner (through tsx), and says plainly
// which suites are skipped on this machine and why.
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseUsers } from './test-uses-database.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2);

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}

let files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'test'))].sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));

// one walk of the import graph, memoised, serves the PostgreSQL pass's choice and the order below
const usesDatabase = databaseUsers(root);
const isBrowserFile = (f) => f.startsWith('test/e2e/') && /from '\.\/(browser|flows)\.ts'/.test(fs.readFileSync(path.join(root, f), 'utf8'));
const notes = [];
if (process.env.TEST_DATABASE_URL) {
  notes.push(`Cơ sở dữ liệu: PostgreSQL (${process.env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//')}) — mỗi tệp kiểm thử tạo và xoá một database riêng.`);
  // The browser tests start the platform exactly as the README does (embedded PGlite), whatever the
  // database of this pass: running them again here would repeat the PGlite pass, so they run once.
  const browserFiles = files.filter(isBrowserFile);
  if (browserFiles.length) {
    files = files.filter((f) => !browserFiles.includes(f));
    notes.push(`Bỏ qua kiểm thử trình duyệt ở lượt PostgreSQL (${browserFiles.join(', ')}): chúng khởi động nền tảng như README (PGlite nhúng) và đã chạy ở lượt PGlite.`);
  }
  // Files that start the platform on the embedded database whatever the pass say so with the tag
  // `@embedded-only` and a reason: this pass would only repeat them.
  const embeddedFiles = files.filter((f) => /@embedded-only\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
  if (embeddedFiles.length) {
    files = files.filter((f) => !embeddedFiles.includes(f));
    notes.push(`Bỏ qua ở lượt PostgreSQL các tệp chỉ chạy trên PGlite nhúng (${embeddedFiles.join(', ')}): đã chạy ở lượt PGlite.`);
  }
  // A file that imports no database layer, driver or TEST_DATABASE_URL (scripts/test-uses-database.mjs)
  // runs here exactly as in the PGlite pass.
  const noDatabase = files.filter((f) => !usesDatabase(f));
  if (noDatabase.length) {
    files = files.filter((f) => usesDatabase(f));
    notes.push(`Bỏ qua ở lượt PostgreSQL ${noDatabase.length} tệp không mở cơ sở dữ liệu nào (không nhập src/platform/db.ts hay trình điều khiển): chạy như ở lượt PGlite.`);
  }
}
else notes.push('Cơ sở dữ liệu: PGlite nhúng. Bỏ qua lượt chạy trên PostgreSQL: chưa đặt TEST_DATABASE_URL (.ci/run chạy lại toàn bộ bộ kiểm thử trên máy chủ PostgreSQL).');
// The longest files start first (browser files, then those with a database, then pure code), so that the
// two workers do not end with one long file running alone: the sorted order put the browser files last.
{
  const rank = (f) => (isBrowserFile(f) ? 0 : usesDatabase(f) ? 1 : 2);
  files = files.map((f) => [rank(f), f]).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)).map(([, f]) => f);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) notes.push(`Bỏ qua kiểm thử trình duyệt: không có Chromium tại ${chromium} (cài bằng: apt-get install chromium).`);
let pdfsig = true;
try { execFileSync('pdfsig', ['-v'], { stdio: 'ignore' }); } catch { pdfsig = false; }
if (!pdfsig) notes.push('Bỏ qua kiểm tra chữ ký bằng pdfsig: chưa cài poppler-utils.');
for (const n of notes) console.log(`# ${n}`);

// The web's API types are generated from the platform's OpenAPI document (docs/adr/0053), then both
// projects are type-checked: a server schema the web no longer matches fails here.
const steps = [
  [['web/scripts/api-types.mjs', '--if-stale'], 'Không sinh được kiểu API cho web (web/src/api/schema.d.ts).'],
  [['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], 'Kiểm tra kiểu TypeScript thất bại.'],
  [['node_modules/typescript/bin/tsc', '-p', 'web/tsconfig.json'], 'Kiểm tra kiểu TypeScript của web/ thất bại (so với kiểu API sinh từ máy chủ).'],
];
// TEST_TYPECHECK=0 skips it (CI's PostgreSQL pass: the PGlite pass just checked the same sources)
if (process.env.TEST_TYPECHECK === '0') {
  steps.length = 0;
  notes.push('Bỏ qua kiểm tra kiểu (TEST_TYPECHECK=0): lượt trước đã kiểm tra cùng mã nguồn.');
}
for (const [args, failure] of steps) {
  const r = spawnSync(process.execPath, [path.join(root, args[0]), ...args.slice(1)], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error(failure);
    process.exit(r.status ?? 1);
  }
}

if (files.length === 0) {
  // node --test without files would look for tests of its own
  for (const n of notes) console.log(`# ${n}`);
  console.log(`# Không có tệp kiểm thử nào để chạy${only.length ? ` (lọc: ${only.join(', ')})` : ''}.`);
  process.exit(only.length ? 0 : 1);
}

const r = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout',
    // TEST_TIMINGS=<file>: also the seconds each test file took, slowest first
    ...(process.env.TEST_TIMINGS ? ['--test-reporter=./scripts/test-timings-reporter.mjs', `--test-reporter-destination=${process.env.TEST_TIMINGS}`] : []),
    ...files,
  ],
  { stdio: 'inherit', cwd: root, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', NODE_ENV: 'test' } },
);
for (const n of notes) console.log(`# ${n}`);
process.exit(r.status ?? 1);
