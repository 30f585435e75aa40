import type { Queryable } from '../../platform/db.ts';
import { problems } from '../../platform/errors.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { catalogueFee, cleanOfferingInput, COMMUNE_CODE, effectiveFee, PROVINCE_CODE } from './domain/offering.ts';
import { PROCEDURE_CODE } from './domain/normalise/procedure.ts';
import { searchFold } from './domain/normalise/text.ts';
import { planSearch, textPlan } from './domain/search.ts';
import { correctQuery, type Vocabulary } from './domain/spelling.ts';
import * as store from './store.ts';
import type {
  ActorContext,
  CatalogService,
  Channel,
  EffectiveFee,
  Offering,
  OfferingFilter,
  OfferingInput,
  OfferingView,
  Level,
  SearchParams,
  SearchRanker,
  SearchResult,
  UnitsLookup,
  WhereOffered,
} from './types.ts';

export const PERMISSION_MANAGE = 'catalog.offering.manage';
export const PERMISSION_IMPORT_READ = 'catalog.import.read';

const MAX_PAGE_SIZE = 100;

/** 400 unless the code has the national format d.dddddd (optionally with a localised suffix). */
export function assertProcedureCode(code: string): void {
  if (!PROCEDURE_CODE.test(code)) {
    throw problems.badRequest('invalid-procedure-code', `Mã thủ tục "${code.slice(0, 40)}" không đúng định dạng (ví dụ 1.001193).`);
  }
}

export function assertProvinceCode(code: string): void {
  if (!PROVINCE_CODE.test(code)) {
    throw problems.badRequest('invalid-province-code', `Mã tỉnh "${code.slice(0, 20)}" không đúng định dạng (hai chữ số, ví dụ 25).`);
  }
}

/**
 * The catalog use cases. Other modules are reached only through ctx.services (required: units, audit;
 * see `requires` in index.ts), looked up when needed.
 */
export function createCatalogService(ctx: PlatformContext): CatalogService {
  const db = ctx.db;
  const units = (): UnitsLookup => requireService(ctx, 'units', 'catalog');
  const requireUnits = units;

  async function assertProvinceExists(province: string, required: boolean): Promise<void> {
    assertProvinceCode(province);
    const u = required ? requireUnits() : units();
    if (!u) return;
    const unit = await u.resolveOrgUnit(province);
    if (!unit || unit.kind !== 'province') throw problems.notFound(`tỉnh, thành phố có mã ${province}`, 'province-not-found');
  }

  async function resolveUnit(code: string): Promise<{ code: string; kind: 'commune' | 'agency' | 'province'; provinceCode: string; name: string | null } | null> {
    const u = units();
    if (u) {
      const r = await u.resolveOrgUnit(code);
      return r ? { code: r.code, kind: r.kind, provinceCode: r.provinceCode, name: r.name } : null;
    }
    return null;
  }

  // caches derived from the catalogue, keyed by the latest import run (valid across processes)
  let vocab: { version: number; value: Vocabulary } | null = null;
  const browse = new Map<string, { version: number; total: number; facets: SearchResult['facets'] }>();

  async function vocabularyAt(version: number): Promise<Vocabulary> {
    if (vocab?.version !== version) {
      const rows = await store.vocabulary(db);
      vocab = { version, value: { words: new Set(rows.map((r) => r.word)), frequency: new Map(rows.map((r) => [r.word, r.n])) } };
    }
    return vocab.value;
  }

  let ranker: SearchRanker | null = null;

  /** A text query through the registered ranker: the page, the total and the facets over every match. */
  async function searchRanked(params: SearchParams, q: string, page: number, pageSize: number): Promise<SearchResult | null> {
    if (!ranker) return null;
    const r = await ranker.rank(q, { level: params.level, channel: params.channel, field: params.field ? searchFold(params.field) : undefined });
    if (!r || r.items.length === 0) return null;
    const levels = new Map<Level, number>();
    const fields = new Map<string, number>();
    for (const it of r.items) {
      for (const l of it.levels) levels.set(l, (levels.get(l) ?? 0) + 1);
      fields.set(it.field, (fields.get(it.field) ?? 0) + 1);
    }
    const facet = <T extends string>(m: Map<T, number>) =>
      [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      items: r.items.slice((page - 1) * pageSize, page * pageSize),
      total: r.items.length,
      page,
      page_size: pageSize,
      facets: { level: facet(levels), field: facet(fields) },
      match: r.corrected ? 'fuzzy' : 'text',
      corrected: r.corrected,
    };
  }

  async function search(params: SearchParams): Promise<SearchResult> {
    const plan = planSearch(params.q);
    if (ranker && plan.kind === 'text') {
      const page = Math.max(1, Math.floor(params.page ?? 1));
      const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(params.page_size ?? 20)));
      const r = await searchRanked(params, params.q!.trim().slice(0, 200), page, pageSize);
      if (r) return r;
    }
    return searchSql(params);
  }

  async function searchSql(params: SearchParams): Promise<SearchResult> {
    const page = Math.max(1, Math.floor(params.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(params.page_size ?? 20)));
    const filters = { level: params.level, channel: params.channel, fieldFolded: params.field ? searchFold(params.field) : undefined };
    const out = (r: Awaited<ReturnType<typeof store.searchProcedures>>, match: SearchResult['match'], corrected: string | null = null): SearchResult => ({
      ...r,
      page,
      page_size: pageSize,
      match,
      corrected,
    });
    const plan = planSearch(params.q);
    if (plan.kind === 'all') {
      // browsing: the page is cheap, the count and facets over the whole set are cached per filter set
      const version = await store.catalogueVersion(db);
      const key = JSON.stringify(filters);
      const hit = browse.get(key);
      if (hit && hit.version === version) {
        const r = await store.searchProcedures(db, plan, filters, page, pageSize, 'exact', false);
        return out({ ...r, total: hit.total, facets: hit.facets }, 'all');
      }
      const r = await store.searchProcedures(db, plan, filters, page, pageSize);
      if (browse.size > 500) browse.clear();
      browse.set(key, { version, total: r.total, facets: r.facets });
      return out(r, 'all');
    }
    if (plan.kind === 'code') {
      const r = await store.searchProcedures(db, plan, filters, page, pageSize);
      if (r.total > 0 || !plan.text) return out(r, 'code');
      return out(await store.searchProcedures(db, { kind: 'text', ...plan.text }, filters, page, pageSize), 'text');
    }
    const r = await store.searchProcedures(db, plan, filters, page, pageSize);
    if (r.total > 0) return out(r, 'text');
    // nothing has every word: correct unknown words against the catalogue's vocabulary ("khai sihn")
    const corrected = correctQuery(plan.folded, await vocabularyAt(await store.catalogueVersion(db)));
    if (corrected) {
      const fixed = textPlan(corrected);
      if (fixed) {
        const c = await store.searchProcedures(db, { kind: 'text', ...fixed }, filters, page, pageSize);
        if (c.total > 0) return out(c, 'fuzzy', fixed.folded);
      }
    }
    // last resort: trigram word similarity against the names
    return out(await store.searchProcedures(db, plan, filters, page, pageSize, 'fuzzy'), 'fuzzy');
  }

  async function getProcedure(code: string) {
    assertProcedureCode(code);
    return store.getProcedure(db, code);
  }

  async function effectiveFeeOf(province: string, procedureCode: string, channel: Channel = 'in_person'): Promise<EffectiveFee> {
    assertProvinceCode(province);
    const procedure = await getProcedure(procedureCode);
    if (!procedure) throw problems.notFound(`thủ tục có mã ${procedureCode}`, 'procedure-not-found');
    const offering = await store.getOffering(db, province, procedureCode);
    return effectiveFee(catalogueFee(procedure, channel), offering?.fee_override_vnd ?? null);
  }

  async function whereOffered(province: string, procedureCode: string): Promise<WhereOffered | null> {
    assertProvinceCode(province);
    assertProcedureCode(procedureCode);
    const offering = await store.getOffering(db, province, procedureCode);
    if (!offering) return null;
    const u = units();
    let list: WhereOffered['units'] = [];
    if (offering.scope === 'all_communes') {
      list = u ? (await u.listCommunes(province)).map((c) => ({ code: c.code, name: c.name, kind: 'commune' as const })) : [];
    } else if (offering.scope === 'communes') {
      list = await Promise.all(
        offering.commune_codes.map(async (code) => ({ code, name: u ? ((await u.getUnit(code))?.name ?? null) : null, kind: 'commune' as const })),
      );
    } else if (offering.agency_code) {
      const a = u ? await u.resolveOrgUnit(offering.agency_code) : null;
      list = [{ code: offering.agency_code, name: a?.name ?? null, kind: 'agency' }];
    }
    return { offering, units: list };
  }

  async function offeringsAt(unitCode: string): Promise<Offering[]> {
    requireUnits();
    const unit = await resolveUnit(unitCode);
    if (!unit) throw problems.notFound(`đơn vị có mã ${unitCode}`, 'unit-not-found');
    return store.offeringsAt(db, unit);
  }

  async function listOfferings(province: string, filter: OfferingFilter) {
    await assertProvinceExists(province, false);
    const page = Math.max(1, Math.floor(filter.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filter.page_size ?? 50)));
    if (filter.procedure) assertProcedureCode(filter.procedure);
    let unit: { code: string; kind: 'commune' | 'agency' | 'province' } | undefined;
    if (filter.unit) {
      const resolved = await resolveUnit(filter.unit);
      if (resolved) {
        if (resolved.provinceCode !== province) throw problems.unprocessable('unit-not-in-province', `Đơn vị ${filter.unit} không thuộc tỉnh, thành phố ${province}.`);
        unit = resolved;
      } else if (units()) {
        throw problems.notFound(`đơn vị có mã ${filter.unit}`, 'unit-not-found');
      } else {
        // without the units service, tell communes (5 digits) from agencies by the code's shape
        unit = { code: filter.unit, kind: COMMUNE_CODE.test(filter.unit) ? 'commune' : 'agency' };
      }
    }
    const nameQuery = filter.q ? textPlan(filter.q)?.tsquery : undefined;
    const r = await store.listOfferings(db, province, { procedure: filter.procedure, unit, nameTsquery: nameQuery, page, pageSize });
    const items: OfferingView[] = r.rows.map((row) => {
      const fee = catalogueFee({ channel_options: row.channel_options });
      const { channel_options: _omit, ...rest } = row;
      return { ...rest, catalogue_fee: fee, effective_fee: effectiveFee(fee, row.fee_override_vnd) };
    });
    return { items, total: r.total, page, page_size: pageSize };
  }

  function actorOf(actor: ActorContext) {
    const p = actor.principal;
    return { kind: p.kind, id: p.id, subject: p.subject };
  }

  async function putOffering(province: string, procedureCode: string, input: OfferingInput, actor: ActorContext) {
    assertProvinceCode(province);
    assertProcedureCode(procedureCode);
    actor.authorize(PERMISSION_MANAGE, { unitCode: province });
    const u = requireUnits();
    await assertProvinceExists(province, true);
    const procedure = await store.getProcedure(db, procedureCode);
    if (!procedure) throw problems.notFound(`thủ tục có mã ${procedureCode}`, 'procedure-not-found');
    const clean = cleanOfferingInput(input);

    if (clean.scope === 'communes') {
      const communes = new Set((await u.listCommunes(province)).map((c) => c.code));
      const unknown = clean.commune_codes.filter((c) => !communes.has(c));
      if (unknown.length) {
        throw problems.unprocessable('unknown-commune', `Các mã sau không phải xã, phường, đặc khu của tỉnh, thành phố ${province}: ${unknown.join(', ')}.`, { unknown_communes: unknown });
      }
    }
    if (clean.scope === 'agency') {
      const a = clean.agency_code ? await u.resolveOrgUnit(clean.agency_code) : null;
      if (!a || a.kind !== 'agency' || a.provinceCode !== province) {
        throw problems.unprocessable('unknown-agency', `Không có cơ quan mã ${clean.agency_code ?? ''} thuộc tỉnh, thành phố ${province}.`);
      }
    }

    return db.transaction(async (tx) => {
      const before = await store.getOffering(tx, province, procedureCode, true);
      const offering = await store.upsertOffering(tx, province, procedureCode, clean, actor.principal.id);
      await appendAudit(tx, actor, province, procedureCode, 'catalog.offering.update', before, offering);
      await emitEvent(tx, {
        type: 'catalog.offering.changed',
        aggregateType: 'catalog.offering',
        aggregateId: `${procedureCode}@${province}`,
        payload: { province_code: province, procedure_code: procedureCode, change: before ? 'updated' : 'created', offering },
      });
      return { offering, created: !before };
    });
  }

  async function deleteOffering(province: string, procedureCode: string, actor: ActorContext): Promise<void> {
    assertProvinceCode(province);
    assertProcedureCode(procedureCode);
    actor.authorize(PERMISSION_MANAGE, { unitCode: province });
    await db.transaction(async (tx) => {
      const before = await store.getOffering(tx, province, procedureCode, true);
      if (!before) throw problems.notFound(`thủ tục ${procedureCode} trong danh sách cung cấp của tỉnh, thành phố ${province}`, 'offering-not-found');
      await store.deleteOffering(tx, province, procedureCode);
      await appendAudit(tx, actor, province, procedureCode, 'catalog.offering.delete', before, null);
      await emitEvent(tx, {
        type: 'catalog.offering.changed',
        aggregateType: 'catalog.offering',
        aggregateId: `${procedureCode}@${province}`,
        payload: { province_code: province, procedure_code: procedureCode, change: 'deleted', offering: null },
      });
    });
  }

  async function appendAudit(tx: Queryable, actor: ActorContext, province: string, procedureCode: string, action: string, before: unknown, after: unknown) {
    await requireService(ctx, 'audit', 'catalog').append(tx, {
      actor: actorOf(actor),
      actingUnit: actor.principal.unitCode ?? province,
      action,
      target: `procedure:${procedureCode}@${province}`,
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      before,
      after,
    });
  }

  return {
    getProcedure,
    search,
    offeringsAt,
    whereOffered,
    effectiveFee: effectiveFeeOf,
    listOfferings,
    putOffering,
    deleteOffering,
    latestImportReport: () => store.latestImportRun(db),
    indexRows: async (province) => {
      assertProvinceCode(province);
      return store.indexRows(db, province);
    },
    indexVersion: (province) => store.indexVersion(db, province),
    useRanker: (r) => {
      ranker = r;
    },
    searchSql,
  };
}

