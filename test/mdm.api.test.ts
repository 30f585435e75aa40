/**
 * Master data end to end on a fresh database: generated legacy sources (CSV) → run → golden records with
 * lineage; incremental run; real-time match; the stewards' queue (merge/distinct), split and undo; quality;
 * export; a wrong mapping is a 422 with every problem listed.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { testRuntime } from './helpers/runtime.ts';
import { signIn, type TestSession } from './helpers/auth.ts';
import { writeSynth } from '../src/modules/mdm/cli.ts';
import { evaluate } from '../src/modules/mdm/domain/match.ts';
import { taxCheckDigit } from '../src/modules/mdm/domain/ids.ts';
import { Problem } from '../src/platform/errors.ts';

describe('master data (mdm) on a fresh platform', async () => {
  const { rt, app } = await testRuntime({ demo: true });
  const mdm = rt.ctx.services.mdm!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdm-api-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  let steward: TestSession;
  let counter: TestSession;
  let config: { sources: Record<string, unknown>[] };

  before(async () => {
    const w = await writeSynth(rt.ctx.services.units!, dir, 600, 11);
    assert.ok(w.entities > 0);
    config = JSON.parse(fs.readFileSync(path.join(dir, 'mdm-run.json'), 'utf8'));
    steward = await signIn(app, 'dl.tinh');
    counter = await signIn(app, 'tn.viettri');
  });

  it('a wrong mapping is refused before anything is read, with each problem and its path', async () => {
    const bad = { sources: [{ ...config.sources[0], entity: 'robot', fields: { ho_ten: 'x' } }] };
    await assert.rejects(mdm.run(bad as never, { baseDir: dir }), (e: unknown) => {
      assert.ok(e instanceof Problem && e.status === 422 && e.code === 'mdm-mapping-invalid');
      const errors = e.extensions.errors as { path: string }[];
      assert.ok(errors.some((x) => x.path === 'sources.0.entity'), JSON.stringify(errors));
      return true;
    });
    const n = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mdm.source_record`);
    assert.equal(n.rows[0]!.n, 0);
  });

  it('a full run keeps every record untouched and makes golden records close to the truth', async () => {
    const s = await mdm.run(config as never, { baseDir: dir });
    assert.equal(s.read, s.changed);
    assert.ok(s.persons >= 550 && s.golden < s.persons, JSON.stringify(s));
    // raw kept as read
    const files = config.sources.map((x) => (x.connector as { path: string }).path);
    const first = parse(fs.readFileSync(path.join(dir, files[0]!), 'utf8'), { columns: true })[0] as Record<string, string>;
    const m = config.sources[0]!;
    const r = await rt.ctx.db.query<{ raw: Record<string, string> }>(`SELECT raw FROM mdm.source_record WHERE source_id = $1 AND record_id = $2`, [m.source, first[m.recordId as string]]);
    assert.deepEqual(r.rows[0]!.raw, first);
    // against the truth
    const truth = parse(fs.readFileSync(path.join(dir, 'truth.csv'), 'utf8'), { columns: true }) as { source_id: string; record_id: string; entity: string }[];
    const got = await rt.ctx.db.query<{ source_id: string; record_id: string; golden_id: string }>(`SELECT source_id, record_id, golden_id FROM mdm.source_record`);
    const gid = new Map(got.rows.map((x) => [`${x.source_id}:${x.record_id}`, x.golden_id]));
    const ids = new Map<string, number>();
    const pred: number[] = [];
    const tru: number[] = [];
    for (const t of truth) {
      const g = gid.get(`${t.source_id}:${t.record_id}`);
      if (!g) continue;
      if (!ids.has(g)) ids.set(g, ids.size);
      pred.push(ids.get(g)!);
      tru.push(Number(t.entity));
    }
    const q = evaluate(pred, tru);
    assert.ok(q.f1 > 0.9, `pairwise F1 ${q.f1}`);
  });

  it('an incremental run reads everything but only the changed record is new work', async () => {
    const again = await mdm.run(config as never, { baseDir: dir, mode: 'incremental' });
    assert.equal(again.changed, 0);
    assert.equal(again.unchanged, again.read);
    const file = path.join(dir, (config.sources[0]!.connector as { path: string }).path);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(/,(Nam|Nữ),/, (_m, s: string) => `,${s === 'Nam' ? 'nam' : 'nữ'},`);
    fs.writeFileSync(file, lines.join('\n'));
    const inc = await mdm.run(config as never, { baseDir: dir, mode: 'incremental' });
    assert.equal(inc.changed, 1);
    assert.equal(inc.mode, 'incremental');
  });

  it('golden records are found by name with or without diacritics', async () => {
    const g = await rt.ctx.db.query<{ id: string; name: string }>(`SELECT id, data->>'full_name' AS name FROM mdm.golden WHERE entity = 'person' AND NOT retired AND data->>'full_name' ~ '[^ -~]' ORDER BY id LIMIT 1`);
    const { id, name } = g.rows[0]!;
    const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    assert.notEqual(plain, name.toLowerCase());
    for (const q of [name, plain, plain.toUpperCase()]) {
      const r = await app.inject({ url: `/api/v1/mdm/golden?q=${encodeURIComponent(q)}&page_size=100`, headers: steward.headers });
      assert.equal(r.statusCode, 200, r.body);
      assert.ok(r.json().items.some((x: { id: string }) => x.id === id), q);
    }
  });

  it('real-time match from the counter finds the golden record; citizens and anonymous cannot', async () => {
    const g = await rt.ctx.db.query<{ id: string; data: Record<string, string | null> }>(
      `SELECT id, data FROM mdm.golden WHERE entity = 'person' AND NOT retired AND members >= 2 AND data->>'birth_date' ~ '^\\d{4}-\\d{2}-\\d{2}$' ORDER BY id LIMIT 1`,
    );
    const target = g.rows[0]!;
    const [y, mo, d] = target.data.birth_date!.split('-');
    const r = await app.inject({ method: 'POST', url: '/api/v1/mdm/persons/match', headers: counter.headers, payload: { full_name: target.data.full_name!.toUpperCase(), birth_date: `${d}/${mo}/${y}`, sex: target.data.sex === 'male' ? 'Nam' : 'Nữ' } });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.candidates[0].goldenId, target.id);
    assert.ok(body.candidates[0].parts.some((p: { comparison: string }) => p.comparison === 'name'));
    const anon = await app.inject({ method: 'POST', url: '/api/v1/mdm/persons/match', payload: { full_name: 'A B' } });
    assert.equal(anon.statusCode, 401);
    const empty = await app.inject({ method: 'POST', url: '/api/v1/mdm/persons/match', headers: counter.headers, payload: {} });
    assert.equal(empty.statusCode, 400);
  });

  it("a counter dossier's applicant links to the golden record the counter found", async () => {
    const g = await rt.ctx.db.query<{ id: string }>(`SELECT id FROM mdm.golden WHERE entity = 'person' AND NOT retired ORDER BY id LIMIT 1`);
    const goldenId = g.rows[0]!.id;
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: counter.headers,
      payload: {
        procedureCode: '1.001193',
        applicant: { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '025190001234', masterRecordId: goldenId },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    const view = await app.inject({ url: `/api/v1/dossiers/${r.json().code}`, headers: counter.headers });
    assert.equal(view.statusCode, 200, view.body);
    assert.equal(view.json().applicant.masterRecordId, goldenId);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: counter.headers, payload: { procedureCode: '1.001193', applicant: { fullName: 'A B', masterRecordId: 'khong-phai-uuid' }, documents: [{ name: 'Tờ khai', copies: 1 }] } });
    assert.equal(bad.statusCode, 400);
  });

  it('split a record out of a golden record, then undo it', async () => {
    const g = await rt.ctx.db.query<{ id: string; members: number }>(`SELECT id, members FROM mdm.golden WHERE NOT retired AND entity = 'person' AND members >= 2 ORDER BY id LIMIT 1`);
    const { id, members } = g.rows[0]!;
    const view = await app.inject({ url: `/api/v1/mdm/golden/${id}`, headers: steward.headers });
    assert.equal(view.statusCode, 200, view.body);
    const v = view.json();
    assert.equal(v.members.length, members);
    assert.ok(v.lineage.full_name.sourceId);
    const member = v.members[v.members.length - 1];
    const split = await app.inject({ method: 'POST', url: `/api/v1/mdm/golden/${id}/split`, headers: steward.headers, payload: member });
    assert.equal(split.statusCode, 200, split.body);
    const { actionId, goldenIds } = split.json();
    const after1 = (await app.inject({ url: `/api/v1/mdm/golden/${id}`, headers: steward.headers })).json();
    assert.equal(after1.members.length, members - 1);
    const newOne = (await app.inject({ url: `/api/v1/mdm/golden/${goldenIds[1]}`, headers: steward.headers })).json();
    assert.deepEqual(newOne.members, [member]);
    // the split is respected by the next full run
    await mdm.run(config as never, { baseDir: dir });
    const stillApart = await rt.ctx.db.query<{ n: number }>(`SELECT count(DISTINCT golden_id)::int AS n FROM mdm.source_record WHERE (source_id, record_id) IN (($1, $2), ($3, $4))`, [member.sourceId, member.recordId, v.members[0].sourceId, v.members[0].recordId]);
    assert.equal(stillApart.rows[0]!.n, 2);
    const undo = await app.inject({ method: 'POST', url: `/api/v1/mdm/actions/${actionId}/undo`, headers: steward.headers });
    // the run moved records since: either undone, or refused as stale with a clear problem
    assert.ok([200, 409].includes(undo.statusCode), undo.body);
    const again = await app.inject({ method: 'POST', url: `/api/v1/mdm/actions/${actionId}/undo`, headers: steward.headers });
    assert.equal(again.statusCode, 409);
  });

  it('split and undo right away restore the golden record exactly; the audit trail has both', async () => {
    const g = await rt.ctx.db.query<{ id: string; data: unknown }>(`SELECT id, data FROM mdm.golden WHERE NOT retired AND entity = 'person' AND members >= 2 ORDER BY id DESC LIMIT 1`);
    const { id, data } = g.rows[0]!;
    const v = (await app.inject({ url: `/api/v1/mdm/golden/${id}`, headers: steward.headers })).json();
    const split = await app.inject({ method: 'POST', url: `/api/v1/mdm/golden/${id}/split`, headers: steward.headers, payload: v.members[0] });
    assert.equal(split.statusCode, 200, split.body);
    const undo = await app.inject({ method: 'POST', url: `/api/v1/mdm/actions/${split.json().actionId}/undo`, headers: steward.headers });
    assert.equal(undo.statusCode, 200, undo.body);
    const back = (await app.inject({ url: `/api/v1/mdm/golden/${id}`, headers: steward.headers })).json();
    assert.deepEqual(back.members, v.members);
    assert.deepEqual(back.data, data);
    const audit = await rt.ctx.db.query<{ action: string }>(`SELECT action FROM audit.record WHERE action LIKE 'mdm.%'`);
    const actions = new Set(audit.rows.map((x) => x.action));
    assert.ok(actions.has('mdm.golden.split') && actions.has('mdm.action.undo') && actions.has('mdm.run.complete') && actions.has('mdm.golden.read'), [...actions].join(','));
  });

  it('the review queue: merge then undo, distinct', async () => {
    const q = await app.inject({ url: '/api/v1/mdm/reviews', headers: steward.headers });
    assert.equal(q.statusCode, 200, q.body);
    const items = q.json().items as { id: number; a: { goldenId: string }; b: { goldenId: string }; parts: unknown[] }[];
    if (!items.length) return; // nothing doubtful in this sample
    const it0 = items[0]!;
    assert.ok(it0.parts.length > 0);
    const m = await app.inject({ method: 'POST', url: `/api/v1/mdm/reviews/${it0.id}/decision`, headers: steward.headers, payload: { decision: 'merge' } });
    assert.equal(m.statusCode, 200, m.body);
    const twice = await app.inject({ method: 'POST', url: `/api/v1/mdm/reviews/${it0.id}/decision`, headers: steward.headers, payload: { decision: 'distinct' } });
    assert.equal(twice.statusCode, 409);
    const u = await app.inject({ method: 'POST', url: `/api/v1/mdm/actions/${m.json().actionId}/undo`, headers: steward.headers });
    assert.equal(u.statusCode, 200, u.body);
    const d = await app.inject({ method: 'POST', url: `/api/v1/mdm/reviews/${it0.id}/decision`, headers: steward.headers, payload: { decision: 'distinct' } });
    assert.equal(d.statusCode, 200, d.body);
  });

  it('quality report with a trend, and the CSV and Parquet exports with lineage', async () => {
    const q = await app.inject({ url: '/api/v1/mdm/quality', headers: steward.headers });
    assert.equal(q.statusCode, 200);
    const body = q.json();
    assert.equal(body.latest.sources.length, config.sources.length);
    assert.ok(body.trend.length >= 3);
    for (const k of ['correct', 'complete', 'clean', 'live']) assert.ok(body.latest.overall[k] >= 0 && body.latest.overall[k] <= 1);
    const csv = await app.inject({ url: '/api/v1/mdm/export.csv', headers: steward.headers });
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    assert.ok(rows.length > 100);
    assert.ok('lineage_full_name' in rows[0]!);
    assert.match(rows[0]!.lineage_full_name!, /:.+\(/);
    const counterExport = await app.inject({ url: '/api/v1/mdm/export.csv', headers: counter.headers });
    assert.equal(counterExport.statusCode, 403);
    // the same golden records as Parquet, read back by a real Parquet reader
    const pq = await app.inject({ url: '/api/v1/mdm/export.parquet', headers: steward.headers });
    assert.equal(pq.statusCode, 200);
    assert.equal(pq.headers['content-type'], 'application/vnd.apache.parquet');
    const bytes = pq.rawPayload;
    const fromParquet = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Record<string, unknown>[];
    assert.equal(fromParquet.length, rows.length);
    const byId = new Map(fromParquet.map((r) => [r.golden_id, r]));
    for (const r of rows.slice(0, 50)) {
      const p = byId.get(r.golden_id)!;
      assert.equal(p.full_name ?? '', r.full_name);
      assert.equal(p.lineage_full_name ?? '', r.lineage_full_name);
      assert.equal(String(p.members), r.members);
    }
    const wrong = await app.inject({ url: '/api/v1/mdm/export.parquet?entity=robot', headers: steward.headers });
    assert.equal(wrong.statusCode, 400);
  });

  it('businesses and household businesses are matched probabilistically (tax code, name, owner, address), branches kept apart; exported with lineage', async () => {
    const tax = (first9: string) => `${first9}${taxCheckDigit(first9)}`;
    const hoaBinh = tax('010011243');
    const addr = (x: string) => `${x}, Phường Tiên Cát, Thành phố Việt Trì, Tỉnh Phú Thọ`;
    fs.writeFileSync(
      path.join(dir, 'dkkd.csv'),
      [
        'ma,ten,mst,chu,cccd_chu,dia_chi,ngay_dk,trang_thai,loai',
        `D1,Công ty TNHH Thương mại Hoà Bình,${hoaBinh},Nguyễn Văn An,,"${addr('Số 12 Trần Phú')}",05/03/2015,Đang hoạt động,Công ty TNHH`,
        `D2,Hộ kinh doanh Tạp hoá Khúc Lan,,Khúc Thị Lan,025190012345,"${addr('Số 5 Hùng Vương')}",01/03/2019,Đang hoạt động,Hộ kinh doanh`,
        `D3,Chi nhánh Hoà Bình Việt Trì,${hoaBinh}-001,Nguyễn Văn An,,"${addr('Số 40 Hùng Vương')}",02/02/2020,Đang hoạt động,Chi nhánh`,
        `D4,Tạp hoá Minh Anh,,Lê Văn Minh,,"Số 1 Đường 2, Xã Phù Ninh, Huyện Phù Ninh, Tỉnh Phú Thọ",,Đang hoạt động,Hộ kinh doanh`,
      ].join('\n') + '\n',
    );
    fs.writeFileSync(
      path.join(dir, 'thue.csv'),
      [
        'id,ten_nnt,mst,dai_dien,dia_chi,sdt,tinh_trang',
        `T1,Cty TNHH Thương Mại Hòa Bình,${hoaBinh},Nguyen Van An,"${addr('Số 12 Trần Phú')}",0912 345 678,Đang hoạt động`,
        `T2,Tạp hóa Khúc Lan,025190012345,Khúc Thị Lan,"${addr('Số 5 Hùng Vương')}",,Đang hoạt động`,
        `T3,Chi nhánh Hoà Bình Việt Trì,${hoaBinh}-002,Nguyễn Văn An,"${addr('Số 40 Hùng Vương')}",,Đang hoạt động`,
        `T4,Tạp hoá Minh Anh,,Trần Thị Anh,"Số 9 Lê Lợi, Phường Gia Cẩm, Thành phố Việt Trì, Tỉnh Phú Thọ",,Tạm ngừng kinh doanh`,
      ].join('\n') + '\n',
    );
    const business = {
      sources: [
        { source: 'dkkd', entity: 'business', recordId: 'ma', trust: 0.9, connector: { kind: 'csv', path: 'dkkd.csv' }, fields: { name: 'ten', tax_code: 'mst', owner_name: 'chu', owner_id: 'cccd_chu', address: 'dia_chi', registration_date: 'ngay_dk', status: 'trang_thai', kind: 'loai' } },
        { source: 'thue', entity: 'business', recordId: 'id', trust: 0.6, connector: { kind: 'csv', path: 'thue.csv' }, fields: { name: 'ten_nnt', tax_code: 'mst', owner_name: 'dai_dien', address: 'dia_chi', phone: 'sdt', status: 'tinh_trang' } },
      ],
    };
    const s = await mdm.run(business as never, { baseDir: dir });
    assert.equal(s.businesses, 8);
    const g = await rt.ctx.db.query<{ source_id: string; record_id: string; golden_id: string }>(`SELECT source_id, record_id, golden_id FROM mdm.source_record WHERE entity = 'business'`);
    const gid = (k: string) => g.rows.find((x) => `${x.source_id}:${x.record_id}` === k)!.golden_id;
    assert.equal(gid('dkkd:D1'), gid('thue:T1'), 'same enterprise, written differently');
    assert.equal(gid('dkkd:D2'), gid('thue:T2'), 'a household business with its tax code in one register only');
    assert.notEqual(gid('dkkd:D3'), gid('thue:T3'), 'two branches are two businesses');
    assert.notEqual(gid('dkkd:D1'), gid('dkkd:D3'), 'a branch is not its parent');
    assert.notEqual(gid('dkkd:D4'), gid('thue:T4'), 'same shop name, other owner and place');
    const csv = await app.inject({ url: '/api/v1/mdm/export.csv?entity=business', headers: steward.headers });
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 6);
    const hb = rows.find((r) => r.tax_code === hoaBinh)!;
    assert.equal(hb.name, 'Công ty TNHH Thương mại Hoà Bình');
    assert.equal(hb.members, '2');
    assert.equal(hb.lineage_name, 'dkkd:D1 (source-trust)');
    assert.equal(hb.phone, '0912345678');
    assert.equal(hb.lineage_phone, 'thue:T1 (completeness)');
  });
});
