/**
 * How well a piece of an address fits a unit, and the factors that rank the readings of an address (pure).
 * Every number of the matcher is here, named, with the reason for it (ADR 0011, 0012).
 */
import type { Ent, NameHit } from './unit-index.ts';

/** Scores below this are no answer. */
export const MIN_SCORE = 0.45;
/** Readings closer than this are a tie. */
export const TIE = 0.03;
/** A commune read without its district: nothing could be cross-checked. */
export const NO_DISTRICT = 0.9;
/** No province in the address: the search is nation-wide. */
export const NATIONAL = 0.85;
/** The last part looked like a province but is none of the 63 old or 34 new ones ("Hà Tây"). */
export const UNKNOWN_PROVINCE = 0.9;
/** A split commune is never certain without the street or village. */
export const SPLIT_CAP = 0.85;
/** More new communes than this among tied readings: ask for a more precise address (422). */
export const MAX_AMBIGUOUS_TARGETS = 12;
/** A province mention weaker than this is not taken as the province. */
export const PROVINCE_MIN = 0.8;
/**
 * An old province's name also opens today's province it went into (for new commune names), a little
 * lower. Today's province's name opens every old province merged into it at the same score: "Xã Tân Lập,
 * Tỉnh Phú Thọ" may mean any of the three old Tân Lập of today's Phú Thọ, so none of them is preferred.
 */
export const NEW_PROVINCE_OF_OLD = 0.95;
/** Text of the street glued before the commune in the same segment (no comma between). */
export const STREET_GLUED = 0.97;
/** The street part still holds a commune or district with its type word: probably a wrong reading. */
export const SUSPICIOUS_STREET = 0.8;
/** A district was named but the commune is not in it: the commune is read in the whole province. */
export const COMMUNE_OUTSIDE_DISTRICT = 0.8;
/** The part before the province is not recognised: it is read past. */
export const UNKNOWN_PART = 0.85;
/** An address naming only a district: a commune reading of the same words must be at least this good. */
export const DISTRICT_ONLY_MIN = 0.8;
/** An old reading won a tie with a new commune of the same name: the confidence is lowered. */
export const NEW_NAME_TIED = 0.8;

/** The parts of a mention that the score depends on. */
export interface NameWriting {
  tone: string;
  /** typeMask of the type word written, 0 without one */
  mask: number;
  weight: number;
}

/**
 * 1 for the same name (tone key, when the address has diacritics), 0.88 when only the letters agree, 0.96
 * in an address without diacritics; × 1 when the type word fits, 0.85 when it is another type of the same
 * level ("Phường" for a "Xã"), 0.6 when it is of another level ("Tỉnh" for a commune); × 0.98 without a type
 * word; × the mention's weight.
 */
export function nameScore(w: NameWriting, hit: NameHit, accented: boolean): number {
  let s = accented ? (w.tone === hit.tone ? 1 : 0.88) : 0.96;
  if (w.mask) {
    if ((w.mask & hit.mask) === 0) s *= (w.mask & hit.levelMask) !== 0 ? 0.85 : 0.6;
  } else s *= 0.98;
  return s * w.weight;
}

/** A unit found in the address, with its score and where it was written. */
export interface Scored {
  ent: Ent;
  score: number;
  start: number;
  end: number;
}

/** Where to look for the units of an address: the provinces its province mention stands for. */
export interface Scope {
  national: boolean;
  /** old province code → province factor */
  old: Map<string, number>;
  /** new province code → province factor */
  neu: Map<string, number>;
}

function putMax(m: Map<string, number>, code: string, s: number): void {
  if ((m.get(code) ?? 0) < s) m.set(code, s);
}

/** The scope of the province mentions found: an old province and today's one, today's one and its old ones. */
export function scopeOf(provinces: readonly Scored[]): Scope {
  const scope: Scope = { national: false, old: new Map(), neu: new Map() };
  for (const h of provinces) {
    if (h.ent.kind === 'oldProvince') {
      putMax(scope.old, h.ent.code, h.score);
      for (const t of h.ent.targets) putMax(scope.neu, t.code, h.score * NEW_PROVINCE_OF_OLD);
    } else {
      putMax(scope.neu, h.ent.code, h.score);
      for (const o of h.ent.oldProvinceCodes) putMax(scope.old, o, h.score);
    }
  }
  return scope;
}

export function nationalScope(): Scope {
  return { national: true, old: new Map(), neu: new Map() };
}

/** The factor of an old unit of old province `code` in the scope (0 when outside it). */
export function oldProvinceFactor(scope: Scope, code: string): number {
  return scope.national ? NATIONAL : (scope.old.get(code) ?? 0);
}

/** The factor of a new unit of new province `code` in the scope (0 when outside it). */
export function newProvinceFactor(scope: Scope, code: string): number {
  return scope.national ? NATIONAL : (scope.neu.get(code) ?? 0);
}

/** The best factor any unit of the scope can get. */
export function bestProvinceFactor(scope: Scope): number {
  let best = scope.national ? NATIONAL : 0;
  for (const v of scope.old.values()) if (v > best) best = v;
  for (const v of scope.neu.values()) if (v > best) best = v;
  return best;
}
