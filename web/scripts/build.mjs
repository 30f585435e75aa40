#!/usr/bin/env node
// Builds the web front end into web/dist:
//   1. type-checks web/ against the API types generated from the platform's OpenAPI document (both
//      skipped with --no-typecheck, as `npm start` does: the bundle does not need the types);
//   2. bundles it with Vite (code-split: citizen pages, signed-in pages, back office);
//   3. renders the home page (and an empty citizen frame) to HTML with React on the server side, so
//      that a visitor on a weak connection sees the page and can search before the JavaScript arrives;
//   4. inlines the one small stylesheet into the HTML (no render-blocking request);
//   5. writes Brotli and gzip copies that the platform serves as they are (no compression per request).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(webDir, '..');
const dist = path.join(webDir, 'dist');
const t0 = Date.now();
const log = (msg) => process.stderr.write(`[web] ${msg}\n`);

if (!process.argv.includes('--no-typecheck')) {
  const gen = spawnSync(process.execPath, [path.join(webDir, 'scripts', 'api-types.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(webDir, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    log('kiểm tra kiểu TypeScript của web/ thất bại');
    process.exit(r.status ?? 1);
  }
}

// Always the production bundle: a caller's NODE_ENV (the test runner sets `test`) would otherwise give
// React's development build, four times larger and slower, and leave it in web/dist for `npm start`.
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
await build({ configFile: path.join(webDir, 'vite.config.ts'), mode: 'production', logLevel: process.env.VITE_LOG_LEVEL ?? 'warn' });
// The server renderer of the public pages (search, procedure): the same components, bundled for Node
// (web/dist/ssr/render.mjs, imported by the web module; React comes from node_modules).
await build({
  configFile: path.join(webDir, 'vite.config.ts'),
  mode: 'production',
  logLevel: process.env.VITE_LOG_LEVEL ?? 'warn',
  build: {
    ssr: path.join(webDir, 'src/ssr.tsx'),
    outDir: path.join(dist, 'ssr'),
    emptyOutDir: false,
    copyPublicDir: false,
    rollupOptions: { output: { entryFileNames: 'render.mjs', chunkFileNames: '[name]-[hash].mjs', format: 'es' } },
  },
});

// Render the pages that are served as static HTML.
const { tsImport } = await import('tsx/esm/api');
const { prerender } = await tsImport(pathToFileURL(path.join(webDir, 'src/prerender.tsx')).href, {
  parentURL: import.meta.url,
  tsconfig: path.join(webDir, 'tsconfig.json'),
});
const { SHELL_PATH } = await tsImport(pathToFileURL(path.join(webDir, 'src/App.tsx')).href, {
  parentURL: import.meta.url,
  tsconfig: path.join(webDir, 'tsconfig.json'),
});

const template = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
// Inline the stylesheet(s): one request less before the first paint.
const inlined = template.replace(/<link rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"[^>]*>/g, (_, href) => {
  const css = fs.readFileSync(path.join(dist, href), 'utf8');
  return `<style>${css.replaceAll('</style', '<\\/style')}</style>`;
});
if (!inlined.includes('<div id="root"></div>')) throw new Error('web/index.html must contain <div id="root"></div>');
const page = (html, at) => inlined.replace('<div id="root"></div>', at ? `<div id="root" data-prerendered="${at}">${html}</div>` : '<div id="root"></div>');
fs.writeFileSync(path.join(dist, 'index.html'), page(prerender('/'), '/'));
fs.writeFileSync(path.join(dist, 'app.html'), page(prerender(SHELL_PATH), SHELL_PATH));
fs.writeFileSync(path.join(dist, 'office.html'), page('', null));
// the frame the server fills with a page it renders per request (web/src/ssr.tsx)
fs.writeFileSync(path.join(dist, 'ssr', 'template.html'), inlined);

// Compressed copies.
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of walk(dist)) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(file) || file.startsWith(path.join(dist, 'ssr'))) continue;
  const data = fs.readFileSync(file);
  if (data.length < 512) continue;
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
}

const sizes = walk(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js.br') || f.endsWith('.css.br'))
  .map((f) => `${path.basename(f, '.br')} ${(fs.statSync(f).size / 1024).toFixed(1)} KB`);
fs.writeFileSync(path.join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
log(`đã build giao diện web vào web/dist trong ${((Date.now() - t0) / 1000).toFixed(1)} giây (brotli: ${sizes.join(', ')})`);
