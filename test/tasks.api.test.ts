import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { signIn, type TestSession } from './helpers/auth.ts';
import { multipartPng } from './helpers/authz-fixture.ts';
import { testRuntime } from './helpers/runtime.ts';
import { zip } from './helpers/zip.ts';

/**
 * The leaders' tasks through the API, on a fresh platform with the demo people: a leader of a province
 * department imports a task list (preview with per-row errors, then confirm), assigns a task to two
 * communes; one commune reports progress with evidence and asks for more time, the leader approves; the
 * other commune's task is overdue and escalated to the leaders; a case team shares a thread; access by unit.
 */

function multipart(file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = '----lt-tasks';
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** 'dd/mm/yyyy' of a day `days` calendar days from today (Vietnam time). */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}
const iso = (dmy: string) => dmy.split('/').reverse().join('-');

describe('tasks API', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-tasks-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (!['dossiers', 'tasks', 'feedback'].includes(m.name)) await m.seedDemo?.(rt.ctx);
  const sessions = new Map<string, Promise<TestSession>>();
  const as = (u: string) => sessions.get(u) ?? (sessions.set(u, signIn(app, u)), sessions.get(u)!);
  const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload: payload as string, headers: { ...(await as(who)).headers, ...headers } });
  const relay = () => rt.ctx.events.drain();

  const late = dayFromToday(-10);
  let groupId = '';
  let viettri: { id: string; code: string } = { id: '', code: '' };
  let vanphu: { id: string; code: string } = { id: '', code: '' };

  it('previews a CSV with per-row errors and creates nothing', async () => {
    const csv = ['Tên nhiệm vụ;Đơn vị chủ trì;Thời hạn;Mức độ', 'Số hóa sổ hộ tịch;07900;31/02/2026;', ';99999;01/01/2027;gấp'].join('\r\n');
    const m = multipart({ name: 'nhiem-vu.csv', bytes: Buffer.from(csv) }, { issuingUnit: '25.SNNMT' });
    const r = await call('ld.snnmt', 'POST', '/api/v1/task-imports', m.payload, m.headers);
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json();
    assert.equal(p.batchId, null);
    assert.deepEqual(p.errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[2, 'deadline'], [3, 'title'], [3, 'leadUnits'], [3, 'priority']]);
    const list = await call('ld.snnmt', 'GET', '/api/v1/tasks?view=assigned');
    assert.equal(list.json().total, 0);
  });

  it('a commune leader cannot import for a province department', async () => {
    const m = multipart({ name: 'x.csv', bytes: Buffer.from('Tên nhiệm vụ,Đơn vị chủ trì,Thời hạn\nA,07900,01/01/2027') }, { issuingUnit: '25.SNNMT' });
    assert.equal((await call('ld.viettri', 'POST', '/api/v1/task-imports', m.payload, m.headers)).statusCode, 403);
  });

  it('imports an XLSX list: a late task for two communes arrives overdue and escalated', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['Tên nhiệm vụ', 'Nội dung', 'Căn cứ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Mức độ']);
    ws.addRow(['Rà soát đất công bị lấn chiếm', 'Lập danh sách, đề xuất xử lý', 'Kế hoạch 57/KH-UBND', '07900; 07918', '25.SXD', late, 'Khẩn']);
    ws.addRow(['Cập nhật bản đồ quy hoạch', '', '', '07900', '', dayFromToday(60), '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const m = multipart({ name: 'nhiem-vu.xlsx', bytes }, { issuingUnit: '25.SNNMT' });
    const r = await call('ld.snnmt', 'POST', '/api/v1/task-imports', m.payload, m.headers);
    assert.equal(r.statusCode, 200, r.body);
    const p = r.json();
    assert.deepEqual(p.errors, []);
    assert.equal(p.tasks.length, 2);
    assert.deepEqual(p.warnings.map((w: { row: number }) => w.row), [2]);
    const c = await call('ld.snnmt', 'POST', `/api/v1/task-imports/${p.batchId}/confirm`);
    assert.equal(c.statusCode, 201, c.body);
    assert.equal(c.json().created, 3, 'two communes for the first task, one for the second');
    assert.equal((await call('ld.snnmt', 'POST', `/api/v1/task-imports/${p.batchId}/confirm`)).statusCode, 409, 'a list is imported once');
    const group = c.json().tasks.find((t: { isGroup: boolean }) => t.isGroup);
    groupId = group.id;
    const detail = (await call('ld.snnmt', 'GET', `/api/v1/tasks/${groupId}`)).json();
    assert.equal(detail.subtasks.length, 2);
    viettri = detail.subtasks.find((t: { lead: { unitCode: string } }) => t.lead.unitCode === '07900');
    vanphu = detail.subtasks.find((t: { lead: { unitCode: string } }) => t.lead.unitCode === '07918');
    for (const t of detail.subtasks) {
      assert.equal(t.status, 'overdue');
      assert.ok(t.escalatedAt, 'late by more than a working day: escalated');
      assert.equal(t.priority, 'urgent');
    }
    assert.equal(detail.status, 'overdue', 'the group follows its units');
  });

  it('the communes see their own task, not each other’s; a citizen sees none', async () => {
    assert.equal((await call('cv.hotich.viettri', 'GET', `/api/v1/tasks/${viettri.id}`)).statusCode, 200);
    assert.equal((await call('cv.hotich.viettri', 'GET', `/api/v1/tasks/${vanphu.id}`)).statusCode, 404);
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/tasks/${vanphu.id}`)).statusCode, 200, 'the cooperating department reads it');
    const mine = (await call('cv.hotich.viettri', 'GET', '/api/v1/tasks?view=mine')).json();
    assert.deepEqual(mine.items.map((t: { lead: { unitCode: string } }) => t.lead.unitCode), ['07900', '07900']);
    const overdue = (await call('ld.vanphu', 'GET', '/api/v1/tasks?view=unit&unit=07918&overdue=true')).json();
    assert.equal(overdue.total, 1);
    assert.equal((await call('ld.vanphu', 'GET', '/api/v1/tasks?view=unit&unit=07900')).statusCode, 403);
  });

  it('one commune reports progress with evidence and asks for more time; the leader approves it', async () => {
    const up = multipartPng({ name: 'Biên bản kiểm tra hiện trường', kind: 'evidence' });
    const f = await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/files`, up.payload, { 'content-type': up.contentType });
    assert.equal(f.statusCode, 201, f.body);
    const bad = multipart({ name: 'x.exe', bytes: Buffer.from('MZ\x90\x00not a document') }, { kind: 'evidence' });
    assert.equal((await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/files`, bad.payload, bad.headers)).statusCode, 415, 'checked like dossier uploads');
    const p = await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/actions/report_progress`, { percent: 40, text: 'Đã rà soát 12/30 thửa đất', evidence: [f.json().id] });
    assert.equal(p.statusCode, 200, p.body);
    assert.equal(p.json().progress, 40);
    assert.equal((await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/actions/approve`, {})).statusCode, 403, 'the assignee cannot approve');
    const newDue = iso(dayFromToday(30));
    const x = await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/actions/request_extension`, { newDueDate: newDue, reason: 'Chờ số liệu đo đạc của Sở' });
    assert.equal(x.statusCode, 200, x.body);
    assert.ok(x.json().extension);
    const ok = await call('ld.snnmt', 'POST', `/api/v1/tasks/${viettri.id}/actions/approve_extension`, { note: 'Đồng ý' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'in_progress');
    assert.equal(ok.json().escalatedAt, null);
    const d = (await call('ld.snnmt', 'GET', `/api/v1/tasks/${viettri.id}`)).json();
    const report = d.timeline.find((e: { action: string }) => e.action === 'report_progress');
    assert.deepEqual(report.evidence, [f.json().id]);
    assert.equal(d.files[0].kind, 'evidence');
    const other = (await call('ld.vanphu', 'GET', `/api/v1/tasks/${vanphu.id}`)).json();
    assert.equal(other.status, 'overdue');
  });

  it('writes notices through the outbox: the escalation reaches the leaders, the extension request the assigner', async () => {
    await relay();
    const ld = (await call('ld.vanphu', 'GET', '/api/v1/task-notices')).json();
    assert.ok(ld.items.some((n: { kind: string }) => n.kind === 'tasks.task.escalated'), JSON.stringify(ld.items));
    const snnmt = (await call('ld.snnmt', 'GET', '/api/v1/task-notices')).json();
    assert.ok(snnmt.items.some((n: { kind: string; text: string }) => n.kind === 'tasks.task.request_extension' && n.text.includes('Chờ số liệu')));
    const r = await call('ld.vanphu', 'POST', '/api/v1/task-notices/read', { ids: 'all' });
    assert.ok(r.json().marked >= 1);
    assert.equal((await call('ld.vanphu', 'GET', '/api/v1/task-notices?unread=true')).json().unread, 0);
  });

  it('a case team shares a thread among its members only, and dissolves when the task closes', async () => {
    const cv = await as('cv.hotich.viettri');
    const sxd = await as('cv.sxd');
    const cands = await call('ld.snnmt', 'GET', '/api/v1/case-team-candidates?unit=07900');
    assert.ok(cands.json().items.some((o: { id: string }) => o.id === cv.principal.id), 'a leader finds the officials of another unit');
    assert.equal((await call('cv.hotich.viettri', 'GET', '/api/v1/case-team-candidates?unit=07900')).statusCode, 403, 'only leaders form teams');
    const t = await call('ld.snnmt', 'POST', '/api/v1/case-teams', { caseKind: 'task', caseRef: viettri.id, name: 'Tổ xử lý đất công Việt Trì', memberIds: [cv.principal.id, sxd.principal.id] });
    assert.equal(t.statusCode, 201, t.body);
    const team = t.json();
    assert.equal((await call('cv.hotich.viettri', 'POST', `/api/v1/case-teams/${team.id}/messages`, { text: 'Đã gửi bản đồ hiện trạng.' })).statusCode, 201);
    assert.equal((await call('cv.hotich.vanphu', 'GET', `/api/v1/case-teams/${team.id}`)).statusCode, 404, 'not a member');
    assert.equal((await call('ld.viettri', 'GET', `/api/v1/case-teams/${team.id}`)).statusCode, 404, 'a leader of a member’s unit is not a member');
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/case-teams/${team.id}`)).json().messages.length, 1);
    // the task is finished and approved: the team dissolves
    assert.equal((await call('cv.hotich.viettri', 'POST', `/api/v1/tasks/${viettri.id}/actions/report_done`, { text: 'Đã hoàn thành' })).statusCode, 200);
    assert.equal((await call('ld.snnmt', 'POST', `/api/v1/tasks/${viettri.id}/actions/approve`, {})).json().onTime, true);
    await relay();
    const after = (await call('cv.sxd', 'GET', `/api/v1/case-teams/${team.id}`)).json();
    assert.ok(after.dissolvedAt);
    assert.equal((await call('cv.sxd', 'POST', `/api/v1/case-teams/${team.id}/messages`, { text: 'Còn ai không?' })).statusCode, 404);
  });

  it('exports what a list shows, and counts completion per unit for the dashboard', async () => {
    const r = await call('ld.snnmt', 'GET', '/api/v1/task-exports/tasks.csv?view=assigned');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Rà soát đất công bị lấn chiếm/);
    const x = await call('ld.snnmt', 'GET', '/api/v1/task-exports/tasks.xlsx?view=unit&unit=25.SNNMT');
    assert.equal(x.statusCode, 200);
    const facts = await rt.ctx.services.tasks!.completionFacts();
    const v = facts.find((f) => f.unitCode === '07900')!;
    assert.deepEqual([v.assigned, v.approved, v.approvedOnTime], [2, 1, 1]);
    assert.equal(facts.find((f) => f.unitCode === '07918')!.overdueOpen, 1);
  });

  it('refuses bad input with problems, never a 500', async () => {
    assert.equal((await call('ld.snnmt', 'POST', '/api/v1/tasks', { title: 'X', leadUnits: ['07900'], deadline: { date: '2020-01-01' } })).statusCode, 422);
    assert.equal((await call('ld.snnmt', 'POST', '/api/v1/tasks', { title: 'X', leadUnits: ['nope'], deadline: { date: '2030-01-01' } })).statusCode, 422);
    assert.equal((await call('ld.snnmt', 'POST', `/api/v1/tasks/${vanphu.id}/actions/report_progress`, { percent: 10 })).statusCode, 403, 'the assigner does not report for the commune');
    assert.equal((await call('cv.hotich.vanphu', 'POST', `/api/v1/tasks/${vanphu.id}/actions/report_progress`, { percent: 10 })).statusCode, 400);
    const m = multipart({ name: 'x.csv', bytes: Buffer.from([0xff, 0xfe, 0x00, 0x41]) }, { issuingUnit: '25.SNNMT' });
    assert.equal((await call('ld.snnmt', 'POST', '/api/v1/task-imports', m.payload, m.headers)).statusCode, 422);
    const sub = await call('ld.vanphu', 'POST', '/api/v1/tasks', { title: 'Khảo sát tổ dân phố 3', leadUnits: ['07918'], deadline: { date: '2099-01-01' }, parentId: vanphu.id });
    assert.equal(sub.statusCode, 422, 'a sub-task is not due after its parent');
  });

  it('refuses hostile task lists as a whole with a Vietnamese problem, and keeps nothing', async () => {
    const kept = async () => {
      const r = await rt.ctx.db.query<{ b: number; t: number }>(`SELECT (SELECT count(*)::int FROM tasks.import_batch) AS b, (SELECT count(*)::int FROM tasks.task) AS t`);
      return r.rows[0];
    };
    const before = await kept();
    const send = async (name: string, bytes: Buffer) => {
      const m = multipart({ name, bytes }, { issuingUnit: '25.SNNMT' });
      const r = await call('ld.snnmt', 'POST', '/api/v1/task-imports', m.payload, m.headers);
      assert.match(String(r.headers['content-type']), /^application\/problem\+json/, `${name}: ${r.statusCode} ${r.body}`);
      return { status: r.statusCode, code: r.json().code as string, detail: r.json().detail as string };
    };
    // an XLSX of a few kilobytes that unpacks to 40 MB (declaring 1 KB)
    const bomb = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20), declared: 1024 }]);
    assert.deepEqual(await send('nhiem-vu.xlsx', bomb).then((p) => [p.status, p.code]), [422, 'spreadsheet-too-large']);
    const pdf = await send('ke-hoach.csv', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3])]));
    assert.deepEqual([pdf.status, pdf.code], [422, 'csv-not-utf8']);
    assert.match(pdf.detail, /không phải CSV mã UTF-8 hay Excel/);
    const quote = await send('ds.csv', Buffer.from('Tên nhiệm vụ;Đơn vị chủ trì;Thời hạn\n"Việc A;07900;31/12/2027\n'));
    assert.equal(quote.status, 422);
    assert.match(quote.detail, /^Tệp CSV không đúng định dạng ở dòng \d+: có dấu ngoặc kép/);
    assert.deepEqual(await send('lon.csv', Buffer.alloc(6 * 1024 * 1024, 0x41)).then((p) => [p.status, p.code]), [422, 'file-too-large']);
    assert.deepEqual(await send('rat-lon.csv', Buffer.alloc(11 * 1024 * 1024, 0x41)).then((p) => p.status), 413);
    const many = ['Tên nhiệm vụ,Đơn vị chủ trì,Thời hạn', ...Array.from({ length: 2001 }, (_, i) => `Việc ${i},07900,31/12/2027`)].join('\n');
    const m = multipart({ name: 'nhieu.csv', bytes: Buffer.from(many) }, { issuingUnit: '25.SNNMT' });
    const r = await call('ld.snnmt', 'POST', '/api/v1/task-imports', m.payload, m.headers);
    assert.equal(r.statusCode, 200);
    assert.deepEqual([r.json().batchId, r.json().errors[0].message], [null, 'Mỗi lần nhập tối đa 2000 nhiệm vụ (tệp có 2001 dòng).']);
    const json = await call('ld.snnmt', 'POST', '/api/v1/task-imports', { file: 'x' });
    assert.equal(json.statusCode, 415);
    assert.match(json.json().detail, /multipart\/form-data/);
    assert.deepEqual(await kept(), before, 'no preview kept, no task created');
  });
});
