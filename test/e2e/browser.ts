/**
 * Shared machinery of the browser tests: the platform started the way the README starts it (a real
 * `lienthong serve` process on a temporary data directory with the demo seeded), Debian's Chromium
 * driven by playwright-core (never a downloaded browser), axe-core on every page, screenshots.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { forgetOldCopies, sourcesHash, TEST_CACHE } from '../helpers/db.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Why the browser tests cannot run here (printed plainly by the test), or null. */
export function browserSkipReason(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `Bỏ qua kiểm thử trình duyệt: không có Chromium tại ${CHROMIUM} (cài bằng: apt-get install chromium).`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Platform {
  url: string;
  dataDir: string;
  env: Record<string, string>;
  /** Runs the `lienthong` CLI against the same configuration (for commands that do not open the database). */
  cli(args: string[]): string;
  stop(): Promise<void>;
  log(): string;
}

/** Runs fn while holding a lock (a directory made atomically) that other test processes wait for; a lock older than 15 minutes is stale. */
function whileHolding<T>(lock: string, fn: () => T): T {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * A data directory holding the reference data and, with `demo`, the demo province (`lienthong seed`, the
 * demo's history left to the server), made once per version of the sources (seededDb's hash) — and, for the
 * demo, per day, since its dossiers are dated from today — then copied for each platform: every browser
 * file would otherwise spend the same half-minute creating and seeding it. The serve process seeds again (a
 * quick check that finds everything there); the first start on an empty directory is tested by
 * test/serve.test.ts.
 */
export function seededDataDir(demo: boolean): string {
  const day = demo ? `_demo_${new Date().toISOString().slice(0, 10)}` : '';
  const dir = path.join(TEST_CACHE, `datadir_${sourcesHash().slice(0, 16)}${day}`);
  if (fs.existsSync(dir)) return dir;
  return whileHolding(`${dir}.lock`, () => (fs.existsSync(dir) ? dir : makeSeededDataDir(dir, demo)));
}

function makeSeededDataDir(dir: string, demo: boolean): string {
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DATA_DIR: tmp, LOG_LEVEL: 'warn', NODE_ENV: 'test', DEMO_HISTORY_DOSSIERS: '0' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, 'bin/lienthong.js'), 'seed', ...(demo ? [] : ['--no-demo'])], { cwd: root, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `lienthong seed${demo ? '' : ' --no-demo'}: ${r.stderr}`);
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another file made it meanwhile
  }
  forgetOldCopies();
  return dir;
}

/** Builds the web if needed, then starts `node bin/lienthong.js serve` and waits for /readyz. */
export async function startPlatform(extraEnv: Record<string, string> = {}): Promise<Platform> {
  // two browser files starting side by side on a fresh clone would both build web/dist at once
  const build = whileHolding(path.join(os.tmpdir(), `lienthong-web-build-${sourcesHash().slice(0, 8)}.lock`), () =>
    spawnSync(process.execPath, [path.join(root, 'web/scripts/ensure-built.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  assert.equal(build.status, 0, 'the web front end must build');
  // built under the test runner's NODE_ENV=test too, web/dist must hold React's production build
  const assets = path.join(root, 'web/dist/assets');
  const entry = fs.readdirSync(assets).find((f) => /^index-.*\.js$/.test(f));
  assert.match(fs.readFileSync(path.join(assets, entry!), 'utf8'), /react\.dev\/errors\//, 'web/dist holds a development build of React');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-e2e-'));
  // the demo's own settings (names, sizes) would be ignored by a copy: a suite that sets any starts from the reference data
  const demo = (extraEnv.SEED_DEMO ?? 'true') === 'true' && !Object.keys(extraEnv).some((k) => k.startsWith('DEMO_'));
  if (!extraEnv.DATA_DIR) fs.cpSync(seededDataDir(demo), dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    PUBLIC_URL: url,
    NODE_ENV: 'test',
    // every test signs in several people from one address: the sign-in rate limit is not under test here
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // the demo's twelve months of history are made in the background after start-up: not here, where the
    // browser tests need the two cores (a test that wants it passes DEMO_HISTORY_DOSSIERS)
    DEMO_HISTORY_DOSSIERS: '0',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/lienthong.js'), 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode}) before it was ready:\n${output.slice(-4000)}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the platform was not ready in time:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    env,
    cli: (args) => {
      const r = spawnSync(process.execPath, [path.join(root, 'bin/lienthong.js'), ...args], { cwd: root, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`lienthong ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; `extraArgs` such as `--kiosk` go after the usual ones. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/** A fresh context (own cookies) with Vietnamese locale; `mobile` = a 360-pixel-wide phone. */
export async function newContext(browser: Browser, opts: { mobile?: boolean; baseURL: string }): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: opts.baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: opts.mobile ? { width: 360, height: 780 } : { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
}

/** Errors the page logged (console errors other than expected HTTP failures, uncaught exceptions). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export const visited: { page: string; violations: number }[] = [];

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and fails on any serious or
 * critical violation, naming the rule and the elements.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  visited.push({ page: label, violations: bad.length });
  const text = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`).join('\n')}`).join('\n');
  assert.equal(bad.length, 0, `axe-core on "${label}" (${page.url()}):\n${text}`);
}

const SHOTS = path.join(root, 'test-results', 'screenshots');

/**
 * Saves a screenshot to test-results/screenshots/, and to docs/screenshots/ (the README's pictures)
 * when UPDATE_SCREENSHOTS=1, so that a normal test run leaves the tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const docs = path.join(root, 'docs', 'screenshots');
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${name}.png`));
  }
}

/** Counts the clicks and key presses a person makes through `page` (for the counter's "few clicks"). */
export class ClickCounter {
  clicks = 0;
  keys = 0;
  constructor(private readonly page: Page) {}
  async click(selector: string | ReturnType<Page['locator']>) {
    this.clicks++;
    if (typeof selector === 'string') await this.page.click(selector);
    else await selector.click();
  }
  async fill(locator: ReturnType<Page['locator']>, text: string) {
    this.clicks++; // focusing the field
    await locator.fill(text);
  }
}
