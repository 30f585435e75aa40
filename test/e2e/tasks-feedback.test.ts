// Leaders' tasks and citizens' feedback in a real browser (issue 12, "Done means"), against the platform
// started as the README starts it; every page visited is checked with axe-core.
//  1. A department leader imports a task list (a key task already late, for two communes); one commune
//     reports progress with an evidence file and asks for more time, the leader approves; the other
//     commune's task stays overdue and has been escalated.
//  2. A citizen sends feedback with a photo from a 360-pixel phone, without signing in; it reaches the
//     commune of the (pre-merger) address, is answered after the leader's approval, rated, and appears on the
//     public page with the personal data masked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { viFeedback, viTasks } from '../../web/src/i18n/vi-work.ts';
import { browserSkipReason, checkA11y, launchBrowser, screenshot, startPlatform, type Platform } from './browser.ts';
import { assertFitsPhone, demoPeople, official, openSession, signInOfficial, type DemoPerson, type Session } from './flows.ts';

const skip = browserSkipReason();
if (skip) console.log(`# ${skip}`);

/** A 1×1 PNG (a photo as far as the content check is concerned). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function tmpFile(name: string, body: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-tasks-'));
  const f = path.join(dir, name);
  fs.writeFileSync(f, body);
  return f;
}

/** 'dd/mm/yyyy' `days` calendar days from today (Vietnam time) and the same day as 'yyyy-mm-dd'. */
function day(days: number): { dmy: string; iso: string } {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86400_000);
  const iso = d.toISOString().slice(0, 10);
  return { iso, dmy: iso.split('-').reverse().join('/') };
}

describe('tasks and feedback in Chromium', { skip: skip ?? false, timeout: 15 * 60_000 }, () => {
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

  it('a leader imports a task list for two communes; one reports progress with evidence and gets more time, the other is overdue and escalated', async () => {
    const leader = await session();
    await signInOfficial(leader, official(people, 'leader', '25.SNNMT'), { form: false });
    const { page } = leader;
    await page.goto('/can-bo/nhiem-vu/nhap');
    await page.getByRole('heading', { level: 1, name: viTasks.import }).waitFor();
    await checkA11y(page, 'nhập danh sách nhiệm vụ');
    const title = `Rà soát đất công bị lấn chiếm ${Date.now() % 100000}`;
    const csv = ['Tên nhiệm vụ;Căn cứ;Đơn vị chủ trì;Đơn vị phối hợp;Thời hạn;Mức độ', `${title};Kế hoạch 57/KH-UBND;07900; 07918;25.SXD;${day(-10).dmy};Khẩn`].join('\r\n');
    // the lead units cell holds "07900; 07918" — quoted, since ";" also separates the columns
    const file = tmpFile('nhiem-vu.csv', csv.replace(';07900; 07918;', ';"07900; 07918";'));
    await page.getByLabel(viTasks.issuingUnit).fill('25.SNNMT');
    await page.getByLabel(viTasks.importFile).setInputFiles(file);
    await page.getByRole('button', { name: viTasks.preview }).click();
    await page.getByRole('heading', { name: viTasks.previewTitle(1) }).waitFor();
    await page.getByRole('heading', { name: viTasks.warnings }).waitFor();
    await checkA11y(page, 'xem trước danh sách nhiệm vụ');
    await page.getByRole('button', { name: viTasks.confirm }).click();
    await page.getByRole('heading', { name: viTasks.imported(2) }).waitFor();
    await page.getByRole('link', { name: /^NV\d{2}-\d{6}$/ }).first().click();
    await page.getByRole('heading', { name: viTasks.subtasks }).waitFor();
    const rows = page.locator('tr[data-task]');
    assert.equal(await rows.count(), 2);
    for (const text of await rows.allTextContents()) assert.match(text, /Quá hạn/);
    await checkA11y(page, 'nhiệm vụ giao hai xã');
    await screenshot(page, 'task-group');

    // Phường Việt Trì: progress with an evidence file, then an extension request
    const viettri = await session();
    await signInOfficial(viettri, official(people, 'specialist', '07900', 'Hộ tịch'), { form: false });
    await viettri.page.goto('/can-bo/nhiem-vu');
    await viettri.page.getByRole('heading', { level: 1, name: viTasks.mine }).waitFor();
    await checkA11y(viettri.page, 'nhiệm vụ của tôi');
    await viettri.page.locator('tr', { hasText: title }).getByRole('link').click();
    await viettri.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await viettri.page.locator('[data-action=report_progress]').click();
    await viettri.page.getByLabel(viTasks.percent).fill('40');
    await viettri.page.getByLabel(viTasks.text).fill('Đã rà soát 12/30 thửa đất, lập biên bản hiện trường.');
    await viettri.page.getByLabel(viTasks.evidenceFile).setInputFiles(tmpFile('bien-ban.png', PNG));
    await viettri.page.locator('form.panel').getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await viettri.page.getByText(viTasks.done).waitFor();
    // the page shows "done" before it has fetched the task again: wait for the new figure, then check it
    await viettri.page.getByTestId('progress').filter({ hasText: /^40%$/ }).waitFor({ timeout: 10_000 }).catch(() => undefined);
    assert.equal(await viettri.page.getByTestId('progress').textContent(), '40%');
    await viettri.page.getByRole('link', { name: 'bien-ban.png' }).first().waitFor();
    await viettri.page.locator('[data-action=request_extension]').click();
    await viettri.page.getByLabel(viTasks.newDueDate).fill(day(30).iso);
    await viettri.page.getByLabel(viTasks.reason).fill('Chờ số liệu đo đạc của Sở Nông nghiệp và Môi trường');
    await viettri.page.locator('form.panel').getByRole('button', { name: 'Xin gia hạn' }).click();
    await viettri.page.getByText(/Đề nghị gia hạn đến/).waitFor();
    await checkA11y(viettri.page, 'trang nhiệm vụ (đơn vị chủ trì)');
    const taskUrl = viettri.page.url();

    // the leader approves the extension: the task is back in progress
    await page.goto(taskUrl.replace(base, ''));
    await page.locator('[data-action=approve_extension]').click();
    await page.getByText(viTasks.done).waitFor();
    await page.getByText('Đang thực hiện', { exact: true }).waitFor();
    assert.equal(await page.getByText(/Đã báo cáo lãnh đạo lúc/).count(), 0, 'a new deadline ends the escalation');

    // Phường Vân Phú: still overdue, escalated, in the unit's list of overdue tasks
    const vanphu = await session();
    await signInOfficial(vanphu, official(people, 'leader', '07918'), { form: false });
    await vanphu.page.goto('/can-bo/nhiem-vu/don-vi?unit=07918&overdue=true');
    await vanphu.page.getByRole('heading', { level: 1, name: viTasks.unit }).waitFor();
    await vanphu.page.locator('tr', { hasText: title }).getByRole('link').click();
    await vanphu.page.getByText(/Đã báo cáo lãnh đạo lúc/).waitFor();
    await vanphu.page.getByText('Quá hạn', { exact: true }).first().waitFor();
    await checkA11y(vanphu.page, 'nhiệm vụ quá hạn');
  });

  it('a citizen sends feedback with a photo from a phone; the commune answers, the citizen rates it, the public page masks it', async () => {
    const phone = await session({ mobile: true });
    const { page } = phone;
    await page.goto('/phan-anh/gui');
    await page.getByRole('heading', { level: 1, name: viFeedback.sendTitle }).waitFor();
    await checkA11y(page, 'gửi phản ánh (điện thoại)');
    await page.getByLabel(viFeedback.category).selectOption('moi_truong');
    await page.getByLabel(viFeedback.text, { exact: true }).fill('Tôi là Nguyễn Thị Lan, số 0912345678. Rác thải tồn đọng nhiều ngày ở đầu ngõ, nhà ông Trần Văn Bình đổ ra lòng đường.');
    await page.getByLabel(viFeedback.address).fill('Số 12 đường Lê Lợi, P. Gia Cẩm, TP Việt Trì, Phú Thọ');
    await page.getByLabel(viFeedback.photo).setInputFiles(tmpFile('anh.png', PNG));
    await page.getByLabel(viFeedback.textPublic).check();
    await page.getByLabel(viFeedback.name).fill('Nguyễn Thị Lan');
    await page.getByLabel(viFeedback.phone).fill('0912345678');
    await assertFitsPhone(page, 'gửi phản ánh');
    await page.getByRole('button', { name: viFeedback.send }).click();
    await page.getByRole('heading', { level: 1, name: /Đã gửi phản ánh PA\d{2}-\d{6}/ }).waitFor();
    await page.getByText(/Phường Việt Trì/).waitFor();
    await assertFitsPhone(page, 'đã gửi phản ánh');
    await screenshot(page, 'feedback-sent-mobile');
    const code = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/PA\d{2}-\d{6}/)![0];
    const trackLink = await page.getByTestId('track-link').getAttribute('href');

    // Phường Việt Trì handles it: accept, propose the answer; its leader approves
    const desk = await session();
    await signInOfficial(desk, official(people, 'receiving_officer', '07900'), { form: false });
    await desk.page.goto('/can-bo/phan-anh');
    await desk.page.getByRole('link', { name: code }).click();
    await desk.page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    await desk.page.getByRole('link', { name: 'Ảnh 1' }).waitFor();
    await checkA11y(desk.page, 'phản ánh (cán bộ)');
    await desk.page.locator('[data-action=accept]').click();
    await desk.page.getByText(viFeedback.done).waitFor();
    await desk.page.locator('[data-action=propose_answer]').click();
    await desk.page.getByLabel(viFeedback.draft).fill('Ngày 03/12, UBND phường đã thu gom rác và nhắc nhở hộ gia đình ông Trần Văn Bình.');
    await desk.page.locator('form.panel').getByRole('button', { name: 'Trình dự thảo trả lời' }).click();
    await desk.page.getByText('Đã có dự thảo trả lời, chờ lãnh đạo duyệt').waitFor();
    const leader = await session();
    await signInOfficial(leader, official(people, 'leader', '07900'), { form: false });
    await leader.page.goto(`/can-bo/phan-anh/${code}`);
    await leader.page.locator('[data-action=approve_answer]').click();
    await leader.page.getByText('Đã trả lời', { exact: true }).waitFor();

    // the citizen reads the answer on the phone and rates it
    await page.goto(trackLink!);
    await page.getByText(/thu gom rác/).waitFor();
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByRole('button', { name: viFeedback.rateSend }).click();
    await page.getByText(viFeedback.rated).waitFor();
    await assertFitsPhone(page, 'theo dõi phản ánh');
    await checkA11y(page, 'theo dõi và đánh giá phản ánh');

    // the public page: answered, masked
    await page.goto('/phan-anh');
    const card = page.locator(`[data-feedback="${code}"]`);
    await card.waitFor();
    const text = (await card.textContent())!;
    assert.match(text, /Rác thải tồn đọng/);
    assert.match(text, /Hài lòng/);
    assert.doesNotMatch(text, /0912345678|Nguyễn Thị Lan|Trần Văn Bình/);
    assert.match(text, /ông T\*\*\* V\*\*\* B\*\*\*/);
    await assertFitsPhone(page, 'phản ánh đã trả lời');
    await checkA11y(page, 'phản ánh đã trả lời (công khai)');
    await screenshot(page, 'feedback-public-mobile');
  });
});
