/**
 * The readings of an address (pure): which old or new commune the words before the province can name, each
 * with a score. This is the segmentation: the words are read from the end, the hierarchy being the
 * constraint — a district mention must end where the province begins and lie in the province, a commune
 * mention must end where the district begins and lie in that district — so "quang long hạ lang cao bằng"
 * splits into Quang Long | Hạ Lang | Cao Bằng without any comma, and whatever is left before the commune is
 * the street ("so 3 ngo 5").
 *
 * The readings, for the words before `end` (where the province begins):
 *  A. old commune inside the old district named after it (the weaker of the two names decides);
 *  B. old commune with the district missing (× NO_DISTRICT);
 *  C. new commune (× NO_DISTRICT, to rank it against the old readings);
 *  D. a district was named but the commune is not in it: the commune in the whole province, lower;
 *  E. the last part before the province is not recognised: read past it, lower.
 */
import type { Ent, NameIndex, UnitIndex } from './unit-index.ts';
import { mentionsEndingAt, textOf, type AddressText, type Mention } from './mentions.ts';
import { TYPE_BITS } from './address.ts';
import {
  bestProvinceFactor,
  COMMUNE_OUTSIDE_DISTRICT,
  DISTRICT_ONLY_MIN,
  NO_DISTRICT,
  nameScore,
  newProvinceFactor,
  oldProvinceFactor,
  PROVINCE_MIN,
  STREET_GLUED,
  SUSPICIOUS_STREET,
  TIE,
  UNKNOWN_PART,
  type Scope,
  type Scored,
} from './scoring.ts';

export interface Reading {
  kind: 'old' | 'new';
  ent: Ent;
  district: Ent | null;
  score: number;
  /** the commune's mention is the words [communeStart, communeEnd); the words before it are the street */
  communeStart: number;
  communeEnd: number;
  notes: string[];
}

const NO_NOTES: string[] = [];

/**
 * Adds to `out` the units that the mentions name in one index (the best score per unit and place). A
 * commune is the first unit of an address: a type word before it belongs to it (no `shed` mention).
 */
export function lookUp(idx: NameIndex | undefined, mentions: readonly Mention[], accented: boolean, out: Scored[] = [], commune = false): Scored[] {
  if (!idx) return out;
  for (const m of mentions) {
    if (commune && m.shed) continue;
    const hits = idx.get(m.key);
    if (!hits) continue;
    for (const h of hits) {
      const s = nameScore(m, h, accented);
      let found = false;
      for (const o of out) {
        if (o.ent === h.ent && o.start === m.start && o.end === m.end) {
          found = true;
          if (o.score < s) o.score = s;
          break;
        }
      }
      if (!found) out.push({ ent: h.ent, score: s, start: m.start, end: m.end });
    }
  }
  return out;
}

/** Looks the mentions up nation-wide or in the given provinces' indexes. */
function lookUpIn(
  all: NameIndex,
  byProvince: Map<string, NameIndex>,
  provinces: Iterable<string>,
  national: boolean,
  mentions: readonly Mention[],
  accented: boolean,
  commune: boolean,
): Scored[] {
  const out: Scored[] = [];
  if (!mentions.length) return out;
  if (national) return lookUp(all, mentions, accented, out, commune);
  for (const p of provinces) lookUp(byProvince.get(p), mentions, accented, out, commune);
  return out;
}

/** Province mentions that end at word `end` (the end of the address), strong enough to be the province. */
export function provinceMentions(ix: UnitIndex, text: AddressText, end: number): Scored[] {
  const all = lookUp(ix.province, mentionsEndingAt(text, end, ix.names), text.accented);
  return all.filter((h) => h.score >= PROVINCE_MIN);
}

/** The street before a commune holds a commune or district written with its type word ("p dien bien"). */
export function suspiciousStreet(ix: UnitIndex, text: AddressText, communeStart: number): boolean {
  const notProvince = ~TYPE_BITS['Tỉnh']!;
  for (let e = communeStart; e > 0; e = text.segmentStart[e - 1]!) {
    for (const m of mentionsEndingAt(text, e, ix.names)) if (m.mask & notProvince) return true;
  }
  return false;
}

export interface ReadingsOf {
  readings: Reading[];
  /** the address names an old district and no commune (for the message) */
  districtOnly: Ent | null;
}

function oldCommunesAt(ix: UnitIndex, text: AddressText, end: number, scope: Scope): Scored[] {
  return lookUpIn(ix.oldCommuneAll, ix.oldCommuneByProvince, scope.old.keys(), scope.national, mentionsEndingAt(text, end, ix.names), text.accented, true);
}

function newCommunesAt(ix: UnitIndex, text: AddressText, end: number, scope: Scope): Scored[] {
  return lookUpIn(ix.newCommuneAll, ix.newCommuneByProvince, scope.neu.keys(), scope.national, mentionsEndingAt(text, end, ix.names), text.accented, true);
}

/** The commune's own score, lower when a street is glued before it in the same segment. */
function communeScore(text: AddressText, c: Scored): number {
  return c.start > text.segmentStart[c.start]! ? c.score * STREET_GLUED : c.score;
}

/** Adds a reading of commune `c`, lower when the street before it still holds a typed unit. */
function addReading(out: Reading[], ix: UnitIndex, text: AddressText, kind: Reading['kind'], c: Scored, district: Ent | null, score: number, notes: string[]): void {
  const s = c.start > 0 && suspiciousStreet(ix, text, c.start) ? score * SUSPICIOUS_STREET : score;
  out.push({ kind, ent: c.ent, district, score: s, communeStart: c.start, communeEnd: c.end, notes });
}

/** Every reading of the words before `end` in the scope of the province found there (or nation-wide). */
export function readingsBefore(ix: UnitIndex, text: AddressText, end: number, scope: Scope): ReadingsOf {
  const out: Reading[] = [];
  if (end <= 0) return { readings: out, districtOnly: null };
  const acc = text.accented;

  // A. old commune inside the old district that ends where the province begins
  const districts = lookUpIn(ix.oldDistrictAll, ix.oldDistrictByProvince, scope.old.keys(), scope.national, mentionsEndingAt(text, end, ix.names), acc, false);
  let bestA = 0;
  for (const d of districts) {
    if (d.start === 0) continue;
    for (const c of lookUp(ix.oldCommuneByDistrict.get(d.ent.code), mentionsEndingAt(text, d.start, ix.names), acc, [], true)) {
      // the district contains the commune: the weaker of the two names decides (not their product)
      const score = Math.min(communeScore(text, c), d.score) * oldProvinceFactor(scope, d.ent.provinceCode);
      addReading(out, ix, text, 'old', c, d.ent, score, NO_NOTES);
      if (score > bestA) bestA = score;
    }
  }
  // B and C cannot come near an A reading above this (their best is NO_DISTRICT × the best province factor)
  if (bestA > bestProvinceFactor(scope) * NO_DISTRICT + 2 * TIE) return { readings: out, districtOnly: null };

  // B. old commune, district missing
  for (const c of oldCommunesAt(ix, text, end, scope)) {
    addReading(out, ix, text, 'old', c, null, communeScore(text, c) * oldProvinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT, NO_NOTES);
  }
  // C. new commune
  for (const c of newCommunesAt(ix, text, end, scope)) {
    addReading(out, ix, text, 'new', c, null, communeScore(text, c) * newProvinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT, NO_NOTES);
  }
  if (bestA > 0) return { readings: out, districtOnly: null };

  // only a district ("Thị xã Sơn Tây, Hà Nội"): a commune reading of the same words much weaker than the
  // district reading (another type word) is no answer
  let onlyDistrict: Scored | null = null;
  let districtScore = 0;
  for (const d of districts) {
    const s = d.score * oldProvinceFactor(scope, d.ent.provinceCode);
    if (d.start === 0 && d.score >= DISTRICT_ONLY_MIN && s > districtScore) {
      onlyDistrict = d;
      districtScore = s;
    }
  }
  if (onlyDistrict) {
    const kept: Reading[] = [];
    for (const r of out) if (r.score >= DISTRICT_ONLY_MIN * districtScore) kept.push(r);
    return { readings: kept, districtOnly: kept.length ? null : onlyDistrict.ent };
  }

  if (districts.length) {
    // D. a district was named but the commune before it is not in it: the commune in the whole province
    for (const d of districts) {
      if (d.start === 0) continue;
      for (const c of oldCommunesAt(ix, text, d.start, scope)) {
        const note = `«${textOf(text, c.start, c.end)}» không thuộc «${textOf(text, d.start, d.end)}» theo danh mục cũ; đã tìm trong cả tỉnh.`;
        const score = communeScore(text, c) * oldProvinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT * COMMUNE_OUTSIDE_DISTRICT;
        addReading(out, ix, text, 'old', c, null, score, [note]);
      }
    }
  } else {
    // E. the part just before the province is not recognised (an unknown district): read past it
    const before = text.segmentStart[end - 1]!;
    if (before > 0) {
      const note = `Không nhận ra «${textOf(text, before, end)}».`;
      for (const c of oldCommunesAt(ix, text, before, scope)) {
        addReading(out, ix, text, 'old', c, null, communeScore(text, c) * oldProvinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT * UNKNOWN_PART, [note]);
      }
      for (const c of newCommunesAt(ix, text, before, scope)) {
        addReading(out, ix, text, 'new', c, null, communeScore(text, c) * newProvinceFactor(scope, c.ent.provinceCode) * NO_DISTRICT * UNKNOWN_PART, [note]);
      }
    }
  }
  return { readings: out, districtOnly: null };
}
