import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { signIn, type TestSession } from './helpers/auth.ts';
import { multipartPng } from './helpers/authz-fixture.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * Citizens' feedback through the API: an anonymous report with a photo is routed by the demo rules to the
 * commune of its (old-style) address, accepted, answered after the leader's approval, the reporter is
 * notified and rates it, the public page shows it masked; a category rule sends another report to a
 * province agency; the unit transfers one with a reason; officials of other units do not see them.
 */
describe('feedback API', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-feedback-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (!['dossiers', 'tasks', 'feedback'].includes(m.name)) await m.seedDemo?.(rt.ctx);
  const sessions = new Map<string, Promise<TestSession>>();
  const as = (u: string) => sessions.get(u) ?? (sessions.set(u, signIn(app, u)), sessions.get(u)!);
  const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload: payload as string, headers: { ...(who ? (await as(who)).headers : {}), ...headers } });

  let code = '';
  let key = '';
  const text = 'Tôi là Nguyễn Thị Lan (0912345678). Rác thải tồn đọng nhiều ngày ở đầu ngõ 12 đường Lê Lợi, nhà ông Trần Văn Bình đổ ra lòng đường.';

  it('takes an anonymous report with a contact, converts the old address and routes it to the commune', async () => {
    assert.equal((await call(null, 'POST', '/api/v1/feedback', { category: 'moi_truong', text, textPublic: true })).statusCode, 422, 'anonymous needs a contact');
    const r = await call(null, 'POST', '/api/v1/feedback', { category: 'moi_truong', text, textPublic: true, address: 'Số 12 đường Lê Lợi, P. Gia Cẩm, TP Việt Trì, Phú Thọ', contact: { name: 'Nguyễn Thị Lan', phone: '0912345678' } });
    assert.equal(r.statusCode, 201, r.body);
    const b = r.json();
    code = b.code;
    key = b.key;
    assert.equal(b.report.unit.code, '07900', 'Phường Gia Cẩm merged into Phường Việt Trì');
    assert.equal(b.report.place.communeCode, '07900');
    assert.equal(b.report.status, 'received');
    const up = multipartPng();
    const p = await call(null, 'POST', `/api/v1/feedback/${code}/photos?k=${key}`, up.payload, { 'content-type': up.contentType });
    assert.equal(p.statusCode, 201, p.body);
    assert.equal((await call(null, 'POST', `/api/v1/feedback/${code}/photos?k=${'x'.repeat(24)}`, up.payload, { 'content-type': up.contentType })).statusCode, 404, 'a wrong key');
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const boundary = '----lt';
    const bad = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const refused = await call(null, 'POST', `/api/v1/feedback/${code}/photos?k=${key}`, bad, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    assert.equal(refused.statusCode, 415, 'photos only');
    assert.match(refused.json().detail, /^Ảnh phản ánh chỉ nhận tệp JPEG, PNG/, 'the refusal speaks of the report’s photo, not of a dossier');
    const msgs = await rt.ctx.services.notifications!.list({ limit: 10 });
    assert.ok(msgs.some((m) => m.template === 'feedback_received' && m.channel === 'sms'));
  });

  it('only the routed commune sees it; it is handled, answered after the leader approves, and rated', async () => {
    assert.equal((await call('cv.hotich.vanphu', 'GET', `/api/v1/feedback/${code}`)).statusCode, 404);
    const list = (await call('tn.viettri', 'GET', '/api/v1/feedback?unit=07900')).json();
    assert.equal(list.total, 1);
    const d = (await call('tn.viettri', 'GET', `/api/v1/feedback/${code}`)).json();
    assert.equal(d.reporter.phone, '0912345678', 'the handling unit sees the contact (the read is recorded)');
    assert.equal(d.photos.length, 1);
    assert.equal((await call('tn.viettri', 'POST', `/api/v1/feedback/${code}/actions/accept`, {})).statusCode, 200);
    assert.equal((await call('cv.datdai.viettri', 'POST', `/api/v1/feedback/${code}/actions/propose_answer`, { text: 'Ngày 03/12, UBND phường đã cho thu gom rác và nhắc nhở hộ gia đình ông Trần Văn Bình.' })).statusCode, 200);
    assert.equal((await call('cv.datdai.viettri', 'POST', `/api/v1/feedback/${code}/actions/approve_answer`, {})).statusCode, 403, 'only the leader approves');
    const ok = await call('ld.viettri', 'POST', `/api/v1/feedback/${code}/actions/approve_answer`, {});
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'answered');
    assert.equal(ok.json().answeredOnTime, true);
    const msgs = await rt.ctx.services.notifications!.list({ limit: 10 });
    assert.ok(msgs.some((m) => m.template === 'feedback_answered'));
    const tr = (await call(null, 'GET', `/api/v1/feedback/${code}/track?k=${key}`)).json();
    assert.match(tr.answer, /thu gom rác/);
    assert.equal((await call(null, 'POST', `/api/v1/feedback/${code}/rating?k=${key}`, { rating: 'satisfied' })).json().rating, 'satisfied');
    assert.equal((await call(null, 'POST', `/api/v1/feedback/${code}/rating?k=${key}`, { rating: 'unsatisfied' })).statusCode, 409, 'rated once');
  });

  it('publishes the answered report masked', async () => {
    const pub = (await call(null, 'GET', '/api/v1/public-feedback')).json();
    assert.equal(pub.total, 1);
    const item = pub.items[0];
    assert.equal(item.code, code);
    assert.equal(item.rating, 'Hài lòng');
    const all = JSON.stringify(item);
    assert.doesNotMatch(all, /0912345678|Nguyễn Thị Lan|Trần Văn Bình/);
    assert.match(item.text, /Rác thải tồn đọng/);
    assert.match(item.answer, /ông T\*\*\* V\*\*\* B\*\*\*/);
    assert.equal((await call(null, 'GET', `/api/v1/public-feedback/${code}`)).statusCode, 200);
  });

  it('routes by category rule to a province agency; a signed-in-less official transfer carries a reason', async () => {
    const r = await call(null, 'POST', '/api/v1/feedback', { category: 'dich_vu_cong', text: 'Cổng dịch vụ công báo lỗi khi nộp hồ sơ khai sinh.', textPublic: false, communeCode: '07918', contact: { email: 'nguoidan@example.vn' } });
    assert.equal(r.json().report.unit.code, '25.TTPVHCC');
    const c2 = r.json().code;
    const other = await call(null, 'POST', '/api/v1/feedback', { category: 'giao_thong', text: 'Đường ngập sâu sau mưa ở tổ dân phố 5.', textPublic: false, communeCode: '07918', contact: { phone: '0987654321' } });
    const c3 = other.json().code;
    assert.equal(other.json().report.unit.code, '07918');
    assert.equal((await call('tn.vanphu', 'POST', `/api/v1/feedback/${c3}/actions/transfer`, { toUnit: '25.SXD' })).statusCode, 400, 'a reason is required');
    const t = await call('tn.vanphu', 'POST', `/api/v1/feedback/${c3}/actions/transfer`, { toUnit: '25.SXD', reason: 'Tuyến đường do tỉnh quản lý' });
    assert.equal(t.statusCode, 200, t.body);
    assert.equal(t.json().unit.code, '25.SXD');
    assert.equal((await call('tn.vanphu', 'GET', `/api/v1/feedback/${c3}`)).statusCode, 404, 'no longer theirs');
    assert.equal((await call('cv.sxd', 'GET', `/api/v1/feedback/${c3}`)).statusCode, 200);
    assert.equal((await call(null, 'GET', `/api/v1/public-feedback/${c2}`)).statusCode, 404, 'not answered: not public');
    await rt.ctx.events.drain();
    const n = (await call('cv.sxd', 'GET', '/api/v1/task-notices')).json();
    assert.ok(n.items.some((x: { text: string }) => x.text.includes(c3)), 'the receiving unit is notified');
  });

  it('lets the province edit its rules, checked before saving, and counts facts per unit', async () => {
    const bad = await call('qtv.tinh', 'PUT', '/api/v1/feedback-routing-rules', { rules: [{ category: '*', communeCode: null, target: '99.XYZ', answerWorkingDays: 10 }] });
    assert.equal(bad.statusCode, 422);
    assert.equal((await call('ld.viettri', 'PUT', '/api/v1/feedback-routing-rules', { rules: [] })).statusCode, 403);
    const rules = (await call('qtv.tinh', 'GET', '/api/v1/feedback-routing-rules')).json().rules;
    const ok = await call('qtv.tinh', 'PUT', '/api/v1/feedback-routing-rules', { rules: [...rules, { category: 'giao_thong', communeCode: '07918', target: '25.SXD', answerWorkingDays: 8 }] });
    assert.equal(ok.statusCode, 200, ok.body);
    const r = await call(null, 'POST', '/api/v1/feedback', { category: 'giao_thong', text: 'Ổ gà lớn trên đường tỉnh 315 đoạn qua phường.', textPublic: false, communeCode: '07918', contact: { phone: '0987654321' } });
    assert.equal(r.json().report.unit.code, '25.SXD');
    const facts = await rt.ctx.services.feedback!.facts();
    const v = facts.find((f) => f.unitCode === '07900')!;
    assert.deepEqual([v.received, v.answered, v.answeredOnTime, v.ratings.satisfied], [1, 1, 1, 1]);
  });
});
