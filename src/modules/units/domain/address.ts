/**
 * Address text → segments and name variants (pure). A segment is one comma-separated part of an address;
 * a name variant is one way to read a segment as "<type word> <name>".
 */
import { tokenize, type Token } from './normalize.ts';

/** The administrative types a type word (or its abbreviation) can stand for. */
export type TypeHint = readonly string[];

/** One bit per administrative type, to compare types without allocating (hot path). */
export const TYPE_BITS: Record<string, number> = {
  Tỉnh: 1,
  'Thành phố': 2,
  Quận: 4,
  Huyện: 8,
  'Thị xã': 16,
  Xã: 32,
  Phường: 64,
  'Thị trấn': 128,
  'Đặc khu': 256,
};
export function typeMask(types: readonly string[]): number {
  let m = 0;
  for (const t of types) m |= TYPE_BITS[t] ?? 0;
  return m;
}

export interface TypePattern {
  /** plain words of the type word */
  words: string[];
  /** tone keys of the full word; null for an abbreviation (matched on letters only) */
  tones: string[] | null;
  types: TypeHint;
  mask: number;
}

const full = (text: string, types: string[]): TypePattern => {
  const toks = tokenize(text);
  return { words: toks.map((t) => t.plain), tones: toks.map((t) => t.tone), types, mask: typeMask(types) };
};
const abbr = (words: string[], types: string[]): TypePattern => ({ words, tones: null, types, mask: typeMask(types) });

/** Type words, longest first. "TP." stands for Thành phố (a province or a former district-level city). */
export const TYPE_PATTERNS: TypePattern[] = [
  full('Thành phố', ['Thành phố']),
  full('Thị xã', ['Thị xã']),
  full('Thị trấn', ['Thị trấn']),
  full('Đặc khu', ['Đặc khu']),
  abbr(['t', 'p'], ['Thành phố']),
  abbr(['t', 'x'], ['Thị xã']),
  abbr(['t', 't'], ['Thị trấn']),
  full('Tỉnh', ['Tỉnh']),
  full('Quận', ['Quận']),
  full('Huyện', ['Huyện']),
  full('Phường', ['Phường']),
  full('Xã', ['Xã']),
  abbr(['tp'], ['Thành phố']),
  abbr(['tx'], ['Thị xã']),
  abbr(['tt'], ['Thị trấn']),
  abbr(['dk'], ['Đặc khu']),
  abbr(['t'], ['Tỉnh']),
  abbr(['q'], ['Quận']),
  abbr(['h'], ['Huyện']),
  abbr(['p'], ['Phường']),
  abbr(['f'], ['Phường']),
  abbr(['x'], ['Xã']),
];

export interface Segment {
  raw: string;
  tokens: Token[];
}

export interface NameVariant {
  key: string;
  tone: string;
  typeHint: TypeHint | null;
  /** typeMask(typeHint), 0 without a type word */
  mask: number;
  /** multiplies the name score (1 = the natural reading) */
  weight: number;
  /** index of the first name token in the segment */
  start: number;
}

/**
 * Does a type word start at token i (with a name after it)? Returns the pattern. A full word written
 * without diacritics in an address that has diacritics elsewhere is a name, not a type word ("Quan Sơn").
 */
export function typeWordAt(tokens: readonly Token[], i: number, accented: boolean): TypePattern | null {
  for (const p of TYPE_PATTERNS) {
    const n = p.words.length;
    if (i + n >= tokens.length) continue; // a name must follow
    let ok = true;
    for (let j = 0; j < n; j++) {
      const t = tokens[i + j]!;
      if (t.plain !== p.words[j]) {
        ok = false;
        break;
      }
      if (p.tones) {
        // written with diacritics: they must be the type word's; written without: only in an address
        // without diacritics (unless the type word has none either, like "khu")
        if (t.accented ? t.tone !== p.tones[j] : accented && p.tones[j] !== p.words[j]) {
          ok = false;
          break;
        }
      }
    }
    if (ok) return p;
  }
  return null;
}

const COUNTRY = new Set(['vietnam', 'vn', 'nuoccongbaxahoichunghiavietnam']);

/** Splits an address on commas, semicolons and new lines; drops a trailing country or postal code. */
export function splitSegments(address: string, memo?: (raw: string) => Segment | undefined): Segment[] {
  const segs: Segment[] = [];
  for (const part of address.normalize('NFC').split(/[,;\n|]+/)) {
    const raw = part.trim();
    if (!raw) continue;
    const known = memo?.(raw);
    if (known) {
      segs.push(known);
      continue;
    }
    const tokens = tokenize(raw, true);
    if (tokens.length) segs.push({ raw, tokens });
  }
  while (segs.length > 1) {
    const last = segs[segs.length - 1]!;
    const key = last.tokens.map((t) => t.plain).join('');
    if (COUNTRY.has(key) || /^\d{5,6}$/.test(key)) segs.pop();
    else break;
  }
  return segs;
}

export function isAccented(segs: readonly Segment[]): boolean {
  for (const s of segs) for (const t of s.tokens) if (t.accented) return true;
  return false;
}

function variant(tokens: readonly Token[], from: number, typeHint: TypeHint | null, mask: number, weight: number): NameVariant {
  // flat strings (join, not +=): they are hashed for every map look-up (hot path; no object spread either)
  const n = tokens.length - from;
  let key: string;
  let tone: string;
  if (n === 1) {
    key = tokens[from]!.plain;
    tone = tokens[from]!.tone + ' ';
  } else {
    const keys: string[] = new Array(n);
    const tones: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      keys[i] = tokens[from + i]!.plain;
      tones[i] = tokens[from + i]!.tone;
    }
    key = keys.join('');
    tone = tones.join(' ') + ' ';
  }
  return { key, tone, typeHint, mask, weight, start: from };
}

/** The readings of a segment (or of its tokens from `from`): with the type word split off, and as a whole. */
export function nameVariants(tokens: readonly Token[], accented: boolean, from = 0, weight = 1): NameVariant[] {
  const out: NameVariant[] = [];
  const p = typeWordAt(tokens, from, accented);
  if (p) {
    const start = from + p.words.length;
    out.push(variant(tokens, start, p.types, p.mask, weight));
    // the whole segment as a name too (aliases such as "TPHCM", names that begin like a type word)
    out.push(variant(tokens, from, null, 0, weight * (p.tones && !accented ? 0.97 : 0.9)));
  } else {
    out.push(variant(tokens, from, null, 0, weight));
  }
  return out;
}
