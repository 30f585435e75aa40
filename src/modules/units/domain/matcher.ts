/**
 * The address matcher: an in-memory index of every unit name, built once, and a pure function that reads a
 * free-text address (old or new) and answers the new commune and province (pure, no I/O).
 *
 * How an address is read:
 *  1. split into segments on commas; drop a trailing "Việt Nam" or postal code; a segment that is no known
 *     name is cut where a type word starts inside it ("Số 12 Lê Lợi Phường Bến Nghé" → street + commune),
 *     and a province glued to the last segment is split off ("Quận 1 TP HCM");
 *  2. every segment is read as "<type word> <name>" (type words and their abbreviations P., Q., TP., TX.,
 *     TT., H., X., T. are optional) and looked up by its plain key (no diacritics, no spaces); when the
 *     address has diacritics the tone key must also agree (either tone-mark placement), else the match is
 *     weaker;
 *  3. the last segment is the province (the 63 old and 34 new names, with a few aliases such as "HCM");
 *     without one the search is nation-wide at lower confidence;
 *  4. the segments before it are read in three ways, each scored: old commune + old district (the district
 *     must contain the commune), old commune alone (district missing), new commune; the best reading wins,
 *     an old reading is preferred over an equally good new one (the endpoint converts old addresses);
 *  5. an old commune leads to its new commune(s) through the merge table; a split ("partial") one gives
 *     every new commune, most likely first; readings that tie but lead to different new communes make the
 *     answer "ambiguous" with every candidate and a low confidence. Nothing is guessed silently.
 */
import type { ConversionCandidate, ConversionResult, MergeType, UnitPeriod, UnitRef } from '../types.ts';
import type { MergeLink } from './dataset.ts';
import { tokenize } from './normalize.ts';
import {
  innerTypeWordPositions,
  isAccented,
  segmentVariants,
  typeMask,
  rawOf,
  splitSegments,
  subSegment,
  type NameVariant,
  type Segment,
} from './address.ts';

interface Target {
  code: string;
  share: number;
  rank: number;
  mergeType: MergeType;
  resolution: string | null;
}

type EntKind = 'oldProvince' | 'oldDistrict' | 'oldCommune' | 'newProvince' | 'newCommune';

interface Ent {
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

interface NameHit {
  ent: Ent;
  tone: string;
  /** typeMask of the unit's types over time */
  mask: number;
  /** typeMask of every type of the unit's level */
  levelMask: number;
}

type NameIndex = Map<string, NameHit[]>;

interface Scored {
  ent: Ent;
  score: number;
  /** text before the name inside the segment (a street written without a comma) */
  prefix: string | null;
}

interface Reading {
  kind: 'old' | 'new';
  ent: Ent;
  district: Ent | null;
  score: number;
  /** how many segments (from the left) are the street part */
  streetEnd: number;
  prefix: string | null;
  notes: string[];
}

interface Scope {
  national: boolean;
  /** old province code → province factor */
  old: Map<string, number>;
  /** new province code → province factor */
  neu: Map<string, number>;
}

export type MatchOutcome =
  | { ok: true; result: ConversionResult }
  | { ok: false; code: 'address-unknown' | 'address-ambiguous'; detail: string; candidates: ConversionCandidate[] };

interface Decision {
  outcome: MatchOutcome;
  /** score of the best reading, to compare alternative readings of the address */
  score: number;
}

export interface AddressMatcher {
  convert(address: string): MatchOutcome;
  /** An old (pre-2025) commune code → its conversion; null when the code is not an old commune. */
  convertOldCode(code: string): ConversionResult | null;
  /** A new (post-2025) commune code → the "current" result; null when unknown. */
  currentCommune(code: string): ConversionResult | null;
  readonly size: { oldCommunes: number; newCommunes: number; names: number };
}

const NO_NOTES: string[] = [];
/** Scores below this are no answer. */
const MIN_SCORE = 0.45;
/** Readings closer than this are a tie. */
const EPS = 0.03;
/** When the district is missing nothing can be cross-checked. */
const NO_DISTRICT = 0.9;
const NATIONAL = 0.85;
/** The last segment looked like a province but is none of the 63 old or 34 new ones. */
const UNKNOWN_PROVINCE = 0.9;
/** A split commune is never certain without the street or village. */
const SPLIT_CAP = 0.85;
/** More new communes than this among tied readings: ask for a more precise address (422). */
const MAX_AMBIGUOUS_TARGETS = 12;

const PROVINCE_TYPES = ['Tỉnh', 'Thành phố'];
const PROVINCE_HINT: readonly string[] = ['Tỉnh'];
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

/** Best reading first; an old reading wins a tie (within EPS) with a new one; then with a district; then by code. */
function byPreference(a: Reading, b: Reading): number {
  const ea = a.score + (a.kind === 'old' ? EPS + 1e-9 : 0);
  const eb = b.score + (b.kind === 'old' ? EPS + 1e-9 : 0);
  return eb - ea || (a.district ? 0 : 1) - (b.district ? 0 : 1) || a.ent.code.localeCompare(b.ent.code);
}

function provinceFactor(scope: Scope, provinceCode: string): number {
  return scope.national ? NATIONAL : (scope.old.get(provinceCode) ?? 0);
}

function putMax(m: Map<string, number>, code: string, s: number): void {
  if ((m.get(code) ?? 0) < s) m.set(code, s);
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

function keysOf(text: string): { key: string; tone: string } {
  const toks = tokenize(text);
  let key = '';
  let tone = '';
  for (const t of toks) {
    key += t.plain;
    tone += t.tone + ' ';
  }
  return { key, tone };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function validAt(p: UnitPeriod, day: string): boolean {
  return (p.validFrom === null || p.validFrom <= day) && (p.validTo === null || p.validTo >= day);
}

export function buildMatcher(input: { units: readonly UnitPeriod[]; links: readonly MergeLink[]; today: string }): AddressMatcher {
  const { today } = input;
  const province = new Map<string, NameHit[]>() as NameIndex;
  const oldDistrictByProv = new Map<string, NameIndex>();
  const oldCommuneByDistrict = new Map<string, NameIndex>();
  const oldCommuneByProv = new Map<string, NameIndex>();
  const newCommuneByProv = new Map<string, NameIndex>();
  const oldDistrictAll: NameIndex = new Map();
  const oldCommuneAll: NameIndex = new Map();
  const newCommuneAll: NameIndex = new Map();
  const allKeys = new Set<string>();

  const oldProvinces = new Map<string, Ent>();
  const oldDistricts = new Map<string, Ent>();
  const oldCommunes = new Map<string, Ent>();
  const newProvinces = new Map<string, Ent>();
  const newCommunes = new Map<string, Ent>();

  // group the periods of each unit; the entity carries today's name (or the last one)
  const groups = new Map<string, UnitPeriod[]>();
  for (const u of input.units) {
    const k = `${u.generation}:${u.level}:${u.code}`;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  const entOf = new Map<string, { ent: Ent; periods: UnitPeriod[] }>();
  for (const [k, periods] of groups) {
    periods.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    const cur = periods.find((p) => validAt(p, today)) ?? periods[periods.length - 1]!;
    const kind: EntKind | null =
      cur.generation === 1
        ? cur.level === 'province'
          ? 'oldProvince'
          : cur.level === 'district'
            ? 'oldDistrict'
            : 'oldCommune'
        : cur.level === 'province'
          ? 'newProvince'
          : cur.level === 'commune'
            ? 'newCommune'
            : null;
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
    entOf.set(k, { ent, periods });
    ({ oldProvince: oldProvinces, oldDistrict: oldDistricts, oldCommune: oldCommunes, newProvince: newProvinces, newCommune: newCommunes })[kind].set(cur.code, ent);
  }

  for (const l of input.links) {
    if (l.level === 'commune') {
      oldCommunes.get(l.oldCode)?.targets.push({ code: l.newCode, share: l.share, rank: l.rank, mergeType: l.mergeType, resolution: l.resolution });
    } else {
      oldProvinces.get(l.oldCode)?.targets.push({ code: l.newCode, share: 1, rank: 1, mergeType: 'full', resolution: l.resolution });
      newProvinces.get(l.newCode)?.oldProvinceCodes.push(l.oldCode);
    }
  }
  for (const c of oldCommunes.values()) c.targets.sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));

  // index every name of every period
  for (const { ent, periods } of entOf.values()) {
    const types = [...new Set(periods.map((p) => p.type))];
    const names = [...new Set(periods.map((p) => p.shortName))];
    for (const n of names) {
      const { key, tone } = keysOf(n);
      const hit: NameHit = { ent, tone, mask: typeMask(types), levelMask: typeMask(LEVEL_TYPES[ent.kind]) };
      allKeys.add(key);
      switch (ent.kind) {
        case 'oldProvince':
        case 'newProvince':
          addHit(province, key, hit);
          break;
        case 'oldDistrict':
          addHit(nested(oldDistrictByProv, ent.provinceCode), key, hit);
          addHit(oldDistrictAll, key, hit);
          break;
        case 'oldCommune':
          addHit(nested(oldCommuneByDistrict, ent.districtCode ?? ''), key, hit);
          addHit(nested(oldCommuneByProv, ent.provinceCode), key, hit);
          addHit(oldCommuneAll, key, hit);
          break;
        case 'newCommune':
          addHit(nested(newCommuneByProv, ent.provinceCode), key, hit);
          addHit(newCommuneAll, key, hit);
          break;
      }
    }
  }
  for (const [code, aliases] of Object.entries(PROVINCE_ALIASES)) {
    for (const ent of [newProvinces.get(code), oldProvinces.get(code)]) {
      if (!ent) continue;
      for (const a of aliases) {
        const { key, tone } = keysOf(a);
        allKeys.add(key);
        addHit(province, key, { ent, tone, mask: typeMask(PROVINCE_TYPES), levelMask: typeMask(PROVINCE_TYPES) });
      }
    }
  }

  // ---------------------------------------------------------------- scoring
  /**
   * 1 for the same name (tone key, when the address has diacritics), 0.88 when only the letters agree;
   * × 1 when the type word fits, 0.85 when it is another type of the same level ("Phường" for a "Xã"),
   * 0.6 when it is of another level ("Tỉnh" for a commune); × 0.98 without a type word.
   */
  function nameScore(v: NameVariant, hit: NameHit, accented: boolean): number {
    let s = accented ? (v.tone === hit.tone ? 1 : 0.88) : 0.96;
    if (v.mask) {
      if ((v.mask & hit.mask) === 0) s *= (v.mask & hit.levelMask) !== 0 ? 0.85 : 0.6;
    } else s *= 0.98;
    return s * v.weight;
  }

  /** Adds the hits of the variants to `out` (best score per unit; a few hits, so a linear search). */
  function lookupVariants(idx: NameIndex | undefined, variants: NameVariant[], accented: boolean, prefix: string | null, out: Scored[]): void {
    if (!idx) return;
    for (const v of variants) {
      const hits = idx.get(v.key);
      if (!hits) continue;
      for (const h of hits) {
        const s = nameScore(v, h, accented);
        let found = false;
        for (const o of out) {
          if (o.ent === h.ent) {
            found = true;
            if (o.score < s) {
              o.score = s;
              o.prefix = prefix;
            }
            break;
          }
        }
        if (!found) out.push({ ent: h.ent, score: s, prefix });
      }
    }
  }

  /** Names of a segment in one index; when the whole segment is no name there, its longest matching tail. */
  function lookupSegment(idx: NameIndex | undefined, seg: Segment, accented: boolean, out: Scored[] = []): Scored[] {
    if (!idx) return out;
    const before = out.length;
    lookupVariants(idx, segmentVariants(seg, accented), accented, null, out);
    if (out.length === before && seg.tokens.length > 1 && !isKnown(seg, accented)) {
      for (let start = 1; start < seg.tokens.length; start++) {
        const vs = segmentVariants(seg, accented, start);
        let any = false;
        for (const v of vs) if (allKeys.has(v.key)) any = true;
        if (!any) continue;
        lookupVariants(idx, vs, accented, rawOf(seg, 0, start), out);
        if (out.length > before) break;
      }
    }
    return out;
  }

  function isKnown(seg: Segment, accented: boolean): boolean {
    const known = (seg.known ??= [undefined, undefined]);
    const i = accented ? 1 : 0;
    if (known[i] === undefined) {
      known[i] = false;
      for (const v of segmentVariants(seg, accented)) if (allKeys.has(v.key)) known[i] = true;
    }
    return known[i];
  }

  function provinceHits(seg: Segment, accented: boolean): Scored[] {
    const cache = (seg.province ??= [undefined, undefined]);
    let hits = cache[accented ? 1 : 0] as Scored[] | undefined;
    if (!hits) {
      const out: Scored[] = [];
      lookupVariants(province, segmentVariants(seg, accented), accented, null, out);
      hits = [];
      for (const h of out) if (h.score >= 0.8) hits.push(h);
      cache[accented ? 1 : 0] = hits;
    }
    return hits;
  }

  /** Cuts segments that are no known name at the type words inside them, and a province glued to the end. */
  function refineSegments(segs: Segment[], accented: boolean): Segment[] {
    const out: Segment[] = [];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      let parts: Segment[] = [seg];
      if (!isKnown(seg, accented)) {
        const cuts = innerTypeWordPositions(seg.tokens, accented);
        if (cuts.length) {
          parts = [];
          let from = 0;
          cuts.push(seg.tokens.length);
          for (const c of cuts) {
            if (c > from) parts.push(subSegment(seg, from, c));
            from = c;
          }
        }
      }
      if (i === segs.length - 1) {
        const last = parts[parts.length - 1]!;
        if (last.tokens.length > 1 && !provinceHits(last, accented).length) {
          const n = last.tokens.length;
          for (let s = Math.min(6, n - 1); s >= 1; s--) {
            const tail = subSegment(last, n - s);
            if (provinceHits(tail, accented).length && !(n - s === 1 && segmentVariants(last, accented)[0]!.start === 1)) {
              parts.pop();
              parts.push(subSegment(last, 0, n - s), tail);
              break;
            }
          }
        }
      }
      for (const p of parts) out.push(p);
    }
    return out;
  }

  // ---------------------------------------------------------------- readings
  /** Set by readings() when the address names an old district and no commune (for the message). */
  let districtOnly: Ent | null = null;

  function readings(rest: Segment[], scope: Scope, accented: boolean): Reading[] {
    const k = rest.length;
    if (k === 0) return [];
    const Y = rest[k - 1]!;
    const X = k >= 2 ? rest[k - 2]! : null;
    const out: Reading[] = [];

    // A. old commune (X) inside an old district (Y)
    const districts: Scored[] = [];
    if (scope.national) lookupSegment(oldDistrictAll, Y, accented, districts);
    else for (const p of scope.old.keys()) lookupSegment(oldDistrictByProv.get(p), Y, accented, districts);
    if (X) {
      for (const d of districts) {
        if (d.prefix) continue; // a district segment has no street part
        for (const c of lookupSegment(oldCommuneByDistrict.get(d.ent.code), X, accented)) {
          // the district contains the commune: the weaker of the two names decides (not their product)
          out.push({ kind: 'old', ent: c.ent, district: d.ent, score: Math.min(c.score, d.score) * provinceFactor(scope, d.ent.provinceCode), streetEnd: k - 2, prefix: c.prefix, notes: NO_NOTES });
        }
      }
    }
    // B and C cannot come near an A reading above this (their best is NO_DISTRICT × the best province factor)
    let bestA = 0;
    for (const r of out) if (r.score > bestA) bestA = r.score;
    let maxPf = scope.national ? NATIONAL : 0;
    for (const v of scope.old.values()) if (v > maxPf) maxPf = v;
    for (const v of scope.neu.values()) if (v > maxPf) maxPf = v;
    if (bestA > maxPf * NO_DISTRICT + 2 * EPS) return out;

    // B. old commune (Y), district missing
    const olds: Scored[] = [];
    if (scope.national) lookupSegment(oldCommuneAll, Y, accented, olds);
    else for (const p of scope.old.keys()) lookupSegment(oldCommuneByProv.get(p), Y, accented, olds);
    for (const c of olds) {
      out.push({ kind: 'old', ent: c.ent, district: null, score: c.score * provinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT, streetEnd: k - 1, prefix: c.prefix, notes: NO_NOTES });
    }
    // C. new commune (Y)
    const news: Scored[] = [];
    if (scope.national) lookupSegment(newCommuneAll, Y, accented, news);
    else for (const p of scope.neu.keys()) lookupSegment(newCommuneByProv.get(p), Y, accented, news);
    for (const c of news) {
      const pf = scope.national ? NATIONAL : (scope.neu.get(c.ent.provinceCode) ?? 0);
      out.push({ kind: 'new', ent: c.ent, district: null, score: c.score * pf * NO_DISTRICT, streetEnd: k - 1, prefix: c.prefix, notes: NO_NOTES });
    }
    if (!X) {
      // only a district ("Thị xã Sơn Tây, Hà Nội"): a weaker commune reading of the same words is no answer
      let bestD: Scored | null = null;
      for (const d of districts) if (!d.prefix && d.score >= 0.8 && (!bestD || d.score > bestD.score)) bestD = d;
      if (bestD) {
        const kept: Reading[] = [];
        for (const r of out) if (r.score >= 0.8) kept.push(r);
        if (!kept.length) districtOnly = bestD.ent;
        return kept;
      }
      return out;
    }
    if (bestA > 0) return out;

    // D. a district was named but the commune is not in it: the commune alone, lower
    // E. the last segment is not recognised (or only weakly, as a commune): the one before it
    const penalty = districts.length ? 0.8 : 0.85;
    const note = districts.length
      ? `«${X.raw}» không thuộc «${Y.raw}» theo danh mục cũ; đã tìm trong cả tỉnh.`
      : `Không nhận ra «${Y.raw}».`;
    const xOld: Scored[] = [];
    if (scope.national) lookupSegment(oldCommuneAll, X, accented, xOld);
    else for (const p of scope.old.keys()) lookupSegment(oldCommuneByProv.get(p), X, accented, xOld);
    for (const c of xOld) {
      out.push({ kind: 'old', ent: c.ent, district: null, score: c.score * provinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT * penalty, streetEnd: k - 2, prefix: c.prefix, notes: [note] });
    }
    if (!districts.length) {
      const xNew: Scored[] = [];
      if (scope.national) lookupSegment(newCommuneAll, X, accented, xNew);
      else for (const p of scope.neu.keys()) lookupSegment(newCommuneByProv.get(p), X, accented, xNew);
      for (const c of xNew) {
        const pf = scope.national ? NATIONAL : (scope.neu.get(c.ent.provinceCode) ?? 0);
        out.push({ kind: 'new', ent: c.ent, district: null, score: c.score * pf * NO_DISTRICT * penalty, streetEnd: k - 2, prefix: c.prefix, notes: [note] });
      }
    }
    return out;
  }

  const scopeMemo = new WeakMap<Scored[], Scope>();
  function scopeOf(hits: Scored[]): Scope {
    const scope: Scope = { national: false, old: new Map(), neu: new Map() };
    for (const h of hits) {
      if (h.ent.kind === 'oldProvince') {
        putMax(scope.old, h.ent.code, h.score);
        for (const t of h.ent.targets) putMax(scope.neu, t.code, h.score * 0.95);
      } else {
        putMax(scope.neu, h.ent.code, h.score);
        for (const o of h.ent.oldProvinceCodes) putMax(scope.old, o, h.score * 0.95);
      }
    }
    return scope;
  }

  // ---------------------------------------------------------------- results
  // one frozen {code, name} per unit, shared by every result (results are read, not changed)
  const ref = (e: Ent): UnitRef => e.ref;
  const newProvinceRef = (newCommune: Ent): UnitRef => {
    const p = newProvinces.get(newCommune.provinceCode);
    return p ? ref(p) : { code: newCommune.provinceCode, name: newCommune.provinceCode };
  };
  const targetSet = (r: Reading) => (r.kind === 'old' ? r.ent.targets.map((t) => t.code) : [r.ent.code]);
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

  function candidateOf(code: string, score: number): ConversionCandidate | null {
    const c = newCommunes.get(code);
    return c ? { commune: ref(c), province: newProvinceRef(c), score: round3(score) } : null;
  }

  function streetOf(rest: Segment[], r: Reading): string | null {
    if (r.streetEnd === 0 && !r.prefix) return null;
    const parts: string[] = [];
    for (let i = 0; i < r.streetEnd; i++) parts.push(rest[i]!.raw);
    if (r.prefix) parts.push(r.prefix);
    const s = parts.join(', ').trim();
    return s || null;
  }

  function finish(
    status: ConversionResult['status'],
    commune: Ent,
    confidence: number,
    mergeType: ConversionResult['merge_type'],
    candidates: ConversionCandidate[],
    oldPart: ConversionResult['old'],
    resolution: string | null,
    street: string | null,
    notes: string[],
  ): ConversionResult {
    const province = newProvinceRef(commune);
    return {
      status,
      province,
      commune: ref(commune),
      confidence: round3(Math.max(0, Math.min(1, confidence))),
      merge_type: mergeType,
      candidates,
      old: oldPart,
      resolution,
      normalized_address: [street, commune.name, province.name].filter(Boolean).join(', '),
      street,
      notes,
    };
  }

  function oldPartOf(c: Ent): NonNullable<ConversionResult['old']> {
    const d = c.districtCode ? oldDistricts.get(c.districtCode) : undefined;
    const p = oldProvinces.get(c.provinceCode);
    return { province: p ? ref(p) : null, district: d ? ref(d) : null, commune: ref(c) };
  }

  function fromOld(c: Ent, score: number, street: string | null, notes: string[], preferNew: string | null = null): ConversionResult | null {
    const targets = [...c.targets];
    if (!targets.length) return null;
    if (preferNew) {
      const i = targets.findIndex((t) => t.code === preferNew);
      if (i > 0) targets.unshift(...targets.splice(i, 1));
    }
    const partial = targets.length > 1 || targets[0]!.mergeType === 'partial';
    const candidates = targets.map((t) => candidateOf(t.code, score * t.share)).filter((x): x is ConversionCandidate => !!x);
    const top = newCommunes.get(targets[0]!.code)!;
    if (partial && targets.length > 1) {
      notes.push(`Xã/phường cũ «${c.name}» được chia cho ${targets.length} đơn vị mới; cần số nhà, thôn/ấp/tổ để chắc chắn — xem danh sách candidates (khả năng cao nhất trước).`);
    }
    return finish(
      partial && targets.length > 1 ? 'partial' : 'converted',
      top,
      partial && targets.length > 1 ? Math.min(SPLIT_CAP, score * Math.max(targets[0]!.share, 0.5)) : score,
      partial ? 'partial' : 'full',
      candidates,
      oldPartOf(c),
      targets[0]!.resolution,
      street,
      notes,
    );
  }

  function decide(rs: Reading[], rest: Segment[], scopeNotes: string[], factor = 1, accented = true): Decision | null {
    if (!rs.length) return null;
    for (const r of rs) {
      r.score *= factor;
      // a segment left as "street" that starts with a commune or district type word is suspicious
      for (let i = 0; i < r.streetEnd; i++) {
        const hint = segmentVariants(rest[i]!, accented)[0]!.typeHint;
        if (hint && hint !== PROVINCE_HINT && !hint.includes('Tỉnh') && rest[i]!.tokens.length > 1 && isKnown(rest[i]!, accented)) {
          r.score *= 0.8;
          break;
        }
      }
    }
    // keep the best reading of each unit (a handful of readings: linear)
    const order: Reading[] = [];
    for (const r of rs) {
      let i = 0;
      while (i < order.length && order[i]!.ent !== r.ent) i++;
      if (i === order.length) order.push(r);
      else if (order[i]!.score < r.score) order[i] = r;
    }
    if (order.length > 1) order.sort(byPreference);
    const top = order[0]!;
    if (top.score < MIN_SCORE) return null;
    const notes = scopeNotes.length || top.notes.length ? [...scopeNotes, ...top.notes] : [];
    const street = streetOf(rest, top);
    const ties: Reading[] = [];
    for (let i = 1; i < order.length; i++) if (order[i]!.score >= top.score - EPS) ties.push(order[i]!);

    if (top.kind === 'new') {
      const c = top.ent;
      return {
        score: top.score,
        outcome: { ok: true, result: finish('current', c, Math.min(1, top.score / NO_DISTRICT), 'none', [candidateOf(c.code, top.score / NO_DISTRICT)!], null, null, street, notes) },
      };
    }

    const topTargets = targetSet(top);
    const rivals = ties.filter((r) => r.kind === 'old' && !sameSet(targetSet(r), topTargets));
    if (!top.district && !rivals.length) {
      notes.push('Địa chỉ không ghi quận/huyện cũ nên không đối chiếu được.');
    }
    if (rivals.length) {
      // several old communes fit equally well and went to different new communes
      const group = [top, ...rivals];
      const cands = new Map<string, ConversionCandidate>();
      for (const r of group) {
        for (const t of r.ent.targets) {
          const cand = candidateOf(t.code, r.score * t.share);
          if (cand && (!cands.has(t.code) || cands.get(t.code)!.score < cand.score)) cands.set(t.code, cand);
        }
      }
      // a new commune of the same name that ties is one more possibility
      for (const r of ties) {
        if (r.kind === 'new' && !cands.has(r.ent.code)) cands.set(r.ent.code, candidateOf(r.ent.code, r.score)!);
      }
      const candidates = [...cands.values()].sort((a, b) => b.score - a.score);
      if (candidates.length > MAX_AMBIGUOUS_TARGETS) {
        return {
          score: top.score,
          outcome: {
            ok: false,
            code: 'address-ambiguous',
            detail: `Địa chỉ khớp với ${group.length} xã/phường cũ khác nhau (ví dụ ${group
              .slice(0, 3)
              .map((r) => describeOld(r.ent))
              .join('; ')}). Hãy ghi rõ quận/huyện và tỉnh/thành phố.`,
            candidates: candidates.slice(0, 10),
          },
        };
      }
      notes.push(`Có ${group.length} xã/phường cũ khớp như nhau: ${group.map((r) => describeOld(r.ent)).join('; ')}. Hãy ghi rõ quận/huyện để phân biệt.`);
      const first = newCommunes.get(candidates[0]!.commune.code)!;
      const t0 = top.ent.targets[0]!;
      return {
        score: top.score,
        outcome: { ok: true, result: finish('ambiguous', first, Math.min(0.5, top.score / group.length), t0.mergeType, candidates, oldPartOf(top.ent), t0.resolution, street, notes) },
      };
    }
    // an old reading preferred over an equally good new one
    const newTies = ties.filter((r) => r.kind === 'new');
    const consistent = newTies.find((r) => topTargets.includes(r.ent.code));
    const conflicting = newTies.filter((r) => !topTargets.includes(r.ent.code));
    const res = fromOld(top.ent, top.score, street, notes, consistent ? consistent.ent.code : null);
    if (!res) return null;
    if (conflicting.length) {
      for (const r of conflicting) {
        res.candidates.push(candidateOf(r.ent.code, r.score)!);
        res.notes.push(`«${rest[rest.length - 1]!.raw}» cũng là tên của ${r.ent.name} (mã ${r.ent.code}) sau sắp xếp; nếu đây đã là địa chỉ mới thì chọn đơn vị đó.`);
      }
      res.confidence = round3(res.confidence * 0.8);
    }
    return { score: top.score, outcome: { ok: true, result: res } };
  }

  function describeOld(c: Ent): string {
    const d = c.districtCode ? oldDistricts.get(c.districtCode) : undefined;
    const p = oldProvinces.get(c.provinceCode);
    return [c.name, d?.name, p?.name].filter(Boolean).join(', ');
  }

  function attempt(segs: Segment[], accented: boolean): MatchOutcome | null {
    if (!segs.length) return null;
    const last = segs[segs.length - 1]!;
    const provHits = provinceHits(last, accented);
    if (provHits.length) {
      let scope = scopeMemo.get(provHits);
      if (!scope) scopeMemo.set(provHits, (scope = scopeOf(provHits)));
      const rest = segs.slice(0, -1);
      const out = decide(readings(rest, scope, accented), rest, [], 1, accented);
      if (out) return out.outcome;
    }
    // no province (or nothing in it): nation-wide, reading the last segment as a unit (province left out)
    // or as a province that is not recognised (e.g. "Hà Tây", gone before 2025); the better reading wins
    const national: Scope = { national: true, old: new Map(), neu: new Map() };
    const note = provHits.length
      ? `Không tìm thấy đơn vị nào trong «${last.raw}»; đã tìm trên cả nước.`
      : 'Không có tỉnh/thành phố trong địa chỉ; đã tìm trên cả nước.';
    const a = decide(readings(segs, national, accented), segs, [note], 1, accented);
    let b: Decision | null = null;
    if (segs.length > 1 && !provHits.length) {
      const rest = segs.slice(0, -1);
      b = decide(readings(rest, national, accented), rest, [`Không nhận ra tỉnh/thành phố «${last.raw}»; đã tìm trên cả nước.`], UNKNOWN_PROVINCE, accented);
    }
    const best = a && b ? (b.score > a.score ? b : a) : (a ?? b);
    return best ? best.outcome : null;
  }

  // Memo of the province and district segments seen before (they repeat across an address list), with
  // their cached readings. Bounded: cleared when full. Invisible to callers.
  const segmentMemo = new Map<string, Segment>();
  const MEMO_LIMIT = 50_000;
  const recall = (raw: string) => segmentMemo.get(raw);
  function remember(segs: Segment[]): void {
    for (let i = Math.max(0, segs.length - 2); i < segs.length; i++) {
      const seg = segs[i]!;
      if (segmentMemo.get(seg.raw) === seg) continue;
      if (segmentMemo.size >= MEMO_LIMIT) segmentMemo.clear();
      segmentMemo.set(seg.raw, seg);
    }
  }

  function convert(address: string): MatchOutcome {
    districtOnly = null;
    const raw = splitSegments(address, recall);
    const accented = isAccented(raw);
    remember(raw);
    const refined = refineSegments(raw, accented);
    const out = attempt(refined, accented) ?? (refined.length !== raw.length ? attempt(raw, accented) : null);
    if (out) return out;
    if (districtOnly) {
      const d: Ent = districtOnly;
      return {
        ok: false,
        code: 'address-unknown',
        detail: `Địa chỉ chỉ ghi đến ${d.name} (${oldProvinces.get(d.provinceCode)?.name ?? ''}), đơn vị nay đã chia cho nhiều xã/phường mới. Hãy ghi thêm xã/phường/thị trấn.`,
        candidates: [],
      };
    }
    return {
      ok: false,
      code: 'address-unknown',
      detail: raw.length
        ? `Không xác định được xã/phường trong địa chỉ «${address.trim().slice(0, 200)}». Hãy ghi đủ xã/phường, quận/huyện (nếu là địa chỉ cũ) và tỉnh/thành phố, cách nhau bằng dấu phẩy.`
        : 'Địa chỉ trống.',
      candidates: [],
    };
  }

  return {
    convert,
    convertOldCode(code) {
      const c = oldCommunes.get(code);
      return c ? fromOld(c, 1, null, []) : null;
    },
    currentCommune(code) {
      const c = newCommunes.get(code);
      return c ? finish('current', c, 1, 'none', [candidateOf(c.code, 1)!], null, null, null, []) : null;
    },
    size: { oldCommunes: oldCommunes.size, newCommunes: newCommunes.size, names: allKeys.size },
  };
}

