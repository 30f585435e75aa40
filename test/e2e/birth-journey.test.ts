// Birth registration end to end at 360 px in real Chromium (issue 15 §2, "Done means"): search in
// everyday words (also without JavaScript: the pages are rendered on the server), the procedure's key
// facts, sign-in from the apply page and back to it, the child's data, a file refused at upload and
// replaced, a draft resumed after a reload, a submission refused (its file gone) and sent again after the
// fix without a second dossier, the officials' work, tracking, and the signed extract read with pdftotext
// for the child's name. Then a shared counter PC: the next official does not land on the previous
// official's dossier.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { vi } from '../../web/src/i18n/vi.ts';
import { va } from '../../web/src/i18n/assistant.ts';
import { sampleAnswers } from '../../src/modules/forms/index.ts';
import { browserSkipReason, checkA11y } from './browser.ts';
import { apiAct, apiLogin, browserSuite, downloadResult, fillForm, official, samplePdf, waitForUploads, type DemoPerson } from './flows.ts';

const skip = browserSkipReason();
const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('birth registration, end to end at 360 px', { skip: skip ?? false }, () => {
  const e2e = browserSuite();
  const phone = () => e2e.session({ mobile: true });
  const child = sampleAnswers('1.001193')!['child.fullName'] as string;
  const unit = '07900';
  let code = '';

  it('finds the procedure and reads its key facts without JavaScript (server-rendered search and procedure page)', async () => {
    const ctx = await e2e.browser.newContext({ baseURL: e2e.base, javaScriptEnabled: false, viewport: { width: 360, height: 780 }, locale: 'vi-VN' });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByLabel(vi.home.searchLabel).fill('làm giấy khai sinh cho con');
    await page.getByLabel(vi.home.searchLabel).press('Enter');
    await page.waitForURL(/\/thu-tuc\?q=/);
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    await page.getByText(vi.procedurePlain.howLong).waitFor();
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /Cổng quốc gia không ghi/, 'no data note for citizens');
    assert.match(text, new RegExp(vi.procedure.free), 'the fee in the key facts');
    await ctx.close();
  });

  it('searches in everyday words, signs in from the apply page and comes back to it, applies with the child\'s data; a refused file is replaced, a refused submission is sent again, one dossier', async () => {
    const s = await phone();
    const { page } = s;
    await page.goto('/');
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
    await page.getByLabel(vi.home.searchLabel).fill('lam giay khai sinh cho con');
    await page.getByRole('button', { name: vi.home.searchButton }).click();
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    await page.getByRole('link', { name: vi.procedure.apply }).click();

    // not signed in: sign in through the identity provider and come back to the form
    await page.getByRole('link', { name: vi.signIn.citizenButton }).click();
    const person = e2e.people.filter((p) => p.kind === 'citizen')[0]!;
    await page.locator('#personalId').fill(person.personalId ?? person.username!);
    await page.locator('#password').fill(person.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.pathname === '/thu-tuc/1.001193/nop');
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[0] }).waitFor();
    const mine = async () => ((await (await page.request.get('/api/v1/dossiers?procedure=1.001193')).json()) as { counts: { total: number } }).counts.total;
    const before = await mine();

    await page.getByLabel(vi.apply.phone).fill('0912345678');
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[1] }).waitFor();
    await page.getByLabel(vi.apply.addressLabel).fill('Số 5 đường Hùng Vương, phường Gia Cẩm, thành phố Việt Trì, tỉnh Phú Thọ');
    await page.getByRole('button', { name: vi.apply.convert }).click();
    await page.locator('#conversion').waitFor();
    await page.getByLabel(vi.apply.confirmAddress).check();
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.forms.step }).waitFor();
    await fillForm(page, '1.001193');
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[2] }).waitFor();

    // a file that is not what its name says is refused at once, beside its field; nothing else happens
    const fake = path.join(os.tmpdir(), 'lienthong-e2e-khong-phai-pdf.pdf');
    fs.writeFileSync(fake, 'Đây là một tệp văn bản, không phải bản quét giấy chứng sinh.');
    const inputs = page.locator('input[type=file]');
    await inputs.first().setInputFiles(fake);
    await page.locator('.form-group.error').getByText(/chưa được nhận/).waitFor();
    await checkA11y(page, 'tệp bị từ chối');
    await inputs.first().setInputFiles(samplePdf());
    for (let i = 1; i < (await inputs.count()); i++) await inputs.nth(i).setInputFiles(samplePdf());
    await waitForUploads(page);
    assert.equal(await page.locator('.form-group.error').count(), 0);

    // the answers and the files are kept as a draft: a reload resumes here
    const slots = await inputs.count();
    for (let i = 0; ; i++) {
      // the draft is saved a moment after the last change
      const d = await page.request.get('/api/v1/drafts/1.001193');
      if (d.status() === 200 && ((await d.json()) as { uploads: unknown[] }).uploads.length === slots) break;
      assert.ok(i < 100, 'the draft keeps the uploaded files');
      await page.waitForTimeout(200);
    }
    await page.locator('#draft-status').getByText(/Đã lưu bản nháp/).waitFor();
    await page.reload();
    await page.locator('#draft-resumed').waitFor();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[2] }).waitFor();
    await waitForUploads(page);
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[3] }).waitFor();
    await page.getByText(child).first().waitFor();

    // the file disappears before "Gửi" (deleted from another tab): the submission is refused, nothing is made
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const draft = (await (await page.request.get('/api/v1/drafts/1.001193')).json()) as { uploads: { upload: { id: string } }[] };
    const gone = draft.uploads[0]!.upload.id;
    assert.equal((await page.request.delete(`/api/v1/uploads/${gone}`, { headers: { 'x-csrf-token': me.csrfToken } })).status(), 204);
    await page.getByRole('button', { name: vi.apply.submit }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[2] }).waitFor();
    await page.locator('.form-group.error').getByText(/không còn dùng được/).waitFor();
    assert.equal(await mine(), before, 'a refused submission creates no dossier');
    // fixed: the file again, then "Gửi" — with a new key, one dossier
    await page.locator('.form-group.error input[type=file]').setInputFiles(samplePdf());
    await waitForUploads(page);
    await page.getByRole('button', { name: vi.form.continue }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.steps[3] }).waitFor();
    await page.getByRole('button', { name: vi.apply.submit }).click();
    await page.getByRole('heading', { level: 1, name: vi.apply.receiptTitle }).waitFor();
    code = (await page.locator('.panel .code').textContent())!.trim();
    assert.equal(await mine(), before + 1, 'exactly one dossier');
    // after the submission: the other procedures of the birth (the engine's life event)
    const related = page.getByRole('region', { name: va.related.title });
    await related.getByRole('link', { name: /bảo hiểm y tế/ }).first().waitFor();
    assert.equal(await related.getByRole('link', { name: /^Thủ tục đăng ký khai sinh$/ }).count(), 0, 'not the procedure just used');
    const files = (await (await page.request.get(`/api/v1/dossiers/${encodeURIComponent(code)}/attachments`)).json()) as unknown[];
    assert.ok(files.length >= 1, 'the dossier has its files from the start');
    assert.equal((await page.request.get('/api/v1/drafts/1.001193')).status(), 404, 'the draft is used up');
    // a free procedure asks for no payment
    assert.equal(await page.getByRole('link', { name: vi.apply.toPay }).count(), 0);
    assert.deepEqual(s.errors, [], 'no error in the page (hydration included)');
  });

  it('is processed by the commune, tracked by the citizen, and the signed extract carries the child\'s name', async () => {
    assert.ok(code, 'the previous step made a dossier');
    const tn = await apiLogin(e2e.base, official(e2e.people, 'receiving_officer', unit, 'Hộ tịch'));
    await apiAct(e2e.base, tn, code, 'receive', {});
    await apiAct(e2e.base, tn, code, 'forward', {});
    await apiAct(e2e.base, await apiLogin(e2e.base, official(e2e.people, 'specialist', unit, 'Hộ tịch')), code, 'appraise', { opinion: 'favourable', note: 'Hồ sơ đầy đủ' });
    const ld = await apiLogin(e2e.base, official(e2e.people, 'leader', unit));
    await apiAct(e2e.base, ld, code, 'approve', { resultNumber: '15/TLKS' });
    await apiAct(e2e.base, ld, code, 'sign', {});
    await apiAct(e2e.base, await apiLogin(e2e.base, official(e2e.people, 'clerk', unit)), code, 'issue_result', { electronic: true });

    const s = e2e.sessions[0]!;
    const { page } = s;
    await page.goto(`/tra-cuu/${encodeURIComponent(code)}`);
    await page.getByText(code).first().waitFor();
    await page.getByText(vi.states.result_issued!).first().waitFor();
    // the tracking page too lists the procedures of the same life event
    await page.getByRole('region', { name: va.related.title }).getByRole('link', { name: /bảo hiểm y tế/ }).first().waitFor();
    const bytes = await downloadResult(page, code);
    if (hasPdftotext) {
      const f = path.join(os.tmpdir(), `lt-e2e-extract-${process.pid}.pdf`);
      fs.writeFileSync(f, bytes);
      const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
      fs.rmSync(f, { force: true });
      assert.match(text.replace(/\s+/g, ' '), new RegExp(child.toLocaleUpperCase('vi').split(' ').join('\\s+') + '|' + child.split(' ').join('\\s+'), 'i'), 'the extract names the child');
    }
  });

  it('at a shared counter PC, the next official starts at their own inbox, not the previous official\'s dossier', async () => {
    const s = await phone();
    const { page } = s;
    const a = official(e2e.people, 'receiving_officer', unit, 'Hộ tịch');
    const b = official(e2e.people, 'specialist', unit, 'Hộ tịch');
    const signIn = async (who: DemoPerson) => {
      await page.getByLabel(vi.signIn.username).fill(who.username!);
      await page.getByLabel(vi.signIn.password).fill(who.password);
      await page.getByRole('button', { name: vi.signIn.button }).click();
    };
    const dossier = `/can-bo/ho-so/${encodeURIComponent(code)}`;
    await page.goto(dossier);
    await page.waitForURL(/\/can-bo\/dang-nhap\?next=/);
    await signIn(a);
    await page.waitForURL((u) => u.pathname === dossier.replace(/%2E/g, '.') || decodeURIComponent(u.pathname) === decodeURIComponent(dossier));
    // A's session ends (expiry) while the dossier is open: A signing in again comes back to it
    await s.ctx.clearCookies();
    await page.reload();
    await page.waitForURL(/\/can-bo\/dang-nhap\?next=.*who=/);
    await signIn(a);
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === decodeURIComponent(dossier));
    // it ends again and B sits down: B starts at their own inbox
    await s.ctx.clearCookies();
    await page.reload();
    await page.waitForURL(/\/can-bo\/dang-nhap\?next=.*who=/);
    await signIn(b);
    await page.waitForURL((u) => u.pathname === '/can-bo' || u.pathname === '/can-bo/');
    // and signing out forgets who was there
    await page.getByRole('button', { name: vi.nav.signOut }).click();
    await page.waitForURL(/\/can-bo\/dang-nhap/);
    assert.doesNotMatch(page.url(), /next=/);
  });
});

