// The citizen portal and the back office in a real browser (Debian's Chromium through playwright-core),
// against the platform started as the README starts it. Every page visited is checked with axe-core.
// Screenshots of the main pages go to test-results/screenshots/ (and docs/screenshots/ with
// UPDATE_SCREENSHOTS=1). E2E_BASE_URL=http://… reuses a running platform instead of starting one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { vi } from '../../web/src/i18n/vi.ts';
import { browserSkipReason, checkA11y, root, screenshot, visited } from './browser.ts';
import { act, actIfOffered, applyOnline, dayNumber, apiAct, apiGet, apiLogin, assertFitsPhone, browserSuite, downloadResult, official, samplePdf, signInCitizen, signInOfficial, type DemoPerson } from './flows.ts';
import { simulateBankTransfer } from '../../src/platform/payments/webhook.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

describe('web front end in Chromium', { skip: skip ?? false, timeout: 15 * 60_000 }, () => {
  const e2e = browserSuite();
  const { session } = e2e;
  const citizen = (i = 0) => e2e.people.filter((p) => p.kind === 'citizen')[i]!;

  afterEach(async () => {
    // the last state of every page of the test, to read when a test fails (test-results/last/)
    for (const [i, s] of e2e.sessions.entries()) {
      if (s.page.isClosed()) continue;
      fs.mkdirSync(path.join(root, 'test-results', 'last'), { recursive: true });
      await s.page.screenshot({ path: path.join(root, 'test-results', 'last', `session-${i}.png`), fullPage: true }).catch(() => undefined);
    }
  });

  after(() => {
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
    const officer = official(e2e.people, 'receiving_officer', '07900');
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
    const code = await applyOnline(c, '1.001193', 'Số 5 đường Hùng Vương, phường Gia Cẩm, thành phố Việt Trì, tỉnh Phú Thọ', async (step) => {
      if (step === 'applicant') {
        // prefilled from the identity provider
        assert.equal(await page.getByLabel(vi.apply.fullName).inputValue(), person.displayName);
        assert.equal(await page.getByLabel(vi.apply.idNumber).inputValue(), person.personalId ?? person.username);
      }
      if (step === 'errors') await checkA11y(page, 'nộp hồ sơ: lỗi');
      if (step === 'address') {
        await page.locator('#conversion').getByText('Phường Việt Trì').first().waitFor();
        await checkA11y(page, 'nộp hồ sơ: địa chỉ mới');
        await screenshot(page, 'apply-address');
      }
      if (step === 'review') {
        await checkA11y(page, 'nộp hồ sơ: kiểm tra');
        await screenshot(page, 'apply-review');
      }
      if (step === 'receipt') {
        await checkA11y(page, 'biên nhận nộp hồ sơ');
        await screenshot(page, 'apply-receipt');
      }
    });
    assert.equal(await page.getByLabel(vi.apply.fullName).count(), 0);

    // the commune of the converted address receives it, a specialist appraises, the leader approves and signs
    const unit = '07900';
    const o = await session();
    await signInOfficial(o, official(e2e.people, 'receiving_officer', unit, 'Hộ tịch'));
    await act(o, code, 'receive');
    await actIfOffered(o, code, 'forward');
    const sp = await session();
    await signInOfficial(sp, official(e2e.people, 'specialist', unit, 'Hộ tịch'), { form: false });
    await act(sp, code, 'appraise', async (p) => {
      await p.getByLabel(vi.actionFields.favourable).check();
      await p.getByLabel(vi.actionFields.appraisalNote).fill('Hồ sơ đầy đủ, hợp lệ. Đề nghị đăng ký khai sinh.');
    });
    await actIfOffered(sp, code, 'forward');
    const ld = await session();
    await signInOfficial(ld, official(e2e.people, 'leader', unit), { form: false });
    // separation of duties is stated on the leader's step: the receiving officer does not approve
    await ld.page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    await ld.page.getByText(vi.office.separationNote(official(e2e.people, 'receiving_officer', unit, 'Hộ tịch').displayName)).waitFor();
    // the applicant was told the dossier was received (SMS to the phone given in the form)
    await ld.page.getByRole('heading', { name: vi.office.notifications }).waitFor();
    await act(ld, code, 'approve', undefined, { reload: false });
    await act(ld, code, 'sign');
    await checkA11y(ld.page, 'trang hồ sơ sau khi ký');
    await screenshot(ld.page, 'office-dossier-signed');
    await actIfOffered(ld, code, 'forward');
    const clerk = await session();
    await signInOfficial(clerk, official(e2e.people, 'clerk', unit), { form: false });
    await act(clerk, code, 'issue_result');
    await actIfOffered(clerk, code, 'forward');
    await act(o, code, 'return_result');

    // the citizen downloads the signed result and rates the service
    await downloadResult(page, code);
    await page.getByLabel(/^5 — /).check();
    await page.getByLabel(vi.my.rateComment).fill('Nhanh, cán bộ nhiệt tình.');
    await page.getByRole('button', { name: vi.my.rateSend }).click();
    await page.getByText(vi.my.rated(5)).waitFor();
    await checkA11y(page, 'hồ sơ của tôi: đã trả kết quả');
    await screenshot(page, 'my-dossier-returned');
  });

  it('2. Tách thửa (1.012784), a province procedure: received at a commune counter in a few clicks → Sở Nông nghiệp và Môi trường appraises and approves → returned at the commune', async () => {
    const officer = official(e2e.people, 'receiving_officer', '07900', 'Đất đai');
    const o = await session();
    await signInOfficial(o, officer, { form: false });
    const { page } = o;
    await page.goto('/can-bo');
    let clicks = 0;
    let typed = 0;
    const click = async (l: ReturnType<typeof page.locator>) => {
      clicks++;
      await l.click();
    };
    const type = async (l: ReturnType<typeof page.locator>, text: string) => {
      typed++;
      await l.fill(text);
    };
    await click(page.getByRole('link', { name: vi.office.counter }));
    await page.getByRole('heading', { level: 1, name: vi.office.counterTitle }).waitFor();
    await checkA11y(page, 'tiếp nhận tại quầy');
    await type(page.getByLabel(vi.office.counterProcedure), 'tách thửa');
    await click(page.getByRole('button', { name: 'Tách thửa hoặc hợp thửa đất', exact: true }));
    await type(page.getByLabel(vi.apply.fullName), 'Nguyễn Văn Phi');
    await type(page.getByLabel(new RegExp(vi.apply.idNumber)), '026078003210');
    await click(page.getByRole('button', { name: vi.office.counterAll }));
    await page.locator('details').first().locator('summary').click();
    await page.locator('input[type=file]').first().setInputFiles(samplePdf());
    await checkA11y(page, 'tiếp nhận tại quầy: đã điền');
    await screenshot(page, 'office-counter');
    await click(page.getByRole('button', { name: vi.office.counterReceive }));
    await page.getByRole('heading', { level: 1, name: vi.office.counterReceived }).waitFor();
    const code = (await page.locator('.panel .code').textContent())!.trim();
    const receipt = page.getByRole('link', { name: vi.office.print(vi.papers.receipt!) });
    clicks++; // printing the receipt
    const pdf = await page.request.get((await receipt.getAttribute('href'))!);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await checkA11y(page, 'tiếp nhận tại quầy: xong');
    console.log(`# quầy tiếp nhận: ${clicks} lần bấm, ${typed} ô nhập để nhận một hồ sơ tách thửa và in giấy hẹn`);
    assert.ok(clicks <= 6, `the counter takes ${clicks} clicks`);

    const files = await apiGet<{ items?: unknown[] } | unknown[]>(e2e.base, await apiLogin(e2e.base, officer), `/api/v1/dossiers/${encodeURIComponent(code)}/attachments`);
    assert.equal((Array.isArray(files.body) ? files.body : files.body.items ?? []).length, 1, 'the scanned document is attached');

    await actIfOffered(o, code, 'forward');
    // the department appraises, approves and signs (through the API: the same pages as in scenario 1)
    const spApi = await apiLogin(e2e.base, official(e2e.people, 'specialist', '25.SNNMT', 'Đất đai'));
    const state = async (who: typeof spApi) => (await apiGet<{ status: string; availableActions: string[] }>(e2e.base, who, `/api/v1/dossiers/${encodeURIComponent(code)}`)).body;
    await apiAct(e2e.base, spApi, code, 'appraise', { opinion: 'favourable', note: 'Thửa đất đủ điều kiện tách theo quy định.' });
    if ((await state(spApi)).availableActions.includes('forward')) await apiAct(e2e.base, spApi, code, 'forward', {});
    const ldApi = await apiLogin(e2e.base, official(e2e.people, 'leader', '25.SNNMT'));
    await apiAct(e2e.base, ldApi, code, 'approve', {});
    await apiAct(e2e.base, ldApi, code, 'sign', {});
    if ((await state(ldApi)).availableActions.includes('forward')) await apiAct(e2e.base, ldApi, code, 'forward', {});
    // The department's clerk issues the result. The demo has no clerk account there: the province
    // administrator creates one through the API (set-up, not what this test is about).
    let clerk = e2e.people.find((p) => p.kind === 'official' && p.role === 'clerk' && p.unit === '25.SNNMT');
    if (!clerk) {
      const admin = await apiLogin(e2e.base, official(e2e.people, 'province_admin', '25.VPUBND'));
      const username = `vt.snnmt.e2e${Date.now() % 100000}`;
      const r = await fetch(`${e2e.base}/api/v1/identity/officials`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ username, displayName: 'Văn thư Sở Nông nghiệp và Môi trường', unitCode: '25.SNNMT', password: 'LienThong@2025-vanthu', grants: [{ role: 'clerk', unitCode: '25.SNNMT', fields: '*' }] }),
      });
      assert.equal(r.status, 201, await r.text());
      clerk = { kind: 'official', username, password: 'LienThong@2025-vanthu', role: 'clerk', unit: '25.SNNMT', fields: '*', displayName: 'Văn thư' };
    }
    const clApi = await apiLogin(e2e.base, clerk);
    await apiAct(e2e.base, clApi, code, 'issue_result', { electronic: true });
    if ((await state(clApi)).availableActions.includes('forward')) await apiAct(e2e.base, clApi, code, 'forward', {});
    await act(o, code, 'return_result');
    await o.page.getByRole('heading', { name: vi.office.timeline }).waitFor();
    await o.page.reload();
    await o.page.getByText(vi.states.returned!).first().waitFor();
    await checkA11y(o.page, 'hồ sơ tách thửa đã trả');
  });

  it('3. Đăng ký thường trú (1.004222): the citizen pays by VietQR, the bank confirms through the signed webhook, the e-receipt is issued and the dossier proceeds', async () => {
    const person = citizen(1);
    const c = await session();
    await signInCitizen(c, person);
    const { page } = c;
    const code = await applyOnline(c, '1.004222', 'Số 12 đường Nguyễn Tất Thành, phường Tân Dân, thành phố Việt Trì, tỉnh Phú Thọ');
    await page.getByRole('link', { name: vi.apply.toPay }).click();
    await page.getByRole('heading', { level: 1, name: vi.pay.title }).waitFor();
    const qr = page.getByRole('img', { name: /Mã VietQR chuyển/ });
    await qr.waitFor();
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    await checkA11y(page, 'nộp phí VietQR');
    await screenshot(page, 'pay-vietqr');
    const info = (await (await page.request.get(`/api/v1/dossiers/${encodeURIComponent(code)}/payment`)).json()) as { amount: number; vietqr: { accountNumber: string; bankBin: string } };
    assert.ok(info.amount > 0, 'a fee is due');
    // the bank confirms the transfer: an HMAC-signed, timestamped notification to the webhook
    // (the demo generated its webhook secret into DATA_DIR: no secret is built in)
    const { readDemoWebhookSecret } = await import('../../src/platform/payments/index.ts');
    const secret = readDemoWebhookSecret(e2e.platform!.dataDir);
    assert.ok(secret, 'the demo generated a webhook secret');
    const bank = simulateBankTransfer({ dossierCode: code, amount: info.amount, accountNumber: info.vietqr.accountNumber, bankBin: info.vietqr.bankBin, secret });
    const hook = await fetch(`${e2e.base}/api/v1/payments/notify`, { method: 'POST', headers: bank.headers, body: bank.rawBody });
    assert.equal(hook.status, 200, await hook.text());
    // the page notices by itself (it polls)
    await page.getByText(vi.pay.paid).waitFor({ timeout: 30_000 });
    const receipt = await page.request.get((await page.getByRole('link', { name: vi.pay.receipt }).getAttribute('href'))!);
    assert.equal(receipt.status(), 200);
    assert.equal(receipt.headers()['content-type'], 'application/pdf');
    await checkA11y(page, 'đã nộp phí');
    await screenshot(page, 'pay-paid');
    // the dossier proceeds: the commune receives it
    const o = await session();
    await signInOfficial(o, official(e2e.people, 'receiving_officer', '07900', 'Đăng ký, quản lý cư trú'), { form: false });
    await act(o, code, 'receive');
    await page.goto(`/ho-so/${encodeURIComponent(code)}`);
    await page.getByText(vi.states.received!).first().waitFor();
  });

  it('4. A supplement request pauses the clock and the resubmission resumes it: the due date shown moves', async () => {
    // (a) the citizen answers a supplement request online
    const person = citizen(2);
    const c = await session();
    await signInCitizen(c, person);
    const code = await applyOnline(c, '1.001193', 'Thôn 3, xã Trưng Vương, thành phố Việt Trì, tỉnh Phú Thọ');
    const officer = await apiLogin(e2e.base, official(e2e.people, 'receiving_officer', '07900', 'Hộ tịch'));
    await apiAct(e2e.base, officer, code, 'receive', {});
    await apiAct(e2e.base, officer, code, 'forward', {});
    const sp = await session();
    await signInOfficial(sp, official(e2e.people, 'specialist', '07900', 'Hộ tịch'), { form: false });
    await act(sp, code, 'request_supplement', async (p) => {
      await p.getByLabel(vi.actionFields.items).fill('Giấy chứng sinh bản chính\nVăn bản ủy quyền có chứng thực');
      await p.getByLabel(vi.actionFields.reason).fill('Bản chụp giấy chứng sinh không đọc được.');
      await p.getByLabel(vi.actionFields.contactPhone).fill('0210 3846 123');
    });
    await sp.page.getByText(/Thời hạn đang tạm dừng/).waitFor();
    const { page } = c;
    await page.goto(`/ho-so/${encodeURIComponent(code)}`);
    await page.getByRole('heading', { name: vi.my.supplementTitle }).waitFor();
    await checkA11y(page, 'yêu cầu bổ sung (người dân)');
    await page.getByRole('button', { name: vi.my.supplementSend }).click();
    await page.getByRole('alert').getByText(vi.form.errorSummaryTitle).waitFor();
    await screenshot(page, 'my-dossier-supplement');
    const inputs = page.locator('input[type=file]');
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).setInputFiles(samplePdf());
    await page.getByRole('button', { name: vi.my.supplementSend }).click();
    await page.getByText(vi.my.supplementSent).waitFor();
    await apiAct(e2e.base, await apiLogin(e2e.base, official(e2e.people, 'specialist', '07900', 'Hộ tịch')), code, 'accept_supplement', {});
    const after = await apiGet<{ clock: { restarts: number; pausedAt: string | null }; status: string }>(e2e.base, officer, `/api/v1/dossiers/${encodeURIComponent(code)}`);
    assert.equal(after.body.clock.pausedAt, null, 'the clock runs again');
    assert.equal(after.body.clock.restarts, 1, 'the time limit restarted from zero');

    // (b) on a dossier received days ago, the resumed clock moves the due date the citizen sees
    const spApi = await apiLogin(e2e.base, official(e2e.people, 'specialist', '07900', 'Hộ tịch'));
    const inbox = await apiGet<{ items: { code: string; receivedAt: string | null; dueAt: string | null; field: string }[] }>(e2e.base, spApi, '/api/v1/dossiers?state=in_processing&limit=200');
    const now = Date.now();
    let old: { code: string; trackingUrl: string; dueAt: string } | null = null;
    for (const d of inbox.body.items.filter((x) => x.receivedAt && now - Date.parse(x.receivedAt) > 3 * 86_400_000)) {
      const detail = await apiGet<{ availableActions: string[]; trackingUrl: string; dueAt: string }>(e2e.base, spApi, `/api/v1/dossiers/${encodeURIComponent(d.code)}`);
      if (detail.body.availableActions.includes('request_supplement') && detail.body.dueAt) {
        old = { code: d.code, trackingUrl: detail.body.trackingUrl, dueAt: detail.body.dueAt };
        break;
      }
    }
    assert.ok(old, 'the demo has a dossier in processing for some days');
    const track = await session({ mobile: true });
    const trackPath = new URL(old.trackingUrl).pathname + new URL(old.trackingUrl).search;
    await track.page.goto(trackPath);
    const dueRow = track.page.locator('.summary-list > div', { hasText: vi.track.dueAt }).locator('dd');
    await dueRow.waitFor();
    const before = dayNumber((await dueRow.textContent())!);
    await apiAct(e2e.base, spApi, old.code, 'request_supplement', { items: ['Bản sao giấy tờ tùy thân'], reason: 'Thiếu giấy tờ tùy thân của người yêu cầu.', contactPhone: '0210 3846 123' });
    await track.page.reload();
    await track.page.getByRole('heading', { name: vi.my.supplementTitle }).waitFor();
    await checkA11y(track.page, 'tra cứu: chờ bổ sung');
    await screenshot(track.page, 'track-supplement-mobile');
    // the applicant brings the documents to the counter; the specialist accepts them
    const counter = await session();
    await signInOfficial(counter, official(e2e.people, 'receiving_officer', '07900', 'Hộ tịch'), { form: false });
    await act(counter, old.code, 'supplement');
    await apiAct(e2e.base, spApi, old.code, 'accept_supplement', {});
    await track.page.reload();
    await dueRow.waitFor();
    const moved = dayNumber((await dueRow.textContent())!);
    assert.ok(moved > before, `the due date moved from ${before} to ${moved}`);
  });

  it('5. A dossier that will be late: the leader issues the apology with a new date, and the citizen sees it', async () => {
    const leader = official(e2e.people, 'leader', '07900');
    const api = await apiLogin(e2e.base, leader);
    const inbox = await apiGet<{ items: { code: string; dueAt: string | null }[] }>(e2e.base, api, '/api/v1/dossiers?limit=200');
    let target: { code: string; trackingUrl: string; dueAt: string } | null = null;
    for (const d of inbox.body.items.filter((x) => x.dueAt && Date.parse(x.dueAt) > Date.now() + 2 * 86_400_000)) {
      const detail = await apiGet<{ availableActions: string[]; trackingUrl: string; dueAt: string }>(e2e.base, api, `/api/v1/dossiers/${encodeURIComponent(d.code)}`);
      if (detail.body.availableActions.includes('apologize')) {
        target = { code: d.code, trackingUrl: detail.body.trackingUrl, dueAt: detail.body.dueAt };
        break;
      }
    }
    assert.ok(target, 'the demo has a dossier the leader may still apologise for');
    // the new date must be a working day (the platform refuses a weekend or a holiday): ask the public calendar
    const later = await apiGet<{ due: string }>(e2e.base, null, `/api/v1/calendar/due?from=${encodeURIComponent(target.dueAt)}&amount=7&unit=working_days`);
    assert.equal(later.status, 200);
    const vn = new Date(Date.parse(later.body.due) + 7 * 3_600_000);
    const ld = await session();
    await signInOfficial(ld, leader, { form: false });
    await act(ld, target.code, 'apologize', async (p) => {
      await p.getByLabel(vi.form.day).fill(String(vn.getUTCDate()));
      await p.getByLabel(vi.form.month).fill(String(vn.getUTCMonth() + 1));
      await p.getByLabel(vi.form.year).fill(String(vn.getUTCFullYear()));
      await p.getByLabel(vi.actionFields.reason).fill('Hồ sơ cần xác minh thêm với cơ quan khác.');
    });
    await ld.page.getByRole('link', { name: vi.office.print(vi.papers.apology!) }).waitFor();
    await checkA11y(ld.page, 'hồ sơ đã xin lỗi, hẹn lại');
    // the citizen opens the tracking page from the QR code of the receipt
    const c = await session({ mobile: true });
    await c.page.goto(new URL(target.trackingUrl).pathname + new URL(target.trackingUrl).search);
    await c.page.getByRole('heading', { name: vi.my.apologyTitle }).waitFor();
    const expected = `${String(vn.getUTCDate()).padStart(2, '0')}/${String(vn.getUTCMonth() + 1).padStart(2, '0')}/${vn.getUTCFullYear()}`;
    await c.page.getByText(expected).first().waitFor();
    await checkA11y(c.page, 'tra cứu: xin lỗi, hẹn lại');
    await screenshot(c.page, 'track-apology-mobile');
  });

  it("6. An anonymous visitor and an official of another commune cannot see a dossier's personal data", async () => {
    const own = await apiLogin(e2e.base, official(e2e.people, 'receiving_officer', '07900'));
    const inbox = await apiGet<{ items: { code: string; applicantName: string }[] }>(e2e.base, own, '/api/v1/dossiers?limit=5');
    const d = inbox.body.items[0]!;
    // anonymous: the public tracking page shows the status and dates only
    const anon = await session();
    await anon.page.goto(`/tra-cuu`);
    await anon.page.getByLabel(vi.track.codeLabel).fill(d.code);
    await anon.page.getByRole('button', { name: vi.track.button }).click();
    await anon.page.getByText(vi.track.privacy).waitFor();
    assert.equal(await anon.page.getByText(d.applicantName).count(), 0, 'no applicant name on the public page');
    await checkA11y(anon.page, 'tra cứu công khai');
    await screenshot(anon.page, 'track');
    assert.equal((await apiGet(e2e.base, null, `/api/v1/dossiers/${encodeURIComponent(d.code)}`)).status, 401);
    assert.equal((await apiGet(e2e.base, null, `/api/v1/dossiers/${encodeURIComponent(d.code)}/timeline`)).status, 401);
    // an official of another commune
    const other = official(e2e.people, 'receiving_officer', '07918');
    const o = await session();
    await signInOfficial(o, other, { form: false });
    await o.page.goto(`/can-bo/ho-so/${encodeURIComponent(d.code)}`);
    await o.page.getByRole('alert').waitFor();
    assert.equal(await o.page.getByText(d.applicantName).count(), 0, 'no applicant name for another commune');
    await checkA11y(o.page, 'hồ sơ của xã khác');
    const otherApi = await apiLogin(e2e.base, other);
    assert.equal((await apiGet(e2e.base, otherApi, `/api/v1/dossiers/${encodeURIComponent(d.code)}`)).status, 403);
  });

  it('lets a leader assign a dossier and form a backlog team for one field', async () => {
    const leader = official(e2e.people, 'leader', '07900');
    const member = official(e2e.people, 'specialist', '07900', 'Đất đai');
    // a platform reused between runs may still have the team of an earlier run: revoke it first
    const api = await apiLogin(e2e.base, leader);
    const existing = await apiGet<{ items: { id: string; delegate: { username: string }; field: string }[] }>(e2e.base, api, '/api/v1/identity/delegations?unitCode=07900');
    for (const d of existing.body.items.filter((x) => x.delegate.username === member.username && x.field === 'Hộ tịch')) {
      await fetch(`${e2e.base}/api/v1/identity/delegations/${d.id}`, { method: 'DELETE', headers: { cookie: api.cookie, 'x-csrf-token': api.csrf } });
    }
    const ld = await session();
    await signInOfficial(ld, leader, { form: false });
    const { page } = ld;
    await page.goto('/can-bo');
    await page.getByRole('link', { name: vi.office.team }).click();
    await page.getByRole('heading', { level: 1, name: vi.office.teamTitle }).waitFor();
    await page.getByRole('heading', { name: vi.office.backlogTeam, exact: true }).waitFor();
    await checkA11y(page, 'phân công');
    const names = page.getByLabel(vi.office.backlogMembers);
    if (await names.count()) await names.fill(member.username!);
    else await page.getByLabel(member.displayName).check();
    await page.getByLabel(vi.office.backlogField).selectOption('Hộ tịch');
    await page.getByRole('button', { name: vi.office.backlogCreate }).click();
    await page.getByText(vi.office.backlogDone(1, 'Hộ tịch')).waitFor();
    await screenshot(page, 'office-team');
    const assign = page.locator('[id^="assign-"]').first();
    await assign.waitFor();
    const specialist = official(e2e.people, 'specialist', '07900', 'Hộ tịch');
    if ((await assign.evaluate((e) => e.tagName)) === 'SELECT') await assign.selectOption(specialist.username!);
    else await assign.fill(specialist.username!);
    await page.getByRole('button', { name: vi.office.assign, exact: true }).first().click();
    await page.getByText(vi.office.assigned).first().waitFor();
  });

  it('lets the province administrator register a client system (secret shown once), on a phone too', async () => {
    const admin = e2e.people.find((p) => p.username === 'qtv.tinh')!;
    const s = await session({ mobile: true });
    await signInOfficial(s, admin, { form: false });
    const { page } = s;
    await page.goto('/can-bo/ket-noi');
    await page.getByRole('heading', { level: 1, name: 'Hệ thống kết nối' }).waitFor();
    await page.getByRole('heading', { name: 'Đăng ký hệ thống mới' }).waitFor();
    const id = `he-thong-${Date.now().toString(36)}`;
    // the missing fields are named first
    await page.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
    await page.getByText('Nhập tên hệ thống').first().waitFor();
    await page.getByLabel('Mã hệ thống').fill(id);
    await page.getByLabel('Tên hệ thống').fill('Phần mềm hộ tịch cũ');
    await page.getByLabel('Cơ quan sở hữu').fill('Sở Tư pháp tỉnh Phú Thọ');
    await page.getByLabel('dossiers.read').check();
    await page.getByRole('button', { name: 'Đăng ký hệ thống' }).click();
    const secret = page.locator('.notice.success .mono');
    await secret.waitFor();
    assert.match((await secret.textContent()) ?? '', /^ltc_/);
    await page.getByRole('cell', { name: new RegExp(id) }).first().waitFor();
    await checkA11y(page, 'hệ thống kết nối');
    await assertFitsPhone(page, 'hệ thống kết nối');
    await screenshot(page, 'office-integration');
  });
});