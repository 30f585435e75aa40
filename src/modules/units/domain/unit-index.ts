/**
 * The index the address matcher looks names up in (pure, built once): every old province, district and
 * commune and every new province and commune as an entity, and hash maps from a name's plain key (no
 * diacritics, no spaces) to the units of that name, scoped the way the hierarchy is read (old districts by
 * old province, old communes by old district and by old province, new communes by new province, and
 * nation-wide). Every name a unit had over time is indexed; the entity carries today's name.
 */
import type { MergeType, UnitPeriod, UnitRef } from '../types.ts';
import type { MergeLink } from './dataset.ts';
import { tokenize } from './normalize.ts';
import { typeMask } from './address.ts';
import { addKnownName, knownNames, type KnownNames } from './mentions.ts';

export interface Target {
  code: string;
  share: number;
  rank: number;
  mergeType: MergeType;
  resolution: string | null;
}

export type EntKind = 'oldProvince' | 'oldDistrict' | 'oldCommune' | 'newProvince' | 'newCommune';

export interface Ent {
  kind: EntKind;
  code: string;
  /** today's name for new units, the name at the time for old ones */
  name: string;
  type: string;
  /** old province code for old units, new province code for new ones */
  provinceCode: string;
  districtCode: string | null;
  /** old commune → new communes (rank order); old province → new province */
  targets: Target[];
  /** new province → old province codes */
  oldProvinceCodes: string[];
  /** { code, name }, frozen, shared by the results */
  ref: UnitRef;
}

export interface NameHit {
  ent: Ent;
  tone: string;
  /** typeMask of the unit's types over time */
  mask: number;
  /** typeMask of every type of the unit's level */
  levelMask: number;
}

export type NameIndex = Map<string, NameHit[]>;

export interface UnitIndex {
  /** old and new provinces, with their aliases ("HCM", "HN") */
  province: NameIndex;
  oldDistrictByProvince: Map<string, NameIndex>;
  oldDistrictAll: NameIndex;
  oldCommuneByDistrict: Map<string, NameIndex>;
  oldCommuneByProvince: Map<string, NameIndex>;
  oldCommuneAll: NameIndex;
  newCommuneByProvince: Map<string, NameIndex>;
  newCommuneAll: NameIndex;
  /** every name of every index: a cheap first test before the scoped look-ups, and where names can end */
  names: KnownNames;
  oldProvinces: Map<string, Ent>;
  oldDistricts: Map<string, Ent>;
  oldCommunes: Map<string, Ent>;
  newProvinces: Map<string, Ent>;
  newCommunes: Map<string, Ent>;
}

export const PROVINCE_TYPES = ['Tỉnh', 'Thành phố'];
const DISTRICT_TYPES = ['Quận', 'Huyện', 'Thị xã', 'Thành phố'];
const COMMUNE_TYPES = ['Xã', 'Phường', 'Thị trấn', 'Đặc khu'];
const LEVEL_TYPES: Record<EntKind, string[]> = {
  oldProvince: PROVINCE_TYPES,
  newProvince: PROVINCE_TYPES,
  oldDistrict: DISTRICT_TYPES,
  oldCommune: COMMUNE_TYPES,
  newCommune: COMMUNE_TYPES,
};

/** Extra names of provinces, as people write them. */
export const PROVINCE_ALIASES: Record<string, string[]> = {
  '79': ['HCM', 'TPHCM', 'TP.HCM', 'Sài Gòn', 'SG'],
  '01': ['HN', 'TPHN'],
  '31': ['HP'],
  '46': ['Thừa Thiên Huế', 'TT Huế'],
  '77': ['BRVT', 'Bà Rịa Vũng Tàu'],
};

/** The plain key (words without diacritics, joined), the tone key and the plain words of a name. */
export function nameKeys(text: string): { key: string; tone: string; words: string[] } {
  const toks = tokenize(text);
  let tone = '';
  for (const t of toks) tone += t.tone + ' ';
  const words = toks.map((t) => t.plain);
  return { key: words.join(''), tone, words };
}

function validAt(p: UnitPeriod, day: string): boolean {
  return (p.validFrom === null || p.validFrom <= day) && (p.validTo === null || p.validTo >= day);
}

function kindOf(p: UnitPeriod): EntKind | null {
  if (p.generation === 1) return p.level === 'province' ? 'oldProvince' : p.level === 'district' ? 'oldDistrict' : 'oldCommune';
  return p.level === 'province' ? 'newProvince' : p.level === 'commune' ? 'newCommune' : null;
}

function addHit(idx: NameIndex, key: string, hit: NameHit): void {
  if (!key) return;
  let list = idx.get(key);
  if (!list) idx.set(key, (list = []));
  if (!list.some((h) => h.ent === hit.ent && h.tone === hit.tone)) list.push(hit);
}

function nested(m: Map<string, NameIndex>, k: string): NameIndex {
  let idx = m.get(k);
  if (!idx) m.set(k, (idx = new Map()));
  return idx;
}

/** Builds the entities (one per unit, named as of `today`), their merge targets and the name indexes. */
export function buildUnitIndex(input: { units: readonly UnitPeriod[]; links: readonly MergeLink[]; today: string }): UnitIndex {
  const ix: UnitIndex = {
    province: new Map(),
    oldDistrictByProvince: new Map(),
    oldDistrictAll: new Map(),
    oldCommuneByDistrict: new Map(),
    oldCommuneByProvince: new Map(),
    oldCommuneAll: new Map(),
    newCommuneByProvince: new Map(),
    newCommuneAll: new Map(),
    names: knownNames(),
    oldProvinces: new Map(),
    oldDistricts: new Map(),
    oldCommunes: new Map(),
    newProvinces: new Map(),
    newCommunes: new Map(),
  };
  const byKind: Record<EntKind, Map<string, Ent>> = {
    oldProvince: ix.oldProvinces,
    oldDistrict: ix.oldDistricts,
    oldCommune: ix.oldCommunes,
    newProvince: ix.newProvinces,
    newCommune: ix.newCommunes,
  };

  // group the periods of each unit; the entity carries today's name (or the last one)
  const groups = new Map<string, UnitPeriod[]>();
  for (const u of input.units) {
    const k = `${u.generation}:${u.level}:${u.code}`;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  const entities: { ent: Ent; periods: UnitPeriod[] }[] = [];
  for (const periods of groups.values()) {
    periods.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    const cur = periods.find((p) => validAt(p, input.today)) ?? periods[periods.length - 1]!;
    const kind = kindOf(cur);
    if (!kind) continue;
    const ent: Ent = {
      kind,
      code: cur.code,
      name: cur.name,
      type: cur.type,
      provinceCode: cur.provinceCode,
      districtCode: kind === 'oldCommune' ? cur.parentCode : null,
      targets: [],
      oldProvinceCodes: [],
      ref: Object.freeze({ code: cur.code, name: cur.name }),
    };
    entities.push({ ent, periods });
    byKind[kind].set(cur.code, ent);
  }

  for (const l of input.links) {
    if (l.level === 'commune') {
      ix.oldCommunes.get(l.oldCode)?.targets.push({ code: l.newCode, share: l.share, rank: l.rank, mergeType: l.mergeType, resolution: l.resolution });
    } else {
      ix.oldProvinces.get(l.oldCode)?.targets.push({ code: l.newCode, share: 1, rank: 1, mergeType: 'full', resolution: l.resolution });
      ix.newProvinces.get(l.newCode)?.oldProvinceCodes.push(l.oldCode);
    }
  }
  for (const c of ix.oldCommunes.values()) c.targets.sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));

  // index every name of every period
  for (const { ent, periods } of entities) {
    const types = [...new Set(periods.map((p) => p.type))];
    for (const n of new Set(periods.map((p) => p.shortName))) {
      const { key, tone, words } = nameKeys(n);
      const hit: NameHit = { ent, tone, mask: typeMask(types), levelMask: typeMask(LEVEL_TYPES[ent.kind]) };
      addKnownName(ix.names, words);
      switch (ent.kind) {
        case 'oldProvince':
        case 'newProvince':
          addHit(ix.province, key, hit);
          break;
        case 'oldDistrict':
          addHit(nested(ix.oldDistrictByProvince, ent.provinceCode), key, hit);
          addHit(ix.oldDistrictAll, key, hit);
          break;
        case 'oldCommune':
          addHit(nested(ix.oldCommuneByDistrict, ent.districtCode ?? ''), key, hit);
          addHit(nested(ix.oldCommuneByProvince, ent.provinceCode), key, hit);
          addHit(ix.oldCommuneAll, key, hit);
          break;
        case 'newCommune':
          addHit(nested(ix.newCommuneByProvince, ent.provinceCode), key, hit);
          addHit(ix.newCommuneAll, key, hit);
          break;
      }
    }
  }
  for (const [code, aliases] of Object.entries(PROVINCE_ALIASES)) {
    for (const ent of [ix.newProvinces.get(code), ix.oldProvinces.get(code)]) {
      if (!ent) continue;
      for (const a of aliases) {
        const { key, tone, words } = nameKeys(a);
        addKnownName(ix.names, words);
        addHit(ix.province, key, { ent, tone, mask: typeMask(PROVINCE_TYPES), levelMask: typeMask(PROVINCE_TYPES) });
      }
    }
  }
  return ix;
}
