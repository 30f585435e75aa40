// The leaders' dashboard in a real browser (issue 11, "Done means"), against the platform started as the
// README starts it; every page visited is checked with axe-core.
//  1. Live update: a commune chairman watches the dashboard of their commune; a receiving officer receives
//     a dossier in another session; the figure changes without reloading the page (server-sent events).
//  2. Drill-down: the province administrator ranks the communes, opens a commune with late dossiers, its
//     late dossiers, and one dossier's page; the dashboard fits a 360-pixel phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, checkA11y, launchBrowser, screenshot, startPlatform, type Platform } from './browser.ts';
import { apiGet, apiLogin, assertFitsPhone, demoPeople, official, openSession, signInOfficial, type DemoPerson, type Session } from './flows.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('leaders dashboard in Chromium', { skip: skip ?? false, timeout: 10 * 60_000 }, () => {
  let platform: Platform | null = null;
  let base = process.env.E2E_BASE_URL ?? '';
  let browser: Browser;
  let people: DemoPerson[];
  const sessions: Session[] = [];
  const session = async (opts: { mobile?: boolean } = {}) => {
    const s = await openSession(browser, base, opts);
    sessions.push(s);
    return s;
  };
  const person = (username: string) => people.find((p) => p.username === username)!;

  before(async () => {
    people = demoPeople();
    if (!base) {
      platform = await startPlatform();
      base = platform.url;
    }
    browser = await launchBrowser();
  });

  after(async () => {
    for (const s of sessions) {
      if (s.errors.length) console.log(`# lỗi trang: ${s.errors.join(' | ')}`);
      await s.ctx.close().catch(() => undefined);
    }
    await browser?.close();
    await platform?.stop();
  });

  it('shows a commune chairman a figure change live when a dossier is received in another window', async () => {
    const leader = await session();
    await signInOfficial(leader, person('ld.viettri'), { form: false });
    const { page } = leader;
    await page.goto('/can-bo/dieu-hanh');
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
    await page.getByText('Đang cập nhật trực tiếp').waitFor();
    const received = page.getByTestId('index-received');
    await received.waitFor();
    const before = Number((await received.textContent())!.replace(/\D/g, ''));
    await checkA11y(page, 'bảng điều hành (xã)');

    // the receiving officer of the same ward receives a dossier at the counter (another window)
    const officer = await apiLogin(base, official(people, 'receiving_officer', '07900'));
    const r = await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: '1.001193', applicant: { fullName: 'Trần Văn Bình', idNumber: '025190001111' }, documents: [{ name: 'Tờ khai', copies: 1 }] }),
    });
    assert.equal(r.status, 201, await r.text());
    // no reload: the stream makes the page fetch again
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="index-received"]')?.textContent?.replace(/\D/g, '')) === n, before + 1, { timeout: 15_000 });
    await screenshot(page, 'dashboard-live');
  });

  it('lets the province drill down from the ranking to a late dossier, and fits a phone', async () => {
    const admin = person('qtv.tinh');
    const api = await apiLogin(base, admin);
    const year = String(new Date().getFullYear());
    const ranking = await apiGet<{ rows: { unit: { code: string; name: string }; late: number }[] }>(base, api, `/api/v1/analytics/ranking?level=commune&period=${year}`);
    assert.equal(ranking.status, 200);
    const withLate = ranking.body.rows.find((x) => x.late > 0);
    assert.ok(withLate, 'the demo has a commune with late dossiers');

    const s = await session();
    await signInOfficial(s, admin, { form: false });
    const { page } = s;
    await page.goto(`/can-bo/dieu-hanh?ky=${year}`);
    const table = page.getByTestId('ranking-table');
    await table.waitFor();
    const showAll = page.getByRole('button', { name: /Xem tất cả/ });
    if (await showAll.isVisible()) await showAll.click();
    await table.getByRole('link', { name: withLate.unit.name, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: new RegExp(`^Hồ sơ trễ hạn — ${withLate.unit.name}`) }).waitFor();
    const late = page.getByTestId('late-table');
    await late.waitFor();
    await checkA11y(page, 'bảng điều hành: hồ sơ trễ hạn của một xã');
    const first = late.getByRole('link').first();
    const code = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL((u) => u.pathname === `/can-bo/ho-so/${encodeURIComponent(code)}`);
    await page.waitForFunction((c) => document.title.includes(c), code);

    const phone = await session({ mobile: true });
    await signInOfficial(phone, admin, { form: false });
    await phone.page.goto(`/can-bo/dieu-hanh?ky=${year}`);
    await phone.page.getByTestId('ranking-table').waitFor();
    await assertFitsPhone(phone.page, 'bảng điều hành trên điện thoại');
    await checkA11y(phone.page, 'bảng điều hành (điện thoại)');
  });
});
