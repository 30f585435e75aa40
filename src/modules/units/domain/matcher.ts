/**
 * The address matcher: an in-memory index of every unit name, built once, and a pure function that reads a
 * free-text address (old or new, with or without commas) and answers the new commune and province.
 *
 * How an address is read (each step in its own module):
 *  1. `mentions.ts`: the address becomes one sequence of words; commas, if any, are boundaries a name cannot
 *     cross; a trailing "Việt Nam" or postal code is left out;
 *  2. `readings.ts`: the province is a known name (63 old, 34 new, a few aliases such as "HCM") ending at the
 *     last word; the words before it are read from the end against the names of the units inside it —
 *     district, then commune inside that district, or the commune alone, or a new commune — and what is left
 *     before the commune is the street. Without a province the search is nation-wide, at lower confidence;
 *  3. `scoring.ts`: every reading has a score (name, diacritics, type word, district present, province);
 *  4. `decision.ts`: the best reading wins; readings that tie but lead to different new communes make the
 *     answer "ambiguous" with every candidate; an old commune leads to its new commune(s) through the merge
 *     table, a split one to every new commune, most likely first (`results.ts`). Nothing is guessed silently.
 */
import type { ConversionResult, UnitPeriod } from '../types.ts';
import type { MergeLink } from './dataset.ts';
import type { Segment } from './address.ts';
import { buildUnitIndex, type Ent } from './unit-index.ts';
import { readAddressText, textOf, type AddressText } from './mentions.ts';
import { provinceMentions, readingsBefore, type Reading } from './readings.ts';
import { nationalScope, scopeOf, UNKNOWN_PROVINCE, type Scored } from './scoring.ts';
import { decide, type Decision, type MatchOutcome } from './decision.ts';
import { convertedResult, currentResult } from './results.ts';

export type { MatchOutcome } from './decision.ts';
export { PROVINCE_ALIASES } from './unit-index.ts';

export interface AddressMatcher {
  convert(address: string): MatchOutcome;
  /** An old (pre-2025) commune code → its conversion; null when the code is not an old commune. */
  convertOldCode(code: string): ConversionResult | null;
  /** A new (post-2025) commune code → the "current" result; null when unknown. */
  currentCommune(code: string): ConversionResult | null;
  readonly size: { oldCommunes: number; newCommunes: number; names: number };
}

/** Province and district segments repeat across an address list: their words are kept (bounded). */
function segmentMemo(limit = 50_000) {
  const memo = new Map<string, Segment>();
  return {
    recall: (raw: string) => memo.get(raw),
    remember(segs: readonly Segment[]): void {
      for (let i = Math.max(0, segs.length - 2); i < segs.length; i++) {
        const seg = segs[i]!;
        if (memo.get(seg.raw) === seg) continue;
        if (memo.size >= limit) memo.clear();
        memo.set(seg.raw, seg);
      }
    },
  };
}

export function buildMatcher(input: { units: readonly UnitPeriod[]; links: readonly MergeLink[]; today: string }): AddressMatcher {
  const ix = buildUnitIndex(input);
  const memo = segmentMemo();

  /**
   * The readings under every province mention that ends the address, pooled: "tp ha noi" from "tp" and
   * "ha noi" from "ha" (in case "tp" ends the name before) compete as readings of one address.
   */
  function provinceScoped(text: AddressText, provinces: Scored[]): { readings: Reading[]; districtOnly: Ent | null } {
    const readings: Reading[] = [];
    const starts: number[] = [];
    let districtOnly: Ent | null = null;
    for (const p of provinces) {
      if (starts.includes(p.start)) continue;
      starts.push(p.start);
      const r = readingsBefore(ix, text, p.start, scopeOf(provinces.filter((q) => q.start === p.start)));
      for (const x of r.readings) readings.push(x);
      districtOnly ??= r.districtOnly;
    }
    return { readings, districtOnly };
  }

  function unknown(address: string, text: AddressText, districtOnly: Ent | null): MatchOutcome {
    if (districtOnly) {
      const d = districtOnly;
      return {
        ok: false,
        code: 'address-unknown',
        detail: `Địa chỉ chỉ ghi đến ${d.name} (${ix.oldProvinces.get(d.provinceCode)?.name ?? ''}), đơn vị nay đã chia cho nhiều xã/phường mới. Hãy ghi thêm xã/phường/thị trấn.`,
        candidates: [],
      };
    }
    return {
      ok: false,
      code: 'address-unknown',
      detail: text.tokens.length
        ? `Không xác định được xã/phường trong địa chỉ «${address.trim().slice(0, 200)}». Hãy ghi đủ xã/phường, quận/huyện (nếu là địa chỉ cũ) và tỉnh/thành phố.`
        : 'Địa chỉ trống.',
      candidates: [],
    };
  }

  function convert(address: string): MatchOutcome {
    const text = readAddressText(address, memo.recall);
    memo.remember(text.segments);
    const n = text.tokens.length;
    if (!n) return unknown(address, text, null);
    const provinces = provinceMentions(ix, text, n);
    let districtOnly: Ent | null = null;
    if (provinces.length) {
      const scoped = provinceScoped(text, provinces);
      districtOnly = scoped.districtOnly;
      const d = decide(ix, text, scoped.readings, []);
      if (d) return d.outcome;
    }
    // no province (or nothing in it): nation-wide, reading the last part as a unit (province left out) or
    // as a province that is not recognised (e.g. "Hà Tây", gone before 2025); the better reading wins
    const national = nationalScope();
    const lastStart = text.segmentStart[n - 1]!;
    const note = provinces.length
      ? `Không tìm thấy đơn vị nào trong «${textOf(text, Math.min(...provinces.map((p) => p.start)), n)}»; đã tìm trên cả nước.`
      : 'Không có tỉnh/thành phố trong địa chỉ; đã tìm trên cả nước.';
    const all = readingsBefore(ix, text, n, national);
    districtOnly ??= all.districtOnly;
    const a = decide(ix, text, all.readings, [note]);
    let b: Decision | null = null;
    if (lastStart > 0 && !provinces.length) {
      const past = readingsBefore(ix, text, lastStart, national);
      b = decide(ix, text, past.readings, [`Không nhận ra tỉnh/thành phố «${textOf(text, lastStart, n)}»; đã tìm trên cả nước.`], UNKNOWN_PROVINCE);
    }
    const best = a && b ? (b.score > a.score ? b : a) : (a ?? b);
    return best ? best.outcome : unknown(address, text, districtOnly);
  }

  return {
    convert,
    convertOldCode(code) {
      const c = ix.oldCommunes.get(code);
      return c ? convertedResult(ix, c, 1, null, []) : null;
    },
    currentCommune(code) {
      const c = ix.newCommunes.get(code);
      return c ? currentResult(ix, c, 1, null, []) : null;
    },
    size: { oldCommunes: ix.oldCommunes.size, newCommunes: ix.newCommunes.size, names: ix.names.keys.size },
  };
}
