#!/usr/bin/env node
// The `lienthong` command.
//  - In production (NODE_ENV=production), and wherever the development packages are not installed, it runs
//    the build: dist/cli.js, compiled to JavaScript by `npm run build` (no TypeScript loader at run time).
//  - In development it runs the TypeScript sources through tsx, so that a change needs no build step.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli.js');

function hasTsx() {
  try {
    createRequire(import.meta.url).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

let cli;
if (process.env.NODE_ENV !== 'production' && hasTsx() && fs.existsSync(path.join(root, 'src', 'cli.ts'))) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import(pathToFileURL(path.join(root, 'src', 'cli.ts')).href);
} else if (fs.existsSync(built)) {
  cli = await import(pathToFileURL(built).href);
} else {
  process.stderr.write('Lỗi: chưa có bản build của máy chủ (dist/cli.js). Hãy chạy `npm install` rồi `npm run build`.\n');
  process.exit(1);
}
await cli.runCli(process.argv);
