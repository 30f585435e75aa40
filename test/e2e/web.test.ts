// The citizen portal and the back office in a real browser (Debian's Chromium through playwright-core),
// against the platform started as the README starts it. Every page visited is checked with axe-core.
// Screenshots of the main pages go to test-results/screenshots/ (and docs/screenshots/ with
// UPDATE_SCREENSHOTS=1). E2E_BASE_URL=http://… reuses a running platform instead of starting one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { vi } from '../../web/src/i18n/vi.ts';
import { browserSkipReason, checkA11y, launchBrowser, screenshot, startPlatform, visited, type Platform } from './browser.ts';
import { act, actIfOffered, apiAct, apiGet, apiLogin, assertFitsPhone, demoPeople, official, openSession, samplePdf, signInCitizen, signInOfficial, type DemoPerson, type Session } from './flows.ts';
import { simulateBankTransfer } from '../../src/platform/payments/webhook.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('web front end in Chromium', { skip: skip ?? false, timeout: 15 * 60_000 }, () => {
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
  const citizen = (i = 0) => people.filter((p) => p.kind === 'citizen')[i]!;

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
    console.log(`# axe-core: ${visited.length} trang đã kiểm tra, ${visited.reduce((n, v) => n + v.violations, 0)} vi phạm nghiêm trọng`);
  });

  it('finds a procedure in everyday words, with and without diacritics, and shows when a dossier submitted today is due', async () => {
    const s = await session();
    const { page } = s;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: vi.home.title }).waitFor();
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    await checkA11y(page, 'trang chủ');
    await screenshot(page, 'home');

    await page.getByLabel(vi.home.searchLabel).fill('khai sinh');
    await page.getByRole('button', { name: vi.home.searchButton }).click();
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).waitFor();
    await checkA11y(page, 'kết quả tìm kiếm');
    await screenshot(page, 'search');

    // without diacritics, as typed on a phone without a Vietnamese keyboard
    await page.goto('/thu-tuc?q=dang%20ky%20ket%20hon');
    await page.getByRole('link', { name: 'Thủ tục đăng ký kết hôn', exact: true }).waitFor();

    // browse by field from the home page
    await page.goto('/');
    await page.getByRole('link', { name: 'Hộ tịch', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộ tịch' }).waitFor();

    await page.goto('/thu-tuc?q=khai%20sinh');
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    const due = page.locator('.due strong');
    await due.waitFor();
    assert.match(await due.textContent() ?? '', /^Nộp hôm nay, dự kiến trả kết quả ngày (Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4}$/);
    await page.getByRole('heading', { name: vi.procedure.docsSubmit }).waitFor();
    await page.getByText(vi.procedure.whereAll).waitFor();
    await page.getByRole('link', { name: vi.procedure.apply }).waitFor();
    await checkA11y(page, 'trang thủ tục');
    await screenshot(page, 'procedure');
    assert.deepEqual(s.errors, []);
  });

  it('works on a 360-pixel-wide phone', async () => {
    const s = await session({ mobile: true });
    const { page } = s;
    for (const [url, name] of [['/', 'home-mobile'], ['/thu-tuc/1.001193', 'procedure-mobile'], ['/tra-cuu', null]] as const) {
      await page.goto(url);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      await assertFitsPhone(page, url);
      await checkA11y(page, `điện thoại ${url}`);
      if (name) await screenshot(page, name);
    }
  });

  it('lets an official sign in and see the inbox with its counts, filters and a dossier with only the actions allowed now', async () => {
    const officer = official(people, 'receiving_officer', '07900');
    const s = await session();
    const { page } = s;
    await page.goto('/can-bo');
    await page.waitForURL(/\/can-bo\/dang-nhap/);
    // a wrong password: the GOV.UK error summary, focused, linking to the field
    await page.getByLabel(vi.signIn.username).fill(officer.username!);
    await page.getByLabel(vi.signIn.password).fill('sai-mat-khau');
    await page.getByRole('button', { name: vi.signIn.button }).click();
    await page.getByRole('alert').getByText(vi.form.errorSummaryTitle).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), true);
    await checkA11y(page, 'đăng nhập cán bộ (lỗi)');
    await screenshot(page, 'office-sign-in-error');
    await page.getByLabel(vi.signIn.password).fill(officer.password);
    await page.getByRole('button', { name: vi.signIn.button }).click();
    await page.getByRole('heading', { level: 1, name: vi.office.inbox }).waitFor();
    await page.locator('.counts .n').first().filter({ hasNotText: '…' }).waitFor();
    for (const k of ['new', 'in_progress', 'due_soon', 'overdue']) await page.getByRole('link', { name: new RegExp(vi.office.counts[k]!) }).waitFor();
    await checkA11y(page, 'hộp hồ sơ');
    await screenshot(page, 'office-inbox');
    const first = page.locator('table a.mono').first();
    if (await first.count()) {
      await first.click();
      await page.getByRole('heading', { name: vi.office.actions }).waitFor();
      await page.getByRole('heading', { name: vi.office.timeline }).waitFor();
      await checkA11y(page, 'trang hồ sơ (cán bộ)');
      await screenshot(page, 'office-dossier');
    }
  });

  it('1. Đăng ký khai sinh online: apply → received → processed → approved and signed → the citizen downloads the signed result and rates it', async () => {
    const person = citizen(0);
    const c = await session();
    await signInCitizen(c, person);
    const { page } = c;
    await page.goto('/thu-tuc/1.001193');
    await page.getByRole('link', { name: vi.procedure.apply }).click();
    // step 1: prefilled from the identity provider
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[0] }).waitFor();
    assert.equal(await page.getByLabel(vi.apply.fullName).inputValue(), person.displayName);
    assert.equal(await page.getByLabel(vi.apply.idNumber).inputValue(), person.personalId ?? person.username);
    await page.getByRole('button', { name: vi.form.continue }).click();
    // the phone is missing: error summary and the message beside the field
    await page.getByRole('alert').getByRole('link', { name: vi.form.required(vi.apply.phone) }).waitFor();
    await checkA11y(page, 'nộp hồ sơ: lỗi');
    await page.getByLabel(vi.apply.phone).fill('0912345678');
    await page.getByRole('button', { name: vi.form.continue }).click();
    // step 2: an old address with a district, converted to the new commune and confirmed
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[1] }).waitFor();
    await page.getByLabel(vi.apply.addressLabel).fill('Số 5 đường Hùng Vương, phường Gia Cẩm, thành phố Việt Trì, tỉnh Phú Thọ');
    await page.getByRole('button', { name: vi.apply.convert }).click();
    await page.locator('#conversion').getByText('Phường Việt Trì').first().waitFor();
    await checkA11y(page, 'nộp hồ sơ: địa chỉ mới');
    await screenshot(page, 'apply-address');
    await page.getByLabel(vi.apply.confirmAddress).check();
    await page.getByRole('button', { name: vi.form.continue }).click();
    // step 3: uploads
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[2] }).waitFor();
    const files = page.locator('input[type=file]');
    for (let i = 0; i < (await files.count()); i++) await files.nth(i).setInputFiles(samplePdf());
    await page.getByRole('button', { name: vi.form.continue }).click();
    // step 4: review and submit
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[3] }).waitFor();
    await checkA11y(page, 'nộp hồ sơ: kiểm tra');
    await screenshot(page, 'apply-review');
    await page.getByLabel(vi.apply.declaration).check();
    await page.getByRole('button', { name: vi.apply.submit }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.receiptTitle }).waitFor();
    const code = (await page.locator('.panel .code').textContent())!.trim();
    assert.match(code, /^[A-Z]\d{2}(\.[0-9A-Z]+)*-\d{6}-\d{4}$/);
    await checkA11y(page, 'biên nhận nộp hồ sơ');
    await screenshot(page, 'apply-receipt');

    // the commune of the converted address receives it, a specialist appraises, the leader approves and signs
    const unit = '07900';
    const o = await session();
    await signInOfficial(o, official(people, 'receiving_officer', unit, 'Hộ tịch'));
    await act(o, code, 'receive');
    await actIfOffered(o, code, 'forward');
    const sp = await session();
    await signInOfficial(sp, official(people, 'specialist', unit, 'Hộ tịch'));
    await act(sp, code, 'appraise', async (p) => {
      await p.getByLabel(vi.actionFields.favourable).check();
      await p.getByLabel(vi.actionFields.appraisalNote).fill('Hồ sơ đầy đủ, hợp lệ. Đề nghị đăng ký khai sinh.');
    });
    await actIfOffered(sp, code, 'forward');
    const ld = await session();
    await signInOfficial(ld, official(people, 'leader', unit));
    await act(ld, code, 'approve');
    await act(ld, code, 'sign');
    await checkA11y(ld.page, 'trang hồ sơ sau khi ký');
    await screenshot(ld.page, 'office-dossier-signed');
    await actIfOffered(ld, code, 'forward');
    const clerk = await session();
    await signInOfficial(clerk, official(people, 'clerk', unit));
    await act(clerk, code, 'issue_result');
    await actIfOffered(clerk, code, 'forward');
    await act(o, code, 'return_result');

    // the citizen downloads the signed result and rates the service
    await page.goto(`/ho-so/${encodeURIComponent(code)}`);
    const download = page.getByRole('link', { name: vi.my.resultDownload });
    await download.waitFor();
    const pdf = await page.request.get((await download.getAttribute('href'))!);
    assert.equal(pdf.status(), 200);
    const bytes = await pdf.body();
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.match(bytes.toString('latin1'), /\/ByteRange/, 'the result carries a digital signature');
    await page.getByLabel(/^5 — /).check();
    await page.getByLabel(vi.my.rateComment).fill('Nhanh, cán bộ nhiệt tình.');
    await page.getByRole('button', { name: vi.my.rateSend }).click();
    await page.getByText(vi.my.rated(5)).waitFor();
    await checkA11y(page, 'hồ sơ của tôi: đã trả kết quả');
    await screenshot(page, 'my-dossier-returned');
  });
});
