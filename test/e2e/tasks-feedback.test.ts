// Leaders' tasks and citizens' feedback in a real browser (issue 12, "Done means"), against the platform
// started as the README starts it; every page visited is checked with axe-core.
//  1. A department leader imports a task list (a key task already late, for two communes); one commune
//     reports progress with an evidence file and asks for more time, the leader approves; the other
//     commune's task stays overdue and has been escalated.
//  2. A citizen sends feedback with a photo from a 360-pixel phone, without signing in (a document picked
//     instead of a photo is refused before anything is sent); it reaches the
//     commune of the (pre-merger) address, is answered after the leader's approval, rated, and appears on the
//     public page with the personal data masked.
//  3. The province administrator edits the feedback routing rules (checked before saving).
//  4. A citizen tells the assistant about a broken street light, gives the commune and a phone number and
//     confirms: the report reaches the commune (channel "Trợ lý ảo"); a hotline operator logs a call and
//     files the caller's report in the same click.
//  5. A department leader forms a case team of officials from a commune and another department for a
//     task; the members are notified; the department's member opens the shared document and writes in the
//     thread, the commune's member is notified of it (nobody else sees the team or its document); the team
//     dissolves when the task is done and approved.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { viFeedback, viTasks } from '../../web/src/i18n/vi-work.ts';
import { va } from '../../web/src/i18n/assistant.ts';
import { browserSkipReason, checkA11y, screenshot } from './browser.ts';
import { apiLogin, assertFitsPhone, browserSuite, official, signInOfficial } from './flows.ts';

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
  const e2e = browserSuite();
  const { session } = e2e;

  it('a leader imports a task list for two communes; one reports progress with evidence and gets more time, the other is overdue and escalated', async () => {
    const leader = await session();
    await signInOfficial(leader, official(e2e.people, 'leader', '25.SNNMT'), { form: false });
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
    await signInOfficial(viettri, official(e2e.people, 'specialist', '07900', 'Hộ tịch'), { form: false });
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
    await page.goto(taskUrl.replace(e2e.base, ''));
    await page.locator('[data-action=approve_extension]').click();
    await page.getByText(viTasks.done).waitFor();
    await page.getByText('Đang thực hiện', { exact: true }).waitFor();
    assert.equal(await page.getByText(/Đã báo cáo lãnh đạo lúc/).count(), 0, 'a new deadline ends the escalation');

    // Phường Vân Phú: still overdue, escalated, in the unit's list of overdue tasks
    const vanphu = await session();
    await signInOfficial(vanphu, official(e2e.people, 'leader', '07918'), { form: false });
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
    // a document picked instead of a photo is refused on the phone, before anything is sent
    await page.getByLabel(viFeedback.photo).setInputFiles(tmpFile('anh.jpg', Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n')));
    await page.getByLabel(viFeedback.textPublic).check();
    await page.getByLabel(viFeedback.name).fill('Nguyễn Thị Lan');
    await page.getByLabel(viFeedback.phone).fill('0912345678');
    await page.getByRole('button', { name: viFeedback.send }).click();
    await page.getByText(/Chỉ nhận ảnh JPEG hoặc PNG/).first().waitFor();
    assert.equal(await page.getByRole('heading', { level: 1, name: /Đã gửi phản ánh/ }).count(), 0, 'nothing is sent with a photo the platform would refuse');
    await page.getByLabel(viFeedback.photo).setInputFiles(tmpFile('anh.png', PNG));
    await page.getByText(/Chỉ nhận ảnh JPEG hoặc PNG/).waitFor({ state: 'detached' });
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
    await signInOfficial(desk, official(e2e.people, 'receiving_officer', '07900'), { form: false });
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
    await signInOfficial(leader, official(e2e.people, 'leader', '07900'), { form: false });
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


  it('the province administrator edits the feedback routing rules; a rule naming an unknown unit is refused', async () => {
    const admin = await session();
    await signInOfficial(admin, e2e.people.find((p) => p.kind === 'official' && p.role === 'province_admin')!, { form: false });
    const { page } = admin;
    await page.goto('/can-bo/phan-anh/quy-tac');
    await page.getByRole('heading', { level: 1, name: 'Quy tắc chuyển phản ánh, kiến nghị' }).waitFor();
    const rows = page.locator('[data-testid=routing-rules] tbody tr');
    await rows.first().waitFor();
    const n = await rows.count();
    await checkA11y(page, 'quy tắc chuyển phản ánh');
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await page.getByLabel(`Lĩnh vực, quy tắc ${n + 1}`).selectOption('giao_duc');
    await page.getByLabel(`Đơn vị xử lý, quy tắc ${n + 1}`).fill('25.KHONGCO');
    await page.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await page.getByRole('alert').filter({ hasText: /25\.KHONGCO/ }).waitFor();
    await page.getByLabel(`Đơn vị xử lý, quy tắc ${n + 1}`).fill('');
    await page.getByLabel(`Ngày làm việc để trả lời, quy tắc ${n + 1}`).fill('12');
    await page.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await page.getByText(`Đã lưu ${n + 1} quy tắc`).waitFor();
    await page.reload();
    await page.getByLabel(`Ngày làm việc để trả lời, quy tắc ${n + 1}`).waitFor();
    assert.equal(await page.getByLabel(`Ngày làm việc để trả lời, quy tắc ${n + 1}`).inputValue(), '12');
    // back to the demo's rules (a platform reused between runs starts from them again)
    await page.getByRole('button', { name: `Xóa quy tắc ${n + 1}` }).click();
    await page.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await page.getByText(`Đã lưu ${n} quy tắc`).waitFor();
  });

  it('a citizen reports a problem to the assistant and confirms it; a hotline operator files a caller’s report with the call in one click', async () => {
    const phone = await session({ mobile: true });
    const { page } = phone;
    await page.goto('/');
    await page.getByRole('button', { name: va.open }).click();
    const chat = page.getByRole('dialog', { name: va.title });
    const say = async (text: string, expect: RegExp) => {
      await chat.getByLabel(va.label).fill(text);
      await chat.getByRole('button', { name: va.send, exact: true }).click();
      await chat.locator('.chat-bot').filter({ hasText: expect }).last().waitFor();
    };
    await say('đèn đường ở tổ 3 bị hỏng mấy hôm nay', /xã, phường nào/);
    await say('phường Vân Phú', /số điện thoại hoặc thư điện tử/);
    await say('0912 345 678', /«đồng ý»/);
    await checkA11y(page, 'trợ lý: xác nhận gửi phản ánh');
    await say('đồng ý', /Đã gửi phản ánh PA\d{2}-\d{6}/);
    await screenshot(page, 'assistant-feedback-mobile');
    const code = (await chat.locator('.chat-bot').last().textContent())!.match(/PA\d{2}-\d{6}/)![0];
    await chat.locator('.chat-bot').last().getByRole('link', { name: new RegExp(`/phan-anh/${code}\\?k=`) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
    await page.getByText(/Phường Vân Phú/).first().waitFor();
    await assertFitsPhone(page, 'theo dõi phản ánh gửi qua trợ lý');

    // the commune sees it, received through the assistant
    const vanPhu = await session();
    await signInOfficial(vanPhu, official(e2e.people, 'receiving_officer', '07918'), { form: false });
    await vanPhu.page.goto(`/can-bo/phan-anh/${code}`);
    await vanPhu.page.getByRole('heading', { level: 1, name: `Phản ánh ${code}` }).waitFor();
    await vanPhu.page.getByText(/Trợ lý ảo/).first().waitFor();

    // the hotline: a caller reports waste water; the operator logs the call and files the report at once
    const operator = await session();
    await signInOfficial(operator, official(e2e.people, 'receiving_officer', '07900'), { form: false });
    await operator.page.goto('/tong-dai');
    await operator.page.getByRole('heading', { level: 1, name: 'Tổng đài hỗ trợ thủ tục hành chính' }).waitFor();
    await operator.page.getByLabel('Ghi chú (không bắt buộc)').fill('Nước thải từ xưởng chế biến chảy ra mương tưới ở tổ 5.');
    await operator.page.getByLabel('Lĩnh vực').selectOption('moi_truong');
    await operator.page.getByLabel('Nơi xảy ra (địa chỉ, xã, phường)').fill('tổ 5, phường Việt Trì');
    await operator.page.getByLabel('Họ tên người gọi (không bắt buộc)').fill('Trần Văn An');
    await operator.page.getByLabel('Số điện thoại người gọi').fill('0913222333');
    await checkA11y(operator.page, 'tổng đài: ghi cuộc gọi và phản ánh');
    await operator.page.getByRole('button', { name: 'Ghi cuộc gọi và tạo phản ánh' }).click();
    const saved = operator.page.getByRole('status').filter({ hasText: /Đã ghi cuộc gọi số \d+ và tạo phản ánh PA\d{2}-\d{6}, chuyển tới .*Việt Trì/ });
    await saved.waitFor();
    const phoned = (await saved.textContent())!.match(/PA\d{2}-\d{6}/)![0];
    await operator.page.goto(`/can-bo/phan-anh/${phoned}`);
    await operator.page.getByText('0913222333').first().waitFor();
    await operator.page.getByText(/· Điện thoại/).first().waitFor();
  });
  it('a leader forms a case team from two units for a task; a member reads the shared document and replies, the other is notified; the team dissolves when the task closes', async () => {
    const ld = official(e2e.people, 'leader', '25.SNNMT');
    const cv = official(e2e.people, 'specialist', '07900', 'Hộ tịch');
    const sxd = official(e2e.people, 'specialist', '25.SXD');
    // set-up through the API (what the journey is not about): a task for Phường Việt Trì
    const title = `Xử lý lấn chiếm đất công tổ 5 ${Date.now() % 100000}`;
    const a = await apiLogin(e2e.base, ld);
    const created = await fetch(`${e2e.base}/api/v1/tasks`, {
      method: 'POST',
      headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ title, legalSource: 'Kế hoạch 57/KH-UBND', leadUnits: ['07900'], deadline: { workingDays: 10 } }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const taskId = ((await created.json()) as { tasks: { id: string }[] }).tasks[0]!.id;

    const leader = await session();
    await signInOfficial(leader, ld, { form: false });
    const { page } = leader;
    await page.goto(`/can-bo/nhiem-vu/${taskId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('button', { name: viTasks.formTeam }).click();
    const panel = page.locator('.panel');
    await panel.getByLabel(viTasks.teamName).fill(`Tổ công tác ${title}`);
    for (const [unit, person] of [['07900', cv], ['25.SXD', sxd]] as const) {
      await panel.getByLabel(viTasks.unitCode).fill(unit);
      await panel.getByRole('button', { name: viTasks.findOfficials }).click();
      await panel.getByLabel(new RegExp(`^${person.displayName}`)).check();
    }
    await checkA11y(page, 'lập tổ công tác');
    await panel.getByRole('button', { name: viTasks.formTeam }).click();
    await page.getByRole('heading', { level: 1, name: `Tổ công tác ${title}` }).waitFor();
    const teamUrl = page.url().replace(e2e.base, '');
    assert.match(teamUrl, /^\/can-bo\/to-cong-tac\/[0-9a-f-]{36}$/);
    for (const person of [cv, sxd]) await page.getByRole('listitem').filter({ hasText: person.displayName }).waitFor();
    await page.getByLabel(viTasks.teamWrite).fill('Gửi bản đồ hiện trạng khu đất để các đơn vị cùng xem.');
    await page.getByLabel(viTasks.evidenceFile).setInputFiles(tmpFile('ban-do-hien-trang.png', PNG));
    await page.getByRole('button', { name: viTasks.teamSend }).click();
    await page.getByRole('link', { name: 'ban-do-hien-trang.png' }).waitFor();
    await checkA11y(page, 'tổ công tác');
    await screenshot(page, 'case-team');

    /** Reloads `url` until `target` shows (notices and dissolution arrive through the outbox). */
    const reloadUntil = async (p: typeof page, url: string, ready: () => Promise<unknown>, target: ReturnType<typeof page.getByText>) => {
      for (let i = 0; i < 20 && !(await target.count()); i++) {
        await p.goto(url);
        await ready();
        await target.first().waitFor({ timeout: 1500 }).catch(() => undefined);
      }
      await target.first().waitFor();
    };
    const myTasks = (p: typeof page) => () => p.getByRole('heading', { level: 1, name: viTasks.mine }).waitFor();

    // a member from the department is notified, opens the shared document and replies in the thread
    const member = await session();
    await signInOfficial(member, sxd, { form: false });
    const notice = member.page.getByRole('link', { name: new RegExp(`tổ công tác "Tổ công tác ${title}"`) });
    await reloadUntil(member.page, '/can-bo/nhiem-vu', myTasks(member.page), notice);
    await notice.first().click();
    const shared = member.page.getByRole('link', { name: 'ban-do-hien-trang.png' });
    const fileUrl = (await shared.getAttribute('href'))!;
    const opened = await member.page.request.get(fileUrl);
    assert.equal(opened.status(), 200);
    assert.deepEqual(await opened.body(), PNG, 'the member reads the document the leader shared');
    await member.page.getByLabel(viTasks.teamWrite).fill('Sở Xây dựng đã đối chiếu giấy phép xây dựng: công trình không có phép.');
    await member.page.getByRole('button', { name: viTasks.teamSend }).click();
    await member.page.getByText('công trình không có phép').waitFor();

    // the commune's member is notified of the reply and reads it in the thread
    const commune = await session();
    await signInOfficial(commune, cv, { form: false });
    const reply = commune.page.getByRole('link', { name: `${sxd.displayName} viết trong tổ công tác "Tổ công tác ${title}".` });
    await reloadUntil(commune.page, '/can-bo/nhiem-vu', myTasks(commune.page), reply);
    await reply.first().click();
    await commune.page.getByText('công trình không có phép').waitFor();

    // the commune's leader is not a member: neither the team nor its document is shown to them
    const outsider = await session();
    await signInOfficial(outsider, official(e2e.people, 'leader', '07900'), { form: false });
    await outsider.page.goto(teamUrl);
    await outsider.page.getByRole('alert').waitFor();
    assert.equal(await outsider.page.getByText('công trình không có phép').count(), 0);
    assert.equal((await outsider.page.request.get(fileUrl)).status(), 404);

    // the commune reports the task done, the leader approves it: the team dissolves
    await commune.page.goto(`/can-bo/nhiem-vu/${taskId}`);
    await commune.page.locator('[data-action=report_done]').click();
    await commune.page.getByLabel(viTasks.text).fill('Đã lập biên bản, yêu cầu tháo dỡ công trình lấn chiếm.');
    await commune.page.locator('form.panel button[type=submit]').click();
    await commune.page.getByText(viTasks.done).waitFor();
    await page.goto(`/can-bo/nhiem-vu/${taskId}`);
    await page.locator('[data-action=approve]').click();
    await page.getByText(viTasks.done).waitFor();
    const dissolved = member.page.getByText(viTasks.teamDissolved);
    await reloadUntil(member.page, teamUrl, () => member.page.getByRole('heading', { level: 1, name: `Tổ công tác ${title}` }).waitFor(), dissolved);
    assert.equal(await member.page.getByRole('button', { name: viTasks.teamSend }).count(), 0, 'a dissolved team takes no more messages');
    await checkA11y(member.page, 'tổ công tác đã giải thể');
  });
});
