import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import type { Caller } from '../src/modules/dossiers/service.ts';
import { sampleAnswers } from '../src/modules/forms/index.ts';

/**
 * Rules that must hold for whoever calls, on a real database: separation of duties (enforced, and never
 * offered), a retried action that was already applied answers 409 (not 403), and every read of a dossier by
 * an official or a system is recorded for the applicant to see ("Ai đã xem hồ sơ của tôi").
 */
describe('dossier duties, retries and reads', async () => {
  const { rt, app } = await testRuntime();
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const svc = rt.ctx.services.dossiers!;

  const sessions: Record<string, TestSession> = {};
  const as = async (u: string) => (sessions[u] ??= await signIn(app, u));
  const inject = async (method: 'GET' | 'POST', who: string | Record<string, string>, url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload, headers: { ...(typeof who === 'string' ? (await as(who)).headers : who), ...headers } });
  const counterBirth = { procedureCode: '1.001193', applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234', phone: '0912345678' }, documents: [{ name: 'Tờ khai', copies: 1 }] };

  /** An official of Phường Việt Trì allowed every role there (one person wearing several hats). */
  const official = (id: string): Caller => ({
    principal: { kind: 'official', id, subject: id, displayName: `Cán bộ ${id}`, unitCode: '07900', grants: [{ role: 'leader', unitCode: '07900', fields: '*' }], via: 'session' },
    can: () => true,
  });

  describe('separation of duties', () => {
    it('the official who received a dossier is not offered approve/refuse/sign, and is refused them (403)', async () => {
      const x = official('u-x');
      const y = official('u-y');
      const d = (await svc.create({ ...counterBirth, receivingUnit: '07900' }, x)).dossier;
      assert.equal(d.receivedBy, 'u-x');
      await svc.act(d.code, 'forward', {}, x);
      const appraised = await svc.act(d.code, 'appraise', { opinion: 'favourable', note: 'Đủ điều kiện' }, y);
      assert.equal(appraised.status, 'appraised');
      const seenByReceiver = await svc.get(d.code, x);
      for (const a of ['approve', 'refuse']) assert.ok(!seenByReceiver.availableActions.includes(a as never), `${a} offered to the receiver: ${seenByReceiver.availableActions}`);
      await assert.rejects(svc.act(d.code, 'approve', {}, x), (e: { status?: number }) => e.status === 403);
    });

    it('the appraiser is not offered approval of their own appraisal and is refused it; another leader approves', async () => {
      const receiver = official('u-r');
      const appraiser = official('u-a');
      const leader = official('u-l');
      const d = (await svc.create({ ...counterBirth, receivingUnit: '07900' }, receiver)).dossier;
      await svc.act(d.code, 'forward', {}, receiver);
      await svc.act(d.code, 'appraise', { opinion: 'favourable', note: 'Đủ điều kiện' }, appraiser);
      const seen = await svc.get(d.code, appraiser);
      assert.ok(!seen.availableActions.includes('approve'), `approve offered to the appraiser: ${seen.availableActions}`);
      await assert.rejects(svc.act(d.code, 'approve', {}, appraiser), (e: { status?: number; detail?: string }) => e.status === 403 && /thẩm định/.test(e.detail ?? ''));
      assert.ok((await svc.get(d.code, leader)).availableActions.includes('approve'));
      const approved = await svc.act(d.code, 'approve', {}, leader);
      assert.equal(approved.status, 'approved');
      assert.ok(!(await svc.get(d.code, appraiser)).availableActions.includes('sign'));
    });
  });

  describe('retries', () => {
    it('a retried action that was already applied answers 409 action-already-applied, with or without If-Match', async () => {
      const created = await inject('POST', 'tn.viettri', '/api/v1/dossiers', counterBirth);
      assert.equal(created.statusCode, 201, created.body);
      const d = created.json();
      const url = `/api/v1/dossiers/${d.code}/actions/forward`;
      const first = await inject('POST', 'tn.viettri', url, { note: 'Chuyển' }, { 'if-match': `"${d.version}"` });
      assert.equal(first.statusCode, 200, first.body);
      for (const headers of [{ 'if-match': `"${d.version}"` }, {}] as Record<string, string>[]) {
        const again = await inject('POST', 'tn.viettri', url, { note: 'Chuyển' }, headers);
        assert.equal(again.statusCode, 409, again.body);
        const p = again.json();
        assert.equal(p.code, 'action-already-applied');
        assert.equal(p.appliedInVersion, first.json().version);
        assert.match(p.detail, /đã được thực hiện/);
      }
      // someone else's stale request is a plain conflict, and an official of another ward still gets 403
      const other = await inject('POST', 'cv.hotich.viettri', `/api/v1/dossiers/${d.code}/actions/appraise`, { opinion: 'favourable', note: 'x' }, { 'if-match': `"${d.version}"` });
      assert.equal(other.statusCode, 409, other.body);
      assert.equal(other.json().code, 'version-conflict');
      const stranger = await inject('POST', 'tn.snnmt', url, {});
      assert.equal(stranger.statusCode, 403, stranger.body);
    });
  });

  describe('who read my dossier', () => {
    it('records every read by an official or a system, and shows the list to the applicant only', async () => {
      const identity = rt.ctx.services.identity!;
      const c = await identity.citizenSignIn({ issuer: 'test', subject: 'reads-1', personalId: '025085012345', displayName: 'Hoàng Minh Đức' }, { ip: null, userAgent: null });
      const me = { cookie: `lt_session=${c.sessionToken}`, 'x-csrf-token': c.csrfToken };
      const c2 = await identity.citizenSignIn({ issuer: 'test', subject: 'reads-2', personalId: '026078003210', displayName: 'Người khác' }, { ip: null, userAgent: null });
      const someoneElse = { cookie: `lt_session=${c2.sessionToken}`, 'x-csrf-token': c2.csrfToken };
      const submitted = await inject('POST', me, '/api/v1/dossiers', { procedureCode: '1.001193', communeCode: '07900', applicant: { fullName: 'Hoàng Minh Đức' }, answers: sampleAnswers('1.001193')!, documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }] });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const code = submitted.json().code;
      const reads = async (who: string | Record<string, string>) => inject('GET', who, `/api/v1/dossiers/${code}/reads`);

      // the applicant's own reads are not recorded
      assert.equal((await inject('GET', me, `/api/v1/dossiers/${code}`)).statusCode, 200);
      assert.deepEqual((await reads(me)).json(), []);

      assert.equal((await inject('GET', 'tn.viettri', `/api/v1/dossiers/${code}`)).statusCode, 200);
      assert.equal((await inject('GET', 'tn.viettri', `/api/v1/dossiers/${code}/timeline`)).statusCode, 200);
      assert.equal((await inject('GET', 'tn.viettri', `/api/v1/dossiers/${code}/attachments`)).statusCode, 200);
      assert.equal((await inject('GET', 'tn.viettri', `/api/v1/dossiers/${code}/payment`)).statusCode, 200);
      await svc.get(code, { principal: { kind: 'system', id: 'lgsp', subject: 'lgsp', displayName: 'Nền tảng tích hợp LGSP', grants: [], via: 'system' }, can: () => true });
      // a refused read is not a read
      assert.equal((await inject('GET', 'tn.snnmt', `/api/v1/dossiers/${code}`)).statusCode, 403);

      const r = await reads(me);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['cache-control'], 'private, no-store');
      const list = r.json() as { at: string; reader: { kind: string; name: string; unit: { code: string; name: string } | null }; what: string; label: string }[];
      assert.deepEqual(list.map((x) => x.what), ['detail', 'payment', 'attachments', 'timeline', 'detail'], 'newest first');
      assert.deepEqual(list.map((x) => x.label), ['Xem chi tiết hồ sơ', 'Xem phí, lệ phí của hồ sơ', 'Xem danh sách giấy tờ đính kèm', 'Xem quá trình xử lý hồ sơ', 'Xem chi tiết hồ sơ']);
      assert.equal(list[0]!.reader.kind, 'system');
      assert.equal(list[0]!.reader.name, 'Nền tảng tích hợp LGSP');
      assert.equal(list[1]!.reader.kind, 'official');
      assert.equal(list[1]!.reader.unit?.code, '07900');
      assert.match(list[1]!.reader.unit?.name ?? '', /Việt Trì/);
      assert.ok(list.every((x) => !Number.isNaN(Date.parse(x.at))));

      // nobody else sees the list: another citizen, the officials who read it
      assert.equal((await reads(someoneElse)).statusCode, 403);
      assert.equal((await reads('tn.viettri')).statusCode, 403);
      assert.equal((await inject('GET', {}, `/api/v1/dossiers/${code}/reads`)).statusCode, 401);
    });
  });
});
