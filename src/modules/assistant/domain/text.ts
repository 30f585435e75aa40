/**
 * Normalising what people type, for the assistant's engine. Pure functions, no I/O.
 *
 *  - NFC, the Icelandic "Ð" (U+00D0, often typed for "Đ") read as "Đ", lower case;
 *  - one tone-mark placement: old and new styles ("hoà"/"hòa", "thuỷ"/"thủy", "khoẻ"/"khỏe") give the
 *    same syllable (`canonicalSyllable`), so accented matching does not depend on the writer's habit;
 *  - a folded form without any diacritic ("đăng ký" → "dang ki", with the i/y spelling variants merged
 *    as the catalogue's search does) for diacritics-insensitive matching.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;
const TONE_MARKS_G = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Vowels carrying a quality mark (after NFC): the tone always sits on one of these when present. */
const QUALITY_VOWELS = 'ăâêôơư';
const VOWELS = 'aăâeêioôơuưy';

/** NFC, "Ð"/"ð" → "Đ"/"đ", lower case, every run of non-letters/digits to one space. */
export function cleanInput(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\u00d0/g, 'Đ')
    .replace(/\u00f0/g, 'đ')
    .replace(/\u0110/g, 'đ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * One placement of the tone mark in a syllable (lower case). Removes the tone, then puts it back by one
 * rule: on the vowel with a quality mark (the last one: "ươ" → ơ); else, after skipping the "qu"/"gi"
 * onset, on the only vowel, on the middle of three, on the second of two followed by a consonant, and on
 * the first of two at the end of the syllable ("hòa", "thủy", "khỏe" — the catalogue's style).
 */
export function canonicalSyllable(syl: string): string {
  const d = syl.normalize('NFD');
  const tone = d.match(TONE_MARKS)?.[0];
  if (!tone) return syl.normalize('NFC');
  const bare = d.replace(TONE_MARKS_G, '').normalize('NFC');
  const chars = [...bare];
  let start = 0;
  if (bare.startsWith('qu')) start = 2;
  else if (bare.startsWith('gi') && chars.length > 2 && VOWELS.includes(chars[2]!)) start = 2;
  const idx: number[] = [];
  for (let i = start; i < chars.length; i++) if (VOWELS.includes(chars[i]!)) idx.push(i);
  // "gì", "quý": the onset's own vowel is the only one
  if (idx.length === 0) for (let i = 0; i < chars.length; i++) if (VOWELS.includes(chars[i]!)) idx.push(i);
  if (idx.length === 0) return syl.normalize('NFC');
  let at: number;
  const quality = idx.filter((i) => QUALITY_VOWELS.includes(chars[i]!));
  if (quality.length) at = quality[quality.length - 1]!;
  else if (idx.length === 1) at = idx[0]!;
  else if (idx.length >= 3) at = idx[1]!;
  else {
    const last = idx[idx.length - 1]!;
    at = last < chars.length - 1 ? last : idx[0]!;
  }
  chars[at] = (chars[at]! + tone).normalize('NFC');
  return chars.join('');
}

/** Fold one (already cleaned) word: no diacritics, đ → d, i/y merged after a consonant. */
export function foldWord(w: string): string {
  const f = w.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd');
  return f.replace(/^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$/, '$1i');
}

/** Whether a cleaned word carries any Vietnamese diacritic (or đ). */
export function hasDiacritics(w: string): boolean {
  return /đ/.test(w) || /\p{M}/u.test(w.normalize('NFD'));
}

export interface Token {
  /** The syllable with one canonical tone placement (what was typed, accents kept). */
  accented: string;
  /** Without diacritics, for insensitive matching. */
  folded: string;
  /** Whether the writer used diacritics on this word. */
  marked: boolean;
}

/** Tokens of a text: cleaned, tone placement unified, folded. */
export function tokenize(s: string): Token[] {
  const clean = cleanInput(s);
  if (!clean) return [];
  return clean.split(' ').map((w) => {
    const accented = canonicalSyllable(w);
    // an accented "ki"/"ky" keeps its own accented form; only the fold merges them
    return { accented: accentedIy(accented), folded: foldWord(w), marked: hasDiacritics(w) };
  });
}

/** "kí"/"ký", "lí"/"lý": the accented forms differ only by i/y after a consonant; merge them too. */
function accentedIy(w: string): string {
  return w.replace(/^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)([yýỳỷỹỵ])$/, (_, c: string, y: string) => {
    const map: Record<string, string> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };
    return c + (map[y] ?? y);
  });
}

/** The folded text of a whole string ("Đăng ký khai sinh" → "dang ki khai sinh"). */
export function foldText(s: string): string {
  return tokenize(s)
    .map((t) => t.folded)
    .join(' ');
}

/** The accented, canonical text of a whole string. */
export function accentText(s: string): string {
  return tokenize(s)
    .map((t) => t.accented)
    .join(' ');
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions), capped at max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

const TELEX_TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };

/**
 * A word typed with the Telex keys left as letters (the input method was off or lagging: "ddawng kys",
 * "khai sinhf", "hooj khaaur") read as the syllable meant ("đăng ký", "sinh", "hộ khẩu"); null when the word
 * carries no Telex key or does not read as one syllable. The caller checks the result against known words.
 */
export function fromTelex(word: string): string | null {
  let w = word.normalize('NFC').toLowerCase();
  if (!/^[a-zăâđêôơư]+$/.test(w)) return null;
  let tone = '';
  const last = w[w.length - 1]!;
  if (w.length >= 2 && TELEX_TONES[last] && /[aăâeêioôơuưy]/.test(w.slice(0, -1))) {
    tone = TELEX_TONES[last]!;
    w = w.slice(0, -1);
  }
  const marked = w
    .replace(/^dd/, 'đ')
    .replace(/uow/g, 'ươ')
    .replace(/aw/g, 'ă')
    .replace(/aa/g, 'â')
    .replace(/ee/g, 'ê')
    .replace(/oo/g, 'ô')
    .replace(/ow/g, 'ơ')
    .replace(/uw/g, 'ư')
    .replace(/w/g, 'ư');
  if (!tone && marked === w) return null;
  // one syllable: an onset, vowels, an optional final consonant
  if (!/^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?$/.test(marked)) return null;
  return canonicalSyllable((marked + tone).normalize('NFC'));
}
