import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { digestOf } from '../src/modules/audit/domain/chain-hash/chain-hash.ts';
import { createDossiersService, systemCaller, type Caller } from '../src/modules/dossiers/service.ts';
import { ensureDemoWebhookSecret, simulateBankTransfer } from '../src/platform/payments/index.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The records a dossier leaves and the rules that cannot be gamed (issue 8, §5 and §6), end to end on a
 * real database with the demo people: payments that must match the payment request, a webhook with no
 * built-in secret, papers kept as issued (hash in the audit trail, signed once), lateness that a restart
 * cannot erase, apology dates on working days, time limits per channel, and what the papers say.
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

function tmpPdf(bytes: Buffer): string {
  const f = path.join(os.tmpdir(), `lt-records-${process.pid}-${crypto.randomBytes(4).toString('hex')}.pdf`);
  fs.writeFileSync(f, bytes);
  return f;
}
function pdfText(bytes: Buffer): string {
  const f = tmpPdf(bytes);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(f, { force: true });
  }
}
function pdfsig(bytes: Buffer): string {
  const f = tmpPdf(bytes);
  try {
    return execFileSync('pdfsig', [f], { encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  } finally {
    fs.rmSync(f, { force: true });
  }
}
const vnDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
/** A date as the papers write it: "ngày 13 tháng 10 năm 2026". */
const inWords = (d: Date) => {
  const [y, m, day] = vnDay(d).split('-');
  return `ngày ${day} tháng ${m} năm ${y}`;
};

describe('dossier records and rules that cannot be gamed', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-records-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  // the demo people and the demo province's offering, not the demo dossiers (nor their webhook secret)
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);

  const s: Record<string, TestSession> = {};
  const as = async (u: string) => (s[u] ??= await signIn(app, u));
  const post = async (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object, headers: (await as(who)).headers });
  const get = async (who: string, url: string) => app.inject({ method: 'GET', url, headers: (await as(who)).headers });
  const act = async (who: string, code: string, action: string, body: unknown = {}) => post(who, `/api/v1/dossiers/${code}/actions/${action}`, body);
  const ok = (r: { statusCode: number; body: string }, status = 200) => {
    assert.equal(r.statusCode, status, r.body);
    return JSON.parse(r.body);
  };
  const applicant = { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234', phone: '0912345678', address: 'Tổ 5, phường Việt Trì' };
  const counter = (procedureCode: string, over: Record<string, unknown> = {}) => ({ procedureCode, applicant, documents: [{ name: 'Tờ khai', copies: 1 }], ...over });

  it('gives each channel its own time limit: a counter dossier after a post one gets 20 working days, not 30', async () => {
    // 1.012753 (land registration at a ward): online 17, by post 30, in person 20 working days
    const byPost = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.012753', { channel: 'post' })), 201);
    const atCounter = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.012753')), 201);
    assert.deepEqual(byPost.clock.limit, { amount: 30, unit: 'working_days' });
    assert.deepEqual(atCounter.clock.limit, { amount: 20, unit: 'working_days' }, 'the first dossier’s channel no longer fixes the limit for all');
    const def = ok(await get('tn.viettri', '/api/v1/process-definitions/1.012753'));
    assert.deepEqual(def.limits, { online: { amount: 17, unit: 'working_days' }, in_person: { amount: 20, unit: 'working_days' }, post: { amount: 30, unit: 'working_days' } });
  });

  it('keeps the receipt as issued: after an apology form 01 still shows the original appointment; the apology date must be a working day', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.012753')), 201);
    const first = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/receipt.pdf`);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.headers['x-paper-version'], '1');
    assert.equal(first.headers['x-content-sha256'], crypto.createHash('sha256').update(first.rawPayload).digest('hex'));
    ok(await act('tn.viettri', d.code, 'forward'));
    const due = new Date(d.dueAt);
    // a Sunday after the due date is refused, whatever the hour
    let sunday = new Date(due.getTime() + 3 * 86400_000);
    while (new Date(sunday.getTime() + 7 * 3600_000).getUTCDay() !== 0) sunday = new Date(sunday.getTime() + 86400_000);
    const refused = ok(await act('ld.viettri', d.code, 'apologize', { reason: 'Cần đo đạc lại', newDueAt: sunday.toISOString() }), 422);
    assert.equal(refused.code, 'apology-date-not-working-day');
    assert.match(refused.detail, /không phải ngày làm việc/);
    const monday = new Date(sunday.getTime() + 86400_000);
    const v = ok(await act('ld.viettri', d.code, 'apologize', { reason: 'Cần đo đạc lại thửa đất', newDueAt: monday.toISOString() }));
    assert.equal(v.dueAt, monday.toISOString());

    const again = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/receipt.pdf`);
    assert.equal(again.statusCode, 200);
    assert.ok(Buffer.compare(again.rawPayload, first.rawPayload) === 0, 'the issued receipt is served as issued, byte for byte');
    assert.equal(again.headers['x-content-sha256'], first.headers['x-content-sha256']);
    if (PDFTOTEXT) {
      const text = pdfText(again.rawPayload);
      assert.ok(text.includes(inWords(due)), `the original appointment (${inWords(due)}) is on the receipt`);
      assert.ok(!text.includes(inWords(monday)), 'the new date is not written into the receipt issued before it');
      const apology = pdfText((await get('ld.viettri', `/api/v1/dossiers/${d.code}/papers/apology.pdf`)).rawPayload);
      assert.match(apology, /đo đạc lại thửa đất/);
    }
    // the hash of each issued paper is in the audit trail
    const audit = await rt.ctx.db.query<{ meta: { form: string; version: number; sha256: string }; after_digest: string }>(
      `SELECT meta, after_digest FROM audit.record WHERE action = 'dossiers.paper.issue' AND target = $1 ORDER BY id`,
      [`dossier:${d.code}`],
    );
    const receipt = audit.rows.find((r) => r.meta.form === 'receipt')!;
    assert.ok(receipt, 'an audit record for the issued receipt');
    assert.equal(audit.rows.filter((r) => r.meta.form === 'receipt').length, 1, 'issued once, served twice');
    const row = await rt.ctx.db.query<{ sha256: string; dossier_version: number; size: string }>(`SELECT sha256, dossier_version, size FROM dossiers.paper WHERE dossier_code = $1 AND form = 'receipt'`, [d.code]);
    assert.equal(row.rows[0]!.sha256, first.headers['x-content-sha256']);
    assert.equal(
      receipt.after_digest,
      digestOf({ form: 'receipt', version: 1, dossierVersion: row.rows[0]!.dossier_version, sha256: row.rows[0]!.sha256, size: Number(row.rows[0]!.size) }),
      'the audit record binds the paper’s SHA-256',
    );
  });

  it('signs the result once, as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when a vice chairman signs; the fee receipt carries the signature it claims; form 02 gives the contact phone', async () => {
    // left submitted at the counter: the officer asks for everything missing at once, then receives it
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.004222', { receive: false })), 201);
    assert.ok(d.fee.amount > 0);
    ok(await act('tn.viettri', d.code, 'request_supplement', { items: ['Giấy tờ chứng minh chỗ ở hợp pháp'], reason: 'Thiếu giấy tờ', contactPhone: '0210 3846 123' }));
    const form02 = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/supplement-request.pdf`);
    assert.equal(form02.statusCode, 200);
    if (PDFTOTEXT) assert.match(pdfText(form02.rawPayload), /số điện thoại 0210 3846 123 để được hướng dẫn/);
    ok(await act('tn.viettri', d.code, 'supplement', {}));
    ok(await act('tn.viettri', d.code, 'receive', {}));
    ok(await act('tn.viettri', d.code, 'forward'));
    const svc = rt.ctx.services.dossiers!;
    await svc.act(d.code, 'appraise', { opinion: 'favourable', note: 'Đủ điều kiện' }, systemCaller('Chuyên viên', 'sys-appraise'));
    ok(await act('ld.viettri', d.code, 'approve', {}));
    ok(await act('ld.viettri', d.code, 'sign', {})); // ld.viettri: Phó Chủ tịch Ủy ban nhân dân phường

    let t0 = process.hrtime.bigint();
    const r1 = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/result.pdf`);
    const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
    t0 = process.hrtime.bigint();
    const r2 = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/result.pdf`);
    const secondMs = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`# result.pdf: first download (render + sign + store) ${firstMs.toFixed(0)} ms, later downloads (stored bytes) ${secondMs.toFixed(0)} ms`);
    assert.equal(r1.statusCode, 200, r1.body);
    assert.ok(Buffer.compare(r1.rawPayload, r2.rawPayload) === 0, 'signed once, served as stored');
    if (PDFTOTEXT) {
      const text = pdfText(r1.rawPayload);
      assert.match(text, /TM\. ỦY BAN NHÂN DÂN KT\. CHỦ TỊCH PHÓ CHỦ TỊCH/);
    }
    if (PDFSIG) assert.match(pdfsig(r1.rawPayload), /Signature Validation: Signature is Valid/);

    // the bank pays the fee: the e-receipt says "ký số" and is signed
    const pay = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/payment`));
    const secret = ensureDemoWebhookSecret(dataDir);
    const sim = simulateBankTransfer({ dossierCode: d.code, amount: pay.amount, accountNumber: pay.vietqr.accountNumber, bankBin: pay.vietqr.bankBin, secret });
    assert.equal(ok(await app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: sim.rawBody, headers: sim.headers })).outcome, 'paid');
    const fee = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/fee-receipt.pdf`);
    assert.equal(fee.statusCode, 200, fee.body);
    if (PDFTOTEXT) assert.match(pdfText(fee.rawPayload), /Biên lai điện tử, ký số/);
    if (PDFSIG) {
      const out = pdfsig(fee.rawPayload);
      assert.match(out, /Signature #1/, 'the fee receipt carries a signature');
      assert.match(out, /Signature Validation: Signature is Valid/);
    }
  });

  it('checks the receiving account, amount and currency of a bank notification; the webhook is off until a secret exists', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.004222')), 201);
    const pay = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/payment`));
    const notify = (n: ReturnType<typeof simulateBankTransfer>) => app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: n.rawBody, headers: n.headers });
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-records-nosecret-'));
    try {
      // a platform whose DATA_DIR has no generated secret and no PAYMENT_WEBHOOK_SECRET: off, with a clear problem
      const other = await testRuntime({ env: { DATA_DIR: fresh }, reference: false });
      const off = await other.app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(off.statusCode, 503);
      assert.equal(off.json().code, 'payment-webhook-not-configured');
      assert.match(off.json().detail, /PAYMENT_WEBHOOK_SECRET/);
      const forged = simulateBankTransfer({ dossierCode: d.code, amount: pay.amount, accountNumber: pay.vietqr.accountNumber, secret: 'lienthong-demo-webhook-secret' });
      assert.equal((await other.app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: forged.rawBody, headers: forged.headers })).statusCode, 503, 'the value once published in the source opens nothing');
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }

    const secret = ensureDemoWebhookSecret(dataDir);
    const base = { dossierCode: d.code, amount: pay.amount, accountNumber: pay.vietqr.accountNumber, bankBin: pay.vietqr.bankBin, secret };
    const elsewhere = ok(await notify(simulateBankTransfer({ ...base, accountNumber: '0011001234567' })));
    assert.deepEqual(elsewhere, { outcome: 'account-mismatch', dossierCode: d.code });
    assert.equal(ok(await notify(simulateBankTransfer({ ...base, bankBin: '970436' }))).outcome, 'account-mismatch');
    assert.equal(ok(await notify(simulateBankTransfer({ ...base, amount: pay.amount - 1000 }))).outcome, 'amount-mismatch');
    const usd = simulateBankTransfer({ ...base });
    const usdBody = { ...usd.notification, currency: 'USD' };
    const { signPaymentNotification } = await import('../src/platform/payments/index.ts');
    const signed = signPaymentNotification({ notification: usdBody, secret });
    assert.equal(ok(await app.inject({ method: 'POST', url: '/api/v1/payments/notify', payload: signed.rawBody, headers: signed.headers })).outcome, 'currency-mismatch');
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`)).fee.paid, false, 'none of them paid the dossier');
    const stored = await rt.ctx.db.query<{ outcome: string }>(`SELECT outcome FROM dossiers.payment_notification WHERE dossier_code = $1 ORDER BY received_at`, [d.code]);
    assert.deepEqual(stored.rows.map((r) => r.outcome).sort(), ['account-mismatch', 'account-mismatch', 'amount-mismatch', 'currency-mismatch']);
    assert.deepEqual(ok(await notify(simulateBankTransfer(base))), { outcome: 'paid', dossierCode: d.code });
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}`)).fee.paid, true);
  });

  it('uploads: fields in any order, names kept with the extension of what the file is, nothing stored past a limit', async () => {
    const d = ok(await post('tn.viettri', '/api/v1/dossiers', counter('1.001193')), 201);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const boundary = `----lt${crypto.randomBytes(6).toString('hex')}`;
    type Part = { field: string; value: string } | { file: Buffer; filename: string };
    const form = (...parts: Part[]) =>
      Buffer.concat([
        ...parts.map((p) =>
          'file' in p
            ? Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), p.file, Buffer.from('\r\n')])
            : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`),
        ),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
    const upload = async (...parts: Part[]) =>
      app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.code}/attachments`, payload: form(...parts), headers: { ...(await as('tn.viettri')).headers, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const stored = () => {
      const out: string[] = [];
      const walk = (dir: string) => {
        if (!fs.existsSync(dir)) return;
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(dir, e.name)); else out.push(e.name);
      };
      walk(path.join(dataDir, 'files'));
      return out.length;
    };

    // fields after the file count as much as fields before it
    const late = ok(await upload({ file: pdf, filename: 'setup.exe' }, { field: 'name', value: 'Tờ khai (bản quét)' }, { field: 'digitised', value: 'true' }), 201);
    assert.equal(late.name, 'Tờ khai (bản quét)');
    assert.equal(late.digitised, true);
    assert.equal(late.contentType, 'application/pdf');
    assert.equal(late.filename, 'setup.pdf', 'kept under the extension of what it is');
    const dl = await get('tn.viettri', `/api/v1/dossiers/${d.code}/attachments/${late.id}`);
    assert.match(String(dl.headers['content-disposition']), /filename="setup\.pdf"/);

    const before = stored();
    const count = ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/attachments`)).length;
    // over the limit: 413, nothing stored
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const tooBig = ok(await upload({ file: big, filename: 'lon.pdf' }, { field: 'name', value: 'Quá lớn' }), 413);
    assert.equal(tooBig.code, 'file-too-large');
    // a name over 300 characters, an unknown field, a second file, a bad flag: 400, nothing stored
    assert.equal(ok(await upload({ file: pdf, filename: 'a.pdf' }, { field: 'name', value: 'ả'.repeat(301) }), 400).code, 'form-field-too-long');
    assert.equal(ok(await upload({ file: pdf, filename: 'a.pdf' }, { field: 'owner', value: 'x' }), 400).code, 'form-field-unknown');
    assert.equal(ok(await upload({ file: pdf, filename: 'a.pdf' }, { file: pdf, filename: 'b.pdf' }), 400).code, 'file-too-many');
    assert.equal(ok(await upload({ file: pdf, filename: 'a.pdf' }, { field: 'digitised', value: 'yes' }), 400).code, 'form-field-invalid');
    assert.equal(ok(await upload({ field: 'name', value: 'Không có tệp' }), 400).code, 'file-missing');
    assert.equal(stored(), before, 'no file written for a refused upload');
    assert.equal(ok(await get('tn.viettri', `/api/v1/dossiers/${d.code}/attachments`)).length, count);
    // exactly 300 characters is fine
    assert.equal(ok(await upload({ field: 'name', value: 'ả'.repeat(300) }, { file: pdf, filename: 'a.pdf' }), 201).name.length, 300);
  });

  it('keeps lateness once incurred: a supplement request on an overdue dossier does not make it timely in any figure', async () => {
    // a back-dated clock drives the real service, like the demo does
    const cal = await rt.ctx.services.dossiers!.calendar();
    // about 85 working days ago, at 08:00 on a working day
    let clock = cal.addWorkingHours(new Date(Date.now() - 120 * 86400_000), 0.5);
    const officer = (await as('tn.viettri')).principal;
    const caller = (id: string, unit: string, role: string): Caller => ({
      principal: { kind: 'official', id, subject: id, displayName: id, unitCode: unit, grants: [{ role, unitCode: unit, fields: '*' }], via: 'test' },
      can: () => true,
    });
    const tn = caller(officer.id, '07900', 'receiving_officer');
    const cv = caller('cv-test', '07900', 'specialist');
    const ld = { ...caller('ld-test', '07900', 'leader'), position: 'Phó Chủ tịch Ủy ban nhân dân phường' };
    const vt = caller('vt-test', '07900', 'clerk');
    const svc = createDossiersService(rt.ctx, { now: () => clock });
    const { dossier } = await svc.create(counter('1.001193', { receivingUnit: '07900' }) as never, tn);
    const code = dossier.code;
    const step = async (c: Caller, action: string, body: Record<string, unknown>, hours: number) => {
      clock = cal.addWorkingHours(clock, hours);
      return svc.act(code, action, body, c);
    };
    await step(tn, 'forward', {}, 1);
    // 3 working days allowed; the supplement is requested some 50 working days later
    const late = await step(cv, 'request_supplement', { items: ['Văn bản ủy quyền'], reason: 'Thiếu', contactPhone: '0210 3846 123' }, 53 * 8);
    assert.equal(late.overdue, true);
    await step(tn, 'supplement', {}, 8);
    const restarted = await step(cv, 'accept_supplement', {}, 1);
    assert.equal(restarted.clock.restarts, 1);
    const receipts = await rt.ctx.db.query<{ version: number }>(`SELECT version FROM dossiers.paper WHERE dossier_code = $1 AND form = 'receipt' ORDER BY version`, [code]);
    assert.deepEqual(receipts.rows.map((r) => r.version), [1, 2], 'the restart re-issues form 01 as a new version (the first one stays)');
    assert.ok(new Date(restarted.dueAt!).getTime() > clock.getTime(), 'the restart gives a new due date…');
    assert.equal(restarted.overdue, true, '…but the dossier stays overdue');
    assert.ok(restarted.lateness && restarted.lateness.hours >= 49 * 8, `lateness kept: ${JSON.stringify(restarted.lateness)}`);
    const inbox = ok(await get('tn.viettri', '/api/v1/dossiers?due=overdue&limit=200'));
    assert.ok(inbox.items.some((i: { code: string }) => i.code === code), 'counted overdue in the inbox');
    assert.ok(inbox.counts.overdue >= 1);
    await step(cv, 'appraise', { opinion: 'favourable', note: 'Đủ' }, 1);
    await step(ld, 'approve', {}, 1);
    await step(ld, 'sign', {}, 1);
    await step(vt, 'issue_result', {}, 1);
    const done = ok(await get('tn.viettri', `/api/v1/dossiers/${code}`));
    assert.equal(done.onTime, false, 'finished within the restarted limit, yet late');
    const timeline = ok(await get('tn.viettri', `/api/v1/dossiers/${code}/timeline`));
    assert.equal(timeline.find((t: { action: string }) => t.action === 'issue_result').data.onTime, false);
    const facts = await rt.ctx.services.dossiers!.indexFacts('25', new Date(0));
    assert.equal(facts.find((f) => f.code === code)!.onTime, false, 'the service index counts it late');
  });
});
