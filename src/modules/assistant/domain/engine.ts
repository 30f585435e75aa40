/**
 * The engine that understands a citizen's request and ranks the catalogue's procedures for it. Pure and in
 * memory: built once from the catalogue's summaries and the province's offering (2,642 rows), then every
 * question is answered in about a millisecond. Used by the portal search, the assistant, the kiosk and Zalo.
 *
 * Steps for a question (see docs/assistant.md and ADR 0110):
 *  1. tokens: NFC, Ð → Đ, one tone placement, folded forms (text.ts);
 *  2. life events recognised from trigger phrases ("vợ tôi mới sinh" → birth);
 *  3. rewrites: everyday words → the catalogue's words ("sổ đỏ" → "giấy chứng nhận quyền sử dụng đất");
 *  4. filler words dropped, unless they form a word pair of the catalogue with a neighbour ("căn cước" is
 *     kept when "can cuoc" is typed, though "cần" is a filler);
 *  5. typos corrected against the catalogue's own syllables (distance 1, 2 for long words), and words
 *     typed together split ("khaisinh");
 *  6. scoring: matched words weighted by rarity (name > field > other text), how much of the question and
 *     of the name is covered, word pairs in order, priors for what people usually need (commune level,
 *     offered in this province, for citizens), penalties for rare variants whose words were not said
 *     ("lại", "lưu động", …), and a boost for the procedures of a recognised life event.
 */
import { type Token, canonicalSyllable, editDistance, fromTelex, tokenize } from './text.ts';
import type { LifeEvent, VocabularyData } from './vocabulary.ts';

export type Level = 'ministry' | 'province' | 'commune' | 'other';
export type Channel = 'online' | 'in_person' | 'post';

/** What the engine needs of a procedure (the catalogue's summary plus the province's offering). */
export interface IndexRow {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  channels: Channel[];
  agency: string | null;
  /** Result documents and applicant labels, as extra words. */
  extra: string;
  /** Whether this province offers it. */
  offered: boolean;
  /** Whether citizens (not only organisations) can apply. */
  citizens: boolean;
}

interface Doc {
  row: IndexRow;
  nameFolded: string[];
  nameAccented: Set<string>;
  nameSet: Set<string>;
  /** Where each word first appears in the name (long names enumerate cases: their tail says less). */
  firstPos: Map<string, number>;
  nameBigrams: Set<string>;
  fieldSet: Set<string>;
  extraSet: Set<string>;
  /** Folded, space-padded first ten words of the name, for variant markers (later words are enumerations). */
  namePadded: string;
  /** The first eight words of the name. */
  head: Set<string>;
  /** Indices of the variant markers found in the name's first ten words. */
  variantIdx: number[];
  fieldFolded: string;
  contentCount: number;
  /** An age limit the name states ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên"). */
  age: { under: number | null; from: number | null };
}

interface PhraseRule {
  tokens: Token[];
  to: Token[] | null;
}

export interface Understood {
  /** The words actually searched (after rewrites, fillers and typo fixes), accented when known. */
  words: string[];
  events: LifeEvent[];
  /** Words corrected for typos: typed → used. */
  corrections: { from: string; to: string }[];
  /** Whether the question had any content word at all. */
  content: boolean;
}

export interface Ranked {
  code: string;
  name: string;
  score: number;
  /** Share of the question's weight found in this procedure (0..1). */
  coverage: number;
  /** Pairs of adjacent question words found together in the name. */
  pairs: number;
  row: IndexRow;
}

export interface RankResult {
  items: Ranked[];
  understood: Understood;
  /** 0..1: how sure the engine is that the first item is what was asked. */
  confidence: number;
}

export interface RankOptions {
  limit?: number;
  level?: Level;
  channel?: Channel;
  /** Folded field name. */
  field?: string;
}

const CODE = /^\d\.\d{6}$/;
/** Below this much rarity (the question's words' IDF summed) the engine never says it is sure. */
const MIN_CONFIDENT_WEIGHT = 4;
/** Letters typed at the start of a word for the sound they stand for ("fí" = "phí", "jấy" = "giấy", "zề" = "về"). */
const ONSET_SWAPS: Record<string, string[]> = { dz: ['d', 'gi'], f: ['ph'], j: ['gi'], z: ['d', 'gi', 'v'], w: ['qu'] };

function phraseTokens(s: string): Token[] {
  return tokenize(s);
}

/** Whether a typed token matches a vocabulary token: accented comparison when the writer used accents. */
function same(typed: Token, vocab: Token): boolean {
  if (typed.folded !== vocab.folded) return false;
  if (!typed.marked || !vocab.marked) return true;
  return typed.accented === vocab.accented;
}

function matchAt(tokens: Token[], i: number, phrase: Token[]): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (!same(tokens[i + k]!, phrase[k]!)) return false;
  return true;
}

/** A trigger phrase found in order with at most `gap` other words between its words; the positions used, or null. */
function matchLoose(tokens: Token[], phrase: Token[], gap = 2): number[] | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!same(tokens[i]!, phrase[0]!)) continue;
    const used = [i];
    let at = i;
    for (let k = 1; k < phrase.length; k++) {
      let found = -1;
      for (let j = at + 1; j <= Math.min(tokens.length - 1, at + 1 + gap); j++) {
        if (same(tokens[j]!, phrase[k]!)) {
          found = j;
          break;
        }
      }
      if (found < 0) break;
      used.push(found);
      at = found;
    }
    if (used.length === phrase.length) return used;
  }
  return null;
}

export class Engine {
  private docs: Doc[] = [];
  private byCode = new Map<string, Doc>();
  private idOf = new Map<string, number>();
  private postings = new Map<string, number[]>();
  private df = new Map<string, number>();
  private bigrams = new Set<string>();
  /** Folded word pair of the names → its accented readings ("can cuoc" → "căn cước"). */
  private pairReadings = new Map<string, Set<string>>();
  private syllables: string[] = [];
  private syllableSet = new Set<string>();
  /** Accented syllables of the catalogue's names and fields (what a Telex-typed word may be read as). */
  private accentedSet = new Set<string>();
  private rewrites: PhraseRule[] = [];
  /** Short forms by their folded spelling ("ko" → "không"). */
  private shorthands = new Map<string, { key: Token; to: Token[] }[]>();
  /** Per token of the rewritten question: the weight factor of a rewrite (a concept weighs about what it was typed as). */
  private fillers: Token[][] = [];
  private events: { event: LifeEvent; triggers: Token[][] }[] = [];
  private variants: { folded: string; penalty: number; impliedBy: string[] }[] = [];
  private weak: Token[][] = [];
  private common = new Map<string, number>();
  private corrections = new Map<string, string | null>();
  private byLength = new Map<number, string[]>();
  private rankOf = new Map<string, number>();

  constructor(rows: IndexRow[], vocabulary: VocabularyData) {
    const freq = new Map<string, number>();
    rows.forEach((row, id) => {
      const nameTokens = tokenize(row.name.replace(/^\s*thủ tục\s+/i, ''));
      const nameFolded = nameTokens.map((t) => t.folded);
      const doc: Doc = {
        row,
        nameFolded,
        nameAccented: new Set(nameTokens.map((t) => t.accented)),
        nameSet: new Set(nameFolded),
        firstPos: new Map(),
        nameBigrams: new Set(nameFolded.slice(1).map((w, i) => `${nameFolded[i]} ${w}`)),
        fieldSet: new Set(tokenize(row.field).map((t) => t.folded)),
        extraSet: new Set(tokenize(`${row.agency ?? ''} ${row.extra}`).map((t) => t.folded)),
        namePadded: ` ${nameFolded.slice(0, 10).join(' ')} `,
        head: new Set(nameFolded.slice(0, 8)),
        variantIdx: [],
        fieldFolded: tokenize(row.field).map((t) => t.folded).join(' '),
        contentCount: 0,
        age: ageLimits(nameFolded.join(' ')),
      };
      nameFolded.forEach((w, i) => {
        if (!doc.firstPos.has(w)) doc.firstPos.set(w, i);
      });
      this.docs.push(doc);
      this.byCode.set(row.code, doc);
      this.idOf.set(row.code, id);
      for (const b of doc.nameBigrams) this.bigrams.add(b);
      for (let k = 1; k < nameTokens.length; k++) {
        const key = `${nameTokens[k - 1]!.folded} ${nameTokens[k]!.folded}`;
        let readings = this.pairReadings.get(key);
        if (!readings) this.pairReadings.set(key, (readings = new Set()));
        readings.add(`${nameTokens[k - 1]!.accented} ${nameTokens[k]!.accented}`);
      }
      for (const w of new Set([...doc.nameSet, ...doc.fieldSet, ...doc.extraSet])) {
        let p = this.postings.get(w);
        if (!p) this.postings.set(w, (p = []));
        p.push(id);
      }
      for (const w of new Set([...doc.nameSet, ...doc.fieldSet])) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      for (const w of nameFolded) freq.set(w, (freq.get(w) ?? 0) + 1);
      for (const t of nameTokens) this.accentedSet.add(t.accented);
      for (const t of tokenize(row.field)) this.accentedSet.add(t.accented);
    });
    this.syllables = [...this.postings.keys()].sort((a, b) => (freq.get(b) ?? 0) - (freq.get(a) ?? 0));
    this.syllableSet = new Set(this.syllables);
    this.syllables.forEach((w, r) => this.rankOf.set(w, r));
    for (const w of this.syllables) {
      let b = this.byLength.get(w.length);
      if (!b) this.byLength.set(w.length, (b = []));
      b.push(w);
    }
    this.useVocabulary(vocabulary);
  }

  /** Replaces the vocabulary (officials' edits) without rebuilding the index. */
  useVocabulary(v: VocabularyData): void {
    this.shorthands = new Map();
    for (const r of v.shorthands ?? []) {
      const to = phraseTokens(r.to);
      for (const f of r.from) {
        const key = phraseTokens(f);
        if (key.length !== 1 || !to.length) continue;
        const list = this.shorthands.get(key[0]!.folded) ?? [];
        list.push({ key: key[0]!, to });
        this.shorthands.set(key[0]!.folded, list);
      }
    }
    const rules: PhraseRule[] = [];
    for (const r of v.rewrites) for (const f of r.from) rules.push({ tokens: phraseTokens(f), to: phraseTokens(r.to) });
    // longest phrase first, so that "làm sổ đỏ lần đầu" wins over "sổ đỏ"
    this.rewrites = rules.filter((r) => r.tokens.length).sort((a, b) => b.tokens.length - a.tokens.length);
    this.fillers = v.fillers.map(phraseTokens).filter((t) => t.length).sort((a, b) => b.length - a.length);
    this.events = v.lifeEvents.map((event) => ({ event, triggers: event.triggers.map(phraseTokens).filter((t) => t.length).sort((a, b) => b.length - a.length) }));
    const fold = (x: string) => tokenize(x).map((t) => t.folded).join(' ');
    this.variants = v.variants.map((m) => ({ folded: fold(m.words), penalty: m.penalty, impliedBy: (m.impliedBy ?? []).map(fold) }));
    this.weak = v.weak.map(phraseTokens).filter((t) => t.length);
    this.common = new Map(v.common.map((c, i) => [c, Math.max(0.3, 1.2 - 0.03 * i)]));
    this.vocabWords = null;
    this.vocabAccented = null;
    this.corrections.clear();
    const fillerNames = new Set(this.fillers.flatMap((f) => f.map((t) => t.folded)));
    for (const d of this.docs) d.variantIdx = this.variants.flatMap((m, i) => (d.namePadded.includes(` ${m.folded} `) ? [i] : []));
    for (const d of this.docs) d.contentCount = [...d.head].filter((w) => !fillerNames.has(w)).length || d.head.size;
  }

  get size(): number {
    return this.docs.length;
  }

  row(code: string): IndexRow | null {
    return this.byCode.get(code)?.row ?? null;
  }

  /** Life events whose procedures include this one (for "related procedures"). */
  eventsOf(code: string): LifeEvent[] {
    return this.events.map((e) => e.event).filter((e) => e.procedures.includes(code));
  }

  /** Steps 1–5: what the engine understood of a question. */
  understand(question: string): Understood & { tokens: Token[]; weights: number[]; triggerWords: string[][]; rawFolded: string[] } {
    // 1. short forms typed on a phone ("ko", "j", "bn") read as their words
    const raw: Token[] = [];
    for (const t of tokenize(question.slice(0, 500)).slice(0, 60)) {
      const sh = this.shorthands.get(t.folded)?.find((x) => x.key.accented === t.accented);
      if (sh) raw.push(...sh.to);
      else raw.push(t);
    }
    // 5a. typos and merged words first, so that rewrites and fillers see corrected words
    const corrections: { from: string; to: string }[] = [];
    const fixed: Token[] = [];
    const wasCorrected: boolean[] = [];
    for (const t of raw) {
      // Telex keys left as letters ("ddawng kys" → "đăng ký") when that reads as a known word
      const telex = this.fromTelex(t);
      if (telex) {
        corrections.push({ from: t.folded, to: telex.accented });
        fixed.push(telex);
        wasCorrected.push(false);
        continue;
      }
      if (this.known(t)) {
        wasCorrected.push(false);
        fixed.push(t);
        continue;
      }
      const split = this.split(t.folded);
      if (split) {
        corrections.push({ from: t.folded, to: split.join(' ') });
        for (const s of split) {
          fixed.push({ accented: s, folded: s, marked: false });
          wasCorrected.push(false);
        }
        continue;
      }
      const c = this.correct(t.folded);
      if (c) {
        corrections.push({ from: t.folded, to: c });
        fixed.push({ accented: c, folded: c, marked: false });
        wasCorrected.push(true);
      } else {
        fixed.push(t);
        wasCorrected.push(false);
      }
    }
    // 2. life events (trigger words in order, a couple of words apart at most: "bố tôi mới mất"), read after
    // the typos are fixed
    const events: LifeEvent[] = [];
    const triggerWords: string[][] = [];
    for (const e of this.events) {
      for (const t of e.triggers) {
        const used = matchLoose(fixed, t);
        if (used) {
          events.push(e.event);
          triggerWords.push(used.map((i) => fixed[i]!.folded));
          break;
        }
      }
    }
    // 3. rewrites
    const tokens: Token[] = [];
    const fromRewrite: boolean[] = [];
    const corrected: boolean[] = [];
    const rewriteFactor: number[] = [];
    for (let i = 0; i < fixed.length; ) {
      const rule = this.rewrites.find((r) => matchAt(fixed, i, r.tokens));
      if (rule?.to) {
        for (const t of rule.to) {
          tokens.push(t);
          fromRewrite.push(true);
          corrected.push(false);
          rewriteFactor.push(Math.sqrt(Math.min(1, Math.max(0.12, rule.tokens.length / rule.to.length))));
        }
        i += rule.tokens.length;
      } else {
        tokens.push(fixed[i]!);
        fromRewrite.push(false);
        corrected.push(wasCorrected[i]!);
        rewriteFactor.push(1);
        i++;
      }
    }
    // 4. fillers (kept when they make a word pair of the catalogue with a neighbour)
    const drop = new Array<boolean>(tokens.length).fill(false);
    for (let i = 0; i < tokens.length; ) {
      const f = fromRewrite[i] ? undefined : this.fillers.find((p) => matchAt(tokens, i, p));
      if (!f) {
        i++;
        continue;
      }
      for (let k = i; k < i + f.length; k++) {
        const prev = tokens[k - 1];
        const next = tokens[k + 1];
        // an unaccented word that reads as a filler with accents ("can" = "cần") keeps its place when,
        // with a neighbour, it spells a catalogue word pair read otherwise ("can cuoc" = "căn cước")
        const filler = f[k - i]!.accented;
        const otherReading = (key: string, pos: 0 | 1) => [...(this.pairReadings.get(key) ?? [])].some((r) => r.split(' ')[pos] !== filler);
        const t = tokens[k]!;
        const keep =
          !t.marked &&
          f[k - i]!.marked &&
          ((prev && !drop[k - 1] && otherReading(`${prev.folded} ${t.folded}`, 1)) || (next && otherReading(`${t.folded} ${next.folded}`, 0)));
        drop[k] = !keep;
      }
      i += f.length;
    }
    // weak words (people): a third of their weight
    const weak = new Array<boolean>(tokens.length).fill(false);
    for (let i = 0; i < tokens.length; i++) {
      const w = fromRewrite[i] ? undefined : this.weak.find((p) => matchAt(tokens, i, p));
      if (w) for (let k = i; k < i + w.length; k++) weak[k] = true;
    }
    // rewritten words count a little more, corrected ones less (the fix may be wrong)
    const factor = tokens.map((_, i) => (weak[i] ? 0.3 : 1) * (fromRewrite[i] ? 1.1 * rewriteFactor[i]! : 1) * (corrected[i] ? 0.7 : 1));
    const keep = tokens.map((_, i) => !drop[i]);
    const kept = tokens.filter((_, i) => keep[i]);
    const weights = factor.filter((_, i) => keep[i]);
    const content = kept.some((t) => this.postings.has(t.folded)) || events.length > 0;
    return { words: kept.map((t) => t.accented), events, corrections, content, tokens: kept, weights, triggerWords, rawFolded: fixed.map((t) => t.folded) };
  }

  /**
   * The word read as typed with Telex keys ("kys" → "ký"), or with a phone's letter swaps at its start
   * ("fí" → "phí", "jấy" → "giấy", "zề" → "về"), when it is no known word as it stands and reads as one.
   */
  private fromTelex(t: Token): Token | null {
    if (this.syllableSet.has(t.folded) || this.isVocabularyWord(t.folded) || /\d/.test(t.folded)) return null;
    const readings: string[] = [];
    const tx = fromTelex(t.accented);
    if (tx) readings.push(tx);
    const swap = t.accented.match(/^(dz|f|j|z|w)(.+)$/);
    if (swap) for (const onset of ONSET_SWAPS[swap[1]!]!) readings.push(onset + swap[2]!);
    for (const r of readings) {
      const tok = tokenize(r)[0];
      if (!tok) continue;
      const ok = tok.marked ? this.accentedSet.has(tok.accented) || this.vocabularyAccented().has(tok.accented) : this.syllableSet.has(tok.folded);
      if (ok) return tok;
    }
    return null;
  }

  private vocabAccented: Set<string> | null = null;
  private vocabularyAccented(): Set<string> {
    if (!this.vocabAccented) {
      this.vocabAccented = new Set();
      for (const r of this.rewrites) for (const t of r.tokens) if (t.marked) this.vocabAccented.add(t.accented);
      for (const f of this.fillers) for (const t of f) if (t.marked) this.vocabAccented.add(t.accented);
      for (const e of this.events) for (const tr of e.triggers) for (const t of tr) if (t.marked) this.vocabAccented.add(t.accented);
    }
    return this.vocabAccented;
  }

  private known(t: Token): boolean {
    return this.syllableSet.has(t.folded) || /\d/.test(t.folded) || t.folded.length <= 3 || this.isVocabularyWord(t.folded);
  }

  private vocabWords: Set<string> | null = null;
  private isVocabularyWord(w: string): boolean {
    if (!this.vocabWords) {
      this.vocabWords = new Set();
      for (const r of this.rewrites) for (const t of r.tokens) this.vocabWords.add(t.folded);
      for (const f of this.fillers) for (const t of f) this.vocabWords.add(t.folded);
      for (const e of this.events) for (const tr of e.triggers) for (const t of tr) this.vocabWords.add(t.folded);
    }
    return this.vocabWords.has(w);
  }

  /** "khaisinh" → ["khai", "sinh"] when both halves are syllables of the catalogue. */
  private split(w: string): string[] | null {
    if (w.length < 5) return null;
    for (let i = 2; i <= w.length - 2; i++) {
      const a = w.slice(0, i);
      const b = w.slice(i);
      if (this.syllableSet.has(a) && this.syllableSet.has(b) && this.bigrams.has(`${a} ${b}`)) return [a, b];
    }
    return null;
  }

  /** The most common catalogue syllable within distance 1 (2 for words of 7+ letters). */
  private correct(w: string): string | null {
    if (w.length < 4 || /\d/.test(w)) return null;
    const cached = this.corrections.get(w);
    if (cached !== undefined) return cached;
    const max = w.length >= 7 ? 2 : 1;
    let best: string | null = null;
    let bestD = max + 1;
    let bestRank = Infinity;
    for (let len = w.length - max; len <= w.length + max; len++) {
      const bucket = this.byLength.get(len) ?? [];
      for (const cand of bucket) {
        const d = editDistance(w, cand, max);
        if (d > max) continue;
        const r = this.rankOf.get(cand)!;
        if (d < bestD || (d === bestD && r < bestRank)) {
          best = cand;
          bestD = d;
          bestRank = r;
        }
      }
    }
    if (this.corrections.size > 5000) this.corrections.clear();
    this.corrections.set(w, best);
    return best;
  }

  private idf(w: string): number {
    const df = this.df.get(w) ?? 0;
    return Math.log(1 + this.docs.length / (1 + df));
  }

  /** Step 6: the procedures for a question, best first. */
  rank(question: string, opts: RankOptions = {}): RankResult {
    const limit = opts.limit ?? 10;
    const trimmed = question.trim();
    const codeHit = trimmed.match(/\b\d\.\d{6}\b/);
    const u = this.understand(question);
    const understood: Understood = { words: u.words, events: u.events, corrections: u.corrections, content: u.content };
    const pass = (d: Doc) =>
      (!opts.level || d.row.levels.includes(opts.level)) &&
      (!opts.channel || d.row.channels.includes(opts.channel)) &&
      (!opts.field || d.fieldFolded === opts.field);
    if (codeHit && CODE.test(codeHit[0])) {
      const d = this.byCode.get(codeHit[0]);
      if (d && pass(d)) return { items: [{ code: d.row.code, name: d.row.name, score: 100, coverage: 1, pairs: 0, row: d.row }], understood, confidence: 1 };
    }

    // a recognised life event stands for its trigger words ("qua đời", "mới sinh"): those that are not words of
    // the event's procedures are not searched on their own ("qua", "đời" would find "thông qua", "đổi")
    const eventOnly = new Set<string>();
    u.events.forEach((e, k) => {
      for (const w of u.triggerWords[k] ?? []) if (!e.procedures.some((c) => this.byCode.get(c)?.nameSet.has(w))) eventOnly.add(w);
    });
    // query words with weights (duplicates once)
    const seen = new Set<string>();
    const words: { t: Token; w: number }[] = [];
    u.tokens.forEach((t, i) => {
      if (seen.has(t.folded) || !this.postings.has(t.folded) || eventOnly.has(t.folded)) return;
      seen.add(t.folded);
      words.push({ t, w: Math.min(this.idf(t.folded), 6) * u.weights[i]! });
    });
    const qBigrams: string[] = [];
    for (let i = 1; i < u.tokens.length; i++) qBigrams.push(`${u.tokens[i - 1]!.folded} ${u.tokens[i]!.folded}`);
    const qFolded = u.tokens.map((t) => t.folded);
    const qPadded = ` ${qFolded.join(' ')} `;
    const rawPadded = ` ${u.rawFolded.join(' ')} `;
    const age = askedAge(rawPadded);
    // words typed as part of a compound the catalogue knows ("hộ chiếu", "căn cước", "lần đầu"): a name that has
    // the word but not the compound ("hộ kinh doanh") matches it only weakly
    const compounds = new Map<string, string[]>();
    for (const b of qBigrams) {
      if (!this.bigrams.has(b)) continue;
      const [x, y] = b.split(' ') as [string, string];
      if (x === y) continue;
      for (const w of [x, y]) compounds.set(w, [...(compounds.get(w) ?? []), b]);
    }
    const total = words.reduce((s, x) => s + x.w, 0);

    const candidates = new Set<number>();
    // candidates come from the question's distinctive words (those in fewer than a fifth of the
    // procedures) when it has any: a procedure sharing only "đăng ký" or "cấp" cannot come first
    const limitDf = this.docs.length / 5;
    const distinctive = words.filter(({ t }) => (this.postings.get(t.folded)?.length ?? 0) < limitDf);
    for (const { t } of distinctive.length ? distinctive : words) for (const id of this.postings.get(t.folded) ?? []) candidates.add(id);
    const eventBoost = new Map<string, number>();
    // a recognised event counts as if its procedures had the trigger words in their names
    u.events.forEach((e, k) => {
      const mass = (u.triggerWords[k] ?? []).reduce((m, w) => m + Math.min(this.idf(w), 6), 0);
      e.procedures.forEach((code, i) => eventBoost.set(code, Math.max(eventBoost.get(code) ?? 0, (3 + 2 * mass) * Math.max(0.3, 1 - 0.2 * i))));
    });
    for (const code of eventBoost.keys()) {
      const d = this.byCode.get(code);
      if (d) candidates.add(this.idOf.get(code)!);
    }
    const mentionsOrg = /\b(doanh nghiep|cong ty|to chuc|hop tac xa)\b/.test(qPadded);

    // pass 1 (cheap): matched weight per candidate; pass 2 only for those near the best coverage
    const first: { id: number; s: number; mass: number; nameHits: number }[] = [];
    let bestMass = 0;
    for (const id of candidates) {
      const d = this.docs[id]!;
      if (!pass(d)) continue;
      let s = 0;
      let mass = 0;
      let nameHits = 0;
      for (const { t, w } of words) {
        if (d.nameSet.has(t.folded)) {
          const accentOk = !t.marked || d.nameAccented.has(t.accented);
          const pairs = compounds.get(t.folded);
          const whole = !pairs || pairs.some((b) => d.nameBigrams.has(b));
          const at = d.firstPos.get(t.folded) ?? 0;
          const f = (whole ? 1 : 0.4) * (at < 12 ? 1 : at < 30 ? 0.6 : 0.35);
          const inField = d.fieldSet.has(t.folded);
          s += Math.max(3 * w * (accentOk ? 1 : 0.6) * f, inField ? 1.2 * w : 0);
          mass += Math.max(w * (accentOk ? 1 : 0.7) * f, inField ? w * 0.6 : 0);
          if (whole && d.head.has(t.folded)) nameHits++;
        } else if (d.fieldSet.has(t.folded)) {
          s += 1.2 * w;
          mass += w * 0.6;
        } else if (d.extraSet.has(t.folded)) {
          s += 0.4 * w;
          mass += w * 0.25;
        }
      }
      if (mass === 0 && !eventBoost.has(d.row.code)) continue;
      if (mass > bestMass) bestMass = mass;
      first.push({ id, s, mass, nameHits });
    }
    const scored: Ranked[] = [];
    const floor = first.length > 60 ? bestMass * 0.4 : 0;
    for (const { id, s, mass, nameHits } of first) {
      const d = this.docs[id]!;
      const r = d.row;
      if (mass < floor && !eventBoost.has(r.code)) continue;
      const coverage = total > 0 ? mass / total : 0;
      const nameCoverage = Math.min(1, nameHits / Math.max(1, d.contentCount));
      let bigramHits = 0;
      for (const b of qBigrams) if (d.nameBigrams.has(b)) bigramHits++;
      const run = bigramHits ? longestRun(qFolded, d.nameFolded) : { length: nameHits ? 1 : 0, atStart: false };
      let score = s * (0.25 + 0.75 * coverage * coverage) + 4 * nameCoverage * coverage + 1.2 * bigramHits + 1.5 * Math.max(0, run.length - 1) + (run.atStart && run.length >= 2 ? 2 : 0);
      // priors: what people usually need
      if (r.levels.includes('commune')) score += 1.5;
      else if (r.levels.includes('province')) score += 0.6;
      else if (r.levels.every((l) => l === 'ministry')) score -= 1;
      if (r.offered) score += 1;
      if (r.citizens && !mentionsOrg) score += 0.6;
      score += this.common.get(r.code) ?? 0;
      for (const v of d.variantIdx) {
        const m = this.variants[v]!;
        // "bị mất", "hết hạn" ask for the variant ("cấp lại", "đổi") without naming it
        if (m.impliedBy.some((x) => rawPadded.includes(` ${x} `))) score += 1.5;
        else if (!qPadded.includes(` ${m.folded} `)) score -= m.penalty;
      }
      score += eventBoost.get(r.code) ?? 0;
      // an age said ("bé 5 tuổi", "trẻ em") against the name's age limit
      if (age != null && d.age.under != null) score += age < d.age.under ? 2.5 : -3;
      if (age != null && d.age.from != null) score += age >= d.age.from ? 1 : -3;
      scored.push({ code: r.code, name: r.name, score: Math.round(score * 100) / 100, coverage: Math.round(coverage * 100) / 100, pairs: bigramHits, row: r });
    }
    scored.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code));
    // keep those reasonably close to the best coverage (a focused list), never empty while anything matched
    const bestCoverage = scored.reduce((m, x) => Math.max(m, x.coverage), 0);
    const focused = scored.filter((x, i) => i < 3 || x.coverage >= bestCoverage * 0.5 || eventBoost.has(x.code));
    const items = focused.slice(0, Math.max(limit, 0) || focused.length);
    // words that belong together in the question ("thời tiết") but only match apart are a weak sign
    const together = qBigrams.some((b) => this.bigrams.has(b) || b.split(' ').every((w) => this.postings.has(w)));
    // the event counts for the confidence only when its procedure comes first
    let confidence = confidenceOf(focused, total, !!focused[0] && eventBoost.has(focused[0].code), together);
    // a question made only of words found everywhere ("cấp lại", "giấy phép") is never answered with confidence
    if (!eventBoost.size && total < MIN_CONFIDENT_WEIGHT) confidence = Math.min(confidence, 0.45);
    return { items, understood, confidence };
  }

  /** Every matching procedure (for the portal search: pages and facets over the whole set). */
  rankAll(question: string, opts: RankOptions = {}): RankResult {
    return this.rank(question, { ...opts, limit: 0 });
  }
}

/** The age limits a (folded) procedure name states: "duoi 14 tuoi" (under), "tu du 14 tuoi" / "du 14 tuoi tro len" (from). */
export function ageLimits(name: string): { under: number | null; from: number | null } {
  const under = name.match(/\bduoi (\d{1,2}) tuoi\b/);
  const from = name.match(/\b(?:tu )?du (\d{1,2}) tuoi\b/);
  return { under: under ? Number(under[1]) : null, from: from ? Number(from[1]) : null };
}

/** The age a (folded, padded) question speaks of: "5 tuoi" ("duoi 14 tuoi": 13), or a young child ("tre em", "em be", "be") as 3. */
export function askedAge(q: string): number | null {
  const n = q.match(/ (?:(duoi|tren) )?(\d{1,3}) tuoi /);
  if (n) return Number(n[2]) + (n[1] === 'duoi' ? -1 : n[1] === 'tren' ? 1 : 0);
  return / (tre em|tre nho|em be|be|con nho|chau be|so sinh) /.test(q) ? 3 : null;
}

/** The longest run of query words found in the same order, contiguous, in the name; and whether it starts the name. */
export function longestRun(q: string[], name: string[]): { length: number; atStart: boolean } {
  let best = 0;
  let atStart = false;
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < name.length; j++) {
      let k = 0;
      while (i + k < q.length && j + k < name.length && q[i + k] === name[j + k]) k++;
      if (k > best || (k === best && j === 0)) {
        if (k > best) atStart = j === 0;
        else atStart = atStart || j === 0;
        best = k;
      }
    }
  }
  return { length: best, atStart };
}

/**
 * 0..1 from the first score's margin over the second and how much of the question it covers. Below 0.5
 * the assistant offers choices instead of answering.
 */
export function confidenceOf(items: Ranked[], totalWeight: number, event: boolean, pairsExpected = false): number {
  const a = items[0];
  if (!a || totalWeight <= 0 && !event) return 0;
  const b = items[1];
  const margin = b ? a.score - b.score : a.score;
  const m = Math.min(1, Math.max(0, margin / 2));
  const c = event && totalWeight <= 0 ? 0.6 : a.coverage;
  // a full match is not enough when others match as well ("đăng ký"): the margin decides
  let v = c * (0.45 + 0.55 * m) + (event ? 0.1 : 0);
  if (pairsExpected && a.pairs === 0 && !event) v *= 0.6;
  return Math.round(Math.min(1, Math.max(0, v)) * 100) / 100;
}

export { canonicalSyllable };
