/**
 * npm run bench:web — how light the citizen pages are for a phone on a weak connection.
 *
 * Starts the platform as the README does (demo seeded, web built), drives Debian's Chromium and
 * measures, on a fresh browser profile (nothing cached):
 *   home_kb, procedure_page_kb   bytes transferred (compressed, headers included) until the page shows
 *                                its content and the network is idle: HTML, JavaScript, API answers;
 *   home_slow3g_ms               first contentful paint of the home page under Chromium DevTools'
 *                                "Slow 3G" preset (2,000 ms latency, 50,000 B/s down and up), median of 3;
 *   home_slow3g_ready_ms         when the page has become interactive (React hydrated) under the same;
 * and, in the same run, baselines:
 *   baseline_spa_slow3g_ms       first contentful paint of a page served WITHOUT the prerendered HTML
 *                                (the back office's sign-in page: a plain single-page application);
 *   office_kb                    the back office's first load (its code is split away from the portal);
 *   home_repeat_kb               the home page again with the browser cache warm.
 * Targets: home and procedure page under 200 KB, home first paint under 4 s on Slow 3G.
 * Writes bench/results/web.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, newContext, root, startPlatform } from '../test/e2e/browser.ts';

const SLOW_3G = { offline: false, latency: 400 * 5, downloadThroughput: ((500 * 1000) / 8) * 0.8, uploadThroughput: ((500 * 1000) / 8) * 0.8 };
const PROCEDURE = process.env.BENCH_PROCEDURE ?? '1.001193';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Transfer {
  bytes: number;
  requests: number;
  /** Bytes by kind of resource: html, js, css, api, other. */
  byKind: Record<string, number>;
}

/**
 * Bytes on the wire (CDP `encodedDataLength`: compressed body plus headers) for one visit, until the page
 * shows what it is for (`ready` selector) and the network is idle.
 */
async function transferred(browser: Browser, baseURL: string, url: string, ready: string, { warm = false } = {}): Promise<Transfer> {
  const ctx = await newContext(browser, { baseURL, mobile: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  if (warm) {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator(ready).first().waitFor();
  }
  const urls = new Map<string, string>();
  const t: Transfer = { bytes: 0, requests: 0, byKind: {} };
  cdp.on('Network.responseReceived', (e: { requestId: string; response: { url: string } }) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const u = new URL(urls.get(e.requestId) ?? baseURL);
    const kind = u.pathname.startsWith('/api/') ? 'api' : u.pathname.endsWith('.js') ? 'js' : u.pathname.endsWith('.css') ? 'css' : /\.(svg|png|ico|txt)$/.test(u.pathname) ? 'other' : 'html';
    t.bytes += e.encodedDataLength;
    t.requests++;
    t.byKind[kind] = (t.byKind[kind] ?? 0) + e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await ctx.close();
  return t;
}

async function paintTimes(browser: Browser, baseURL: string, url: string): Promise<{ fcp: number; ready: number | null }> {
  const ctx = await newContext(browser, { baseURL, mobile: true });
  const page: Page = await ctx.newPage();
  const cdp: CDPSession = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => document.documentElement.dataset.ready === '1', undefined, { timeout: 120_000 }).catch(() => undefined);
  const t = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1,
    ready: performance.getEntriesByName('lt-ready')[0]?.startTime ?? null,
  }));
  await ctx.close();
  return t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const skip = browserSkipReason();
  if (skip) {
    console.log(skip);
    return;
  }
  // BENCH_BASE_URL=http://… measures a platform that is already running (its web must be current)
  const external = process.env.BENCH_BASE_URL;
  if (!external) console.log('Khởi động nền tảng (dữ liệu mẫu, build giao diện web nếu cần)…');
  const platform = external ? null : await startPlatform({ LOG_LEVEL: 'error' });
  const browser = await launchBrowser();
  try {
    const base = external ?? platform!.url;
    // each page is measured once it shows what it is for
    const home = await transferred(browser, base, '/', 'html[data-ready] h1');
    const proc = await transferred(browser, base, `/thu-tuc/${PROCEDURE}`, '.due');
    const office = await transferred(browser, base, '/can-bo/dang-nhap', '#username');
    const repeat = await transferred(browser, base, '/', 'html[data-ready] h1', { warm: true });
    const homeRuns: { fcp: number; ready: number | null }[] = [];
    const spaRuns: { fcp: number; ready: number | null }[] = [];
    for (let i = 0; i < RUNS; i++) {
      homeRuns.push(await paintTimes(browser, base, '/'));
      spaRuns.push(await paintTimes(browser, base, '/can-bo/dang-nhap'));
    }
    const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
    const metrics = {
      home_kb: kb(home.bytes),
      procedure_page_kb: kb(proc.bytes),
      home_slow3g_ms: Math.round(median(homeRuns.map((r) => r.fcp))),
      home_slow3g_ready_ms: Math.round(median(homeRuns.map((r) => r.ready ?? -1))),
      baseline_spa_slow3g_ms: Math.round(median(spaRuns.map((r) => r.fcp))),
      office_kb: kb(office.bytes),
      home_repeat_kb: kb(repeat.bytes),
      home_requests: home.requests,
      procedure_page_requests: proc.requests,
      procedure_page_api_kb: kb(proc.byKind.api ?? 0),
      home_js_kb: kb(home.byKind.js ?? 0),
    };
    const result = {
      name: 'web',
      date: new Date().toISOString(),
      environment: { chromium: browser.version(), node: process.version, network: 'DevTools Slow 3G: 2000 ms latency, 50 000 B/s down/up', viewport: '360×780', runs: RUNS, procedure: PROCEDURE },
      targets: { home_kb: '< 200', procedure_page_kb: '< 200', home_slow3g_ms: '< 4000' },
      metrics,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'web.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(`Trang chủ:             ${metrics.home_kb} KB (${metrics.home_requests} yêu cầu)   mục tiêu < 200 KB`);
    console.log(`Trang thủ tục:         ${metrics.procedure_page_kb} KB (${metrics.procedure_page_requests} yêu cầu, trong đó API ${metrics.procedure_page_api_kb} KB)   mục tiêu < 200 KB`);
    console.log(`Slow 3G, trang chủ:    nội dung đầu tiên ${metrics.home_slow3g_ms} ms (mục tiêu < 4000 ms), tương tác được ${metrics.home_slow3g_ready_ms} ms`);
    console.log(`Đối chứng SPA thuần:   nội dung đầu tiên ${metrics.baseline_spa_slow3g_ms} ms (trang không dựng sẵn HTML)`);
    console.log(`Một cửa (cán bộ):      ${metrics.office_kb} KB lần đầu; trang chủ lần sau (đã có cache): ${metrics.home_repeat_kb} KB`);
    console.log('Đã ghi bench/results/web.json');
  } finally {
    await browser.close();
    await platform?.stop();
  }
}

await main();
