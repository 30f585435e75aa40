import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testRuntime } from './helpers/runtime.ts';
import { unitsModule } from '../src/modules/units/index.ts';
import { ADDED_COLUMNS, checkCsvInput, convertCsv, CsvConvertError } from '../src/modules/units/csv-convert.ts';
import { Problem } from '../src/platform/errors.ts';

describe('units module over HTTP (real reference data)', async () => {
  const { rt, app } = await testRuntime({ demo: false });
  const units = rt.ctx.services.units!;
  await unitsModule.seedDemo!(rt.ctx);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-units-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const get = async (url: string) => {
    const r = await app.inject(url);
    return { status: r.statusCode, body: r.json(), headers: r.headers };
  };
  const post = async (url: string, payload: unknown) => {
    const r = await app.inject({ method: 'POST', url, payload: payload as object });
    return { status: r.statusCode, body: r.json(), headers: r.headers };
  };
  const convert = (address: string) => post('/api/v1/units/convert', { address });

  describe('import', () => {
    it('imported every unit and link; importing again changes nothing', async () => {
      const c = await rt.ctx.db.query<{ level: string; generation: number; n: number }>(
        `SELECT level, generation, count(DISTINCT code)::int AS n FROM units.unit GROUP BY 1, 2 ORDER BY 2, 1`,
      );
      assert.deepEqual(
        c.rows.map((r) => [r.generation, r.level, r.n]),
        [
          [1, 'commune', 10047],
          [1, 'district', 691],
          [1, 'province', 63],
          [2, 'commune', 3321],
          [2, 'province', 34],
        ],
      );
      const links = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM units.merge_link WHERE level = 'commune'`);
      assert.equal(links.rows[0]!.n, 10599);
      const again = await units.importFrom();
      assert.equal(again.unchanged, true);
      assert.deepEqual([again.units.inserted, again.units.updated, again.units.deleted], [0, 0, 0]);
      assert.deepEqual([again.links.inserted, again.links.updated, again.links.deleted], [0, 0, 0]);
    });

    it('refuses a directory without the data, with a Vietnamese message', async () => {
      await assert.rejects(units.importFrom(tmp), (e: unknown) => e instanceof Problem && e.status === 422 && /Không tìm thấy tệp/.test(e.detail ?? ''));
    });
  });

  describe('GET /api/v1/units (search)', () => {
    it('ignores diacritics and tone-mark placement', async () => {
      const a = await get('/api/v1/units?q=hoa%20binh&level=commune&page_size=100');
      const b = await get(`/api/v1/units?q=${encodeURIComponent('Hoà Bình')}&level=commune&page_size=100`);
      const c = await get(`/api/v1/units?q=${encodeURIComponent('Hòa Bình')}&level=commune&page_size=100`);
      assert.equal(a.status, 200);
      assert.ok(a.body.total >= 5);
      assert.equal(b.body.total, c.body.total);
      assert.ok(a.body.items.some((i: { name: string }) => i.name === 'Phường Hòa Bình'));
      // with diacritics, the same tones come first
      assert.match(c.body.items[0].name, /Hòa Bình$/);
    });

    it('understands abbreviations and missing type words, and asks "as of" a date', async () => {
      const old = await get(`/api/v1/units?q=${encodeURIComponent('P. Phúc Xá')}&at=2025-06-30`);
      assert.equal(old.body.total, 1);
      assert.equal(old.body.items[0].code, '00001');
      assert.equal(old.body.items[0].generation, 1);
      assert.deepEqual(old.body.items[0].parent, { code: '001', name: 'Quận Ba Đình' });
      assert.deepEqual(old.body.items[0].province, { code: '01', name: 'Thành phố Hà Nội' });
      const today = await get(`/api/v1/units?q=${encodeURIComponent('Phúc Xá')}`);
      assert.equal(today.body.total, 0, 'Phường Phúc Xá no longer exists');
      const q = await get(`/api/v1/units?q=${encodeURIComponent('Q. Ba Đình')}&at=2025-06-30`);
      assert.deepEqual(q.body.items.map((i: { code: string; level: string }) => [i.code, i.level]), [['001', 'district']]);
    });

    it('shows today\'s name and the name at another date', async () => {
      const now = await get(`/api/v1/units?q=${encodeURIComponent('Đồng Nai')}&level=province`);
      assert.equal(now.body.items[0].name, 'Thành phố Đồng Nai');
      const then = await get(`/api/v1/units?q=dong%20nai&level=province&at=2026-01-01`);
      assert.equal(then.body.items[0].name, 'Tỉnh Đồng Nai');
      assert.equal(then.body.items[0].valid_to, '2026-04-29');
    });

    it('paginates with a total and filters by province', async () => {
      const p1 = await get('/api/v1/units?q=tan&level=commune&province=25&page_size=5');
      const p2 = await get('/api/v1/units?q=tan&level=commune&province=25&page_size=5&page=2');
      assert.equal(p1.body.items.length, 5);
      assert.ok(p1.body.total > 5);
      assert.equal(p2.body.total, p1.body.total);
      assert.ok(p1.body.items.every((i: { province: { code: string } }) => i.province.code === '25'));
      assert.notDeepEqual(p1.body.items, p2.body.items);
      const all = await get('/api/v1/units?level=commune&province=25&page_size=1');
      assert.equal(all.body.total, 148);
      const past = await get('/api/v1/units?q=tan&level=commune&province=25&page_size=5&page=999');
      assert.deepEqual([past.body.items.length, past.body.total], [0, p1.body.total]);
    });

    it('rejects bad parameters with a 400 problem', async () => {
      for (const url of ['/api/v1/units?level=village', '/api/v1/units?at=2025-13-45', '/api/v1/units?page_size=1000', '/api/v1/units?province=abc']) {
        const r = await get(url);
        assert.equal(r.status, 400, url);
        assert.match(r.headers['content-type'] as string, /problem\+json/);
      }
    });
  });

  describe('GET /api/v1/units/{code}', () => {
    it('a new commune: its province and the old communes that formed it', async () => {
      const r = await get('/api/v1/units/00004');
      assert.equal(r.status, 200);
      assert.equal(r.body.name, 'Phường Ba Đình');
      assert.equal(r.body.generation, 2);
      assert.equal(r.body.valid_at, true);
      assert.deepEqual(r.body.province, { code: '01', name: 'Thành phố Hà Nội' });
      const truc = r.body.formed_from.find((f: { unit: { code: string } }) => f.unit.code === '00004');
      assert.equal(truc.unit.name, 'Phường Trúc Bạch');
      assert.deepEqual(truc.district, { code: '001', name: 'Quận Ba Đình' });
      assert.equal(truc.merge_type, 'full');
      assert.match(truc.resolution, /1656\/NQ-UBTVQH15/);
      assert.ok(r.body.formed_from.some((f: { merge_type: string }) => f.merge_type === 'partial'));
    });

    it('the same code before the merger is the old commune, with where it went', async () => {
      const r = await get('/api/v1/units/00004?at=2025-06-30');
      assert.equal(r.body.name, 'Phường Trúc Bạch');
      assert.equal(r.body.generation, 1);
      assert.equal(r.body.parent.code, '001');
      assert.deepEqual(
        r.body.went_into.map((w: { unit: { code: string }; merge_type: string }) => [w.unit.code, w.merge_type]),
        [['00004', 'full']],
      );
    });

    it('an old commune whose code was not reused: shown with valid_at=false and its successor', async () => {
      const r = await get('/api/v1/units/00001');
      assert.equal(r.status, 200);
      assert.equal(r.body.name, 'Phường Phúc Xá');
      assert.equal(r.body.valid_at, false);
      assert.equal(r.body.valid_to, '2025-06-30');
      assert.equal(r.body.went_into[0].unit.name, 'Phường Hồng Hà');
    });

    it('Đồng Nai: two periods with one code; `at` picks the name', async () => {
      const now = await get('/api/v1/units/75');
      assert.equal(now.body.name, 'Thành phố Đồng Nai');
      assert.deepEqual(
        now.body.history.map((h: { name: string; valid_from: string; valid_to: string | null }) => [h.name, h.valid_from, h.valid_to]),
        [
          ['Tỉnh Đồng Nai', '2025-07-01', '2026-04-29'],
          ['Thành phố Đồng Nai', '2026-04-30', null],
        ],
      );
      assert.deepEqual(now.body.formed_from.map((f: { unit: { code: string } }) => f.unit.code).sort(), ['70', '75']);
      assert.equal((await get('/api/v1/units/75?at=2026-04-29')).body.name, 'Tỉnh Đồng Nai');
      const old = await get('/api/v1/units/75?at=2025-06-30');
      assert.equal(old.body.generation, 1);
      assert.equal(old.body.children[0].level, 'district');
      assert.equal(old.body.went_into[0].unit.code, '75');
      const commune = await get('/api/v1/units/25270');
      assert.equal(commune.body.name, 'Phường Lộc Ninh');
      assert.equal(commune.body.history.length, 2);
      assert.equal((await get('/api/v1/units/25270?at=2026-01-01')).body.name, 'Xã Lộc Ninh');
    });

    it('the demo province: 148 communes and its agencies', async () => {
      const r = await get('/api/v1/units/25');
      assert.equal(r.body.name, 'Tỉnh Phú Thọ');
      assert.equal(r.body.children.length, 148);
      assert.ok(r.body.agencies.some((a: { code: string }) => a.code === '25.STP'));
      assert.deepEqual(r.body.formed_from.map((f: { unit: { name: string } }) => f.unit.name).sort(), ['Tỉnh Hoà Bình', 'Tỉnh Phú Thọ', 'Tỉnh Vĩnh Phúc']);
    });

    it('404 for an unknown code, 400 for a malformed one', async () => {
      const r = await get('/api/v1/units/99999');
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 'unit-not-found');
      assert.match(r.body.detail, /99999/);
      assert.equal((await get('/api/v1/units/1234')).status, 400);
    });
  });

  describe('POST /api/v1/units/convert', () => {
    const styles: [string, string][] = [
      ['full', 'Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội'],
      ['no diacritics', 'Phuong Phuc Xa, Quan Ba Dinh, Thanh pho Ha Noi'],
      ['lower case', 'phường phúc xá, quận ba đình, thành phố hà nội'],
      ['abbreviations', 'P. Phúc Xá, Q. Ba Đình, TP. Hà Nội'],
      ['street prefix', 'Số 12 đường Lê Lợi, Phường Phúc Xá, Quận Ba Đình, Hà Nội'],
      ['missing district', 'Phường Phúc Xá, Thành phố Hà Nội'],
      ['missing type words', 'Phúc Xá, Ba Đình, Hà Nội'],
      ['combination', 'so 12 le loi p.phuc xa, tp ha noi'],
    ];
    for (const [style, address] of styles) {
      it(`converts an old address: ${style}`, async () => {
        const r = await convert(address);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body.commune, { code: '00097', name: 'Phường Hồng Hà' });
        assert.deepEqual(r.body.province, { code: '01', name: 'Thành phố Hà Nội' });
        assert.equal(r.body.merge_type, 'full');
        assert.equal(r.body.old.commune.code, '00001');
        assert.ok(r.body.confidence > 0.75 && r.body.confidence <= 1);
        assert.match(r.body.normalized_address, /Phường Hồng Hà, Thành phố Hà Nội$/);
      });
    }

    it('either tone-mark placement, and an old province that no longer exists', async () => {
      const a = await convert('Xã Thủy Xuân Tiên, Huyện Chương Mỹ, Hà Nội');
      const b = await convert('Xã Thuỷ Xuân Tiên, Huyện Chương Mỹ, Hà Nội');
      assert.equal(a.body.commune.code, b.body.commune.code);
      assert.equal(a.body.commune.name, 'Xã Xuân Mai');
      const vp = await convert('Xã Tam Hợp, Huyện Bình Xuyên, Tỉnh Vĩnh Phúc');
      assert.equal(vp.body.province.code, '25');
      assert.equal(vp.body.old.province.name, 'Tỉnh Vĩnh Phúc');
      assert.equal(vp.body.status, 'converted');
    });

    it('keeps the street part: "<street>, <new commune>, <new province>"', async () => {
      const r = await convert('Số 12 đường Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
      assert.equal(r.body.normalized_address, 'Số 12 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh');
      assert.equal(r.body.street, 'Số 12 đường Lê Lợi');
    });

    it('a split commune: every new commune in candidates, best first', async () => {
      const r = await convert('Phường Cống Vị, Quận Ba Đình, Hà Nội');
      assert.equal(r.body.status, 'partial');
      assert.equal(r.body.merge_type, 'partial');
      const mapped = (await rt.ctx.db.query<{ new_code: string }>(`SELECT new_code FROM units.merge_link WHERE level = 'commune' AND old_code = '00007'`)).rows.map((x) => x.new_code);
      assert.ok(mapped.length >= 2);
      assert.deepEqual(r.body.candidates.map((c: { commune: { code: string } }) => c.commune.code).sort(), mapped.sort());
      assert.equal(r.body.commune.code, r.body.candidates[0].commune.code);
      const scores = r.body.candidates.map((c: { score: number }) => c.score);
      assert.deepEqual(scores, [...scores].sort((x: number, y: number) => y - x));
      assert.ok(r.body.confidence < 0.9);
    });

    it('an ambiguous address: low confidence, several candidates, a note', async () => {
      const r = await convert('xa hoang phu, huyen hoang hoa, thanh hoa');
      assert.equal(r.status, 200);
      assert.equal(r.body.status, 'ambiguous');
      assert.ok(r.body.confidence <= 0.5);
      assert.ok(r.body.candidates.length >= 2);
      assert.ok(r.body.notes.some((n: string) => /Hoằng Phú/.test(n) && /Hoằng Phụ/.test(n)));
      const many = await convert('Xã Tân Lập');
      assert.equal(many.status, 422);
      assert.equal(many.body.code, 'address-ambiguous');
      assert.ok(many.body.candidates.length > 0);
    });

    it('an unknown address: 422 address-unknown in Vietnamese', async () => {
      const r = await convert('123 đường Không Có, Nơi Nào Đó');
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'address-unknown');
      assert.match(r.body.detail, /Không xác định được xã\/phường/);
    });

    it('an address that is already new: status current, merge_type none', async () => {
      const r = await convert('Phường Hồng Hà, Thành phố Hà Nội');
      assert.equal(r.body.status, 'current');
      assert.equal(r.body.merge_type, 'none');
      assert.equal(r.body.old, null);
      assert.equal(r.body.commune.code, '00097');
    });

    it('an old commune code', async () => {
      const r = await post('/api/v1/units/convert', { commune_code: '00001' });
      assert.deepEqual(r.body.commune, { code: '00097', name: 'Phường Hồng Hà' });
      assert.equal((await post('/api/v1/units/convert', { commune_code: '99998' })).status, 404);
    });

    it('a bad body: 400 validation problem', async () => {
      for (const body of [{}, { address: '' }, { address: '   ' }, { address: 'x', commune_code: '00001' }, { address: 12 }, { addr: 'x' }, { commune_code: '1' }]) {
        const r = await post('/api/v1/units/convert', body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.code, 'validation-failed');
      }
      const notJson = await app.inject({ method: 'POST', url: '/api/v1/units/convert', payload: '{oops', headers: { 'content-type': 'application/json' } });
      assert.equal(notJson.statusCode, 400);
    });

    it('is public and rate-limited', async () => {
      const r = await convert('Phường Phúc Xá, Quận Ba Đình, Hà Nội');
      assert.ok(r.headers['x-ratelimit-limit']);
      const doc = (await get('/openapi.json')).body;
      assert.ok(doc.paths['/api/v1/units/convert'].post);
      assert.ok(doc.paths['/api/v1/units/{code}'].get);
    });
  });

  describe('POST /api/v1/units/convert/batch', () => {
    it('one result or one error per address, in order', async () => {
      const r = await post('/api/v1/units/convert/batch', {
        addresses: ['Phường Phúc Xá, Quận Ba Đình, Hà Nội', 'không có gì', '', 'Phường Cống Vị, Quận Ba Đình, Hà Nội', 'Phường Hồng Hà, Hà Nội'],
      });
      assert.equal(r.status, 200);
      const items = r.body.results;
      assert.deepEqual(items.map((i: { index: number; ok: boolean }) => [i.index, i.ok]), [[0, true], [1, false], [2, false], [3, true], [4, true]]);
      assert.equal(items[0].result.commune.code, '00097');
      assert.equal(items[1].error.code, 'address-unknown');
      assert.equal(items[2].error.code, 'address-empty');
      assert.deepEqual(r.body.summary, { converted: 1, partial: 1, ambiguous: 0, current: 1, failed: 2 });
    });

    it('more than 1,000 addresses: 413 problem; none: 400', async () => {
      const r = await post('/api/v1/units/convert/batch', { addresses: Array.from({ length: 1001 }, () => 'Phúc Xá, Ba Đình, Hà Nội') });
      assert.equal(r.status, 413);
      assert.equal(r.body.code, 'batch-too-large');
      assert.match(r.body.detail, /1\.000/);
      const full = await post('/api/v1/units/convert/batch', { addresses: Array.from({ length: 1000 }, () => 'Phúc Xá, Ba Đình, Hà Nội') });
      assert.equal(full.status, 200);
      assert.equal(full.body.results.length, 1000);
      assert.equal((await post('/api/v1/units/convert/batch', { addresses: [] })).status, 400);
    });
  });

  describe('agencies and the service interface', () => {
    const CODES = ['25.CAT', '25.SNNMT', '25.STP', '25.SXD', '25.SYT', '25.TTPVHCC', '25.VPUBND'];

    it('the demo province has exactly the seven agencies; seeding twice changes nothing', async () => {
      const r = await get('/api/v1/agencies?province=25');
      assert.deepEqual(r.body.items.map((a: { code: string }) => a.code).sort(), CODES);
      const before = await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units.agency');
      await unitsModule.seedDemo!(rt.ctx);
      const after = await rt.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units.agency');
      assert.deepEqual(after.rows, before.rows);
      const events = await rt.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform.outbox_event WHERE type = 'units.agencies.seeded'`);
      assert.equal(events.rows[0]!.n, 1);
      const tt = await get('/api/v1/agencies/25.TTPVHCC');
      assert.equal(tt.body.name, 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ');
      assert.equal(tt.body.parent_code, '25.VPUBND');
      assert.equal(tt.body.kind, 'service_center');
      assert.equal((await get('/api/v1/agencies/25.VPUBND')).body.name, 'Văn phòng UBND tỉnh Phú Thọ');
      assert.equal((await get('/api/v1/agencies/25.XYZ')).status, 404);
      assert.deepEqual((await get('/api/v1/agencies?province=01')).body.items, []);
    });

    it('resolveOrgUnit, listCommunes, listAgencies, getUnit', async () => {
      assert.deepEqual(await units.resolveOrgUnit('25.STP'), { code: '25.STP', name: 'Sở Tư pháp tỉnh Phú Thọ', kind: 'agency', provinceCode: '25', type: 'department' });
      assert.deepEqual(await units.resolveOrgUnit('25'), { code: '25', name: 'Tỉnh Phú Thọ', kind: 'province', provinceCode: '25', type: 'Tỉnh' });
      assert.deepEqual(await units.resolveOrgUnit('75'), { code: '75', name: 'Thành phố Đồng Nai', kind: 'province', provinceCode: '75', type: 'Thành phố' });
      assert.equal((await units.resolveOrgUnit('25270'))?.name, 'Phường Lộc Ninh');
      assert.equal(await units.resolveOrgUnit('26'), null, 'Vĩnh Phúc is no longer a province');
      assert.equal(await units.resolveOrgUnit('00001'), null, 'an old commune is no org unit today');
      assert.equal(await units.resolveOrgUnit('nonsense'), null);
      const communes = await units.listCommunes('25');
      assert.equal(communes.length, 148);
      assert.ok(communes.every((c) => /^\d{5}$/.test(c.code) && c.name && c.type));
      assert.ok((await units.listCommunes('26', '2025-06-30')).length > 100);
      assert.deepEqual((await units.listAgencies('25')).map((a) => a.code).sort(), CODES);
      assert.equal((await units.getUnit('25', new Date('2025-03-01T00:00:00Z')))?.name, 'Tỉnh Phú Thọ');
      await assert.rejects(units.convertAddress('không có gì'), (e: unknown) => e instanceof Problem && e.status === 422 && e.code === 'address-unknown');
    });
  });

  describe('CSV conversion (the function behind `lienthong units convert`)', () => {
    it('adds the new columns to every row and counts the outcomes', async () => {
      const input = path.join(tmp, 'old.csv');
      const output = path.join(tmp, 'new.csv');
      fs.writeFileSync(
        input,
        [
          'id,dia_chi,ghi_chu',
          '1,"Phường Phúc Xá, Quận Ba Đình, Hà Nội",a',
          '2,"Phường Cống Vị, Quận Ba Đình, Hà Nội","có ""ngoặc kép"""',
          '3,"xa hoang phu, huyen hoang hoa, thanh hoa",',
          '4,"không có gì",',
          '5,,trống',
          '6,"Phường Hồng Hà, Hà Nội",',
        ].join('\n') + '\n',
      );
      const report = await convertCsv({ input, output, column: 'dia_chi', matcher: await units.matcher() });
      assert.deepEqual(
        { rows: report.rows, converted: report.converted, partial: report.partial, ambiguous: report.ambiguous, current: report.current, unknown: report.unknown, empty: report.empty },
        { rows: 6, converted: 1, partial: 1, ambiguous: 1, current: 1, unknown: 1, empty: 1 },
      );
      const rows = parse(fs.readFileSync(output), { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 6);
      assert.deepEqual(Object.keys(rows[0]!), ['id', 'dia_chi', 'ghi_chu', ...ADDED_COLUMNS]);
      assert.equal(rows[0]!.new_commune_code, '00097');
      assert.equal(rows[0]!.new_province_name, 'Thành phố Hà Nội');
      assert.equal(rows[0]!.status, 'converted');
      assert.equal(rows[1]!.ghi_chu, 'có "ngoặc kép"');
      assert.equal(rows[1]!.status, 'partial');
      assert.ok((rows[1]!.candidates ?? '').split('; ').length >= 2);
      assert.equal(rows[2]!.status, 'ambiguous');
      assert.equal(rows[3]!.status, 'unknown');
      assert.equal(rows[4]!.status, 'empty');
      assert.equal(rows[5]!.status, 'current');
    });

    it('says clearly when the file or the column is missing, and leaves no output behind', async () => {
      const m = await units.matcher();
      const output = path.join(tmp, 'out.csv');
      await assert.rejects(convertCsv({ input: path.join(tmp, 'khong-co.csv'), output, column: 'x', matcher: m }), (e: unknown) => e instanceof CsvConvertError && /Không tìm thấy tệp/.test(e.message));
      const input = path.join(tmp, 'cols.csv');
      fs.writeFileSync(input, 'id,address\n1,"Phúc Xá, Ba Đình, Hà Nội"\n');
      await assert.rejects(convertCsv({ input, output, column: 'dia_chi', matcher: m }), (e: unknown) => e instanceof CsvConvertError && /không có cột «dia_chi»/.test(e.message) && /«address»/.test(e.message));
      assert.equal(fs.existsSync(output), false);
      assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith('.part')), []);
      // the CLI checks both before opening the database
      await assert.rejects(checkCsvInput({ input, output, column: 'dia_chi' }), /không có cột «dia_chi»/);
      await assert.rejects(checkCsvInput({ input: path.join(tmp, 'khong-co.csv'), output, column: 'x' }), /Không tìm thấy tệp/);
      assert.deepEqual(await checkCsvInput({ input, output, column: 'address' }), ['id', 'address']);
    });
  });
});
