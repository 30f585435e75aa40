/**
 * Building the answers of the matcher from the units it chose (pure): today's names, the candidates, the
 * old units, the normalised address. Results share the frozen { code, name } of each unit.
 */
import type { ConversionCandidate, ConversionResult, UnitRef } from '../types.ts';
import type { Ent, UnitIndex } from './unit-index.ts';
import { SPLIT_CAP } from './scoring.ts';

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Today's province of a new commune. */
export function newProvinceRef(ix: UnitIndex, newCommune: Ent): UnitRef {
  const p = ix.newProvinces.get(newCommune.provinceCode);
  return p ? p.ref : { code: newCommune.provinceCode, name: newCommune.provinceCode };
}

/** A new commune as a candidate; null when the code is unknown. */
export function candidateOf(ix: UnitIndex, code: string, score: number): ConversionCandidate | null {
  const c = ix.newCommunes.get(code);
  return c ? { commune: c.ref, province: newProvinceRef(ix, c), score: round3(score) } : null;
}

/** The old province, district and commune of an old commune. */
export function oldPartOf(ix: UnitIndex, c: Ent): NonNullable<ConversionResult['old']> {
  const d = c.districtCode ? ix.oldDistricts.get(c.districtCode) : undefined;
  const p = ix.oldProvinces.get(c.provinceCode);
  return { province: p ? p.ref : null, district: d ? d.ref : null, commune: c.ref };
}

/** "Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ": an old commune with its district and province. */
export function describeOld(ix: UnitIndex, c: Ent): string {
  const d = c.districtCode ? ix.oldDistricts.get(c.districtCode) : undefined;
  const p = ix.oldProvinces.get(c.provinceCode);
  return [c.name, d?.name, p?.name].filter(Boolean).join(', ');
}

export interface ResultParts {
  status: ConversionResult['status'];
  commune: Ent;
  confidence: number;
  mergeType: ConversionResult['merge_type'];
  candidates: ConversionCandidate[];
  old: ConversionResult['old'];
  resolution: string | null;
  street: string | null;
  notes: string[];
}

/** The answer for one new commune: today's province, confidence in [0, 1], the normalised address. */
export function resultOf(ix: UnitIndex, r: ResultParts): ConversionResult {
  const province = newProvinceRef(ix, r.commune);
  return {
    status: r.status,
    province,
    commune: r.commune.ref,
    confidence: round3(Math.max(0, Math.min(1, r.confidence))),
    merge_type: r.mergeType,
    candidates: r.candidates,
    old: r.old,
    resolution: r.resolution,
    normalized_address: [r.street, r.commune.name, province.name].filter(Boolean).join(', '),
    street: r.street,
    notes: r.notes,
  };
}

/** A new commune named in the address (or by its code): "current". */
export function currentResult(ix: UnitIndex, c: Ent, confidence: number, street: string | null, notes: string[]): ConversionResult {
  return resultOf(ix, { status: 'current', commune: c, confidence, mergeType: 'none', candidates: [candidateOf(ix, c.code, confidence)!], old: null, resolution: null, street, notes });
}

/**
 * An old commune → its new commune(s): "converted" for one, "partial" for a split commune (every new commune
 * it went into, the most likely first — or `preferNew` first when the address also names it — and a capped
 * confidence). Null when the old commune has no target.
 */
export function convertedResult(ix: UnitIndex, c: Ent, score: number, street: string | null, notes: string[], preferNew: string | null = null): ConversionResult | null {
  const targets = [...c.targets];
  if (!targets.length) return null;
  if (preferNew) {
    const i = targets.findIndex((t) => t.code === preferNew);
    if (i > 0) targets.unshift(...targets.splice(i, 1));
  }
  const partial = targets.length > 1 || targets[0]!.mergeType === 'partial';
  const split = partial && targets.length > 1;
  const candidates = targets.map((t) => candidateOf(ix, t.code, score * t.share)).filter((x): x is ConversionCandidate => !!x);
  if (split) {
    notes.push(`Xã/phường cũ «${c.name}» được chia cho ${targets.length} đơn vị mới; cần số nhà, thôn/ấp/tổ để chắc chắn — xem các khả năng (khả năng cao nhất trước).`);
  }
  return resultOf(ix, {
    status: split ? 'partial' : 'converted',
    commune: ix.newCommunes.get(targets[0]!.code)!,
    confidence: split ? Math.min(SPLIT_CAP, score * Math.max(targets[0]!.share, 0.5)) : score,
    mergeType: partial ? 'partial' : 'full',
    candidates,
    old: oldPartOf(ix, c),
    resolution: targets[0]!.resolution,
    street,
    notes,
  });
}
