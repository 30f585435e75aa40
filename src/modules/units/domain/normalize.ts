/**
 * Text normalisation for Vietnamese unit names and addresses (pure).
 *
 * Two keys are built for every word:
 *  - `plain`: lower case, every diacritic removed, đ → d ("Hoà" → "hoa");
 *  - `tone`: lower case with the vowel marks kept (ă â ê ô ơ ư đ) and the tone moved to the END of the
 *    syllable as a digit (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng): "Hòa" and "Hoà" both give "hoa2", "Thủy"
 *    and "Thuỷ" both give "thuy3". So both tone-mark placements (òa/oà, óa/oá, ủy/uỷ, òe/oè, ...) are the
 *    same word, while different tones ("Hòa" / "Hóa") stay different.
 */

const TONE_OF: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };

interface LetterInfo {
  /** the letter without its tone mark (vowel marks kept), lower case */
  base: string;
  /** the letter without any diacritic, lower case */
  plain: string;
  /** tone digit or '' */
  tone: string;
  /** carries a diacritic (tone, vowel mark or đ) */
  marked: boolean;
  /** char codes of base and plain when each is one UTF-16 unit (else 0: use the strings) */
  baseCode: number;
  plainCode: number;
}

const info = (base: string, plain: string, tone: string, marked: boolean): LetterInfo => ({
  base,
  plain,
  tone,
  marked,
  baseCode: base.length === 1 ? base.charCodeAt(0) : 0,
  plainCode: plain.length === 1 ? plain.charCodeAt(0) : 0,
});

/** Character classes for the tokenizer, by UTF-16 code unit (all Vietnamese letters are below U+2000). */
const TABLE_SIZE = 0x2000;
const NONE = 0;
const LETTER = 1;
const DIGIT = 2;
const APOSTROPHE = 3;
const MARK = 4;
const CLASS = new Uint8Array(TABLE_SIZE);
const INFO: (LetterInfo | undefined)[] = new Array(TABLE_SIZE);

(() => {
  for (let c = 0; c < TABLE_SIZE; c++) {
    const ch = String.fromCharCode(c);
    if (c >= 48 && c <= 57) CLASS[c] = DIGIT;
    else if (c >= 0x300 && c <= 0x36f) CLASS[c] = MARK;
    else if (/\p{L}/u.test(ch)) {
      CLASS[c] = LETTER;
      const lower = ch.toLowerCase();
      const plain = lower === 'đ' ? 'd' : lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      INFO[c] = info(lower, plain.length === 1 ? plain : lower, '', plain !== lower);
    } else if (/\p{M}/u.test(ch)) CLASS[c] = MARK;
  }
  for (const c of ["'", '’', '‘', '`', 'ʼ']) CLASS[c.charCodeAt(0)] = c.charCodeAt(0) < TABLE_SIZE ? APOSTROPHE : NONE;
  // toned vowels: base keeps the vowel mark, the tone goes to `tone`
  for (const b of 'aăâeêioôơuưy') {
    const plain = b.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    for (const [mark, tone] of Object.entries(TONE_OF)) {
      const ch = (b + mark).normalize('NFC');
      const toned = info(b, plain, tone, true);
      INFO[ch.charCodeAt(0)] = toned;
      INFO[ch.toUpperCase().charCodeAt(0)] = toned;
    }
  }
})();
const APOS_HIGH = new Set([0x2019, 0x2018]);

export interface WordKey {
  plain: string;
  tone: string;
  /** true when the word carried any diacritic (tone or vowel mark, or đ) */
  accented: boolean;
}

export interface Token extends WordKey {
  /** the word as written (NFC) */
  raw: string;
  /** offsets of the word in the NFC text */
  start: number;
  end: number;
  /** the word is followed by a dot ("P.", "TP.") */
  dot: boolean;
}

function classOf(c: number): number {
  if (c < TABLE_SIZE) return CLASS[c]!;
  if (APOS_HIGH.has(c)) return APOSTROPHE;
  if (c >= 0xd800 && c <= 0xdfff) return LETTER; // astral letters: kept as they are
  return /\p{L}/u.test(String.fromCharCode(c)) ? LETTER : /\p{M}/u.test(String.fromCharCode(c)) ? MARK : NONE;
}

/**
 * Splits a piece of text into word tokens: letters and digits only; apostrophes are dropped inside a word
 * ("H’Leo" → "hleo"), every other punctuation (dots, hyphens, slashes) separates words. A letter glued to a
 * number the way addresses abbreviate ("Q1", "P.12", "F7") is split into two tokens. Offsets refer to
 * `s.normalize('NFC')`. One pass over the text, with per-character tables (hot path of the matcher).
 */
export function tokenize(s: string, isNfc = false): Token[] {
  const text = isNfc ? s : s.normalize('NFC');
  const out: Token[] = [];
  const n = text.length;
  // the keys are built from char codes (flat strings hash faster than strings grown a char at a time)
  const plainCodes: number[] = [];
  const baseCodes: number[] = [];
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = c < TABLE_SIZE ? CLASS[c]! : classOf(c);
    if (k === NONE || k === APOSTROPHE || k === MARK) {
      i++;
      continue;
    }
    const start = i;
    plainCodes.length = 0;
    baseCodes.length = 0;
    let tone = '';
    let accented = false;
    let digits = true;
    while (i < n) {
      c = text.charCodeAt(i);
      k = c < TABLE_SIZE ? CLASS[c]! : classOf(c);
      if (k === NONE) break;
      i++;
      if (k === APOSTROPHE) continue;
      if (k === DIGIT) {
        plainCodes.push(c);
        baseCodes.push(c);
        continue;
      }
      digits = false;
      if (k === MARK) {
        const t = TONE_OF[text[i - 1]!];
        if (t) tone = t;
        accented = true;
        continue;
      }
      const inf = c < TABLE_SIZE ? INFO[c] : undefined;
      if (inf && inf.plainCode && inf.baseCode) {
        plainCodes.push(inf.plainCode);
        baseCodes.push(inf.baseCode);
        if (inf.tone) tone = inf.tone;
        if (inf.marked) accented = true;
      } else {
        const lower = inf ? inf.base : text[i - 1]!.toLowerCase();
        for (let j = 0; j < lower.length; j++) {
          plainCodes.push(inf && inf.plain.length === lower.length ? inf.plain.charCodeAt(j) : lower.charCodeAt(j));
          baseCodes.push(lower.charCodeAt(j));
        }
      }
    }
    const end = i;
    if (!plainCodes.length) continue;
    const plain = String.fromCharCode.apply(null, plainCodes);
    const dot = text.charCodeAt(end) === 46;
    if (digits) {
      const num = plain.length > 1 && plain.charCodeAt(0) === 48 ? plain.replace(/^0+(?=\d)/, '') : plain;
      out.push({ raw: text.slice(start, end), start, end, dot, plain: num, tone: num, accented: false });
      continue;
    }
    // "Q1", "P12", "F7": a letter glued to a number
    const first = plain.charCodeAt(0);
    if (plain.length > 1 && (first === 113 || first === 112 || first === 102) && /^[qpf]\d+$/.test(plain)) {
      const num = plain.slice(1).replace(/^0+(?=\d)/, '');
      out.push({ raw: text.slice(start, start + 1), start, end: start + 1, dot: false, plain: plain[0]!, tone: plain[0]!, accented: false });
      out.push({ raw: text.slice(start + 1, end), start: start + 1, end, dot, plain: num, tone: num, accented: false });
      continue;
    }
    const base = String.fromCharCode.apply(null, baseCodes);
    out.push({ raw: text.slice(start, end), start, end, dot, plain, tone: tone ? base + tone : base, accented });
  }
  return out;
}

/** Keys of one word (any case, NFC or NFD). Digits lose their leading zeros ("01" → "1"). */
export function wordKey(word: string): WordKey {
  const t = tokenize(word)[0];
  return t ? { plain: t.plain, tone: t.tone, accented: t.accented } : { plain: '', tone: '', accented: false };
}

/** Removes every diacritic and lowers the case: "Thành phố Hồ Chí Minh" → "thanh pho ho chi minh". */
export function plainText(s: string): string {
  return tokenize(s)
    .map((t) => t.plain)
    .join(' ');
}

/** The tone-placement-independent form: "Hoà Bình" and "Hòa Bình" → "hoa2 binh2". */
export function toneText(s: string): string {
  return tokenize(s)
    .map((t) => t.tone)
    .join(' ');
}

/** Key used for look-ups: plain words joined without spaces ("Đắk Lắk", "Dak Lak", "Daklak" → "daklak"). */
export function plainKey(tokens: readonly Token[]): string {
  let s = '';
  for (const t of tokens) s += t.plain;
  return s;
}

/** Key used to check the diacritics once a plain key matched. */
export function toneKey(tokens: readonly Token[]): string {
  let s = '';
  for (const t of tokens) s += t.tone + ' ';
  return s;
}
