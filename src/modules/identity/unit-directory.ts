import fs from 'node:fs';
import path from 'node:path';
import type { PlatformContext } from '../../platform/modules.ts';
import type { UnitsService } from '../units/index.ts';
import { provinceFromCode } from './policy/grant-covers-unit/grant-covers-unit.ts';

/**
 * What the policy point needs to know about units, synchronously: the province of a unit code, and its
 * name for display. `can` must stay synchronous, so the answers are kept in memory:
 *  - provinces and agencies carry their province in the code ('25', '25.STP');
 *  - communes (5-digit codes) are looked up in the shipped reference list of communes in force
 *    (REFERENCE_DIR/admin-units/communes_2025.csv, 3,321 rows, read once) and, when the units module
 *    is installed, confirmed through `ctx.services.units.resolveOrgUnit` (cached) at sign-in time.
 */
/** The one method of the units service's contract the directory uses. */
type UnitsLookup = Pick<UnitsService, 'resolveOrgUnit'>;

export class UnitDirectory {
  private province = new Map<string, string>();
  private names = new Map<string, string>();
  private csvLoaded = false;

  constructor(private readonly ctx: PlatformContext) {}

  provinceOf = (code: string): string | undefined => {
    const fromCode = provinceFromCode(code);
    if (fromCode) return fromCode;
    const cached = this.province.get(code);
    if (cached) return cached;
    this.loadCsv();
    return this.province.get(code);
  };

  name(code: string): string | undefined {
    return this.names.get(code);
  }

  /** Resolves the given codes through the units service (when installed) and caches the answers. */
  async warm(codes: Iterable<string>): Promise<void> {
    const units: UnitsLookup | undefined = this.ctx.services.units;
    for (const code of new Set(codes)) {
      if (code === '*' || this.names.has(code)) continue;
      if (!units) {
        this.loadCsv();
        continue;
      }
      try {
        const u = await units.resolveOrgUnit(code);
        if (u) {
          this.names.set(code, u.name);
          if (u.provinceCode) this.province.set(code, u.provinceCode);
        } else this.names.set(code, code);
      } catch {
        /* the units module is optional for the policy point: fall back to the reference list */
      }
    }
  }

  private loadCsv(): void {
    if (this.csvLoaded) return;
    this.csvLoaded = true;
    const file = path.join(this.ctx.config.referenceDir, 'admin-units', 'communes_2025.csv');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    for (const line of text.split(/\r?\n/).slice(1)) {
      const cols = line.split(',');
      const code = cols[0];
      const provinceCode = cols[3];
      if (code && provinceCode && /^\d{5}$/.test(code)) {
        this.province.set(code, provinceCode);
        if (!this.names.has(code) && cols[1]) this.names.set(code, cols[1]);
      }
    }
  }
}
