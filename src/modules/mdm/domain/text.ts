/** Vietnamese text helpers for matching (pure): Unicode NFC, look-alike letters, folding to plain ASCII keys. */

/** "Ð" (U+00D0, Icelandic Eth) and "ð" (U+00F0) are look-alikes of "Đ" (U+0110) / "đ" (U+0111); "Ɖ" (U+0189) too. */
const LOOKALIKES: Record<string, string> = { '\u00D0': '\u0110', '\u00F0': '\u0111', '\u0189': '\u0110', '\u0256': '\u0111' };
const LOOKALIKE_RE = /[\u00D0\u00F0\u0189\u0256]/g;

/** NFC and the look-alike D letters replaced; returns whether a look-alike was seen. */
export function canonicalLetters(s: string): { text: string; lookalike: boolean } {
  const nfc = s.normalize('NFC');
  let lookalike = false;
  const text = nfc.replace(LOOKALIKE_RE, (c) => {
    lookalike = true;
    return LOOKALIKES[c]!;
  });
  return { text, lookalike };
}

/** fold() by the definition: decompose, drop the combining marks, đ → d, lower case, single spaces. */
export function foldSlow(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐð\u00D0\u0189\u0256]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Per character of Latin (U+0000–U+024F), combining marks (U+0300–U+036F) and Latin Extended Additional
 * (U+1E00–U+1EFF, where Vietnamese letters with two marks live): the ASCII code it folds to, DROP for a
 * combining mark, SPACE for white space, SLOW for anything else (the whole string then takes foldSlow).
 * Built from foldSlow itself, so both agree: a letter's decomposition is its own (marks only reorder
 * among themselves, and all of them are dropped).
 */
const DROP = 0;
const SPACE = 1;
const SLOW = 2;
const FOLD_TABLE_END = 0x1f00;
const FOLD_TABLE = ((): Uint8Array => {
  const t = new Uint8Array(FOLD_TABLE_END).fill(SLOW);
  const set = (c: number) => {
    const ch = String.fromCharCode(c);
    if (/\s/.test(ch)) t[c] = SPACE;
    else if (c >= 0x300 && c <= 0x36f) t[c] = DROP;
    else {
      const f = foldSlow(ch);
      if (f.length === 1 && f.charCodeAt(0) > 32 && f.charCodeAt(0) < 127) t[c] = f.charCodeAt(0);
    }
  };
  for (let c = 0; c < 0x250; c++) set(c);
  for (let c = 0x300; c < 0x370; c++) set(c);
  for (let c = 0x1e00; c < FOLD_TABLE_END; c++) set(c);
  return t;
})();
const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/**
 * Plain key: no diacritics, đ → d, lower case, single spaces (the key used by blocking and comparisons).
 * Vietnamese text is folded a character at a time through a table (the hot path of standardisation);
 * any other script goes through foldSlow, with the same result.
 */
export function fold(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < FOLD_TABLE_END ? FOLD_TABLE[c]! : SLOW;
    if (f > SLOW) {
      if (space) {
        if (out.length) out += ' ';
        space = false;
      }
      out += ASCII[f]!;
    } else if (f === SPACE) space = true;
    else if (f === SLOW) return foldSlow(s);
  }
  return out;
}

/** Letters that only Vietnamese (not plain ASCII) writes: a name without any of them may have lost its marks. */
export function hasVietnameseMarks(s: string): boolean {
  return /[^\u0000-\u007f]/.test(s.normalize('NFC'));
}

let jwA = new Uint8Array(64);
let jwB = new Uint8Array(64);

/** Jaro–Winkler similarity of two strings, 0..1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (la > jwA.length || lb > jwB.length) {
    jwA = new Uint8Array(Math.max(la, 2 * jwA.length));
    jwB = new Uint8Array(Math.max(lb, 2 * jwB.length));
  }
  // scratch flags reused from call to call (a typed array per call was a good part of the cost)
  const ma = jwA.fill(0, 0, la);
  const mb = jwB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(lb - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (mb[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      ma[i] = 1;
      mb[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

let levA = new Int32Array(64);
let levB = new Int32Array(64);

/** Levenshtein distance, stopping early above `max` (returns max + 1). */
export function levenshtein(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > levA.length) {
    levA = new Int32Array(2 * (b.length + 1));
    levB = new Int32Array(2 * (b.length + 1));
  }
  // scratch rows reused from call to call
  let prev = levA;
  let cur = levB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}
