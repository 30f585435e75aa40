import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from '../../src/platform/http.ts';
import type { Runtime } from '../../src/main.ts';
import { sampleAnswers } from '../../src/modules/forms/index.ts';
import { signIn, type TestSession } from './auth.ts';
import { testRuntime } from './runtime.ts';

/**
 * A platform for authorization tests: the demo people and the demo province's offering (not the demo
 * dossiers), two signed-in citizens, and one dossier of citizen A carried through to its issued result at
 * Phường Việt Trì (07900), field Hộ tịch, with one attachment — so that every read of a dossier, its papers
 * and its files has something to answer with.
 */

export const CITIZEN_A = '025085012345';
export const CITIZEN_B = '025192004567';
export const DOSSIER_UNIT = '07900';
export const DOSSIER_FIELD = 'Hộ tịch';

export interface Caller {
  name: string;
  headers: Record<string, string>;
}

export interface AuthzFixture {
  app: App;
  rt: Runtime;
  as: (username: string) => Promise<TestSession>;
  citizen: (personalId: string) => Promise<Caller>;
  /** A dossier of citizen A, result issued, with one attachment. */
  dossier: { code: string; attachmentId: string };
  /** A fresh dossier of citizen A at 07900, submitted online and not yet received. */
  submitOnline: (personalId?: string) => Promise<string>;
  /** A fresh counter dossier received by `receiver` (default tn.viettri), applicant's number `idNumber`. */
  counterDossier: (o?: { receiver?: string; idNumber?: string | null; procedureCode?: string }) => Promise<string>;
}

/** Online, the citizen fills the procedure's form (birth registration) and lists the documents it asks for. */
export const ONLINE_FORM = { answers: sampleAnswers('1.001193')!, documents: [{ key: 'birthCertificate', name: 'Giấy chứng sinh', copies: 1 }] };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

export function multipartPng(fields: Record<string, string> = {}): { payload: Buffer; contentType: string } {
  const boundary = '----lt-authz';
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="giay-to.png"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function authzFixture(env: Record<string, string> = {}): Promise<AuthzFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-authz-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir, ...env } });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const identity = rt.ctx.services.identity!;

  const sessions = new Map<string, Promise<TestSession>>();
  const as = (u: string) => {
    let s = sessions.get(u);
    if (!s) sessions.set(u, (s = signIn(app, u)));
    return s;
  };
  const citizens = new Map<string, Promise<Caller>>();
  const citizen = (personalId: string) => {
    let c = citizens.get(personalId);
    if (!c) {
      c = identity.citizenSignIn({ issuer: 'test', subject: `sub-${personalId}`, personalId, displayName: `Công dân ${personalId.slice(-3)}` }, { ip: null, userAgent: null }).then((s) => ({
        name: `citizen ${personalId}`,
        headers: { cookie: `lt_session=${s.sessionToken}`, 'x-csrf-token': s.csrfToken },
      }));
      citizens.set(personalId, c);
    }
    return c;
  };

  const call = async (headers: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, headers, payload: payload as object });
    return r;
  };
  const ok = (r: { statusCode: number; body: string }, status: number[] = [200, 201]) => {
    assert.ok(status.includes(r.statusCode), `${r.statusCode} ${r.body.slice(0, 400)}`);
    return JSON.parse(r.body);
  };
  const act = async (who: string, code: string, action: string, body: unknown = {}) =>
    ok(await call((await as(who)).headers, 'POST', `/api/v1/dossiers/${code}/actions/${action}`, body));

  const submitOnline = async (personalId = CITIZEN_A) => {
    const c = await citizen(personalId);
    const d = ok(
      await call(c.headers, 'POST', '/api/v1/dossiers', {
        procedureCode: '1.001193',
        communeCode: DOSSIER_UNIT,
        applicant: { fullName: 'Hoàng Minh Đức', email: 'duc@example.vn' },
        ...ONLINE_FORM,
      }),
    );
    return d.code as string;
  };

  const counterDossier = async (o: { receiver?: string; idNumber?: string | null; procedureCode?: string } = {}) => {
    const d = ok(
      await call((await as(o.receiver ?? 'tn.viettri')).headers, 'POST', '/api/v1/dossiers', {
        procedureCode: o.procedureCode ?? '1.001193',
        applicant: { fullName: 'Nguyễn Thị Hồng Nhung', ...(o.idNumber === null ? {} : { idNumber: o.idNumber ?? CITIZEN_B }), phone: '0912345678', address: 'Tổ 5, phường Việt Trì' },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
      }),
    );
    return d.code as string;
  };

  const code = await submitOnline(CITIZEN_A);
  const up = multipartPng({ name: 'Giấy chứng sinh' });
  const a = ok(await app.inject({ method: 'POST', url: `/api/v1/dossiers/${code}/attachments`, payload: up.payload, headers: { ...(await citizen(CITIZEN_A)).headers, 'content-type': up.contentType } }));
  await act('tn.viettri', code, 'receive', {});
  await act('tn.viettri', code, 'forward', { note: 'Chuyển công chức hộ tịch' });
  await act('cv.hotich.viettri', code, 'appraise', { opinion: 'favourable', note: 'Hồ sơ đầy đủ' });
  await act('ld.viettri', code, 'approve', { resultNumber: '7/TLKS' });
  await act('ld.viettri', code, 'sign', {});
  await act('vt.viettri', code, 'issue_result', { electronic: true });

  return { app, rt, as, citizen, dossier: { code, attachmentId: a.id as string }, submitOnline, counterDossier };
}
