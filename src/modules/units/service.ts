/**
 * Use cases of the units module: import, look-ups "as of" a date, search, address conversion, agencies.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../platform/db.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/outbox.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { DEMO_AGENCIES, isAgencyCode } from './domain/agencies.ts';
import { DatasetError, levelOfCode, MERGER_DATE } from './domain/dataset.ts';
import { buildMatcher, type AddressMatcher } from './domain/matcher.ts';
import { parseSearchQuery } from './domain/search-query.ts';
import { readDataset, SOURCE_FILES } from './source.ts';
import * as store from './store.ts';
import type {
  Agency,
  ConversionResult,
  ImportReport,
  Level,
  MergeSource,
  MergeTarget,
  OrgUnit,
  UnitDetail,
  UnitRef,
  UnitSearchQuery,
  UnitSearchResult,
  UnitsService,
  UnitSummary,
} from './types.ts';

const DATASET_ID = 'admin-units';

/** Today in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A date parameter: 'YYYY-MM-DD', a Date, or undefined (today). */
export function dayOf(at: string | Date | undefined): string {
  if (at === undefined) return todayInVietnam();
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) throw problems.badRequest('invalid-date', 'Ngày không hợp lệ.');
    return todayInVietnam(at);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(at) || Number.isNaN(Date.parse(at + 'T00:00:00Z')) || new Date(at + 'T00:00:00Z').toISOString().slice(0, 10) !== at) {
    throw problems.badRequest('invalid-date', `Ngày «${at}» không hợp lệ; dùng dạng YYYY-MM-DD.`);
  }
  return at;
}

function summary(r: store.UnitRow): UnitSummary {
  const p = store.periodOf(r);
  return { code: p.code, name: p.name, type: p.type, level: p.level, generation: p.generation, valid_from: p.validFrom, valid_to: p.validTo };
}

const isValid = (r: store.UnitRow, at: string) => (r.valid_from === '-infinity' || r.valid_from <= at) && (r.valid_to === null || r.valid_to >= at);

function checksumOf(dir: string): string {
  const h = crypto.createHash('sha256');
  for (const f of SOURCE_FILES) {
    const p = path.join(dir, f);
    h.update(f + '\0');
    if (fs.existsSync(p)) h.update(fs.readFileSync(p));
    h.update('\0');
  }
  return h.digest('hex');
}

export function createUnitsService(ctx: PlatformContext): UnitsService & InternalUnitsService {
  const db: Db = ctx.db;
  let matcherPromise: Promise<AddressMatcher> | null = null;
  let matcherDay = '';

  const defaultDir = () => path.join(ctx.config.referenceDir, 'admin-units');

  async function matcher(): Promise<AddressMatcher> {
    const today = todayInVietnam();
    if (!matcherPromise || matcherDay !== today) {
      matcherDay = today;
      const p = (async () => {
        const data = await store.loadAll(db);
        if (!data.units.length) {
          throw new Problem(503, 'units-not-imported', 'Chưa có dữ liệu đơn vị hành chính', 'Chưa nạp dữ liệu đơn vị hành chính. Chạy: lienthong import units.');
        }
        return buildMatcher({ units: data.units, links: data.links, today });
      })();
      matcherPromise = p;
      p.catch(() => {
        if (matcherPromise === p) matcherPromise = null;
      });
    }
    return matcherPromise;
  }

  async function importFrom(dir = defaultDir(), opts: { force?: boolean } = {}): Promise<ImportReport> {
    const t0 = Date.now();
    let checksum: string;
    let dataset;
    try {
      checksum = checksumOf(dir);
      if (!opts.force) {
        const last = await store.lastImport(db, DATASET_ID);
        if (last?.checksum === checksum) {
          const zero = { inserted: 0, updated: 0, deleted: 0, total: 0 };
          return { units: zero, links: zero, unchanged: true, ms: Date.now() - t0, warnings: [] };
        }
      }
      dataset = readDataset(dir);
    } catch (err) {
      if (err instanceof DatasetError) throw problems.unprocessable('units-dataset-invalid', err.message);
      throw err;
    }
    const report = await db.transaction(async (tx) => {
      const units = await store.replaceUnits(tx, dataset.units);
      const links = await store.replaceLinks(tx, dataset.links);
      const changed = units.inserted + units.updated + units.deleted + links.inserted + links.updated + links.deleted > 0;
      const counts = { units, links };
      await store.saveImport(tx, DATASET_ID, checksum, dir, counts);
      if (changed) {
        await emitEvent(tx, { type: 'units.dataset.imported', aggregateType: 'units.dataset', aggregateId: DATASET_ID, payload: { checksum, ...counts } });
        await ctx.services.audit?.append(tx, { action: 'units.dataset.import', target: `dataset:${DATASET_ID}`, after: { checksum, ...counts } });
      }
      return { units, links, unchanged: !changed };
    });
    matcherPromise = null;
    return { ...report, ms: Date.now() - t0, warnings: dataset.warnings };
  }

  async function provinceRef(code: string, generation: number, at: string): Promise<UnitRef | null> {
    const p = await store.unitAt(db, code, 'province', generation, at);
    return p ? { code: p.code, name: p.name } : null;
  }

  async function getUnit(code: string, at?: string | Date): Promise<UnitDetail | null> {
    const day = dayOf(at);
    const level = levelOfCode(code);
    if (!level) return null;
    const rows = (await store.periodsByCode(db, code)).filter((r) => r.level === level);
    if (!rows.length) return null;
    // the period in force at `day`; else the generation of that time (old before the merger), else any
    const chosen =
      rows.find((r) => isValid(r, day)) ??
      [...rows].reverse().find((r) => (day < MERGER_DATE ? r.generation === 1 : r.generation === 2)) ??
      rows[rows.length - 1]!;
    const gen = chosen.generation;
    const history = rows.filter((r) => r.generation === gen).map((r) => summary(r));
    const base = summary(chosen);
    const detail: UnitDetail = {
      ...base,
      valid_at: isValid(chosen, day),
      at: day,
      province: null,
      parent: null,
      children: [],
      history,
      formed_from: [],
      went_into: [],
      agencies: [],
    };
    if (level !== 'province') detail.province = await provinceRef(chosen.province_code, gen, day);
    if (chosen.parent_code) {
      const parentLevel: Level = level === 'commune' && gen === 1 ? 'district' : 'province';
      const p = await store.unitAt(db, chosen.parent_code, parentLevel, gen, day);
      if (p) detail.parent = { code: p.code, name: p.name, level: p.level, type: p.type };
    }
    if (level === 'province') {
      detail.children = (await store.childrenOf(db, code, gen === 1 ? 'district' : 'commune', gen, day)).map((r) => summary(r));
      if (gen === 2) detail.agencies = (await store.agenciesAt(db, todayInVietnam(), code)).map(store.agencyOf);
    } else if (level === 'district') {
      detail.children = (await store.childrenOf(db, code, 'commune', 1, day)).map((r) => summary(r));
    }
    const linkLevel = level === 'district' ? null : level;
    if (linkLevel && gen === 2) {
      const links = await store.linksTo(db, linkLevel, code);
      const olds = await store.unitsAt(db, links.map((l) => l.old_code), linkLevel, 1, day);
      const districts = linkLevel === 'commune' ? await store.unitsAt(db, [...new Set([...olds.values()].map((o) => o.parent_code!).filter(Boolean))], 'district', 1, day) : new Map();
      const provinces = linkLevel === 'commune' ? await store.unitsAt(db, [...new Set([...olds.values()].map((o) => o.province_code))], 'province', 1, day) : new Map();
      detail.formed_from = links
        .filter((l) => olds.has(l.old_code))
        .map((l): MergeSource => {
          const o = olds.get(l.old_code)!;
          const d = o.parent_code ? districts.get(o.parent_code) : undefined;
          const p = linkLevel === 'commune' ? provinces.get(o.province_code) : undefined;
          return {
            unit: summary(o),
            district: d ? { code: d.code, name: d.name } : null,
            province: p ? { code: p.code, name: p.name } : null,
            merge_type: l.merge_type,
            resolution: l.resolution,
          };
        });
    }
    if (linkLevel && gen === 1) {
      const links = await store.linksFrom(db, linkLevel, code);
      const news = await store.unitsAt(db, links.map((l) => l.new_code), linkLevel, 2, day < MERGER_DATE ? todayInVietnam() : day);
      const provinces = linkLevel === 'commune' ? await store.unitsAt(db, [...new Set([...news.values()].map((n) => n.province_code))], 'province', 2, todayInVietnam()) : new Map();
      detail.went_into = links
        .filter((l) => news.has(l.new_code))
        .map((l): MergeTarget => {
          const n = news.get(l.new_code)!;
          const p = linkLevel === 'commune' ? provinces.get(n.province_code) : undefined;
          return {
            unit: summary(n),
            province: p ? { code: p.code, name: p.name } : null,
            merge_type: l.merge_type,
            rank: Number(l.rank),
            resolution: l.resolution,
            resolution_text: l.resolution_text,
          };
        });
    }
    return detail;
  }

  async function listCommunes(provinceCode: string, at?: string | Date): Promise<{ code: string; name: string; type: string }[]> {
    const day = dayOf(at);
    const rows =
      day < MERGER_DATE
        ? (
            await db.query<store.UnitRow>(
              `SELECT code, name, short_name, type FROM units.unit u WHERE level = 'commune' AND generation = 1 AND province_code = $1
                 AND u.valid_from <= $2::date AND (u.valid_to IS NULL OR u.valid_to >= $2::date)`,
              [provinceCode, day],
            )
          ).rows.sort(store.byVietnameseName)
        : await store.childrenOf(db, provinceCode, 'commune', 2, day);
    return rows.map((r) => ({ code: r.code, name: r.name, type: r.type }));
  }

  const orgOfAgency = (a: Agency): OrgUnit => ({ code: a.code, name: a.name, kind: 'agency', provinceCode: a.province_code, type: a.kind });

  async function resolveOrgUnit(code: string): Promise<OrgUnit | null> {
    const today = todayInVietnam();
    if (isAgencyCode(code)) {
      const a = await store.agencyByCode(db, code, today);
      return a ? orgOfAgency(store.agencyOf(a)) : null;
    }
    const level = levelOfCode(code);
    if (level !== 'province' && level !== 'commune') return null;
    const r = await store.unitAt(db, code, level, 2, today);
    if (!r) return null;
    return { code: r.code, name: r.name, kind: level, provinceCode: r.province_code, type: r.type };
  }

  function unprocessable(o: { code: string; detail: string; candidates: unknown[] }): Problem {
    return problems.unprocessable(o.code, o.detail, o.candidates.length ? { candidates: o.candidates } : {});
  }

  async function convertAddress(input: string): Promise<ConversionResult> {
    const m = await matcher();
    const out = m.convert(input);
    if (!out.ok) throw unprocessable(out);
    return out.result;
  }

  async function convertCommuneCode(code: string): Promise<ConversionResult> {
    const m = await matcher();
    const r = m.convertOldCode(code) ?? m.currentCommune(code);
    if (!r) throw problems.notFound(`xã/phường có mã ${code}`, 'commune-not-found');
    return r;
  }

  async function search(query: UnitSearchQuery): Promise<UnitSearchResult> {
    const at = dayOf(query.at);
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 20));
    const variants = query.q ? parseSearchQuery(query.q).map((v) => ({ plain: v.plain, tone: v.tone, types: v.types })) : [];
    if (query.q && !variants.length) return { items: [], total: 0, page, page_size: pageSize };
    const q = { variants, level: query.level, province: query.province, at };
    const rows = await store.search(db, { ...q, limit: pageSize, offset: (page - 1) * pageSize });
    const total = rows[0]?.total ?? (page > 1 ? await store.searchCount(db, q) : 0);
    return {
      items: rows.map((r) => ({
        ...summary(r),
        province: r.level !== 'province' && r.province_name ? { code: r.province_code, name: r.province_name } : null,
        parent: r.parent_code && r.parent_name ? { code: r.parent_code, name: r.parent_name } : null,
      })),
      total,
      page,
      page_size: pageSize,
    };
  }

  async function seedDemoAgencies(): Promise<number> {
    return db.transaction(async (tx) => {
      const changed = await store.upsertAgencies(tx, DEMO_AGENCIES);
      if (changed > 0) {
        await emitEvent(tx, { type: 'units.agencies.seeded', aggregateType: 'units.agency', aggregateId: '25', payload: { codes: DEMO_AGENCIES.map((a) => a.code), changed } });
        await ctx.services.audit?.append(tx, { action: 'units.agency.seed', target: 'province:25', after: { codes: DEMO_AGENCIES.map((a) => a.code) } });
      }
      return changed;
    });
  }

  return {
    getUnit,
    listCommunes,
    async listAgencies(provinceCode) {
      return (await store.agenciesAt(db, todayInVietnam(), provinceCode)).map((r) => orgOfAgency(store.agencyOf(r)));
    },
    resolveOrgUnit,
    convertAddress,
    convertCommuneCode,
    search,
    async agencies(provinceCode) {
      return (await store.agenciesAt(db, todayInVietnam(), provinceCode)).map(store.agencyOf);
    },
    async agency(code) {
      const r = await store.agencyByCode(db, code, todayInVietnam());
      return r ? store.agencyOf(r) : null;
    },
    matcher,
    importFrom: (dir?: string) => importFrom(dir, { force: true }),
    seedReference: () => importFrom(defaultDir(), { force: false }),
    seedDemoAgencies,
  };
}

/** What index.ts (seeding) uses beyond the public interface. */
export interface InternalUnitsService {
  seedReference(): Promise<ImportReport>;
  seedDemoAgencies(): Promise<number>;
}
