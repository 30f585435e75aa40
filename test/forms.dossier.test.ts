import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sampleAnswers } from '../src/modules/forms/index.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * A dossier filled with its procedure's form, end to end on a real database: the citizen submits a birth
 * registration with the child's data (answers validated by the server, 422 per field otherwise, nothing
 * created), the counter receives one with the documents that apply, form 01 lists only the documents
 * received, the leader previews exactly what will be signed, and the signed "Trích lục khai sinh" is read
 * back with a real PDF reader (pdftotext) and its signature checked with pdfsig.
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
  const f = path.join(os.tmpdir(), `lt-forms-${process.pid}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

describe('dossiers filled with their form', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-forms-dossier-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const identity = rt.ctx.services.identity!;
  const c = await identity.citizenSignIn({ issuer: 'test', subject: 'c-mother', personalId: '025194001234', displayName: 'Trần Thị Hồng Nhung' }, { ip: null, userAgent: null });
  const citizen = { cookie: `lt_session=${c.sessionToken}`, 'x-csrf-token': c.csrfToken };
  const s: Record<string, TestSession> = {};
  const as = async (u: string) => (s[u] ??= await signIn(app, u));
  const headersOf = async (who: string) => (who === 'citizen' ? citizen : (await as(who)).headers);
  const post = async (who: string, url: string, payload: object, extra: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers: { ...(await headersOf(who)), ...extra } });
  const get = async (who: string, url: string) => app.inject({ method: 'GET', url, headers: await headersOf(who) });
  const ok = (r: { statusCode: number; body: string }, status = 200) => {
    assert.equal(r.statusCode, status, r.body);
    return JSON.parse(r.body);
  };
  const count = async () => Number((await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers.dossier')).rows[0]!.n);
  const birth = sampleAnswers('1.001193')!;
  const online = (over: Record<string, unknown> = {}) => ({
    procedureCode: '1.001193',
    communeCode: '07900',
    channel: 'province_portal',
    applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234', phone: '0912345678' },
    answers: birth,
    documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }],
    ...over,
  });

  it('refuses wrong answers with one Vietnamese message per field, and creates nothing', async () => {
    const before = await count();
    const r = await post('citizen', '/api/v1/dossiers', online({ answers: { ...birth, 'child.fullName': '', 'child.birthDate': '2026-02-30', declaration: false } }));
    assert.equal(r.statusCode, 422, r.body);
    const p = r.json();
    assert.equal(p.code, 'form-invalid');
    assert.deepEqual(p.errors, [
      { path: 'answers.child.fullName', message: 'Nhập họ, chữ đệm, tên của trẻ' },
      { path: 'answers.child.birthDate', message: 'Ngày sinh của trẻ phải là một ngày có thật' },
      { path: 'answers.declaration', message: 'Đánh dấu vào ô cam đoan để nộp tờ khai' },
    ]);
    const noAnswers = await post('citizen', '/api/v1/dossiers', online({ answers: undefined }));
    assert.equal(noAnswers.statusCode, 422, 'a citizen submitting online fills the form');
    const missing = await post('citizen', '/api/v1/dossiers', online({ documents: [] }));
    assert.equal(missing.statusCode, 422, missing.body);
    assert.equal(missing.json().code, 'documents-missing');
    assert.deepEqual(missing.json().errors, [{ path: 'documents.birthCertificate', message: 'Tải lên giấy chứng sinh' }]);
    assert.equal(await count(), before);
  });

  it("stores the validated answers with the form's version, dropping answers to questions that do not apply", async () => {
    const d = ok(await post('citizen', '/api/v1/dossiers', online({ answers: { ...birth, 'abandoned.foundAt': 'không áp dụng' } })), 201);
    assert.equal(d.form.version, 1);
    assert.equal(d.form.answers['child.fullName'], 'Nguyễn Minh An');
    assert.equal(d.form.answers['abandoned.foundAt'], undefined);
    assert.deepEqual(d.documents, [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, kind: 'submit' }]);
    assert.deepEqual(d.availableActions.includes('request_payment'), false);
    // an abandoned child: no birth certificate, the record instead
    const abandoned = { ...birth, 'birth.case': 'abandoned', 'abandoned.foundAt': 'Cổng chùa', 'abandoned.foundOn': '2026-10-03' };
    assert.equal((await post('citizen', '/api/v1/dossiers', online({ answers: abandoned }))).json().code, 'documents-missing');
    const a = ok(await post('citizen', '/api/v1/dossiers', online({ answers: abandoned, documents: [{ key: 'abandonedRecord', name: 'Biên bản về việc trẻ bị bỏ rơi', copies: 1 }] })), 201);
    assert.equal(a.form.answers['mother.fullName'], undefined);
  });

  it('receives at the counter, lists on form 01 only what was handed in, previews and signs the extract', async () => {
    const d = ok(
      await post('tn.viettri', '/api/v1/dossiers', {
        procedureCode: '1.001193',
        channel: 'counter',
        applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234', phone: '0912345678' },
        answers: birth,
        documents: [
          { key: 'declaration', name: 'Tờ khai đăng ký khai sinh theo mẫu', copies: 1 },
          { key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 },
          { key: 'identity', name: 'Thẻ căn cước của người đi đăng ký', copies: 1, kind: 'present' },
        ],
      }),
      201,
    );
    assert.equal(d.status, 'received');
    if (PDFTOTEXT) {
      const receipt = pdfText((await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/receipt.pdf`)).rawPayload);
      assert.match(receipt, /Tờ khai đăng ký khai sinh theo mẫu/);
      assert.match(receipt, /Giấy chứng sinh/);
      assert.doesNotMatch(receipt, /Thẻ căn cước của người đi đăng ký/, 'a document only shown is not received');
    }
    const v = ok(await post('tn.viettri', `/api/v1/dossiers/${d.code}/actions/forward`, {}));
    assert.equal((await get('ld.viettri', `/api/v1/dossiers/${d.code}/papers/result-preview.pdf`)).statusCode, 409, 'nothing to preview before appraisal');
    assert.ok(!ok(await get('cv.hotich.viettri', `/api/v1/dossiers/${d.code}`)).availableActions.includes('request_payment'), 'the specialist is not offered a payment request');
    const charge = await post('cv.hotich.viettri', `/api/v1/dossiers/${d.code}/actions/request_payment`, { amount: 8000 });
    assert.equal(charge.statusCode, 409, charge.body);
    assert.equal(charge.json().code, 'action-not-available', 'a free procedure cannot be charged');
    ok(await post('cv.hotich.viettri', `/api/v1/dossiers/${d.code}/actions/appraise`, { opinion: 'favourable', note: 'Đủ điều kiện' }));
    assert.equal(v.status, 'in_processing');
    assert.equal((await get('cv.hotich.viettri', `/api/v1/dossiers/${d.code}/papers/result-preview.pdf`)).statusCode, 403, 'only the leader previews');
    const preview = await get('ld.viettri', `/api/v1/dossiers/${d.code}/papers/result-preview.pdf`);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.headers['content-type'], 'application/pdf');
    ok(await post('ld.viettri', `/api/v1/dossiers/${d.code}/actions/approve`, {}));
    ok(await post('ld.viettri', `/api/v1/dossiers/${d.code}/actions/sign`, {}));
    assert.equal((await get('ld.viettri', `/api/v1/dossiers/${d.code}/papers/result-preview.pdf`)).statusCode, 409, 'once signed, the result itself is served');
    const result = await get('tn.viettri', `/api/v1/dossiers/${d.code}/papers/result.pdf`);
    assert.equal(result.statusCode, 200, result.body);
    if (PDFTOTEXT) {
      const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
      const text = norm(pdfText(result.rawPayload));
      for (const s of ['TRÍCH LỤC KHAI SINH', 'NGUYỄN MINH AN', '02/10/2026', 'Ngày hai tháng mười năm hai nghìn không trăm hai mươi sáu', 'Trần Thị Hồng Nhung', 'Nguyễn Văn Bình', 'Bệnh viện Đa khoa tỉnh Phú Thọ', 'NGƯỜI KÝ TRÍCH LỤC', 'Đã ký số'])
        assert.ok(text.includes(s), `the extract shows "${s}"`);
      assert.doesNotMatch(text, /Kết quả giải quyết thủ tục hành chính/i, 'not the generic letter');
      assert.equal(norm(pdfText(preview.rawPayload)), text, 'the preview is exactly what was signed');
    }
    if (PDFSIG) {
      const f = path.join(dataDir, 'trich-luc.pdf');
      fs.writeFileSync(f, result.rawPayload);
      let out = '';
      try {
        out = execFileSync('pdfsig', [f], { encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? '');
      }
      assert.match(out, /Signature Validation: Signature is Valid/);
    }
  });

  it('takes a paper declaration at the counter without typed answers, and its result is the generic letter', async () => {
    const d = ok(
      await post('tn.viettri', '/api/v1/dossiers', {
        procedureCode: '1.001193',
        applicant: { fullName: 'Lê Văn Tám', idNumber: '025080001111' },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
      }),
      201,
    );
    assert.equal(d.form, null);
  });

  it('answers 422 at the submission of a draft whose answers are incomplete', async () => {
    const d = ok(await post('citizen', '/api/v1/dossiers', online({ draft: true, answers: { 'child.fullName': 'Bé Na' }, documents: [] })), 201);
    assert.equal(d.status, 'draft');
    assert.deepEqual(d.form.answers, { 'child.fullName': 'Bé Na' });
    const r = await post('citizen', `/api/v1/dossiers/${d.code}/actions/submit`, {});
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().code, 'form-invalid');
  });
});
