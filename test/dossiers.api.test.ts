import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { ensureDemoWebhookSecret, simulateBankTransfer, signPaymentNotification } from '../src/platform/payments/index.ts';
import { systemCaller } from '../src/modules/dossiers/service.ts';
import { sampleAnswers } from '../src/modules/forms/index.ts';

/**
 * The dossier API end to end on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), with the
 * demo people of Phú Thọ signing in: a commune procedure, a province procedure forwarded from a commune
 * to the department, supplements, apology, concurrency, idempotency, permissions, tracking, payments,
 * attachments, papers and process definitions.
 */

const has = (cmd: string) => {
  try {
    execFileSync(cmd, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const PDFTOTEXT = has('pdftotext');
const PDFSIG = has('pdfsig');

function pdfText(bytes: Buffer): string {
  const f = path.join(os.tmpdir(), `lt-dossier-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

describe('dossiers API', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-dossiers-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  // the demo people and the demo province's offering (not the demo dossiers: this file makes its own)
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);

  const s: Record<string, TestSession> = {};
  const as = async (u: string) => (s[u] ??= await signIn(app, u));

  const post = async (who: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: { ...(await as(who)).headers, ...headers } });
  const get = async (who: string | null, url: string) => app.inject({ method: 'GET', url, headers: who ? (await as(who)).headers : {} });
  const act = async (who: string, code: string, action: string, body: unknown = {}, ifMatch?: number) =>
    post(who, `/api/v1/dossiers/${code}/actions/${action}`, body, ifMatch !== undefined ? { 'if-match': `"${ifMatch}"` } : {});
  const ok = (r: { statusCode: number; body: string }, status = 200) => {
    assert.equal(r.statusCode, status, r.body);
    return JSON.parse(r.body);
  };
  const counterBirth = (over: Record<string, unknown> = {}) => ({
    procedureCode: '1.001193',
    applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234', phone: '0912345678', address: 'Tổ 5, phường Việt Trì' },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }, { name: 'Giấy chứng sinh', copies: 1 }],
    ...over,
  });

  it('runs a commune procedure end to end at one ward, with papers a PDF reader opens', async () => {
    const created = await post('tn.viettri', '/api/v1/dossiers', counterBirth({ digitised: true }));
    const d = ok(created, 201);
    assert.match(d.code, /^H25\.\d{2}\.\d{2}-\d{6}-0001$/);
    assert.equal(created.headers.etag, `"${d.version}"`);
    assert.equal(d.status, 'received');
    assert.equal(d.nationalStatus.code, 2);
    assert.equal(d.channel, 'counter');
    assert.equal(d.kenhThucHien, 1);
    assert.equal(d.receivingUnit, '07900');
    assert.equal(d.decidingUnit, '07900');
    assert.ok(d.dueAt);
    assert.ok(d.digitised);
    assert.deepEqual(d.availableActions, ['forward', 'withdraw'], 'birth registration is free: no payment request is offered');

    let v = ok(await act('tn.viettri', d.code, 'forward', { note: 'Chuyển công chức hộ tịch' }, d.version));
    assert.equal(v.status, 'in_processing');
    assert.equal(v.step.key, 'appraise');
    v = ok(await act('cv.hotich.viettri', d.code, 'appraise', { opinion: 'favourable', note: 'Hồ sơ đầy đủ, hợp lệ' }, v.version));
    assert.equal(v.status, 'appraised');
    assert.equal((await act('tn.viettri', d.code, 'approve', {})).statusCode, 403, 'a receiving officer does not approve');
    v = ok(await act('ld.viettri', d.code, 'approve', { resultNumber: '125/TLKS' }, v.version));
    v = ok(await act('ld.viettri', d.code, 'sign', {}, v.version));
    assert.equal(v.status, 'result_signed');
    v = ok(await act('vt.viettri', d.code, 'issue_result', { electronic: true }, v.version));
    assert.equal(v.status, 'result_issued');
    assert.equal(v.onTime, true);
    v = ok(await act('tn.viettri', d.code, 'return_result', { method: 'counter' }, v.version));
    assert.equal(v.status, 'returned');
    assert.equal(v.nationalStatus.code, 10);

    const timeline = ok(await get('ld.viettri', `/api/v1/dossiers/${d.code}/timeline`));
    assert.deepEqual(
      timeline.map((t: { action: string }) => t.action),
      ['submit', 'receive', 'forward', 'appraise', 'approve', 'sign', 'issue_result', 'return_result'],
    );
    assert.equal(timeline[2].fromUnit, '07900');
    assert.ok(timeline.every((t: { actor: { name: string }; at: string }) => t.actor.name && t.at));

    for (const form of ['receipt', 'control-sheet', 'result']) {
      const r = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/${form}.pdf`);
      assert.equal(r.statusCode, 200, `${form}: ${r.body.slice(0, 300)}`);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
      if (PDFTOTEXT) {
        const text = pdfText(r.rawPayload);
        assert.ok(text.includes(d.code), `${form} shows the dossier code`);
        if (form === 'receipt') assert.match(text, /Nguyễn Thị Hồng Nhung/);
      }
    }
    if (PDFSIG) {
      const f = path.join(dataDir, 'result.pdf');
      fs.writeFileSync(f, (await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/result.pdf`)).rawPayload);
      let out = '';
      try {
        out = execFileSync('pdfsig', [f], { encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? '');
      }
      assert.match(out, /Signature #1/);
      assert.match(out, /Signature Validation: Signature is Valid/);
    }
    assert.equal((await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/apology.pdf`)).statusCode, 409, 'no apology on this dossier');
    // the applicant was told by SMS, by the subscriber of the dossier events: received, then result ready
    await rt.ctx.events.drain(); // the notices are sent by the subscriber of the dossier events
    const sms = await rt.ctx.db.query<{ template: string }>('SELECT template FROM notifications.message WHERE dossier_code = $1 ORDER BY created_at', [d.code]);
    assert.deepEqual(sms.rows.map((x) => x.template), ['received', 'result_ready']);
    // delivered again (at least once): the same messages, none twice
    assert.ok((await rt.ctx.events.rewind('dossiers.applicant-notices', new Date(0))) > 0);
    await rt.ctx.events.drain();
    const again = await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications.message WHERE dossier_code = $1', [d.code]);
    assert.equal(again.rows[0]!.n, 2);
  });

  it('forwards a province procedure received at a ward to Sở Nông nghiệp và Môi trường, and returns it at the ward', async () => {
    const d = ok(
      await post('tn.viettri', '/api/v1/dossiers', {
        procedureCode: '1.012784',
        applicant: { fullName: 'Trần Văn Bình', idNumber: '025085000111', address: 'Phường Việt Trì' },
        documents: [{ name: 'Đơn đề nghị tách thửa', copies: 1 }],
      }),
      201,
    );
    assert.equal(d.procedure.level, 'province');
    assert.equal(d.receivingUnit, '07900', 'received regardless of administrative boundary');
    assert.equal(d.decidingUnit, '25.SNNMT');
    assert.equal(d.returningUnit, '07900');
    let v = ok(await act('tn.viettri', d.code, 'forward', {}, d.version));
    assert.equal(v.currentUnit, '25.SNNMT');
    assert.equal((await act('cv.datdai.viettri', d.code, 'appraise', { opinion: 'favourable', note: 'x' })).statusCode, 403, 'the ward specialist does not appraise for the department');
    v = ok(await act('cv.datdai.snnmt', d.code, 'appraise', { opinion: 'favourable', note: 'Đủ điều kiện tách thửa' }, v.version));
    v = ok(await act('ld.snnmt', d.code, 'approve', {}, v.version));
    v = ok(await act('ld.snnmt', d.code, 'sign', {}, v.version));
    assert.equal(v.currentUnit, '25.SNNMT');
    // the demo has no clerk at the department: the issue step is done through the service by the system
    await rt.ctx.services.dossiers!.act(d.code, 'issue_result', { electronic: true }, systemCaller());
    const back = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`));
    assert.equal(back.currentUnit, '07900', 'the result comes back to the ward');
    v = ok(await act('tn.viettri', d.code, 'return_result', {}, back.version));
    assert.equal(v.status, 'returned');
    const inbox = ok(await get('ld.snnmt', '/api/v1/dossiers?state=done'));
    assert.ok(inbox.items.some((i: { code: string }) => i.code === d.code), 'the department sees it');
  });

  it('pauses the clock for a supplement and restarts it from zero when the dossier comes back', async () => {
    // before reception: the officer leaves it submitted, asks for everything once, then receives it
    const pre = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth({ receive: false })), 201);
    assert.equal(pre.status, 'submitted');
    let v = ok(await act('tn.viettri', pre.code, 'request_supplement', { items: ['Giấy chứng sinh bản chính'], reason: 'Thiếu giấy chứng sinh', contactPhone: '0210 3846 123' }));
    assert.equal(v.status, 'supplement_requested');
    assert.equal(v.nationalStatus.code, 5);
    assert.equal(v.dueAt, null, 'no clock before reception');
    if (PDFTOTEXT) assert.match(pdfText((await get('tn.viettri', `/api/v1/dossiers/${pre.code}/papers/supplement-request.pdf`)).rawPayload), /Giấy chứng sinh bản chính/);
    v = ok(await act('tn.viettri', pre.code, 'supplement', { documents: [{ name: 'Giấy chứng sinh', copies: 1 }] }));
    v = ok(await act('tn.viettri', pre.code, 'receive', {}));
    assert.ok(v.clock.running);
    assert.equal((await act('tn.viettri', pre.code, 'request_supplement', { items: ['x'], reason: 'y', contactPhone: '0210 3846 123' })).statusCode, 409);

    // after appraisal started: the clock pauses, then restarts from zero on the complete dossier
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    v = ok(await act('tn.viettri', d.code, 'forward', {}));
    v = ok(await act('cv.hotich.viettri', d.code, 'request_supplement', { items: ['Văn bản ủy quyền có chứng thực'], reason: 'Người nộp là người được ủy quyền', contactPhone: '0210 3846 123' }));
    assert.equal(v.clock.running, false);
    assert.ok(v.clock.pausedAt);
    assert.equal(v.supplement.phase, 'processing');
    const second = await act('cv.hotich.viettri', d.code, 'request_supplement', { items: ['x'], reason: 'y', contactPhone: '0210 3846 123' });
    assert.equal(second.statusCode, 409, 'no request while waiting');
    v = ok(await act('tn.viettri', d.code, 'supplement', {}));
    v = ok(await act('cv.hotich.viettri', d.code, 'accept_supplement', {}));
    assert.equal(v.status, 'in_processing');
    assert.equal(v.clock.restarts, 1);
    assert.ok(new Date(v.clock.startedAt) >= new Date(d.receivedAt));
    const again = ok(await act('cv.hotich.viettri', d.code, 'request_supplement', { items: ['x'], reason: 'y', contactPhone: '0210 3846 123' }), 422);
    assert.equal(again.code, 'supplement-already-requested');
  });

  it('issues the apology and new date once', async () => {
    // a land registration at the ward (17 working days): now is always well before the latest apology moment
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), procedureCode: '1.012753' }), 201);
    ok(await act('tn.viettri', d.code, 'forward', {}));
    const due = new Date(d.dueAt);
    assert.ok(due.getTime() - Date.now() > 10 * 86400_000, `due ${d.dueAt}`);
    let newDue = new Date(due.getTime() + 5 * 86400_000).toISOString();
    assert.equal((await act('cv.datdai.viettri', d.code, 'apologize', { reason: 'x', newDueAt: newDue })).statusCode, 403, 'the head of the deciding body apologises');
    const early = ok(await act('ld.viettri', d.code, 'apologize', { reason: 'Cần xác minh', newDueAt: new Date(due.getTime() - 86400_000).toISOString() }), 422);
    assert.equal(early.code, 'apology-date-invalid');
    // the new date must be a working day, as the calendar module decides: the first one from five days after the due date
    let res = await act('ld.viettri', d.code, 'apologize', { reason: 'Cần đo đạc lại thửa đất với cơ quan chuyên môn', newDueAt: newDue });
    for (let i = 0; i < 15 && res.statusCode === 422 && res.json().code === 'apology-date-not-working-day'; i++) {
      newDue = new Date(new Date(newDue).getTime() + 86400_000).toISOString();
      res = await act('ld.viettri', d.code, 'apologize', { reason: 'Cần đo đạc lại thửa đất với cơ quan chuyên môn', newDueAt: newDue });
    }
    const v = ok(res);
    assert.equal(v.apology.newDueAt, newDue);
    assert.equal(v.dueAt, newDue);
    assert.equal(v.status, 'in_processing');
    const twice = ok(await act('ld.viettri', d.code, 'apologize', { reason: 'Lần hai', newDueAt: new Date(due.getTime() + 9 * 86400_000).toISOString() }), 422);
    assert.equal(twice.code, 'apology-already-issued');
    if (PDFTOTEXT) {
      const text = pdfText((await get('ld.viettri', `/api/v1/dossiers/${d.code}/papers/apology.pdf`)).rawPayload);
      assert.ok(text.includes(d.code));
      assert.match(text, /đo đạc lại/);
    }
    await rt.ctx.events.drain(); // the notices are sent by the subscriber of the dossier events
    const sms = await rt.ctx.db.query<{ template: string }>('SELECT template FROM notifications.message WHERE dossier_code = $1 ORDER BY created_at', [d.code]);
    assert.ok(sms.rows.some((x) => x.template === 'late_apology'));
  });

  it('lets one of two concurrent officials win; the other gets 409', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    const [a, b] = await Promise.all([act('tn.viettri', d.code, 'forward', { note: 'A' }, d.version), act('tn.viettri', d.code, 'withdraw', { reason: 'B' }, d.version)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    assert.equal([a, b].find((x) => x.statusCode === 409)!.json().code, 'version-conflict');
    const stale = await act('tn.viettri', d.code, 'withdraw', { reason: 'C' }, d.version);
    assert.equal(stale.statusCode, 409, 'a stale If-Match is refused');
    const timeline = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/timeline`));
    assert.equal(timeline.length, 3, 'submit, receive and exactly one of the two actions');
    const bad = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions/forward`, payload: {}, headers: { ...(await as('tn.viettri')).headers, 'if-match': 'abc' } });
    assert.equal(bad.statusCode, 400);
  });

  it('creates one dossier for two submissions with the same Idempotency-Key', async () => {
    const key = `k-${Date.now()}`;
    const body = counterBirth({ applicant: { fullName: 'Lê Văn Cường', idNumber: '025080000222' } });
    const [a, b] = await Promise.all([post('tn.viettri', '/api/v1/dossiers', body, { 'idempotency-key': key }), post('tn.viettri', '/api/v1/dossiers', body, { 'idempotency-key': key })]);
    const codes = [a, b].map((r) => r.json().code);
    assert.equal(codes[0], codes[1]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 201]);
    assert.equal([a, b].find((r) => r.statusCode === 200)!.headers['idempotent-replayed'], 'true');
    const other = await post('tn.viettri', '/api/v1/dossiers', { ...body, request: 'khác' }, { 'idempotency-key': key });
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().code, 'idempotency-key-reused');
    const n = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers.dossier WHERE data->'applicant'->>'idNumber' = '025080000222'`);
    assert.equal(n.rows[0]!.n, 1);
  });

  it('answers 401 without a session and 403 to another ward, whose inbox does not show the dossier', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    assert.equal((await get(null, `/api/v1/dossiers/${d.code}`)).statusCode, 401);
    assert.equal((await get(null, '/api/v1/dossiers')).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/actions/forward`, payload: {} })).statusCode, 401);
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/dossiers', payload: counterBirth() })).statusCode, 401);
    assert.equal((await get('tn.vanphu', `/api/v1/dossiers/${d.code}`)).statusCode, 403);
    assert.equal((await get('tn.vanphu', `/api/v1/dossiers/${d.code}/timeline`)).statusCode, 403);
    assert.equal((await get('tn.vanphu', `/api/v1/dossiers/${d.code}/papers/receipt.pdf`)).statusCode, 403);
    assert.equal((await act('tn.vanphu', d.code, 'forward', {})).statusCode, 403);
    assert.equal((await act('ld.vanphu', d.code, 'stop', { reason: 'x' })).statusCode, 403);
    const inbox = ok(await get('tn.vanphu', '/api/v1/dossiers'));
    assert.ok(!inbox.items.some((i: { code: string }) => i.code === d.code));
    assert.equal((await get('tn.vanphu', '/api/v1/dossiers?unit=07900')).statusCode, 403);
    // a specialist of another field at the same ward does not see a birth registration
    const land = ok(await get('cv.datdai.viettri', '/api/v1/dossiers'));
    assert.ok(!land.items.some((i: { code: string }) => i.code === d.code));
    assert.equal((await get('cv.datdai.viettri', `/api/v1/dossiers/${d.code}`)).statusCode, 403);
    // the ward's own inbox counts it
    const mine = ok(await get('tn.viettri', '/api/v1/dossiers?state=new'));
    assert.ok(mine.items.some((i: { code: string }) => i.code === d.code));
    assert.ok(mine.counts.new >= 1);
    for (const k of ['total', 'new', 'in_progress', 'waiting_applicant', 'due_soon', 'overdue']) assert.equal(typeof mine.counts[k], 'number');
    // a stranger may not create at a ward that is not theirs
    assert.equal((await post('tn.vanphu', '/api/v1/dossiers', counterBirth({ receivingUnit: '07900' }))).statusCode, 403);
  });

  it('refuses every dossier route to an official of another ward (403) and to nobody (401)', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/dossiers/${d.code}`],
      ['GET', `/api/v1/dossiers/${d.code}/timeline`],
      ['GET', `/api/v1/dossiers/${d.code}/payment`],
      ['GET', `/api/v1/dossiers/${d.code}/attachments`],
      ['GET', `/api/v1/dossiers/${d.code}/papers/receipt.pdf`],
      ['POST', `/api/v1/dossiers/${d.code}/actions/withdraw`, { reason: 'x' }],
      ['PUT', '/api/v1/dossier-identifiers/07900', { identifier: 'H25.99' }],
      ['GET', '/api/v1/dossier-identifiers'],
    ];
    for (const [method, url, payload] of routes) {
      const anon = await app.inject({ method: method as 'GET', url, ...(payload ? { payload: payload as object } : {}) });
      assert.equal(anon.statusCode, 401, `${method} ${url} without a session`);
      const other = await app.inject({ method: method as 'GET', url, headers: (await as('tn.vanphu')).headers, ...(payload ? { payload: payload as object } : {}) });
      assert.equal(other.statusCode, 403, `${method} ${url} by another ward: ${other.body}`);
    }
    const ids = ok(await get('qtv.tinh', '/api/v1/dossier-identifiers?province=25'));
    assert.ok(ids.some((x: { unit_code: string; demo: boolean }) => x.unit_code === '07900' && x.demo));
  });

  it('lets a signed-in citizen submit online, see and supplement their own dossier, and nobody else', async () => {
    const svc = rt.ctx.services.dossiers!;
    const citizen = (id: string) => ({
      principal: { kind: 'citizen' as const, id: `c-${id}`, subject: id, displayName: 'Công dân', grants: [{ role: 'citizen', unitCode: '*', fields: '*' as const }], via: 'oidc' },
      can: () => false,
    });
    const me = citizen('025085012345');
    // online, the citizen fills the procedure's form and lists the documents it calls for (test/forms.dossier.test.ts)
    const form = { answers: sampleAnswers('1.001193')!, documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }] };
    const created = await svc.create({ procedureCode: '1.001193', communeCode: '07900', applicant: { fullName: 'Hoàng Minh Đức', email: 'duc@example.vn' }, ...form }, me, { idempotencyKey: 'portal-1' });
    const d = created.dossier;
    assert.equal(d.status, 'submitted');
    assert.equal(d.channel, 'province_portal');
    assert.equal(d.kenhThucHien, 2);
    assert.equal(d.applicantVerified, true);
    assert.equal(d.receivingUnit, '07900');
    assert.equal((await svc.get(d.code, me)).code, d.code);
    await assert.rejects(svc.get(d.code, citizen('025192004567')), (e: { status?: number }) => e.status === 403);
    await assert.rejects(svc.act(d.code, 'receive', {}, me), (e: { status?: number }) => e.status === 403);
    ok(await act('tn.viettri', d.code, 'request_supplement', { items: ['Ảnh chụp giấy chứng sinh rõ nét'], reason: 'Ảnh mờ', contactPhone: '0210 3846 123' }));
    const supplied = await svc.act(d.code, 'supplement', {}, me);
    assert.equal(supplied.status, 'supplemented');
    const mine = await svc.list({ limit: 50, offset: 0 }, me);
    assert.ok(mine.items.some((i) => i.code === d.code));
    assert.ok(!(await svc.list({ limit: 50, offset: 0 }, citizen('026078003210'))).items.some((i) => i.code === d.code));
    const track = await svc.track(d.code, { principal: me.principal });
    assert.equal(track.details?.applicantName, 'Hoàng Minh Đức');
    await assert.rejects(svc.create({ procedureCode: '1.001193', communeCode: '07900', channel: 'counter', applicant: { fullName: 'X' } }, me), (e: { status?: number }) => e.status === 400);
  });

  it('tracks publicly without personal data; the receipt secret shows the details', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    const pub = ok(await get(null, `/api/v1/track/${d.code}`));
    assert.equal(pub.status, 'received');
    assert.equal(pub.dueAt, d.dueAt);
    assert.equal(pub.details, null);
    const raw = JSON.stringify(pub);
    assert.ok(!raw.includes('Nhung') && !raw.includes('025190001234') && !raw.includes('0912345678'));
    const secret = new URL(d.trackingUrl).searchParams.get('k')!;
    const full = ok(await get(null, `/api/v1/track/${d.code}?k=${secret}`));
    assert.equal(full.details.applicantName, 'Nguyễn Thị Hồng Nhung');
    assert.ok(full.details.history.length >= 2);
    assert.equal(ok(await get(null, `/api/v1/track/${d.code}?k=${'x'.repeat(secret.length)}`)).details, null);
    assert.equal((await get(null, `/api/v1/track/H25.99.99-250101-9999`)).statusCode, 404);
    assert.equal((await get(null, `/api/v1/track/not-a-code`)).statusCode, 400);
  });

  it('takes a bank payment through the signed webhook: good, bad signature, replay; no return before payment', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), procedureCode: '1.004222' }), 201);
    assert.ok(d.fee.amount > 0, `fee of 1.004222: ${d.fee.amount}`);
    const pay = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/payment`));
    assert.equal(pay.paid, false);
    assert.ok(pay.vietqr.payload.startsWith('000201'));
    assert.ok(pay.transferNote.includes(d.code) || pay.transferNote.includes(d.code.replace(/\./g, '')));

    const sim = simulateBankTransfer({ dossierCode: d.code, amount: d.fee.amount, accountNumber: pay.vietqr.accountNumber, secret: ensureDemoWebhookSecret(dataDir) });
    const forged = signPaymentNotification({ notification: sim.notification, secret: 'not-the-secret' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: forged.rawBody, headers: forged.headers });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().code, 'payment-notification-bad-signature');
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`)).fee.paid, false);

    const good = ok(await app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: sim.rawBody, headers: sim.headers }));
    assert.deepEqual(good, { outcome: 'paid', dossierCode: d.code });
    const paid = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`));
    assert.equal(paid.fee.paid, true);
    assert.equal(paid.fee.online, true);
    const replay = await app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: sim.rawBody, headers: sim.headers });
    assert.equal(replay.statusCode, 409);
    const timeline = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/timeline`));
    assert.equal(timeline.filter((t: { action: string }) => t.action === 'record_payment').length, 1);
    const receipt = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/fee-receipt.pdf`);
    assert.equal(receipt.statusCode, 200);
    if (PDFTOTEXT) assert.ok(pdfText(receipt.rawPayload).includes(d.code));

    // another dossier with a fee: its result is not returned before payment
    const u = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), procedureCode: '1.004222' }), 201);
    const svc = rt.ctx.services.dossiers!;
    for (const [a, body] of [
      ['forward', {}],
      ['appraise', { opinion: 'favourable', note: 'ok' }],
      ['approve', {}],
      ['sign', {}],
      ['issue_result', {}],
    ] as const)
      await svc.act(u.code, a, body, systemCaller(`Cán bộ ${a}`, `sys-${a}`));
    const blocked = ok(await act('tn.viettri', u.code, 'return_result', {}), 422);
    assert.equal(blocked.code, 'fee-unpaid');
  });

  it('attaches documents checked by content, with SHA-256, and marks scans as digitised', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const boundary = '----lt' + Date.now();
    const body = (bytes: Buffer, filename: string, fields: Record<string, string>) =>
      Buffer.concat([
        ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { ...(await as('tn.viettri')).headers, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const up = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/attachments`, payload: body(png, 'scan.png', { name: 'Giấy chứng sinh (bản quét)', digitised: 'true' }), headers });
    const a = ok(up, 201);
    assert.equal(a.contentType, 'image/png');
    assert.equal(a.sha256.length, 64);
    assert.equal(a.digitised, true);
    const text = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/attachments`, payload: body(Buffer.from('hello, not a pdf'), 'fake.pdf', {}), headers });
    assert.equal(text.statusCode, 415);
    const list = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/attachments`));
    assert.equal(list.length, 1);
    const dl = await get('tn.viettri', `/api/v1/dossiers/${d.code}/attachments/${a.id}`);
    assert.equal(dl.statusCode, 200);
    assert.ok(Buffer.compare(dl.rawPayload, png) === 0);
    assert.equal((await get('tn.vanphu', `/api/v1/dossiers/${d.code}/attachments/${a.id}`)).statusCode, 403);
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`)).digitised, true);
  });

  it('refuses outside competence with the reason, and validates input in Vietnamese', async () => {
    // a ministry-level procedure (Cấp bộ): not the province's to decide
    const ministry = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), procedureCode: '1.000532' }), 422);
    assert.equal(ministry.code, 'outside-competence');
    assert.match(ministry.detail, /không thuộc thẩm quyền|chưa được công bố/);
    const bad = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), applicant: { fullName: '', idNumber: '12' } }), 400);
    assert.equal(bad.code, 'validation-failed');
    const unknown = ok(await post('tn.viettri', '/api/v1/dossiers', { ...counterBirth(), procedureCode: '9.999999' }), 422);
    assert.equal(unknown.code, 'procedure-unknown');
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth({ receive: false })), 201);
    const refused = ok(await act('tn.viettri', d.code, 'refuse_reception', { reason: 'Hồ sơ không thuộc thẩm quyền của phường' }));
    assert.equal(refused.status, 'refused_at_reception');
    assert.equal(refused.nationalStatus.code, 3);
    if (PDFTOTEXT) assert.match(pdfText((await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/refusal.pdf`)).rawPayload), /không thuộc thẩm quyền/);
    const noReason = ok(await act('tn.viettri', d.code, 'withdraw', {}), 400);
    assert.equal(noReason.code, 'validation-failed');
    assert.equal((await act('tn.viettri', d.code, 'fly', {})).statusCode, 400);
  });

  it('versions process definitions: a province administrator edits, running dossiers keep theirs', async () => {
    const before = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    const def = ok(await get('qtv.tinh', '/api/v1/process-definitions/1.001193'));
    assert.equal(def.level, 'commune');
    assert.deepEqual(def.steps.map((x: { key: string }) => x.key), ['receive', 'appraise', 'approve', 'issue', 'return']);
    const body = {
      level: def.level,
      limit: def.limit,
      steps: [
        def.steps[0],
        { ...def.steps[1], hours: Math.max(0.5, def.steps[1].hours - 1) },
        { key: 'review', name: 'Trưởng bộ phận xem xét', tier: 'commune', unit: 'deciding', role: 'leader', hours: 0.5, actions: ['forward', 'return_to_step'] },
        ...def.steps.slice(2),
      ],
    };
    assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/process-definitions/1.001193', payload: body, headers: (await as('tn.viettri')).headers })).statusCode, 403);
    const broken = await app.inject({ method: 'PUT', url: '/api/v1/process-definitions/1.001193', payload: { ...body, steps: body.steps.slice(1) }, headers: (await as('qtv.tinh')).headers });
    assert.equal(broken.statusCode, 400);
    const put = ok(await app.inject({ method: 'PUT', url: '/api/v1/process-definitions/1.001193', payload: body, headers: (await as('qtv.tinh')).headers }));
    assert.equal(put.version, def.version + 1);
    assert.equal(put.source, 'custom');
    const after = ok(await post('tn.viettri', '/api/v1/dossiers', counterBirth()), 201);
    assert.equal(after.processVersion, put.version);
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${before.code}`)).processVersion, def.version);
  });

  it('keeps the electronic register (form 06) and the service-index facts', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const csv = await get('tn.viettri', `/api/v1/dossier-register/register.csv?unit=07900&field=${encodeURIComponent('Hộ tịch')}&from=${today}&to=${today}`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    const lines = csv.body.trim().split(/\r?\n/);
    assert.match(lines[0]!, /Mã hồ sơ/);
    assert.ok(lines.length > 3);
    assert.ok(lines.slice(1).every((l) => /H25\.\d{2}\.\d{2}-\d{6}-\d{4}/.test(l)));
    const xlsx = await get('tn.viettri', `/api/v1/dossier-register/register.xlsx?unit=07900&from=${today}&to=${today}`);
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await get('tn.vanphu', `/api/v1/dossier-register/register.csv?unit=07900&from=${today}&to=${today}`)).statusCode, 403);
    const facts = await rt.ctx.services.dossiers!.indexFacts('25', new Date(Date.now() - 3600_000));
    assert.ok(facts.length > 5);
    const paid = facts.find((f) => f.feePaidOnline);
    assert.ok(paid, 'the dossier paid through the webhook counts as paid online');
    assert.ok(facts.some((f) => f.digitised));
    assert.ok(facts.every((f) => [1, 2, 3].includes(f.kenhThucHien)));
  });

  it('seeds demo dossiers through the real workflow, in many states, once', async () => {
    const { seedDemoDossiers } = await import('../src/modules/dossiers/demo.ts');
    const first = await seedDemoDossiers(rt.ctx, { count: 40 });
    assert.equal(first.created + first.skipped, 40);
    assert.ok(first.created >= 30, JSON.stringify(first));
    assert.ok(first.transitions > first.created);
    const again = await seedDemoDossiers(rt.ctx, { count: 40 });
    assert.equal(again.created, 0, 'idempotent');
    const r = await rt.ctx.db.query<{ status: string }>(`SELECT DISTINCT status FROM dossiers.dossier WHERE data->>'source' = 'demo'`);
    assert.ok(r.rows.length >= 6, r.rows.map((x) => x.status).join(', '));
    // every demo transition is on the timeline with its audit record and outbox event
    const t = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers.transition t JOIN dossiers.dossier d ON d.code = t.dossier_code WHERE d.data->>'source' = 'demo'`);
    const e = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform.outbox_event WHERE aggregate_type = 'dossier' AND aggregate_id IN (SELECT code FROM dossiers.dossier WHERE data->>'source' = 'demo')`);
    assert.equal(t.rows[0]!.n, e.rows[0]!.n);
    assert.equal(t.rows[0]!.n, first.transitions);
  });

  it('documents every route in OpenAPI', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    for (const p of [
      '/api/v1/dossiers',
      '/api/v1/dossiers/{code}',
      '/api/v1/dossiers/{code}/actions/{action}',
      '/api/v1/dossiers/{code}/timeline',
      '/api/v1/dossiers/{code}/papers/{form}',
      '/api/v1/track/{code}',
      '/api/v1/payments/notify',
      '/api/v1/dossiers/{code}/attachments',
      '/api/v1/process-definitions/{procedureCode}',
    ])
      assert.ok(doc.paths[p], p);
    const actions = ok(await get(null, '/api/v1/dossier-actions'));
    assert.ok(actions.find((a: { action: string }) => a.action === 'apologize').input.properties.newDueAt);
  });
});
