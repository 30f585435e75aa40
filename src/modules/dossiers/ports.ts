import { requireService, type PlatformContext } from '../../platform/modules.ts';
import type { AuditService } from '../audit/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { FormOperations } from '../forms/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { UnitsService } from '../units/index.ts';
import type { TimeLimit } from './domain/time-limit.ts';
import { CHANNEL_KINDS, type ChannelKind } from './domain/process.ts';

/**
 * What the dossier engine uses of the other modules: the parts of their public contracts (type-only
 * imports from each module's index.ts), so that a changed signature fails to compile here. Every one is
 * required (`requires` in index.ts, checked at start-up): there is no stand-in.
 */
export type UnitsPort = Pick<UnitsService, 'resolveOrgUnit' | 'listCommunes' | 'listAgencies'>;
export type CatalogPort = Pick<CatalogService, 'getProcedure' | 'whereOffered' | 'effectiveFee'>;
export type CalendarPort = Pick<CalendarService, 'calendar'>;
export type AuditPort = Pick<AuditService, 'append'>;
export type NotificationsPort = Pick<NotificationsService, 'enqueue'>;

export type PeoplePort = Pick<IdentityService, 'official'>;

export interface Ports {
  units: UnitsPort;
  catalog: CatalogPort;
  calendar: CalendarPort;
  audit: AuditPort;
  notifications: NotificationsPort;
  /** The procedures' forms: validating answers at submission, the documents that apply, the result paper. */
  forms: FormOperations;
  /** The officials' records: a signer's position decides how the result is signed. Null only where the caller
   * already carries the position (the demo's batches, which must not read identity inside their transaction). */
  people: PeoplePort | null;
}

/** The ports from ctx.services (each required; a missing one is a start-up error). */
export function resolvePorts(ctx: PlatformContext): Ports {
  const by = 'dossiers';
  return {
    units: requireService(ctx, 'units', by),
    catalog: requireService(ctx, 'catalog', by),
    calendar: requireService(ctx, 'calendar', by),
    audit: requireService(ctx, 'audit', by),
    notifications: requireService(ctx, 'notifications', by),
    people: requireService(ctx, 'identity', by),
    forms: requireService(ctx, 'forms', by),
  };
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
    catalog: {
      getProcedure: memo((code: string) => c.getProcedure(code)),
      whereOffered: memo((pc: string, code: string) => c.whereOffered(pc, code)),
      effectiveFee: memo((pc: string, code: string, ch?: Parameters<CatalogPort['effectiveFee']>[2]) => c.effectiveFee(pc, code, ch)),
    },
  };
}
