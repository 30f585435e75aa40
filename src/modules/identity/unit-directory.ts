import type { PlatformContext } from '../../platform/modules.ts';
import { provinceFromCode } from './policy/grant-covers-unit/grant-covers-unit.ts';

/** What the directory asks the units module (its public contract, `ctx.services.units`). */
export interface UnitsLookup {
  resolveOrgUnit(code: string): Promise<{ name: string; provinceCode: string } | null>;
  /** The communes of a province in force at `at` (default today): the units module's validity periods. */
  listCommunes(provinceCode: string, at?: string | Date): Promise<{ code: string; name: string }[]>;
}

export interface UnitDirectoryOptions {
  /** How long a province's list of communes is trusted before it is read again (default 10 minutes). */
  ttlMs?: number;
  /** The current time (tests move it). */
  now?: () => Date;
}

/** The calendar day in Việt Nam (UTC+7): validity periods are days there. */
const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * What the policy point needs to know about units, synchronously: the province of a unit code, the units
 * of a province (for the SQL filter), and a unit's name for display. `can` is synchronous, so the answers
 * are kept in memory, learnt from the units module (`ctx.services.units`) — never from a file:
 *  - provinces and agencies carry their province in the code ('25', '25.STP');
 *  - a commune's province is the one whose communes *in force today* list it (`listCommunes`, which applies
 *    the units module's validity periods: a commune merged away yesterday belongs to no province today,
 *    and an old commune of Hòa Bình (17) that is now in Phú Thọ (25) is Phú Thọ's);
 *  - `warm(codes)` is called at authentication with the codes of the principal's grants: a province code
 *    loads that province's communes (again after `ttlMs`, or when the day changes, so that an import of
 *    units is seen) — the only way a commune gets a province here, so every province grant's communes are
 *    known when `can` runs; any code is also resolved once a day for its name.
 * Without the units module no commune has a province: a province grant then reaches only the province's
 * own code and its agencies (fail closed).
 */
export class UnitDirectory {
  private readonly provinceByCode = new Map<string, string>();
  private readonly codesByProvince = new Map<string, Set<string>>();
  private readonly names = new Map<string, { name: string; day: string }>();
  private readonly loaded = new Map<string, { day: string; at: number }>();
  private readonly ttlMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly ctx: Pick<PlatformContext, 'services' | 'log'>,
    opts: UnitDirectoryOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.now = opts.now ?? (() => new Date());
  }

  provinceOf = (code: string): string | undefined => provinceFromCode(code) ?? this.provinceByCode.get(code);

  /** Every code whose province is `province` by provinceOf and does not say so itself (its communes). */
  unitsOfProvince = (province: string): readonly string[] => [...(this.codesByProvince.get(province) ?? [])];

  name(code: string): string | undefined {
    return this.names.get(code)?.name;
  }

  /** Learns the given codes from the units module (provinces: their communes in force today). */
  async warm(codes: Iterable<string>): Promise<void> {
    const units = (this.ctx.services as { units?: UnitsLookup }).units;
    if (!units) return;
    const now = this.now();
    const day = dayOf(now);
    for (const code of new Set(codes)) {
      if (code === '*') continue;
      if (/^\d{2}$/.test(code)) {
        const l = this.loaded.get(code);
        if (!l || l.day !== day || now.getTime() - l.at >= this.ttlMs) await this.loadProvince(units, code, day, now);
      }
      if (this.names.get(code)?.day === day) continue;
      try {
        const u = await units.resolveOrgUnit(code);
        this.names.set(code, { name: u?.name ?? code, day });
      } catch (err) {
        this.ctx.log.warn({ err, unit: code }, 'identity: unit lookup failed');
      }
    }
  }

  private async loadProvince(units: UnitsLookup, province: string, day: string, now: Date): Promise<void> {
    let communes: { code: string; name: string }[];
    try {
      communes = await units.listCommunes(province, day);
    } catch (err) {
      this.ctx.log.warn({ err, province }, 'identity: communes of the province could not be read; keeping what was known');
      return;
    }
    const current = new Set(communes.map((c) => c.code));
    for (const code of this.codesByProvince.get(province) ?? []) if (!current.has(code)) this.setProvince(code, undefined);
    for (const c of communes) {
      this.setProvince(c.code, province);
      this.names.set(c.code, { name: c.name, day });
    }
    this.loaded.set(province, { day, at: now.getTime() });
  }

  /** Keeps provinceOf and unitsOfProvince the exact inverse of each other. */
  private setProvince(code: string, province: string | undefined): void {
    const before = this.provinceByCode.get(code);
    if (before === province) return;
    if (before) this.codesByProvince.get(before)?.delete(code);
    if (province === undefined) {
      this.provinceByCode.delete(code);
      return;
    }
    this.provinceByCode.set(code, province);
    let set = this.codesByProvince.get(province);
    if (!set) this.codesByProvince.set(province, (set = new Set()));
    set.add(code);
  }
}
