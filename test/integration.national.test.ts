import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { integrationCommands } from '../src/modules/integration/cli.ts';
import { entryHash } from '../src/modules/integration/domain/exchange-chain.ts';
import { signIn } from './helpers/auth.ts';
import { testRuntime } from './helpers/runtime.ts';
import { sandboxProcess } from './helpers/sandbox.ts';
import * as analyticsStore from '../src/modules/analytics/store.ts';

/**
 * The national systems through their adapters, against their sandboxes started as separate processes
 * (`lienthong sandbox …`) and reached over real HTTP: DVCQG intake into a commune's inbox and every status
 * flowing back (with refusals retried from the event stream), the population database at submission and
 * at the counter, the catalogue published to the data coordination platform, data released to another
 * agency under a grant (and shown to the citizen), and the exchange log's verification.
 */
describe('national systems against their sandboxes', async () => {
  const [dvcqg, population, ndxp] = await Promise.all([sandboxProcess('dvcqg'), sandboxProcess('population'), sandboxProcess('ndxp')]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-national-'));
  const { rt, app } = await testRuntime({
    env: { DATA_DIR: dataDir, DVCQG_URL: dvcqg.url, DVCQG_API_KEY: dvcqg.key, POPULATION_URL: population.url, POPULATION_API_KEY: population.key, NDXP_URL: ndxp.url, NDXP_API_KEY: ndxp.key },
  });
  for (const m of rt.modules) if (m.name !== 'dossiers') await m.seedDemo?.(rt.ctx);
  const integration = rt.ctx.services.integration!;
  const tn = await signIn(app, 'tn.viettri');
  const admin = await signIn(app, 'qtv.tinh');

  const intake = await app.inject({ method: 'POST', url: '/api/v1/integration/dvcqg/intake', headers: admin.headers });
  assert.equal(intake.statusCode, 200, intake.body);
  const received = intake.json().received as { nationalId: string; code: string }[];
  const first = received[0]!;
  const linkOf = async (code: string) => (await app.inject({ url: `/api/v1/integration/dossiers/${encodeURIComponent(code)}`, headers: tn.headers })).json();
  const act = async (code: string, action: string, payload: object = {}) => {
    const r = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${encodeURIComponent(code)}/actions/${action}`, headers: tn.headers, payload });
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const portal = async (nationalId: string) => (await dvcqg.call('GET', `/api/v1/ho-so/${encodeURIComponent(nationalId)}`)).body;

  it('takes the portal dossiers into the receiving communes’ inboxes, with the national id, once', async () => {
    assert.equal(received.length, 3);
    assert.deepEqual(intake.json().failed, []);
    const inbox = (await app.inject({ url: '/api/v1/dossiers?unit=07900', headers: tn.headers })).json();
    const mine = inbox.items.filter((d: { code: string }) => received.some((r) => r.code === d.code));
    assert.equal(mine.length, 2, 'two of the three are addressed to Phường Việt Trì');
    const d = (await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(first.code)}`, headers: tn.headers })).json();
    assert.equal(d.channel, 'national_portal');
    assert.equal(d.source, `dvcqg:${first.nationalId}`);
    assert.equal(d.status, 'submitted');
    const link = await linkOf(first.code);
    assert.equal(link.national.nationalId, first.nationalId);
    assert.equal(link.national.state, 'synced');
    assert.equal(link.populationChecks[0].stage, 'submission');
    assert.equal(link.populationChecks[0].result, 'match');
    assert.match(link.populationChecks[0].source, /^csdlqg-dan-cu:/);
    // acknowledged with the local code; pulling again creates nothing
    assert.equal((await portal(first.nationalId)).MaHoSo, first.code);
    assert.deepEqual((await integration.national.intake()).received, []);
    const total = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM integration.national_dossier`);
    assert.equal(total.rows[0]!.n, 3);
  });

  it('sends every status change back with the national code, retrying refusals until accepted', async () => {
    await rt.ctx.events.drain();
    await act(first.code, 'receive', { digitised: true });
    await rt.ctx.events.drain();
    let statuses = (await portal(first.nationalId)).trangThai as { TrangThaiHoSo: number; PhienBan: number }[];
    assert.equal(statuses.at(-1)!.TrangThaiHoSo, 2, 'Được tiếp nhận');
    assert.equal((await linkOf(first.code)).national.state, 'synced');

    // the portal refuses the next two updates: the dossier shows "failing", later events of this dossier wait
    await dvcqg.call('POST', '/_sandbox/loi', { count: 2 });
    await act(first.code, 'forward');
    await rt.ctx.events.drain();
    let link = (await linkOf(first.code)).national;
    assert.equal(link.state, 'failing');
    assert.ok(link.attempts >= 1);
    assert.match(link.lastError, /503/);
    for (let i = 0; i < 5 && (await linkOf(first.code)).national.state !== 'synced'; i++) await rt.ctx.events.drain({ retryNow: true });
    link = (await linkOf(first.code)).national;
    assert.equal(link.state, 'synced');
    assert.equal(link.syncedStatus, 4, 'Đang xử lý');
    statuses = (await portal(first.nationalId)).trangThai;
    assert.deepEqual(statuses.map((s) => s.TrangThaiHoSo), [1, 2, 4], 'each status once, in order');
    // a redelivered event is not sent twice (idempotent on the event id)
    const accepted = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM integration.status_sync WHERE dossier_code = $1`, [first.code]);
    assert.equal(accepted.rows[0]!.n, 2, "receive and forward");
  });

  it('synchronises a counter dossier by its local code; the portal’s acknowledged receipt makes the service index count it, live and after a rebuild', async () => {
    await rt.ctx.events.drain();
    const analytics = rt.ctx.services.analytics!;
    const period = analytics.resolvePeriod({});
    const counts = async () => (await analytics.serviceIndex({ provinceCode: '25', unit: '07900' }, period)).counts;
    const fromDvcqg = (await linkOf(first.code)).national;
    assert.ok(fromDvcqg.confirmedAt, 'the portal dossier received above is confirmed too');
    assert.equal((await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(first.code)}`, headers: tn.headers })).json().syncedToNational, true);
    const before = await counts();

    // the portal refuses the first update: the dossier is received, not yet synchronised
    await dvcqg.call('POST', '/_sandbox/loi', { count: 1 });
    const created = await app.inject({
      method: 'POST', url: '/api/v1/dossiers', headers: tn.headers,
      payload: { procedureCode: '1.001193', applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234' }, documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const d = created.json();
    assert.equal(d.channel, 'counter');
    assert.equal(d.version, 2, 'submitted and received');
    await rt.ctx.events.drain();
    let link = (await linkOf(d.code)).national;
    assert.equal(link.nationalId, null, 'a dossier of the province: known to the portal by its code');
    assert.equal(link.state, 'failing');
    assert.equal(link.confirmedAt, null);
    let now = await counts();
    assert.equal(now.received, before.received + 1);
    assert.equal(now.synced, before.synced, 'received but not acknowledged by the portal: not counted');

    for (let i = 0; i < 5 && !(await linkOf(d.code)).national.confirmedAt; i++) await rt.ctx.events.drain({ retryNow: true });
    link = (await linkOf(d.code)).national;
    assert.equal(link.state, 'synced');
    assert.ok(link.confirmedAt);
    const pushed = (await dvcqg.call('GET', `/api/v1/dong-bo-ho-so/${encodeURIComponent(d.code)}`)).body;
    assert.deepEqual(pushed.trangThai.map((x: { TrangThaiHoSo: number }) => x.TrangThaiHoSo), [1, 2], 'Mới đăng ký, Được tiếp nhận');
    assert.equal(pushed.MaTTHC, '1.001193');
    assert.equal(pushed.NgayTiepNhan, d.receivedAt);
    now = await counts();
    assert.equal(now.received, before.received + 1);
    assert.equal(now.synced, before.synced + 1, 'acknowledged with its receipt: counted');

    // the dossiers module recorded it: a version of its own on the timeline, its event carrying the facts
    const after = (await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(d.code)}`, headers: tn.headers })).json();
    assert.equal(after.syncedToNational, true);
    assert.equal(after.version, 3);
    const timeline = (await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(d.code)}/timeline`, headers: tn.headers })).json();
    assert.deepEqual(timeline.map((t: { action: string }) => t.action), ['submit', 'receive', 'confirm_national_sync']);
    assert.match(timeline.at(-1).actionLabel, /xác nhận đã đồng bộ/);
    assert.equal(timeline.at(-1).actor.name, 'Cổng Dịch vụ công quốc gia');

    // the officer who loaded version 2 forwards it: the portal's confirmation alone does not send them back to reload
    const fwd = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${encodeURIComponent(d.code)}/actions/forward`, headers: { ...tn.headers, 'if-match': '"2"' }, payload: {} });
    assert.equal(fwd.statusCode, 200, fwd.body);
    const stale = await app.inject({ method: 'POST', url: `/api/v1/dossiers/${encodeURIComponent(d.code)}/actions/withdraw`, headers: { ...tn.headers, 'if-match': '"3"' }, payload: { reason: 'Người nộp xin rút' } });
    assert.equal(stale.statusCode, 409, 'a version moved on by an official still conflicts');
    await rt.ctx.events.drain();
    const statuses = (await dvcqg.call('GET', `/api/v1/dong-bo-ho-so/${encodeURIComponent(d.code)}`)).body.trangThai;
    assert.deepEqual(statuses.map((x: { TrangThaiHoSo: number }) => x.TrangThaiHoSo), [1, 2, 4], 'the confirmation itself is not sent; the forward is');
    assert.equal((await rt.ctx.db.query(`SELECT 1 FROM dossiers.transition WHERE dossier_code = $1 AND action = 'confirm_national_sync'`, [d.code])).rows.length, 1, 'confirmed once');

    // the rebuild from the dossier events gives the same projection and the same figure
    const live = await analyticsStore.allFacts(rt.ctx.db);
    const liveCounters = await analyticsStore.allCounters(rt.ctx.db);
    assert.ok(live.some((f) => f.code === d.code && f.synced === true));
    await analytics.rebuild();
    assert.deepEqual(await analyticsStore.allFacts(rt.ctx.db), live);
    assert.deepEqual(await analyticsStore.allCounters(rt.ctx.db), liveCounters);
    assert.equal((await counts()).synced, before.synced + 1);
  });

  it('checks the applicant against the population database at the counter and records result, time and source', async () => {
    const wrong = await app.inject({ method: 'POST', url: `/api/v1/integration/dossiers/${encodeURIComponent(first.code)}/population-checks`, headers: tn.headers, payload: { dateOfBirth: '1994-06-22' } });
    assert.equal(wrong.statusCode, 201, wrong.body);
    assert.equal(wrong.json().result, 'mismatch');
    assert.deepEqual(wrong.json().mismatched, ['dateOfBirth']);
    const right = await app.inject({ method: 'POST', url: `/api/v1/integration/dossiers/${encodeURIComponent(first.code)}/population-checks`, headers: tn.headers, payload: { dateOfBirth: '1994-06-21' } });
    assert.equal(right.json().result, 'match');
    const unknown = await app.inject({ method: 'POST', url: `/api/v1/integration/dossiers/${encodeURIComponent(first.code)}/population-checks`, headers: tn.headers, payload: { dateOfBirth: '1994-06-21', idNumber: '025199999999' } });
    assert.equal(unknown.json().result, 'not_found');
    assert.equal((await linkOf(first.code)).populationChecks.length, 4);
    // a specialist does not check at the counter
    const cv = await signIn(app, 'cv.hotich.viettri');
    assert.equal((await app.inject({ method: 'POST', url: `/api/v1/integration/dossiers/${encodeURIComponent(first.code)}/population-checks`, headers: cv.headers, payload: { dateOfBirth: '1994-06-21' } })).statusCode, 403);
  });

  it('publishes the catalogue to the data coordination platform and releases only granted fields, with a legal basis for personal ones', async () => {
    const pub = await app.inject({ method: 'POST', url: '/api/v1/integration/ndxp/publish', headers: admin.headers });
    assert.equal(pub.statusCode, 200, pub.body);
    const node = (await ndxp.call('GET', '/api/v1/nut/25/du-lieu')).body;
    assert.equal(node.datasets[0].code, 'ho-so-tthc');
    assert.ok(!JSON.stringify(node).includes(first.code), 'metadata only');

    const reg = await app.inject({ method: 'POST', url: '/api/v1/integration/clients', headers: admin.headers, payload: { id: 'so-tu-phap', name: 'Phần mềm hộ tịch', agencyName: 'Sở Tư pháp tỉnh Phú Thọ', scopes: ['integration.datasets.query', 'integration.datasets.read'] } });
    assert.equal(reg.statusCode, 201, reg.body);
    const tok = (await app.inject({ method: 'POST', url: '/api/v1/oauth/token', payload: { grant_type: 'client_credentials', client_id: 'so-tu-phap', client_secret: reg.json().clientSecret } })).json().access_token;
    const query = () => app.inject({ url: `/api/v1/datasets/ho-so-tthc/records/${encodeURIComponent(first.code)}`, headers: { authorization: `Bearer ${tok}` } });
    assert.equal((await query()).statusCode, 403, 'no grant yet');
    const noBasis = await app.inject({ method: 'PUT', url: '/api/v1/integration/clients/so-tu-phap/grants/ho-so-tthc', headers: admin.headers, payload: { fields: ['code', 'nationalStatus', 'applicantName'] } });
    assert.equal(noBasis.statusCode, 422);
    assert.equal(noBasis.json().code, 'legal-basis-required');
    await app.inject({ method: 'PUT', url: '/api/v1/integration/clients/so-tu-phap/grants/ho-so-tthc', headers: admin.headers, payload: { fields: ['code', 'nationalStatus'] } });
    let r = await query();
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().record, { code: first.code, nationalStatus: 4 });
    assert.ok(r.json().withheld.some((w: { field: string }) => w.field === 'applicantName'));
    const g = await app.inject({ method: 'PUT', url: '/api/v1/integration/clients/so-tu-phap/grants/ho-so-tthc', headers: admin.headers, payload: { fields: ['code', 'applicantName', 'applicantIdNumber'], legalBasis: 'Luật Hộ tịch 2014, Điều 15' } });
    assert.equal(g.statusCode, 200, g.body);
    r = await query();
    assert.equal(r.json().record.applicantName, 'Trần Thị Hồng Nhung');
    assert.equal(r.json().record.applicantIdNumber, '025194001234');
    const releases = await rt.ctx.db.query<{ fields: string[]; legal_basis: string | null }>(`SELECT fields, legal_basis FROM integration.release ORDER BY id`);
    assert.deepEqual(releases.rows.map((x) => x.legal_basis), [null, 'Luật Hộ tịch 2014, Điều 15']);
    // the citizen sees which agency received their data
    const s = await rt.ctx.services.identity!.citizenSignIn({ issuer: 'test', subject: 'sub-nhung', personalId: '025194001234', displayName: 'Trần Thị Hồng Nhung' }, { ip: null, userAgent: null });
    const reads = await app.inject({ url: `/api/v1/dossiers/${encodeURIComponent(first.code)}/reads`, headers: { cookie: `lt_session=${s.sessionToken}` } });
    assert.equal(reads.statusCode, 200, reads.body);
    const release = reads.json().filter((x: { what: string }) => x.what === 'release:ho-so-tthc');
    assert.equal(release.length, 2);
    assert.equal(release[0].reader.name, 'Sở Tư pháp tỉnh Phú Thọ');
    assert.equal(release[0].reader.kind, 'api_client');
    assert.match(release[0].label, /Cung cấp dữ liệu/);
  });

  it('logs every exchange, chained and signed; `lienthong exchange verify` finds an edited or re-hashed entry', async () => {
    const out: string[] = [];
    const verify = async () => {
      const program = new Command().exitOverride();
      integrationCommands(program, async () => rt.ctx, { write: (t: string) => out.push(t) });
      process.exitCode = 0;
      await program.parseAsync(['node', 'lienthong', 'exchange', 'verify']);
      const code = process.exitCode;
      process.exitCode = 0;
      return code;
    };
    const log = await app.inject({ url: '/api/v1/integration/exchanges?limit=500', headers: admin.headers });
    const items = log.json().items as { system: string; operation: string; requestDigest: string }[];
    for (const op of ['dvcqg.dossiers.pending', 'dvcqg.dossiers.acknowledge', 'dvcqg.dossiers.status', 'population.verify', 'ndxp.catalogue.publish', 'datasets.ho-so-tthc.query']) assert.ok(items.some((x) => x.operation === op), op);
    assert.ok(!JSON.stringify(items).includes('Trần Thị Hồng Nhung'), 'digests only, no personal data');
    assert.equal(await verify(), 0);
    assert.match(out.at(-1)!, /nguyên vẹn/);

    // an edited entry
    await rt.ctx.db.query(`UPDATE integration.exchange_log SET status = 299 WHERE seq = 3`);
    assert.equal(await verify(), 1);
    assert.match(out.at(-1)!, /số 3 .*đã bị sửa/);
    // the same edit with the chain re-hashed from there on: only the signatures tell
    const rows = await rt.ctx.db.query<Record<string, any>>(`SELECT * FROM integration.exchange_log WHERE seq >= 3 ORDER BY seq`);
    let prev = (await rt.ctx.db.query<{ hash: string }>(`SELECT hash FROM integration.exchange_log WHERE seq = 2`)).rows[0]!.hash;
    for (const x of rows.rows) {
      const hash = entryHash(prev, { seq: Number(x.seq), id: x.id, occurredAt: x.occurred_at, system: x.system, direction: x.direction, clientId: x.client_id, operation: x.operation, requestDigest: x.request_digest, responseDigest: x.response_digest, status: x.status });
      await rt.ctx.db.query(`UPDATE integration.exchange_log SET prev_hash = $2, hash = $3 WHERE seq = $1`, [x.seq, prev, hash]);
      prev = hash;
    }
    assert.equal(await verify(), 1);
    assert.match(out.at(-1)!, /Chữ ký của bản ghi trao đổi số 3/);
  });
});
