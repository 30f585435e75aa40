import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sampleAnswers } from '../src/modules/forms/index.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * A submission that is all or nothing (issue 15 §2, ADR 0061), on a real database: files are uploaded and
 * checked first (staged, the uploader's own, expiring), and the submission creates the dossier WITH its
 * files in one transaction. A rejected file, an upload that is not the caller's, or one the transaction
 * cannot take creates nothing at all (no dossier, attachment, transition, audit record, event, running
 * number, idempotency key); a retry after the fix — even with the same Idempotency-Key — succeeds once.
 * Drafts: saved as the applicant goes, resumed from another session, expiring, deleted by the submission.
 */

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
function multipart(file: Buffer, filename: string) {
  const boundary = '----lt-submit';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('staged uploads, atomic submission and drafts', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-submit-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const identity = rt.ctx.services.identity!;
  const signCitizen = async (personalId: string, name: string) => {
    const c = await identity.citizenSignIn({ issuer: 'test', subject: `s-${personalId}-${Math.random()}`, personalId, displayName: name }, { ip: null, userAgent: null });
    return { cookie: `lt_session=${c.sessionToken}`, 'x-csrf-token': c.csrfToken };
  };
  const mother = await signCitizen('025194001234', 'Trần Thị Hồng Nhung');
  const other = await signCitizen('025192004567', 'Lê Văn Bình');
  const db = rt.ctx.db;
  const n = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]!.n);
  const counts = async () => ({
    dossiers: await n('SELECT count(*)::int AS n FROM dossiers.dossier'),
    attachments: await n('SELECT count(*)::int AS n FROM dossiers.attachment'),
    transitions: await n('SELECT count(*)::int AS n FROM dossiers.transition'),
    keys: await n('SELECT count(*)::int AS n FROM dossiers.idempotency_key'),
    counters: await n('SELECT coalesce(sum(last_number), 0)::int AS n FROM dossiers.daily_counter'),
    events: await n("SELECT count(*)::int AS n FROM platform.outbox_event WHERE type LIKE 'dossiers.%'"),
    audit: await n("SELECT count(*)::int AS n FROM audit.record WHERE action LIKE 'dossiers.%'"),
  });
  const upload = async (who: Record<string, string>, file: Buffer, filename: string) => {
    const m = multipart(file, filename);
    return app.inject({ method: 'POST', url: '/api/v1/uploads', payload: m.payload, headers: { ...who, 'content-type': m.contentType } });
  };
  const submit = (who: Record<string, string>, body: object, key?: string) =>
    app.inject({ method: 'POST', url: '/api/v1/dossiers', payload: body, headers: { ...who, ...(key ? { 'idempotency-key': key } : {}) } });
  const birth = sampleAnswers('1.001193')!;
  const application = (documents: object[]) => ({
    procedureCode: '1.001193',
    communeCode: '07900',
    channel: 'province_portal',
    applicant: { fullName: 'Trần Thị Hồng Nhung', idNumber: '025194001234', phone: '0912345678' },
    answers: birth,
    documents,
  });

  it('refuses a file that is not what it claims at upload: nothing is staged, no dossier exists', async () => {
    const before = await counts();
    const staged = await n('SELECT count(*)::int AS n FROM dossiers.staged_upload');
    const bad = await upload(mother, Buffer.from('MZ this is a program, not a scan'), 'giay-chung-sinh.pdf');
    assert.equal(bad.statusCode, 415, bad.body);
    assert.equal(bad.json().code, 'file-type-not-allowed');
    assert.match(bad.json().detail, /Hồ sơ chỉ nhận tệp/);
    assert.equal(await n('SELECT count(*)::int AS n FROM dossiers.staged_upload'), staged);
    assert.deepEqual(await counts(), before);
  });

  it('creates nothing when an upload cannot be taken, does not consume the key, and succeeds on the retry after the fix', async () => {
    const good = await upload(mother, PNG, 'giay-chung-sinh.png');
    assert.equal(good.statusCode, 201, good.body);
    const g = good.json();
    assert.equal(g.contentType, 'image/png');
    assert.ok(new Date(g.expiresAt) > new Date());
    // someone else's upload: the submission must not take it
    const theirs = (await upload(other, PNG, 'cua-nguoi-khac.png')).json();
    const before = await counts();
    const key = 'nop-khai-sinh-1';
    const docs = (second: string) => [
      { key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, uploadId: g.id },
      { name: 'Giấy tờ khác', copies: 1, uploadId: second },
    ];
    const r1 = await submit(mother, application(docs(theirs.id)), key);
    assert.equal(r1.statusCode, 422, r1.body);
    assert.equal(r1.json().code, 'upload-unavailable');
    assert.deepEqual(r1.json().errors.map((e: { path: string }) => e.path), ['documents.1']);
    assert.deepEqual(await counts(), before, 'a refused submission writes nothing');
    // the first upload is still the applicant's, untaken
    assert.equal((await db.query<{ dossier_code: string | null }>('SELECT dossier_code FROM dossiers.staged_upload WHERE id = $1', [g.id])).rows[0]!.dossier_code, null);

    // the fix: another file of her own; the same key, a changed body — not "already used for another request"
    const fixed = (await upload(mother, PNG, 'giay-to-khac.png')).json();
    const r2 = await submit(mother, application(docs(fixed.id)), key);
    assert.equal(r2.statusCode, 201, r2.body);
    const d = r2.json();
    const after = await counts();
    assert.equal(after.dossiers, before.dossiers + 1);
    assert.equal(after.attachments, before.attachments + 2);
    assert.equal(after.keys, before.keys + 1);
    assert.deepEqual(d.documents.map((x: { name: string; uploadId?: string }) => [x.name, x.uploadId]), [['Giấy chứng sinh', undefined], ['Giấy tờ khác', undefined]]);
    const files = await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(d.code)}/attachments`, headers: mother });
    assert.deepEqual(files.json().map((a: { name: string; sha256: string }) => a.name).sort(), ['Giấy chứng sinh', 'Giấy tờ khác']);
    const bytes = await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(d.code)}/attachments/${files.json()[0].id}`, headers: mother });
    assert.deepEqual(bytes.rawPayload, PNG);

    // a network retry of the same request: the same dossier, nothing new
    const r3 = await submit(mother, application(docs(fixed.id)), key);
    assert.equal(r3.statusCode, 200, r3.body);
    assert.equal(r3.headers['idempotent-replayed'], 'true');
    assert.equal(r3.json().code, d.code);
    assert.deepEqual(await counts(), after);
    // the uploads are used: a second submission cannot take them again
    const r4 = await submit(mother, application(docs(fixed.id)), 'nop-khai-sinh-2');
    assert.equal(r4.statusCode, 422, r4.body);
    assert.equal(r4.json().code, 'upload-unavailable');
    assert.deepEqual(await counts(), after);
    // and a deleted or foreign upload cannot be deleted by another person
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/uploads/${theirs.id}`, headers: mother })).statusCode, 404);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/v1/uploads/${theirs.id}`, headers: other })).statusCode, 204);
  });

  it('rolls back the taken uploads when the transaction fails after taking them (form answers refused)', async () => {
    const u = (await upload(mother, PNG, 'chung-sinh.png')).json();
    const before = await counts();
    const r = await submit(mother, { ...application([{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, uploadId: u.id }]), answers: { ...birth, 'child.fullName': '' } }, 'nop-sai');
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().code, 'form-invalid');
    assert.deepEqual(await counts(), before);
    const ok = await submit(mother, application([{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, uploadId: u.id }]), 'nop-sai');
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('keeps drafts per account: resumed from another session, invisible to others, deleted by the submission, expiring', async () => {
    const state = { step: 2, form: { phone: '0912345678' }, answers: { 'child.fullName': 'Nguyễn Minh An' } };
    const u = (await upload(mother, PNG, 'chung-sinh.png')).json();
    const put = await app.inject({ method: 'PUT', url: '/api/v1/drafts/1.001193', headers: mother, payload: { state, uploads: [{ slot: 'birthCertificate', uploadId: u.id }] } });
    assert.equal(put.statusCode, 200, put.body);
    const expires = new Date(put.json().expiresAt);
    assert.ok(expires.getTime() - Date.now() > 29 * 86_400_000, 'a draft is kept 30 days');
    // the upload named by the draft lives as long as the draft
    const upExp = (await db.query<{ expires_at: Date }>('SELECT expires_at FROM dossiers.staged_upload WHERE id = $1', [u.id])).rows[0]!.expires_at;
    assert.equal(new Date(upExp).toISOString(), expires.toISOString());
    // another device: a new sign-in of the same person
    const phone = await signCitizen('025194001234', 'Trần Thị Hồng Nhung');
    const got = await app.inject({ url: '/api/v1/drafts/1.001193', headers: phone });
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json().state, state);
    assert.deepEqual(got.json().uploads.map((x: { slot: string; upload: { id: string } }) => [x.slot, x.upload.id]), [['birthCertificate', u.id]]);
    assert.deepEqual((await app.inject({ url: '/api/v1/drafts', headers: phone })).json().map((x: { procedureCode: string }) => x.procedureCode), ['1.001193']);
    assert.equal((await app.inject({ url: '/api/v1/drafts/1.001193', headers: other })).statusCode, 404);
    // submitting uses it up
    const r = await submit(phone, application([{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, uploadId: u.id }]));
    assert.equal(r.statusCode, 201, r.body);
    assert.equal((await app.inject({ url: '/api/v1/drafts/1.001193', headers: mother })).statusCode, 404);
    // an expired draft is not resumed, and the purge deletes it with its unused uploads
    const death = (await db.query<{ code: string }>("SELECT code FROM catalog.procedure WHERE code <> '1.001193' ORDER BY code LIMIT 1")).rows[0]!.code;
    assert.equal((await app.inject({ method: 'PUT', url: `/api/v1/drafts/${death}`, headers: mother, payload: { state: { step: 1 } } })).statusCode, 200);
    const lone = (await upload(mother, PNG, 'bo-do.png')).json();
    await db.query("UPDATE dossiers.form_draft SET expires_at = now() - interval '1 minute' WHERE procedure_code = $1", [death]);
    await db.query("UPDATE dossiers.staged_upload SET expires_at = now() - interval '1 minute' WHERE id = $1", [lone.id]);
    assert.equal((await app.inject({ url: `/api/v1/drafts/${death}`, headers: mother })).statusCode, 404);
    const purged = await rt.ctx.services.dossiers!.purgeStaging((await import('../src/platform/documents/index.ts')).openLocalFileStore(dataDir));
    assert.ok(purged.drafts >= 1 && purged.uploads >= 1, JSON.stringify(purged));
    assert.equal(await n(`SELECT count(*)::int AS n FROM dossiers.staged_upload WHERE id = '${lone.id}'`), 0);
    // the used upload's file stays: it is the dossier's attachment now
    const code = r.json().code;
    const att = (await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(code)}/attachments`, headers: mother })).json();
    assert.equal((await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(code)}/attachments/${att[0].id}`, headers: mother })).statusCode, 200);
  });

  it('lets the applicant withdraw their own dossier online until the decision, and nobody else', async () => {
    const u = (await upload(mother, PNG, 'chung-sinh.png')).json();
    const d = (await submit(mother, application([{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1, uploadId: u.id }]))).json();
    assert.ok(d.availableActions.includes('withdraw'), JSON.stringify(d.availableActions));
    const url = `/api/v1/dossiers/${encodeURIComponent(d.code)}/actions/withdraw`;
    const theirs = await app.inject({ method: 'POST', url, headers: other, payload: { reason: 'Không phải hồ sơ của tôi' } });
    assert.equal(theirs.statusCode, 403, theirs.body);
    assert.equal((await app.inject({ method: 'POST', url, headers: mother, payload: {} })).statusCode, 400, 'a reason is required');
    const r = await app.inject({ method: 'POST', url, headers: { ...mother, 'if-match': `"${d.version}"` }, payload: { reason: 'Nộp nhầm, sẽ nộp lại' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'withdrawn');
    assert.deepEqual(r.json().availableActions, []);
  });

  it('refuses drafts and uploads to someone not signed in', async () => {
    assert.equal((await app.inject({ url: '/api/v1/drafts/1.001193' })).statusCode, 401);
    const m = multipart(PNG, 'x.png');
    assert.equal((await app.inject({ method: 'POST', url: '/api/v1/uploads', payload: m.payload, headers: { 'content-type': m.contentType } })).statusCode, 401);
  });
});
