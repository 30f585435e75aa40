import fs from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../../platform/db.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { FormOperations } from '../forms/index.ts';
import type { AuditEntry } from '../../platform/audit.ts';
import type { TimeLimit, WorkingCalendar } from './domain/time-limit.ts';
import { CHANNEL_KINDS, type ChannelKind } from './domain/process.ts';

/**
 * What the dossier engine needs from the other modules, as small structural ports. The real services
 * (ctx.services.units / catalog / calendar / audit / notifications / payments) satisfy them; when one is
 * not installed, a modest stand-in keeps the engine usable (and says so in the start-up notes).
 */

export interface OrgUnitView {
  code: string;
  name: string;
  kind: 'province' | 'commune' | 'agency';
  provinceCode: string;
}

export interface UnitsPort {
  resolveOrgUnit(code: string): Promise<OrgUnitView | null>;
  listCommunes(provinceCode: string): Promise<{ code: string; name: string }[]>;
  listAgencies(provinceCode: string): Promise<{ code: string; name: string }[]>;
}

export interface ProcedureView {
  code: string;
  name: string;
  field: string;
  levels: string[];
  channel_options?: { channel: string; processing_time: { value: number | null; unit: string | null } }[];
  documents?: { name: string }[];
}

export interface CatalogPort {
  getProcedure(code: string): Promise<ProcedureView | null>;
  whereOffered(
    provinceCode: string,
    procedureCode: string,
  ): Promise<{ offering: { scope: 'all_communes' | 'communes' | 'agency'; commune_codes: string[]; agency_code: string | null } } | null>;
  effectiveFee(provinceCode: string, procedureCode: string, channel?: 'online' | 'in_person' | 'post'): Promise<{ amount_vnd: number | null; status: string }>;
}

export interface CalendarPort {
  calendar(): Promise<WorkingCalendar>;
}

export interface AuditPort {
  append(tx: Queryable, entry: AuditEntry & { meta?: Record<string, unknown> }): Promise<void>;
}

export interface NotificationsPort {
  enqueue(tx: Queryable, n: { channel: 'email' | 'sms'; to: string; template: string; data: Record<string, unknown>; dossierCode?: string; unitCode?: string }): Promise<unknown>;
}

/** The officials' records (identity module): a signer's position decides how the result is signed. */
export interface PeoplePort {
  official(id: string): Promise<{ position: string | null } | null>;
}

export interface Ports {
  units: UnitsPort;
  catalog: CatalogPort | null;
  calendar: CalendarPort;
  audit: AuditPort | null;
  notifications: NotificationsPort | null;
  /** The procedures' forms: validating answers at submission, the documents that apply, the result paper. */
  forms: FormOperations;
  /** Absent without the identity module: signatures then say only that a competent person signed. */
  people?: PeoplePort | null;
  /** Which ports are stand-ins (reported at start-up). */
  standIns: string[];
}

/** The demo province's agencies as the brief of the units module lists them (used when units is absent). */
const FALLBACK_AGENCIES: Record<string, { code: string; name: string }[]> = {
  '25': [
    { code: '25.VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Phú Thọ' },
    { code: '25.TTPVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh Phú Thọ' },
    { code: '25.STP', name: 'Sở Tư pháp tỉnh Phú Thọ' },
    { code: '25.SXD', name: 'Sở Xây dựng tỉnh Phú Thọ' },
    { code: '25.SNNMT', name: 'Sở Nông nghiệp và Môi trường tỉnh Phú Thọ' },
    { code: '25.SYT', name: 'Sở Y tế tỉnh Phú Thọ' },
    { code: '25.CAT', name: 'Công an tỉnh Phú Thọ' },
  ],
};

/** Units read from the shipped reference CSV (communes_2025.csv, provinces_2025.csv). */
export function referenceUnits(referenceDir: string): UnitsPort {
  let cache: { communes: Map<string, { code: string; name: string; province: string }>; provinces: Map<string, string> } | null = null;
  const load = () => {
    if (cache) return cache;
    const read = (f: string) =>
      fs
        .readFileSync(path.join(referenceDir, 'admin-units', f), 'utf8')
        .split(/\r?\n/)
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(','));
    const communes = new Map<string, { code: string; name: string; province: string }>();
    const provinces = new Map<string, string>();
    try {
      for (const [code, name, , province] of read('communes_2025.csv')) communes.set(code!, { code: code!, name: name!, province: province! });
      for (const [code, name] of read('provinces_2025.csv')) provinces.set(code!, name!);
    } catch {
      /* no reference data: empty */
    }
    cache = { communes, provinces };
    return cache;
  };
  return {
    async resolveOrgUnit(code) {
      const { communes, provinces } = load();
      const c = communes.get(code);
      if (c) return { code, name: c.name, kind: 'commune', provinceCode: c.province };
      const p = provinces.get(code);
      if (p) return { code, name: p, kind: 'province', provinceCode: code };
      const a = Object.values(FALLBACK_AGENCIES)
        .flat()
        .find((x) => x.code === code);
      return a ? { code, name: a.name, kind: 'agency', provinceCode: code.split('.')[0]! } : null;
    },
    async listCommunes(provinceCode) {
      return [...load().communes.values()].filter((c) => c.province === provinceCode).map(({ code, name }) => ({ code, name }));
    },
    async listAgencies(provinceCode) {
      return FALLBACK_AGENCIES[provinceCode] ?? [];
    },
  };
}

/** The ports from ctx.services, with stand-ins where a module is absent. */
export function resolvePorts(ctx: PlatformContext): Ports {
  const s = ctx.services as Record<string, unknown>;
  const standIns: string[] = [];
  const units = (s.units as UnitsPort | undefined) ?? (standIns.push('units'), referenceUnits(ctx.config.referenceDir));
  const calendar = s.calendar as CalendarPort | undefined;
  if (!calendar) throw new Error('Mô-đun hồ sơ một cửa cần mô-đun lịch làm việc (calendar).');
  const catalog = (s.catalog as CatalogPort | undefined) ?? (standIns.push('catalog'), null);
  const audit = (s.audit as AuditPort | undefined) ?? null;
  const notifications = (s.notifications as NotificationsPort | undefined) ?? null;
  const people = (s.identity as PeoplePort | undefined) ?? null;
  const forms = ctx.services.forms;
  if (!forms) throw new Error('Mô-đun hồ sơ một cửa cần mô-đun biểu mẫu (forms).');
  return { units, catalog, calendar, audit, notifications, people, forms, standIns };
}

/**
 * The time limit of each channel the catalogue gives a processing time for (online, in person, by post),
 * and the default limit: in person, else the first one given, else the 5-working-day fallback.
 */
export function channelLimits(options: { channel: string; processing_time: { value: number | null; unit: string | null } }[] | undefined): {
  limit: TimeLimit;
  limits: Partial<Record<ChannelKind, TimeLimit>>;
} {
  const limits: Partial<Record<ChannelKind, TimeLimit>> = {};
  for (const o of options ?? []) {
    if (!(CHANNEL_KINDS as readonly string[]).includes(o.channel) || !o.processing_time.value) continue;
    limits[o.channel as ChannelKind] ??= toTimeLimit(o.processing_time).limit;
  }
  const limit = limits.in_person ?? limits.online ?? limits.post ?? toTimeLimit(undefined).limit;
  return { limit, limits };
}

/** A catalogue processing time → the engine's time limit (a bare number counts as working days). */
export function toTimeLimit(t: { value: number | null; unit: string | null } | undefined): { limit: TimeLimit; assumed: boolean } {
  const fallback = { limit: { amount: 5, unit: 'working_days' as const }, assumed: true };
  if (!t || t.value == null || !(t.value > 0)) return fallback;
  const v = t.value;
  switch (t.unit) {
    case 'working_days':
    case null:
      return { limit: { amount: Math.max(0.5, Math.round(v * 2) / 2), unit: 'working_days' }, assumed: t.unit === null };
    case 'days':
      return { limit: { amount: Math.ceil(v), unit: 'days' }, assumed: false };
    case 'hours':
      return { limit: { amount: Math.max(0.5, Math.round(v * 2) / 2), unit: 'hours' }, assumed: false };
    case 'minutes':
      return { limit: { amount: Math.max(0.5, Math.ceil((v / 60) * 2) / 2), unit: 'hours' }, assumed: false };
    case 'weeks':
      return { limit: { amount: Math.ceil(v * 5), unit: 'working_days' }, assumed: false };
    case 'months':
      return { limit: { amount: Math.ceil(v), unit: 'months' }, assumed: false };
    case 'years':
      return { limit: { amount: Math.ceil(v * 12), unit: 'months' }, assumed: false };
    default:
      return fallback;
  }
}

/**
 * Reference lookups (units, procedures, offerings, fees) cached for a short time: they change rarely, and
 * a receipt or a transition must not pay for them every time. An offering edited by the province applies
 * to new dossiers within `ttlMs`.
 */
export function cachedPorts(p: Ports, ttlMs: number): Ports {
  if (ttlMs <= 0) return p;
  const memo = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => {
    const cache = new Map<string, { at: number; value: Promise<R> }>();
    return (...a: A): Promise<R> => {
      const key = JSON.stringify(a);
      const hit = cache.get(key);
      const t = Date.now();
      if (hit && t - hit.at < ttlMs) return hit.value;
      const value = fn(...a);
      value.catch(() => cache.delete(key));
      if (cache.size > 5000) cache.clear();
      cache.set(key, { at: t, value });
      return value;
    };
  };
  const u = p.units;
  const c = p.catalog;
  return {
    ...p,
    units: { resolveOrgUnit: memo((code: string) => u.resolveOrgUnit(code)), listCommunes: memo((pc: string) => u.listCommunes(pc)), listAgencies: memo((pc: string) => u.listAgencies(pc)) },
    catalog: c
      ? {
          getProcedure: memo((code: string) => c.getProcedure(code)),
          whereOffered: memo((pc: string, code: string) => c.whereOffered(pc, code)),
          effectiveFee: memo((pc: string, code: string, ch?: 'online' | 'in_person' | 'post') => c.effectiveFee(pc, code, ch)),
        }
      : null,
  };
}
