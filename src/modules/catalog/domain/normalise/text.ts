/**
 * Text helpers shared by the normalisers and by search. Pure functions, no I/O.
 */

/**
 * Folds Vietnamese text for search: decomposes, drops every combining mark (tones and vowel marks),
 * maps đ/Đ to d, lower-cases and turns every run of other characters into one space.
 * "Đăng ký khai sinh" → "dang ky khai sinh". The same function folds stored columns and queries, so
 * PGlite and PostgreSQL see identical text (no dependence on the server's unaccent rules).
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Non-breaking and odd spaces to plain spaces, runs of spaces collapsed, lines trimmed; NFC. */
export function cleanText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line: every whitespace run (including newlines and non-breaking spaces) becomes one space; NFC. */
export function oneLine(s: string | null | undefined): string {
  if (!s) return '';
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The portal's placeholder for an empty cell. */
export function isNoInformation(s: string | null | undefined): boolean {
  if (s && s.length > 60) return false;
  const t = oneLine(s).replace(/[.\s]+$/, '').toLowerCase();
  return t === '' || t === 'không có thông tin';
}

/** A cell that states "none" ("Không", "Không có", "Không.") rather than "unknown". */
export function isStatedNone(s: string | null | undefined): boolean {
  if (s && s.length > 60) return false;
  const t = oneLine(s).replace(/[.\s]+$/, '').toLowerCase();
  return t === 'không' || t === 'không có' || t === 'không quy định' || t === 'không có yêu cầu';
}

/** Parses a Vietnamese-formatted integer: "20,000", "20.000", "1.000.000" → 20000, 20000, 1000000. */
export function parseGroupedInteger(s: string): number | null {
  const t = s.trim();
  if (/^\d{1,3}([.,]\d{3})+$/.test(t)) return Number(t.replace(/[.,]/g, ''));
  if (/^\d+$/.test(t)) return Number(t);
  return null;
}

/** A syllable ending in y after a consonant: "ký/kí", "lý/lí", "mỹ/mĩ", "quy/qui" are spelling variants. */
const Y_SYLLABLE = /\b(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y\b/g;

/**
 * The fold used for search columns and queries: foldVietnamese, then the i/y spelling variants merged
 * ("đăng kí" and "đăng ký" both become "dang ki"). Both sides use it, so nothing is lost.
 */
export function searchFold(s: string): string {
  return foldVietnamese(s).replace(Y_SYLLABLE, '$1i');
}
