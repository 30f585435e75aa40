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
}

const info = (base: string, plain: string, tone: string, marked: boolean): LetterInfo => ({ base, plain, tone, marked });

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
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = c < TABLE_SIZE ? CLASS[c]! : classOf(c);
    if (k === NONE || k === APOSTROPHE || k === MARK) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      c = text.charCodeAt(i);
      k = c < TABLE_SIZE ? CLASS[c]! : classOf(c);
      if (k === NONE) break;
      i++;
    }
    const end = i;
    const raw = text.slice(start, end);
    const w = wordOf(raw);
    if (!w.plain) continue;
    const dot = text.charCodeAt(end) === 46;
    if (w.glued) {
      // "Q1", "P12", "F7": a letter glued to a number
      out.push({ raw: raw.slice(0, 1), start, end: start + 1, dot: false, plain: w.glued, tone: w.glued, accented: false });
      out.push({ raw: raw.slice(1), start: start + 1, end, dot, plain: w.plain, tone: w.tone, accented: false });
      continue;
    }
    out.push({ raw, start, end, dot, plain: w.plain, tone: w.tone, accented: w.accented });
  }
  return out;
}

interface WordInfo extends WordKey {
  /** "q", "p" or "f" when the word is a letter glued to a number ("Q1"); plain/tone are then the number */
  glued: string | null;
}

/** Words seen before (the vocabulary of addresses is small): bounded, cleared when full. */
const WORDS = new Map<string, WordInfo>();
const WORDS_LIMIT = 100_000;

function wordOf(raw: string): WordInfo {
  let w = WORDS.get(raw);
  if (!w) {
    w = computeWord(raw);
    if (WORDS.size >= WORDS_LIMIT) WORDS.clear();
    WORDS.set(raw, w);
  }
  return w;
}

/** The keys of one word (letters, digits, combining marks, apostrophes), one character at a time. */
function computeWord(raw: string): WordInfo {
  let plain = '';
  let base = '';
  let tone = '';
  let accented = false;
  let digits = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const k = c < TABLE_SIZE ? CLASS[c]! : classOf(c);
    if (k === APOSTROPHE || k === NONE) continue;
    if (k === DIGIT) {
      plain += raw[i];
      base += raw[i];
      continue;
    }
    digits = false;
    if (k === MARK) {
      const t = TONE_OF[raw[i]!];
      if (t) tone = t;
      accented = true;
      continue;
    }
    const inf = c < TABLE_SIZE ? INFO[c] : undefined;
    if (inf) {
      plain += inf.plain;
      base += inf.base;
      if (inf.tone) tone = inf.tone;
      if (inf.marked) accented = true;
    } else {
      const lower = raw[i]!.toLowerCase();
      plain += lower;
      base += lower;
    }
  }
  // flat strings: they are hashed for look-ups
  plain = plain.split('').join('');
  if (digits) {
    const num = plain.replace(/^0+(?=\d)/, '');
    return { plain: num, tone: num, accented: false, glued: null };
  }
  if (/^[qpf]\d+$/.test(plain)) {
    const num = plain.slice(1).replace(/^0+(?=\d)/, '');
    return { plain: num, tone: num, accented: false, glued: plain[0]! };
  }
  return { plain, tone: (base + tone).split('').join(''), accented, glued: null };
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
