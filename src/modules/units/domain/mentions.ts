/**
 * Reading an address as a sequence of words and finding where unit names can sit in it (pure).
 *
 * Commas are a help, not a requirement: the address is one sequence of words (tokens) in which a comma,
 * semicolon or new line is only a boundary that a name cannot cross. A *mention* is a span of words that
 * spells a known name, with the type word written before it when there is one ("p dien bien", "Quận Ba
 * Đình", "hạ lang"). The matcher reads an address from its end — province, then district, then commune,
 * the rest being the street — by asking which mentions end at a given word; this module answers that
 * question, once per end position and address.
 */
import type { Token } from './normalize.ts';
import { isAccented, splitSegments, TYPE_PATTERNS, type Segment, type TypePattern } from './address.ts';

export interface AddressText {
  segments: Segment[];
  /** every word of the address, in order (a country name or postal code at the end left out) */
  tokens: Token[];
  /** index in `segments` of each token's segment */
  segmentOf: number[];
  /** index of the first token of each token's segment */
  segmentStart: number[];
  /** the address has diacritics somewhere (then the diacritics of a name must agree) */
  accented: boolean;
  /** mentions by end position, computed on demand */
  mentions: (Mention[] | undefined)[];
}

export interface Mention {
  /** first word of the mention (its type word when there is one) */
  start: number;
  /** first word of the name */
  nameStart: number;
  /** one past the last word */
  end: number;
  /** plain key of the name */
  key: string;
  /** tone key of the name */
  tone: string;
  /** typeMask of the type word, 0 without one */
  mask: number;
  /** multiplies the name score: 1 for the natural reading, less for the doubtful one */
  weight: number;
  /**
   * A type word stands just before the name but is left out of this mention: it can only be the last word
   * of the name before ("tứ xã lâm thao": Tứ Xã, then Lâm Thao), never a street. (A name that begins with
   * such a word, "Quan Sơn", is a mention of its own that starts at that word.)
   */
  shed: boolean;
}

/** The names the matcher knows, as plain keys, with what the search from the end of a name needs. */
export interface KnownNames {
  /** plain keys of every name ("halang") */
  keys: Set<string>;
  /** every ending of a key at a word boundary ("lang", "halang"): a span that is none can grow into no name */
  endings: Set<string>;
  /** the most words a name has */
  maxWords: number;
}

export function knownNames(): KnownNames {
  return { keys: new Set(), endings: new Set(), maxWords: 1 };
}

/** Adds a name given by its plain words. */
export function addKnownName(names: KnownNames, words: readonly string[]): void {
  if (!words.length) return;
  let ending = '';
  for (let i = words.length - 1; i >= 0; i--) {
    ending = words[i] + ending;
    names.endings.add(ending);
  }
  names.keys.add(ending);
  if (words.length > names.maxWords) names.maxWords = words.length;
}

/** A trailing country name or postal code ("Việt Nam", "VN", "100000") is no part of the address. */
const COUNTRY_WORDS: string[][] = [['viet', 'nam'], ['vietnam'], ['vn']];

function trailingNoise(tokens: readonly Token[], n: number): number {
  if (n > 1 && /^\d{5,6}$/.test(tokens[n - 1]!.plain)) return 1;
  for (const words of COUNTRY_WORDS) {
    const k = words.length;
    if (n <= k) continue;
    let ok = true;
    for (let j = 0; j < k; j++) if (tokens[n - k + j]!.plain !== words[j]) ok = false;
    if (ok) return k;
  }
  return 0;
}

/** Splits the address on its separators (if any) and lines up all its words. */
export function readAddressText(address: string, memo?: (raw: string) => Segment | undefined): AddressText {
  const segments = splitSegments(address, memo);
  const tokens: Token[] = [];
  const segmentOf: number[] = [];
  const segmentStart: number[] = [];
  segments.forEach((seg, i) => {
    const first = tokens.length;
    for (const t of seg.tokens) {
      tokens.push(t);
      segmentOf.push(i);
      segmentStart.push(first);
    }
  });
  // "… hà nội việt nam", "… ha noi 100000": a country or postal code typed without a comma
  for (let cut = trailingNoise(tokens, tokens.length); cut > 0; cut = trailingNoise(tokens, tokens.length)) {
    tokens.length -= cut;
    segmentOf.length = segmentStart.length = tokens.length;
  }
  return { segments, tokens, segmentOf, segmentStart, accented: isAccented(segments), mentions: [] };
}

/** The words [from, to) of the address as written, separators between segments kept as ", ". */
export function textOf(text: AddressText, from: number, to: number): string {
  const parts: string[] = [];
  let i = from;
  while (i < to) {
    const s = text.segmentOf[i]!;
    let j = i;
    while (j + 1 < to && text.segmentOf[j + 1] === s) j++;
    const raw = text.segments[s]!.raw;
    parts.push(raw.slice(text.tokens[i]!.start, text.tokens[j]!.end).trim());
    i = j + 1;
  }
  return parts.join(', ');
}

/** The type word patterns by their last word, longest first (the look-up runs for every name found). */
const PATTERNS_BY_LAST_WORD = new Map<string, TypePattern[]>();
for (const p of TYPE_PATTERNS) {
  const last = p.words[p.words.length - 1]!;
  const list = PATTERNS_BY_LAST_WORD.get(last) ?? [];
  list.push(p);
  PATTERNS_BY_LAST_WORD.set(last, list);
}

export interface TypeWordBefore {
  pattern: TypePattern;
  /** first word of the type word */
  start: number;
  /** written so that it cannot be a name: with its diacritics, or as an abbreviation (P, Q, TP., X.) */
  certain: boolean;
}

/**
 * The type word that ends just before word `at` (and after `lo`), longest first. A full type word written
 * without its diacritics ("quan", "xa") may also be part of a name ("Quan Sơn"): it is `certain` only when
 * written with its diacritics. Abbreviations are taken as type words, with or without their dot.
 */
export function typeWordBefore(tokens: readonly Token[], at: number, lo: number): TypeWordBefore | null {
  if (at <= lo) return null;
  const candidates = PATTERNS_BY_LAST_WORD.get(tokens[at - 1]!.plain);
  if (!candidates) return null;
  for (const p of candidates) {
    const n = p.words.length;
    const start = at - n;
    if (start < lo) continue;
    let ok = true;
    let certain = true;
    for (let j = 0; j < n && ok; j++) {
      const t = tokens[start + j]!;
      if (t.plain !== p.words[j]) ok = false;
      else if (p.tones) {
        if (t.accented) ok = t.tone === p.tones[j];
        else if (p.tones[j] !== p.words[j]) certain = false;
      }
    }
    if (ok) return { pattern: p, start, certain };
  }
  return null;
}

/** In an address with diacritics, a type word written without them is a weaker reading than a name ("Quan Sơn"). */
const DOUBTFUL_TYPE_WORD = 0.97;

/**
 * The mentions of known names that end at word `end` (exclusive) and stay inside its segment: for each
 * start of a name, when the words spell a known key, the mention with the type word written before it, and
 * the mention without it (`shed`: the type word is then the end of the name before). The search stops as
 * soon as the words are the ending of no name.
 */
export function mentionsEndingAt(text: AddressText, end: number, names: KnownNames): Mention[] {
  const cached = text.mentions[end];
  if (cached) return cached;
  const out: Mention[] = [];
  if (end > 0) {
    const tokens = text.tokens;
    const lo = Math.max(text.segmentStart[end - 1]!, end - names.maxWords);
    let key = '';
    for (let ns = end - 1; ns >= lo; ns--) {
      key = tokens[ns]!.plain + key;
      if (!names.endings.has(key)) break;
      if (!names.keys.has(key)) continue;
      let tone = '';
      for (let i = ns; i < end; i++) tone += tokens[i]!.tone + ' ';
      const tw = typeWordBefore(tokens, ns, text.segmentStart[end - 1]!);
      if (tw) out.push({ start: tw.start, nameStart: ns, end, key, tone, mask: tw.pattern.mask, weight: !tw.certain && text.accented ? DOUBTFUL_TYPE_WORD : 1, shed: false });
      out.push({ start: ns, nameStart: ns, end, key, tone, mask: 0, weight: 1, shed: !!tw });
    }
  }
  text.mentions[end] = out;
  return out;
}
