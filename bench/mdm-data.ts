/** Old→new communes of a province read straight from the reference files (benchmark and tests; the CLI asks the units service). */
import type { Dataset } from '../src/modules/units/domain/dataset.ts';
import type { SynthCommune } from '../src/modules/mdm/domain/synth.ts';

/** The old communes of a new province with their new commune (rank-1 target), as address texts. */
export function communesOf(ds: Dataset, newProvinceCode: string): SynthCommune[] {
  const cur = (u: Dataset['units'][number]) => u.validTo === null || u.validTo >= '2026-01-01';
  const byKey = new Map(ds.units.map((u) => [`${u.generation}:${u.level}:${u.code}`, u]));
  const newProvince = ds.units.find((u) => u.generation === 2 && u.level === 'province' && u.code === newProvinceCode && cur(u));
  if (!newProvince) return [];
  const out: SynthCommune[] = [];
  for (const l of ds.links) {
    if (l.level !== 'commune' || l.rank !== 1) continue;
    const nc = byKey.get(`2:commune:${l.newCode}`);
    if (!nc || nc.provinceCode !== newProvinceCode) continue;
    const oc = byKey.get(`1:commune:${l.oldCode}`);
    if (!oc) continue;
    const od = byKey.get(`1:district:${oc.parentCode}`);
    const op = byKey.get(`1:province:${oc.provinceCode}`);
    if (!od || !op) continue;
    out.push({
      oldCode: oc.code,
      oldAddress: `${oc.name}, ${od.name}, ${op.name}`,
      oldProvinceCode: oc.provinceCode,
      newCode: nc.code,
      newAddress: `${nc.name}, ${newProvince.name}`,
    });
  }
  return out.sort((a, b) => a.oldCode.localeCompare(b.oldCode));
}

