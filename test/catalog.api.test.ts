import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { AccessControl, Principal } from '../src/platform/access.ts';
import type { AuditEntry, AuditTrail } from '../src/platform/audit.ts';
import { problems } from '../src/platform/errors.ts';
import { buildApp } from '../src/main.ts';
import type { ActorContext, CatalogService, UnitsLookup } from '../src/modules/catalog/types.ts';
import { importProcedures } from '../src/modules/catalog/import.ts';
import { proceduresDir } from '../src/modules/catalog/index.ts';
import { testRuntime } from './helpers/runtime.ts';

/**
 * The catalog API on a real database with the real catalogue (2,642 procedures) and the demo province.
 * Writes are exercised twice: through the platform's own policy (no session → 401) and through a test
 * policy point that reads the principal from a header, so that role and unit scoping are checked end to
 * end before an identity module issues real sessions.
 */

const COMMUNE_A = '08866'; // Xã Sơn Đông, Tỉnh Phú Thọ
const COMMUNE_B = '08869'; // Xã Tam Dương
const HANOI_COMMUNE = '00004'; // Phường Ba Đình, Hà Nội

/** A policy point for tests: "x-test-principal: <role>@<unit>" is an official holding that role in that unit. */
function headerAccess(permissions: Record<string, readonly string[]>): AccessControl {
  return {
    async authenticate(request: FastifyRequest): Promise<Principal | null> {
      const h = request.headers['x-test-principal'];
      if (typeof h !== 'string') return null;
      const [role, unitCode] = h.split('@') as [string, string];
      return { kind: 'official', id: `test-${role}-${unitCode}`, subject: `${role}.${unitCode}`, displayName: 'Cán bộ kiểm thử', unitCode, grants: [{ role, unitCode, fields: '*' }], via: 'test' };
    },
    can(p, permission, target) {
      const roles = permissions[permission] ?? [];
      return p.grants.some((g) => roles.includes(g.role) && (!target?.unitCode || g.unitCode === target.unitCode));
    },
  };
}

describe('catalog API', async () => {
  const { rt, app } = await testRuntime({ demo: true });
  const ctx = rt.ctx;
  const catalog = ctx.services.catalog as CatalogService;
  const services = ctx.services as { units?: UnitsLookup; audit?: AuditTrail };
  const policed = await buildApp({ ...rt, access: headerAccess(ctx.permissions) });
  after(() => policed.close());

  const as = (who: string) => ({ 'x-test-principal': who });
  const outboxCount = async () =>
    (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM platform.outbox_event WHERE type = 'catalog.offering.changed'`)).rows[0]!.n;
  const offeringOf = async (code: string) => (await app.inject(`/api/v1/provinces/25/offerings?procedure=${code}`)).json().items[0];

  describe('search', () => {
    it('finds the same procedures with or without diacritics, and with the kí/ký variant', async () => {
      const a = (await app.inject('/api/v1/procedures?q=dang%20ky%20khai%20sinh')).json();
      const b = (await app.inject(`/api/v1/procedures?q=${encodeURIComponent('đăng ký khai sinh')}`)).json();
      const c = (await app.inject(`/api/v1/procedures?q=${encodeURIComponent('Đăng kí khai sinh')}`)).json();
      assert.equal(a.items[0].code, '1.001193');
      assert.equal(a.match, 'text');
      assert.deepEqual(a.items.map((i: { code: string }) => i.code), b.items.map((i: { code: string }) => i.code));
      assert.deepEqual(a.items.map((i: { code: string }) => i.code), c.items.map((i: { code: string }) => i.code));
      assert.ok(a.total >= 10);
      const short = (await app.inject('/api/v1/procedures?q=khai%20sinh')).json();
      assert.ok(short.items.slice(0, 3).some((i: { code: string }) => i.code === '1.001193'));
      // fewer words never lose a procedure that the longer query matched in full (the engine may add partial
      // matches at the end of a list, so the totals themselves need not shrink)
      const all = (await app.inject('/api/v1/procedures?q=khai%20sinh&limit=100')).json().items.map((i: { code: string }) => i.code);
      const full = a.items.filter((i: { name: string }) => /khai sinh/i.test(i.name)).map((i: { code: string }) => i.code);
      assert.ok(full.length >= 5);
      assert.deepEqual(full.filter((c: string) => !all.includes(c)), []);
    });

    it('ranks name matches first, and an exact code above everything', async () => {
      const r = (await app.inject('/api/v1/procedures?q=thuong%20tru')).json();
      assert.equal(r.items[0].code, '1.004222');
      assert.match(r.items[0].name, /thường trú/i);
      const code = (await app.inject('/api/v1/procedures?q=1.001193')).json();
      assert.equal(code.match, 'code');
      assert.equal(code.items[0].code, '1.001193');
      assert.equal(code.items[0].name, 'Thủ tục đăng ký khai sinh');
      const part = (await app.inject('/api/v1/procedures?q=012784')).json();
      assert.equal(part.items[0].code, '1.012784');
    });

    it('falls back to trigram similarity when no procedure has every word', async () => {
      const r = (await app.inject('/api/v1/procedures?q=dang%20ky%20khai%20sihn')).json();
      assert.equal(r.match, 'fuzzy');
      assert.ok(r.items.slice(0, 5).some((i: { code: string }) => i.code === '1.001193'));
    });

    it('returns facets over the filtered set and applies filters', async () => {
      const all = (await app.inject('/api/v1/procedures?page_size=1')).json();
      assert.equal(all.total, 2642);
      assert.equal(all.match, 'all');
      const sumFields = all.facets.field.reduce((s: number, f: { count: number }) => s + f.count, 0);
      assert.equal(sumFields, 2642);
      const commune = all.facets.level.find((l: { value: string }) => l.value === 'commune').count;

      const filtered = (await app.inject('/api/v1/procedures?level=commune&page_size=100')).json();
      assert.equal(filtered.total, commune);
      assert.ok(filtered.items.every((i: { levels: string[] }) => i.levels.includes('commune')));
      assert.equal(filtered.facets.level.find((l: { value: string }) => l.value === 'commune').count, commune);

      const field = (await app.inject(`/api/v1/procedures?field=${encodeURIComponent('Hộ tịch')}&q=khai%20sinh`)).json();
      assert.ok(field.total > 0);
      assert.ok(field.items.every((i: { field: string }) => i.field === 'Hộ tịch'));
      assert.deepEqual(field.facets.field, [{ value: 'Hộ tịch', count: field.total }]);
      const folded = (await app.inject('/api/v1/procedures?field=ho%20tich&q=khai%20sinh')).json();
      assert.equal(folded.total, field.total);

      const online = (await app.inject('/api/v1/procedures?channel=online&level=province&page_size=100')).json();
      assert.ok(online.items.every((i: { channels: string[]; levels: string[] }) => i.channels.includes('online') && i.levels.includes('province')));
    });

    it('paginates', async () => {
      const p1 = (await app.inject('/api/v1/procedures?q=giay%20phep&page_size=5&page=1')).json();
      const p2 = (await app.inject('/api/v1/procedures?q=giay%20phep&page_size=5&page=2')).json();
      assert.equal(p1.items.length, 5);
      assert.equal(p1.total, p2.total);
      assert.equal(p2.page, 2);
      const codes1 = new Set(p1.items.map((i: { code: string }) => i.code));
      assert.ok(p2.items.every((i: { code: string }) => !codes1.has(i.code)));
      const beyond = (await app.inject('/api/v1/procedures?q=giay%20phep&page=9999')).json();
      assert.deepEqual(beyond.items, []);
      assert.equal(beyond.total, p1.total);
    });

    it('refuses bad parameters with 400 problems', async () => {
      for (const qs of ['level=district', 'channel=fax', 'page_size=1000', 'page=0']) {
        const r = await app.inject(`/api/v1/procedures?${qs}`);
        assert.equal(r.statusCode, 400, qs);
        assert.equal(r.json().code, 'validation-failed');
      }
    });
  });

  describe('detail', () => {
    it('returns the whole normalised record', async () => {
      const r = await app.inject('/api/v1/procedures/1.012784');
      assert.equal(r.statusCode, 200);
      const p = r.json();
      assert.equal(p.name, 'Tách thửa hoặc hợp thửa đất');
      assert.deepEqual(p.levels, ['province']);
      assert.equal(p.field, 'Đất đai');
      assert.ok(p.documents.length >= 4);
      assert.ok(p.legal_basis.some((l: { number: string }) => l.number === '151/2025/NĐ-CP'));
      assert.ok(p.channel_options.every((o: { processing_time: { unit: string } }) => o.processing_time.unit === 'working_days'));
    });
    it('404 for an unknown code, 400 for a malformed one', async () => {
      const missing = await app.inject('/api/v1/procedures/9.999999');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().code, 'procedure-not-found');
      assert.match(missing.headers['content-type'] as string, /problem\+json/);
      const bad = await app.inject('/api/v1/procedures/khai-sinh');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().code, 'invalid-procedure-code');
    });
  });

  describe('import report', () => {
    it('needs a session and the catalog.import.read permission', async () => {
      assert.equal((await app.inject('/api/v1/procedures/import-report')).statusCode, 401);
      assert.equal((await policed.inject({ url: '/api/v1/procedures/import-report', headers: as('receiving_officer@25') })).statusCode, 403);
      const r = await policed.inject({ url: '/api/v1/procedures/import-report', headers: as('data_steward@25') });
      assert.equal(r.statusCode, 200);
      const report = r.json();
      assert.equal(report.total, 2642);
      assert.equal(report.fields.levels.ok, 2642);
      assert.ok(report.fields.processing_time.issues['time-unit-missing'].count > 0);
      assert.ok(report.fields.processing_time.issues['time-unit-missing'].examples.length > 0);
    });
  });

  describe('province offering (read, public)', () => {
    it('the demo province offers commune procedures at every commune and province ones at departments', async () => {
      const birth = await offeringOf('1.001193');
      assert.equal(birth.scope, 'all_communes');
      const land = await offeringOf('1.012784');
      assert.equal(land.scope, 'agency');
      assert.equal(land.agency_code, '25.SNNMT');
      const residence = await offeringOf('1.004222');
      assert.equal(residence.effective_fee.amount_vnd, 20000);
      assert.equal(residence.effective_fee.source, 'catalogue');
      // ministry-only procedures are not offered
      const ministryOnly = (await app.inject('/api/v1/procedures?level=ministry&page_size=100')).json().items.find((i: { levels: string[] }) => i.levels.length === 1);
      assert.equal(await offeringOf(ministryOnly.code), undefined);
    });

    it('filters by unit and by words of the name', async () => {
      const atCommune = (await app.inject(`/api/v1/provinces/25/offerings?unit=${COMMUNE_A}&q=khai%20sinh&page_size=100`)).json();
      assert.ok(atCommune.items.some((i: { procedure_code: string }) => i.procedure_code === '1.001193'));
      const landAtCommune = (await app.inject(`/api/v1/provinces/25/offerings?unit=${COMMUNE_A}&procedure=1.012784`)).json();
      assert.equal(landAtCommune.total, 0);
      const dept = (await app.inject('/api/v1/provinces/25/offerings?unit=25.SNNMT&page_size=100')).json();
      assert.ok(dept.total > 0);
      assert.ok(dept.items.every((i: { agency_code: string }) => i.agency_code === '25.SNNMT'));
      const where = (await app.inject('/api/v1/provinces/25/offerings/1.012784')).json();
      assert.deepEqual(where.units.map((u: { code: string; kind: string }) => [u.code, u.kind]), [['25.SNNMT', 'agency']]);
      assert.match(where.units[0].name, /Sở Nông nghiệp và Môi trường/);
    });

    it('400 for a malformed province, 404 for an unknown one, 422 for a unit of another province', async () => {
      assert.equal((await app.inject('/api/v1/provinces/xx/offerings')).statusCode, 400);
      assert.equal((await app.inject('/api/v1/provinces/99/offerings')).statusCode, 404);
      const other = await app.inject(`/api/v1/provinces/25/offerings?unit=${HANOI_COMMUNE}`);
      assert.equal(other.statusCode, 422);
      assert.equal(other.json().code, 'unit-not-in-province');
    });

    it('the lookups other modules use', async () => {
      const atDept = await catalog.offeringsAt('25.SNNMT');
      assert.ok(atDept.some((o) => o.procedure_code === '1.012784'));
      const atCommune = await catalog.offeringsAt(COMMUNE_B);
      assert.ok(atCommune.some((o) => o.procedure_code === '1.001193'));
      assert.ok(!atCommune.some((o) => o.procedure_code === '1.012784'));
      const where = await catalog.whereOffered('25', '1.001193');
      assert.equal(where?.offering.scope, 'all_communes');
      assert.equal(where?.units.length, 148);
      assert.equal(await catalog.whereOffered('25', '9.999999'), null);
      assert.equal((await catalog.effectiveFee('25', '1.004222', 'online')).amount_vnd, 10000);
    });
  });

  describe('province offering (write)', () => {
    const put = (code: string, body: unknown, who?: string) =>
      policed.inject({ method: 'PUT', url: `/api/v1/provinces/25/offerings/${code}`, payload: body as object, headers: who ? as(who) : {} });

    it('needs a session (401) and a province administrator of that province (403)', async () => {
      const before = await outboxCount();
      const anon = await app.inject({ method: 'PUT', url: '/api/v1/provinces/25/offerings/1.001193', payload: { scope: 'all_communes' } });
      assert.equal(anon.statusCode, 401);
      const anonBad = await app.inject({ method: 'PUT', url: '/api/v1/provinces/25/offerings/1.001193', payload: { scope: 'nowhere' } });
      assert.equal(anonBad.statusCode, 401, 'no body is read before the caller is known');
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/provinces/25/offerings/1.001193' })).statusCode, 401);
      assert.equal((await put('1.001193', { scope: 'all_communes' }, 'province_admin@01')).statusCode, 403);
      assert.equal((await put('1.001193', { scope: 'all_communes' }, 'data_steward@25')).statusCode, 403);
      assert.equal(await outboxCount(), before);
    });

    it('the service checks the resource too (service-level authorisation path)', async () => {
      const denied: ActorContext = {
        principal: { kind: 'official', id: 'x', subject: 'x', displayName: 'x', grants: [], via: 'test' },
        authorize: () => {
          throw problems.forbidden();
        },
      };
      await assert.rejects(catalog.putOffering('25', '1.001193', { scope: 'all_communes' }, denied), (e: { status?: number }) => e.status === 403);
      await assert.rejects(catalog.deleteOffering('25', '1.001193', denied), (e: { status?: number }) => e.status === 403);
      assert.equal((await offeringOf('1.001193')).scope, 'all_communes');
    });

    it('400 for a body that does not fit the scope', async () => {
      for (const body of [
        { scope: 'communes' },
        { scope: 'agency' },
        { scope: 'all_communes', agency_code: '25.STP' },
        { scope: 'agency', agency_code: '25.STP', commune_codes: [COMMUNE_A] },
        { scope: 'communes', commune_codes: ['8866'] },
        { scope: 'all_communes', fee_override_vnd: -1 },
        { scope: 'all_communes', fee_override_vnd: 1.5 },
        { scope: 'all_communes', colour: 'red' },
      ]) {
        const r = await put('1.001193', body, 'province_admin@25');
        assert.equal(r.statusCode, 400, JSON.stringify(body));
        assert.equal(r.json().code, 'validation-failed');
      }
      assert.equal((await put('abc', { scope: 'all_communes' }, 'province_admin@25')).json().code, 'invalid-procedure-code');
      assert.equal((await put('9.999999', { scope: 'all_communes' }, 'province_admin@25')).statusCode, 404);
    });

    it('422 for a commune of another province or an unknown agency, and nothing is written', async () => {
      const before = await outboxCount();
      const r = await put('1.001193', { scope: 'communes', commune_codes: [COMMUNE_A, HANOI_COMMUNE, '99999'] }, 'province_admin@25');
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().code, 'unknown-commune');
      assert.deepEqual(r.json().unknown_communes, [HANOI_COMMUNE, '99999']);
      const a = await put('1.012784', { scope: 'agency', agency_code: '25.KHONGCO' }, 'province_admin@25');
      assert.equal(a.statusCode, 422);
      assert.equal(a.json().code, 'unknown-agency');
      assert.equal((await put('1.012784', { scope: 'agency', agency_code: '01.STP' }, 'province_admin@25')).statusCode, 422);
      assert.equal((await offeringOf('1.001193')).scope, 'all_communes');
      assert.equal((await offeringOf('1.012784')).agency_code, '25.SNNMT');
      assert.equal(await outboxCount(), before);
    });

    it('updates, audits and emits an event in one transaction', async () => {
      const calls: AuditEntry[] = [];
      const real = services.audit;
      services.audit = { append: async (tx, e) => { calls.push(e); await real?.append(tx, e); } };
      try {
        const before = await outboxCount();
        const r = await put('1.001193', { scope: 'communes', commune_codes: [COMMUNE_B, COMMUNE_A, COMMUNE_A], note: 'Thí điểm' }, 'province_admin@25');
        assert.equal(r.statusCode, 200);
        assert.deepEqual(r.json().commune_codes, [COMMUNE_A, COMMUNE_B]);
        assert.equal(await outboxCount(), before + 1);
        assert.equal(calls.length, 1);
        assert.equal(calls[0]!.action, 'catalog.offering.update');
        assert.equal(calls[0]!.target, 'procedure:1.001193@25');
        assert.equal((calls[0]!.before as { scope: string }).scope, 'all_communes');
        assert.equal((calls[0]!.after as { scope: string }).scope, 'communes');
        assert.ok(calls[0]!.requestId);
        const ev = (await ctx.db.query<{ aggregate_id: string; payload: { change: string } }>(
          `SELECT aggregate_id, payload FROM platform.outbox_event WHERE type = 'catalog.offering.changed' ORDER BY seq DESC LIMIT 1`,
        )).rows[0]!;
        assert.equal(ev.aggregate_id, '1.001193@25');
        assert.equal(ev.payload.change, 'updated');
        // the named communes receive it, the others no longer do
        assert.ok((await catalog.offeringsAt(COMMUNE_A)).some((o) => o.procedure_code === '1.001193'));
        const elsewhere = (await ctx.services.units!.listCommunes('25')).find((c) => c.code !== COMMUNE_A && c.code !== COMMUNE_B)!;
        assert.ok(!(await catalog.offeringsAt(elsewhere.code)).some((o) => o.procedure_code === '1.001193'));
        // back to every commune
        assert.equal((await put('1.001193', { scope: 'all_communes' }, 'province_admin@25')).statusCode, 200);
      } finally {
        services.audit = real;
      }
    });

    it('nothing is half-written when the audit record cannot be written', async () => {
      const real = services.audit;
      services.audit = { append: async () => { throw new Error('audit store down'); } };
      try {
        const before = await outboxCount();
        const r = await put('1.004222', { scope: 'agency', agency_code: '25.CAT', fee_override_vnd: 99000 }, 'province_admin@25');
        assert.equal(r.statusCode, 500);
        const o = await offeringOf('1.004222');
        assert.equal(o.scope, 'all_communes');
        assert.equal(o.fee_override_vnd, null);
        assert.equal(await outboxCount(), before);
      } finally {
        services.audit = real;
      }
    });

    it('sets a local fee, creates (201) and deletes (204) offerings', async () => {
      const fee = await put('1.004222', { scope: 'all_communes', fee_override_vnd: 25000 }, 'province_admin@25');
      assert.equal(fee.statusCode, 200);
      assert.deepEqual(await catalog.effectiveFee('25', '1.004222'), { source: 'override', status: 'charged', amount_vnd: 25000, description: null });
      assert.equal((await offeringOf('1.004222')).effective_fee.amount_vnd, 25000);
      assert.equal((await put('1.004222', { scope: 'all_communes' }, 'province_admin@25')).json().fee_override_vnd, null);

      const ministryOnly = (await app.inject('/api/v1/procedures?level=ministry&q=hai%20quan&page_size=100')).json().items.find((i: { levels: string[] }) => i.levels.length === 1);
      const created = await put(ministryOnly.code, { scope: 'agency', agency_code: '25.TTPVHCC', online: false }, 'province_admin@25');
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().online, false);
      const del = await policed.inject({ method: 'DELETE', url: `/api/v1/provinces/25/offerings/${ministryOnly.code}`, headers: as('province_admin@25') });
      assert.equal(del.statusCode, 204);
      assert.equal(await offeringOf(ministryOnly.code), undefined);
      const again = await policed.inject({ method: 'DELETE', url: `/api/v1/provinces/25/offerings/${ministryOnly.code}`, headers: as('province_admin@25') });
      assert.equal(again.statusCode, 404);
      assert.equal(again.json().code, 'offering-not-found');
    });

    it('requires the units service (no stand-in: a platform without it does not start, see test/modules.test.ts)', () => {
      assert.ok(rt.modules.find((m) => m.name === 'catalog')?.requires?.includes('units'));
    });
  });

  describe('OpenAPI', () => {
    it('documents every catalog route with its schemas', async () => {
      const doc = (await app.inject('/openapi.json')).json();
      for (const path of ['/api/v1/procedures', '/api/v1/procedures/{code}', '/api/v1/procedures/import-report', '/api/v1/provinces/{province}/offerings', '/api/v1/provinces/{province}/offerings/{procedureCode}']) {
        assert.ok(doc.paths[path], path);
      }
      const put = doc.paths['/api/v1/provinces/{province}/offerings/{procedureCode}'].put;
      assert.ok(put.requestBody.content['application/json'].schema.properties.scope);
      assert.ok(doc.paths['/api/v1/procedures'].get.responses['200'].content['application/json'].schema.properties.facets);
    });
  });

  describe('import and seeding are idempotent', () => {
    it('a second seed changes nothing', async () => {
      const count = async () => (await ctx.db.query<{ n: number; u: string }>(`SELECT count(*)::int AS n, max(updated_at)::text AS u FROM catalog.offering`)).rows[0]!;
      const before = await count();
      const procBefore = (await ctx.db.query<{ u: string }>(`SELECT max(updated_at)::text AS u FROM catalog.procedure`)).rows[0]!.u;
      for (const m of rt.modules) if (m.name === 'catalog') {
        await m.seedReference?.(ctx);
        await m.seedDemo?.(ctx);
      }
      assert.deepEqual(await count(), before);
      assert.equal((await ctx.db.query<{ u: string }>(`SELECT max(updated_at)::text AS u FROM catalog.procedure`)).rows[0]!.u, procBefore);
    });
    it('importing the same files again updates nothing and records the run', async () => {
      const report = await importProcedures(ctx, proceduresDir(ctx));
      assert.deepEqual([report.total, report.inserted, report.updated, report.unchanged], [2642, 0, 0, 2642]);
      assert.equal((await catalog.latestImportReport())?.id, report.id);
    });
  });
});
