import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createLienThongClient, LienThongError } from '../sdk/index.ts';
import { dossierCodeOf, startWebhookReceiver, subscribeDossierEvents, syncOnce, type ReceivedEvent } from '../examples/legacy-system/index.ts';
import { signIn } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The typed SDK (sdk/, generated from the OpenAPI document) and the legacy-system example over real HTTP:
 * the platform listens on a port, a registered client gets its token through the SDK and reads what its
 * scopes and grants allow; the example's webhook receiver accepts only correctly signed deliveries.
 */
describe('SDK and the legacy-system example against a listening platform', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-sdk-'));
  const { rt, app } = await testRuntime({ env: { DATA_DIR: dataDir } });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const admin = await signIn(app, 'qtv.tinh');
  const tn = await signIn(app, 'tn.viettri');
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: tn.headers,
    payload: { procedureCode: '1.001193', applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025192004567', phone: '0912345678' }, documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }] },
  });
  assert.equal(created.statusCode, 201, created.body);
  const code = created.json().code as string;
  const reg = await app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: admin.headers, payload: { id: 'he-thong-cu', name: 'Phần mềm hộ tịch cũ', agencyName: 'Sở Tư pháp tỉnh Phú Thọ', scopes: ['dossiers.read', 'integration.datasets.read', 'integration.datasets.query', 'events.webhooks.manage'] } });
  assert.equal(reg.statusCode, 201, reg.body);
  const secret = reg.json().clientSecret as string;
  await app.inject({ method: 'PUT', url: '/api/v1/integration/clients/he-thong-cu/grants/ho-so-tthc', headers: admin.headers, payload: { fields: ['code', 'nationalStatus', 'receivingUnit'] } });

  it('authenticates, renews nothing needlessly, and calls typed operations', async () => {
    const lt = createLienThongClient({ baseUrl, clientId: 'he-thong-cu', clientSecret: secret });
    const t1 = await lt.token();
    const { data, error } = await lt.GET('/api/v1/datasets');
    assert.equal(error, undefined);
    assert.equal(data!.items[0]!.code, 'ho-so-tthc');
    const d = await lt.GET('/api/v1/dossiers/{code}', { params: { path: { code } } });
    assert.equal(d.data!.code, code);
    assert.equal((await lt.token()).accessToken, t1.accessToken, 'the same token while it is valid');
    // a problem is typed too: a scope the client does not hold
    const refused = await lt.GET('/api/v1/integration/clients');
    assert.equal(refused.response.status, 403);
    const bad = createLienThongClient({ baseUrl, clientId: 'he-thong-cu', clientSecret: 'ltc_sai' });
    await assert.rejects(bad.token(), (e: unknown) => e instanceof LienThongError && e.status === 401 && /mã truy cập/i.test(e.title));
  });

  it('runs the example: catalogue, dossiers in scope, one record with only the granted fields', async () => {
    const lines: string[] = [];
    const r = await syncOnce({ baseUrl, clientId: 'he-thong-cu', clientSecret: secret, dossierCode: code, log: (l) => lines.push(l) });
    assert.deepEqual(r.datasets, ['ho-so-tthc']);
    assert.ok(r.dossiers!.some((d) => d.code === code));
    assert.deepEqual(Object.keys(r.record!).sort(), ['code', 'nationalStatus', 'receivingUnit']);
    assert.ok(lines.some((l) => l.includes('không được cấp: ') && l.includes('applicantName')));
    // the reads of the example are recorded with its agency's name, for the applicant
    const reads = await rt.ctx.db.query<{ reader_name: string; what: string }>(`SELECT reader_name, what FROM dossiers.read_log WHERE dossier_code = $1 AND reader_kind = 'api_client'`, [code]);
    assert.ok(reads.rows.length >= 2);
    assert.ok(reads.rows.every((x) => x.reader_name === 'Sở Tư pháp tỉnh Phú Thọ'));
  });

  it('the example subscribes by webhook and receives the dossier events, then reads the dossier back through the SDK', async () => {
    const lt = createLienThongClient({ baseUrl, clientId: 'he-thong-cu', clientSecret: secret });
    const got: { type: string; status?: string }[] = [];
    let whSecret = '';
    const rcv = await startWebhookReceiver({
      port: 0,
      secret: () => whSecret,
      onEvent: async (e) => {
        const c = dossierCodeOf(e);
        const d = c ? await lt.GET('/api/v1/dossiers/{code}', { params: { path: { code: c } } }) : null;
        got.push({ type: e.type, status: d?.data?.status });
      },
    });
    try {
      const sub = await subscribeDossierEvents(lt, rcv.url);
      whSecret = sub.secret;
      await rt.ctx.events.drain();
      got.length = 0; // only what happens from now on
      const r = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${encodeURIComponent(code)}/actions/forward`, headers: tn.headers, payload: {} });
      assert.equal(r.statusCode, 200, r.body);
      await rt.ctx.events.drain();
      assert.ok(got.some((g) => g.type.endsWith('dossiers.dossier.forward') && g.status === 'in_processing'), JSON.stringify(got));
    } finally {
      await rcv.close();
    }
  });

  it('the example’s webhook receiver takes signed deliveries only', async () => {
    const whSecret = `whsec_${Buffer.from('khoa-bi-mat-thu-nghiem-32-byte!!').toString('base64')}`;
    const got: ReceivedEvent[] = [];
    const rcv = await startWebhookReceiver({ port: 0, secret: whSecret, onEvent: (e) => void got.push(e) });
    try {
      const event = { specversion: '1.0', id: 'evt-1', type: 'dossiers.dossier.receive', source: '/lienthong/25', subject: code, data: { code, nationalStatus: 2 } };
      const body = JSON.stringify(event);
      const at = new Date();
      const signature = new Webhook(whSecret).sign('msg-1', at, body);
      const send = (sig: string) => fetch(rcv.url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': 'msg-1', 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': sig }, body });
      assert.equal((await send(signature.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status, 401);
      assert.equal(got.length, 0);
      assert.equal((await send(signature)).status, 204);
      assert.equal(got[0]!.type, 'dossiers.dossier.receive');
    } finally {
      await rcv.close();
    }
  });
});
