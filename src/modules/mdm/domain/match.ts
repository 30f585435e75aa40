/**
 * Entity resolution for persons (pure): blocking, Fellegi–Sunter comparison levels suited to Vietnamese
 * records, m/u estimated without labels (u from random pairs, m and the match prior by EM over the blocked
 * pairs), term-frequency adjustment of exact name agreements, thresholds, and clusters by union–find.
 * Splink's design is the reference (ADR 0100).
 */
import { fold, jaroWinkler, levenshtein } from './text.ts';
import { KeyIds, PairTable } from './key-table.ts';
import type { CleanPerson } from './person.ts';

/** What the matcher needs of a record: plain keys computed once. */
export interface MatchRecord {
  /** folded full name "nguyen thi minh khai" ('' when missing) */
  name: string;
  family: string;
  middle: string;
  given: string;
  /** yyyymmdd for a full date, 0 when missing or not a full date */
  birth: number;
  /** birth year, 0 when unknown */
  year: number;
  /** 1 male, 2 female, 0 unknown */
  sex: number;
  pid: string;
  oldId: string;
  phone: string;
  /** new communes of the person's addresses (code list joined by ',') */
  communes: string;
  /** old communes named in the addresses */
  oldCommunes: string;
}

export function toMatchRecord(p: CleanPerson): MatchRecord {
  const n = p.name;
  const communes = [p.permanentAddress?.newCommuneCode, p.currentAddress?.newCommuneCode].filter(Boolean).join(',');
  const oldCommunes = [p.permanentAddress?.oldCommuneCode, p.currentAddress?.oldCommuneCode].filter(Boolean).join(',');
  return {
    name: n?.key ?? '',
    family: n ? fold(n.family) : '',
    middle: n ? fold(n.middle) : '',
    given: n ? fold(n.given) : '',
    birth: p.birth?.precision === 'day' ? p.birth.year * 10000 + p.birth.month! * 100 + p.birth.day! : 0,
    year: p.birth?.year ?? 0,
    sex: p.sex === 'male' ? 1 : p.sex === 'female' ? 2 : 0,
    pid: p.pid ?? '',
    oldId: p.oldId ?? '',
    phone: p.phone ?? '',
    communes,
    oldCommunes,
  };
}

// ---------------------------------------------------------------------------------------------------
// comparisons: each returns a level (0 = disagree … highest = agree exactly) or -1 when a side is missing

export interface Comparison<R = MatchRecord> {
  name: string;
  /** Vietnamese label of each level, lowest first */
  levels: readonly string[];
  compare(a: R, b: R): number;
}

function intersects(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  // one commune each (most records: one address), and different
  if (a.indexOf(',') < 0 && b.indexOf(',') < 0) return false;
  const as = a.split(',');
  for (const x of b.split(',')) if (as.includes(x)) return true;
  return false;
}

/**
 * Both given names known and clearly different: more than one typing error apart (a swap of two
 * neighbouring letters counts as one), and not family and given names swapped.
 */
export function otherGivenName(a: MatchRecord, b: MatchRecord): boolean {
  // asked up to three times for one pair (name, phone, commune): the last answer is kept (records are not changed)
  if (a === lastA && b === lastB) return lastOther;
  lastA = a;
  lastB = b;
  return (lastOther = otherGivenNameOf(a, b));
}
let lastA: MatchRecord | null = null;
let lastB: MatchRecord | null = null;
let lastOther = false;

function otherGivenNameOf(a: MatchRecord, b: MatchRecord): boolean {
  if (!a.given || !b.given || a.given === b.given) return false;
  if (a.given === b.family && a.family === b.given) return false;
  if (levenshtein(a.given, b.given, 2) <= 1) return false;
  if (a.given.length === b.given.length && [...a.given].sort().join('') === [...b.given].sort().join('') && levenshtein(a.given, b.given, 2) <= 2) return false;
  return true;
}

export const COMPARISONS: readonly Comparison<MatchRecord>[] = [
  {
    name: 'name',
    levels: [
      'khác hẳn',
      'gần giống (Jaro–Winkler ≥ 0,85)',
      'cùng họ và tên gọi, tên đệm khác',
      'gần giống (Jaro–Winkler ≥ 0,94, lỗi gõ) hoặc đảo họ và tên',
      'cùng họ và tên gọi, tên đệm bị bỏ hoặc thêm',
      'trùng họ tên (không kể dấu)',
    ],
    compare(a, b) {
      if (!a.name || !b.name) return -1;
      if (a.name === b.name) return 5;
      if (a.family === b.family && a.given === b.given) {
        if (!a.middle || !b.middle || a.middle.includes(b.middle) || b.middle.includes(a.middle)) return 4;
        return 2;
      }
      // family and given swapped, or the given name typed first
      if (a.given === b.family && a.family === b.given) return 3;
      // another given name (siblings, twins share everything else): the whole names' similarity does not count
      if (otherGivenName(a, b)) return 0;
      const s = jaroWinkler(a.name, b.name);
      if (s >= 0.94) return 3;
      return s >= 0.85 ? 1 : 0;
    },
  },
  {
    name: 'birth',
    levels: ['khác năm sinh', 'cùng năm, khác cả ngày và tháng', 'cùng năm (một bên chỉ có năm)', 'lệch ngày hoặc tháng (lỗi gõ)', 'đảo ngày và tháng', 'trùng ngày sinh'],
    compare(a, b) {
      if (!a.year || !b.year) return -1;
      if (a.year !== b.year) return 0;
      if (!a.birth || !b.birth) return 2;
      if (a.birth === b.birth) return 5;
      const ad = a.birth % 100;
      const am = Math.floor(a.birth / 100) % 100;
      const bd = b.birth % 100;
      const bm = Math.floor(b.birth / 100) % 100;
      if (ad === bm && am === bd) return 4;
      if (ad === bd || am === bm) return 3;
      return 1;
    },
  },
  {
    name: 'id',
    levels: ['khác số giấy tờ', 'trùng số định danh hoặc CMND'],
    compare(a, b) {
      if (a.pid && b.pid) return a.pid === b.pid ? 1 : 0;
      if (a.oldId && b.oldId) return a.oldId === b.oldId ? 1 : 0;
      return -1;
    },
  },
  {
    name: 'phone',
    levels: ['khác số điện thoại', 'trùng số điện thoại'],
    compare(a, b) {
      if (!a.phone || !b.phone) return -1;
      if (a.phone !== b.phone) return 0;
      // a phone shared with someone of another given name is the household's: no evidence either way
      return otherGivenName(a, b) ? -1 : 1;
    },
  },
  {
    name: 'commune',
    levels: ['khác xã', 'cùng xã mới', 'cùng xã cũ'],
    compare(a, b) {
      // family members share the address: with another given name it says nothing
      if (otherGivenName(a, b)) return -1;
      if (intersects(a.oldCommunes, b.oldCommunes)) return 2;
      if (!a.communes || !b.communes) return -1;
      return intersects(a.communes, b.communes) ? 1 : 0;
    },
  },
  {
    name: 'sex',
    levels: ['khác giới tính', 'cùng giới tính'],
    compare(a, b) {
      if (!a.sex || !b.sex) return -1;
      return a.sex === b.sex ? 1 : 0;
    },
  },
];

/** Packs the levels of a pair into one number (4 bits per comparison, 15 = missing). */
/** The person comparisons, typed for any record (the default of the generic functions below). */
const personDefault = <R>() => COMPARISONS as unknown as readonly Comparison<R>[];

export function comparePair<R = MatchRecord>(a: R, b: R, comparisons: readonly Comparison<R>[] = personDefault<R>()): number {
  let code = 0;
  for (let k = 0; k < comparisons.length; k++) {
    const l = comparisons[k]!.compare(a, b);
    code |= (l < 0 ? 15 : l) << (4 * k);
  }
  return code >>> 0;
}

export function levelOf(code: number, k: number): number {
  const l = (code >>> (4 * k)) & 15;
  return l === 15 ? -1 : l;
}

// ---------------------------------------------------------------------------------------------------
// blocking

export interface BlockingRule<R = MatchRecord> {
  name: string;
  key(r: R): string;
  /**
   * asymmetric rule: records are indexed under `key` (few records: e.g. those with a year-only date) and
   * every record looks itself up under `probe` (e.g. all records with that family, given name and year)
   */
  probe?(r: R): string;
  /** comparisons whose agreement the rule forces (not learnt from this rule's pairs, as in Splink's training sessions) */
  fixes: readonly string[];
  /**
   * whether m is learnt from this rule's pairs: a rule whose blocks are mostly different people sharing a
   * common name (family+given+year) would let EM take them for the matching class; such rules only add recall
   */
  train: boolean;
  /**
   * the same key as two 32-bit integers written to `out` (false when the rule gives the record no key, or
   * when a frozen index has never seen a part of it): two records get equal numbers exactly when their `key`
   * strings are equal. Blocking then builds and hashes no string (key-table.ts); a test holds both equal.
   */
  code?(r: R, ids: KeyIds, out: Int32Array): boolean;
  /** `probe` as numbers, the same way */
  probeCode?(r: R, ids: KeyIds, out: Int32Array): boolean;
}

function swapKey(birth: number): string {
  const d = birth % 100;
  const m = Math.floor(birth / 100) % 100;
  return d < m ? `${d}-${m}` : `${m}-${d}`;
}

/** swapKey as a number: the day and the month, smaller first (dd or mm × 100 + the other) */
function swapCode(birth: number): number {
  const d = birth % 100;
  const m = Math.floor(birth / 100) % 100;
  return d < m ? d * 100 + m : m * 100 + d;
}

// the numbers of the keys below (a folded name holds no '|', so the parts of a key string are the parts here)
const one = (s: string, ids: KeyIds, out: Int32Array): boolean => {
  if (!s) return false;
  out[0] = ids.str(s);
  out[1] = 0;
  return out[0] >= 0;
};
const two = (x: number, y: number, out: Int32Array): boolean => {
  out[0] = x;
  out[1] = y;
  return x >= 0;
};
const familyGiven = (r: MatchRecord, ids: KeyIds) => ids.pair(ids.str(r.family), ids.str(r.given));

export const BLOCKING_RULES: readonly BlockingRule<MatchRecord>[] = [
  { name: 'pid', key: (r) => r.pid, code: (r, ids, out) => one(r.pid, ids, out), fixes: ['id'], train: true },
  { name: 'old_id', key: (r) => r.oldId, code: (r, ids, out) => one(r.oldId, ids, out), fixes: ['id'], train: true },
  // a household shares a phone: its pairs would teach EM that different names match
  { name: 'phone', key: (r) => r.phone, code: (r, ids, out) => one(r.phone, ids, out), fixes: ['phone'], train: false },
  {
    name: 'given+birth',
    key: (r) => (r.given && r.birth ? `${r.given}|${r.birth}` : ''),
    code: (r, ids, out) => !!(r.given && r.birth) && two(ids.str(r.given), r.birth, out),
    fixes: ['name', 'birth'],
    train: true,
  },
  // a swapped day and month, or a typo in the day or in the month
  {
    name: 'given+swapped-date',
    key: (r) => (r.given && r.birth ? `${r.given}|${Math.floor(r.birth / 10000)}|${swapKey(r.birth)}` : ''),
    code: (r, ids, out) => !!(r.given && r.birth) && two(ids.str(r.given), Math.floor(r.birth / 10000) * 10000 + swapCode(r.birth), out),
    fixes: ['name', 'birth'],
    train: false,
  },
  {
    name: 'family+given+year+month',
    key: (r) => (r.given && r.birth ? `${r.family}|${r.given}|${Math.floor(r.birth / 100)}` : ''),
    code: (r, ids, out) => !!(r.given && r.birth) && two(familyGiven(r, ids), Math.floor(r.birth / 100), out),
    fixes: ['name', 'birth'],
    train: false,
  },
  {
    name: 'family+given+year+day',
    key: (r) => (r.given && r.birth ? `${r.family}|${r.given}|${Math.floor(r.birth / 10000)}|${r.birth % 100}` : ''),
    code: (r, ids, out) => !!(r.given && r.birth) && two(familyGiven(r, ids), Math.floor(r.birth / 10000) * 100 + (r.birth % 100), out),
    fixes: ['name', 'birth'],
    train: false,
  },
  // a typo in the given name (its first letter is rarely wrong)
  {
    name: 'family+initial+birth',
    key: (r) => (r.family && r.given && r.birth ? `${r.family}|${r.given[0]}|${r.birth}` : ''),
    code: (r, ids, out) => !!(r.family && r.given && r.birth) && two(ids.pair(ids.str(r.family), r.given.charCodeAt(0)), r.birth, out),
    fixes: ['name', 'birth'],
    train: false,
  },
  // a date known only by its year: same family, given name and year
  {
    name: 'family+given+year (year only)',
    key: (r) => (r.given && r.year && !r.birth ? `${r.family}|${r.given}|${r.year}` : ''),
    probe: (r) => (r.given && r.year ? `${r.family}|${r.given}|${r.year}` : ''),
    code: (r, ids, out) => !!(r.given && r.year && !r.birth) && two(familyGiven(r, ids), r.year, out),
    probeCode: (r, ids, out) => !!(r.given && r.year) && two(familyGiven(r, ids), r.year, out),
    fixes: ['name', 'birth'],
    train: false,
  },
];

/** Blocks larger than this are not compared (a key too common to separate anyone); reported in the stats. */
export const MAX_BLOCK = 400;

export interface PairSet {
  a: Int32Array;
  b: Int32Array;
  code: Uint32Array;
  /** the blocking rule that found the pair */
  rule: Uint8Array;
  length: number;
}

function growPairs(p: PairSet, need: number): PairSet {
  if (need <= p.a.length) return p;
  const cap = Math.max(need, p.a.length * 2);
  const a = new Int32Array(cap);
  a.set(p.a.subarray(0, p.length));
  const b = new Int32Array(cap);
  b.set(p.b.subarray(0, p.length));
  const code = new Uint32Array(cap);
  code.set(p.code.subarray(0, p.length));
  const rule = new Uint8Array(cap);
  rule.set(p.rule.subarray(0, p.length));
  return { a, b, code, rule, length: p.length };
}

export interface BlockIndex<R = MatchRecord> {
  rules: readonly BlockingRule<R>[];
  /** the numbers of key parts (rules with `code`), frozen once the index is built */
  ids: KeyIds;
  /** per rule: key → block number (blocks numbered in the order their key was first seen); a table of number pairs for rules with `code` */
  blockOf: (Map<string, number> | PairTable)[];
  /** per rule, per record: the record's block number, -1 when the rule gives it no key */
  block: Int32Array[];
  /** per rule, per block: its last record (the members are chained through `next`, newest first) */
  head: Int32Array[];
  /** per rule, per block: how many records it holds */
  size: Int32Array[];
  /** per rule, per record: the next (older) record of the same block, -1 at the end */
  next: Int32Array[];
}

/**
 * Records grouped by each rule's key, turned into a block number once per record and rule (as two numbers
 * for rules with `code`, else as the key string); everything after works on typed arrays of numbers.
 */
export function buildBlockIndex<R = MatchRecord>(records: readonly R[], rules: readonly BlockingRule<R>[] = BLOCKING_RULES as unknown as readonly BlockingRule<R>[]): BlockIndex<R> {
  const n = records.length;
  const ids = new KeyIds();
  const out = new Int32Array(2);
  const tables = rules.map((rule) => (rule.code ? new PairTable(Math.min(n, 1 << 16)) : null));
  const maps = rules.map(() => new Map<string, number>());
  const block = rules.map(() => new Int32Array(n));
  const next = rules.map(() => new Int32Array(n));
  const head = rules.map(() => new Int32Array(1024));
  const size = rules.map(() => new Int32Array(1024));
  const blocks = new Int32Array(rules.length);
  // record by record, every rule: the parts of one record's keys (its names) are looked up one after the other
  for (let i = 0; i < n; i++) {
    const rec = records[i]!;
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r]!;
      const table = tables[r];
      const bl = block[r]!;
      const nx = next[r]!;
      let b: number;
      if (table) {
        if (!rule.code!(rec, ids, out)) {
          bl[i] = -1;
          nx[i] = -1;
          continue;
        }
        b = table.add(out[0]!, out[1]!);
      } else {
        const k = rule.key(rec);
        if (!k) {
          bl[i] = -1;
          nx[i] = -1;
          continue;
        }
        const map = maps[r]!;
        const known = map.get(k);
        if (known === undefined) map.set(k, (b = map.size));
        else b = known;
      }
      let hd = head[r]!;
      let sz = size[r]!;
      if (b === blocks[r]) {
        blocks[r]!++;
        if (b >= hd.length) {
          const h2 = new Int32Array(hd.length * 2);
          h2.set(hd);
          head[r] = hd = h2;
          const s2 = new Int32Array(sz.length * 2);
          s2.set(sz);
          size[r] = sz = s2;
        }
        nx[i] = -1;
      } else nx[i] = hd[b]!;
      bl[i] = b;
      hd[b] = i;
      sz[b]!++;
    }
  }
  ids.frozen = true;
  return {
    rules,
    ids,
    blockOf: rules.map((_, r) => tables[r] ?? maps[r]!),
    block,
    head: head.map((h, r) => h.subarray(0, blocks[r]!)),
    size: size.map((x, r) => x.subarray(0, blocks[r]!)),
    next,
  };
}

const probeOut = new Int32Array(2);

/** The block of rule r that a record looks itself up in (under the rule's probe, else its key), -1 when none. */
export function blockOfRecord<R>(ix: BlockIndex<R>, r: number, rec: R): number {
  const rule = ix.rules[r]!;
  const where = ix.blockOf[r]!;
  if (where instanceof PairTable) {
    const code = rule.probeCode ?? rule.code!;
    return code(rec, ix.ids, probeOut) ? where.get(probeOut[0]!, probeOut[1]!) : -1;
  }
  const k = rule.probe ? rule.probe(rec) : rule.key(rec);
  return k ? (where.get(k) ?? -1) : -1;
}

/** The newest record of the block a record looks itself up in (follow `next` for the others), -1 when none. */
export function firstOfRecord<R>(ix: BlockIndex<R>, r: number, rec: R): number {
  const b = blockOfRecord(ix, r, rec);
  return b < 0 ? -1 : ix.head[r]![b]!;
}

export interface BlockingStats {
  pairs: number;
  perRule: { rule: string; pairs: number; skippedBlocks: number }[];
}

/** Every candidate pair once (a pair found by an earlier rule is not repeated), with its comparison code. */
export function candidatePairs<R = MatchRecord>(records: readonly R[], ix: BlockIndex<R>, maxBlock = MAX_BLOCK, comparisons: readonly Comparison<R>[] = personDefault<R>()): { pairs: PairSet; stats: BlockingStats } {
  let pairs: PairSet = { a: new Int32Array(1024), b: new Int32Array(1024), code: new Uint32Array(1024), rule: new Uint8Array(1024), length: 0 };
  const stats: BlockingStats = { pairs: 0, perRule: [] };
  const members: number[] = [];
  /** Whether an earlier rule already put i and j in one (comparable) block, so they were paired there. */
  const metByEarlierRule = (r: number, i: number, j: number): boolean => {
    for (let e = 0; e < r; e++) {
      const be = ix.block[e]![i]!;
      if (be >= 0 && be === ix.block[e]![j] && ix.size[e]![be]! <= maxBlock) return true;
    }
    return false;
  };
  let count = 0;
  const addPair = (r: number, i: number, j: number): void => {
    if (pairs.length >= pairs.a.length) pairs = growPairs(pairs, pairs.length + 1);
    pairs.a[pairs.length] = j < i ? j : i;
    pairs.b[pairs.length] = j < i ? i : j;
    pairs.code[pairs.length] = comparePair(records[i]!, records[j]!, comparisons);
    pairs.rule[pairs.length] = r;
    pairs.length++;
    count++;
  };
  for (let r = 0; r < ix.rules.length; r++) {
    count = 0;
    let skipped = 0;
    const head = ix.head[r]!;
    const size = ix.size[r]!;
    const next = ix.next[r]!;
    for (let b = 0; b < head.length; b++) {
      const sz = size[b]!;
      if (sz < 2) continue;
      if (sz > maxBlock) {
        skipped++;
        continue;
      }
      members.length = 0;
      for (let i = head[b]!; i !== -1; i = next[i]!) members.push(i);
      for (let x = 0; x < members.length; x++) {
        const i = members[x]!;
        for (let y = x + 1; y < members.length; y++) {
          const j = members[y]!;
          if (!metByEarlierRule(r, i, j)) addPair(r, i, j);
        }
      }
    }
    const probe = ix.rules[r]!.probe;
    if (probe) {
      // every record against the few indexed under the rule's key (not each other: they met above)
      const own = ix.block[r]!;
      for (let j = 0; j < records.length; j++) {
        const b = blockOfRecord(ix, r, records[j]!);
        if (b < 0 || size[b]! > maxBlock) continue;
        for (let i = head[b]!; i !== -1; i = next[i]!) {
          if (i === j || own[j] === b) continue; // both indexed: already paired within the block
          if (!metByEarlierRule(r, i, j)) addPair(r, i, j);
        }
      }
    }
    stats.perRule.push({ rule: ix.rules[r]!.name, pairs: count, skippedBlocks: skipped });
    stats.pairs += count;
  }
  return { pairs, stats };
}

/** Comparison patterns of every pair within one rule's blocks (at most `cap` pairs), for a training session. */
export function sessionPatterns<R = MatchRecord>(records: readonly R[], ix: BlockIndex<R>, r: number, cap: number, comparisons: readonly Comparison<R>[] = personDefault<R>(), maxBlock = MAX_BLOCK): Map<number, number> {
  const counts = new Map<number, number>();
  const members: number[] = [];
  let n = 0;
  const head = ix.head[r]!;
  const next = ix.next[r]!;
  for (let b = 0; b < head.length; b++) {
    const size = ix.size[r]![b]!;
    if (size < 2 || size > maxBlock) continue;
    members.length = 0;
    for (let i = head[b]!; i !== -1; i = next[i]!) members.push(i);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const c = comparePair(records[members[x]!]!, records[members[y]!]!, comparisons);
        counts.set(c, (counts.get(c) ?? 0) + 1);
        if (++n >= cap) return counts;
      }
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// the model

export interface Model {
  /** prior probability that a blocked pair is a match */
  lambda: number;
  /** per comparison, per level */
  m: number[][];
  u: number[][];
  iterations: number;
  converged: boolean;
}

const EPS = 1e-6;

/** u: level frequencies among random pairs (nearly all non-matches). Deterministic (seeded). */
export function estimateU<R = MatchRecord>(records: readonly R[], samples = 200_000, seed = 42, comparisons: readonly Comparison<R>[] = personDefault<R>()): number[][] {
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  let s = seed >>> 0 || 1;
  const rnd = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
  const n = records.length;
  if (n < 2) return counts.map((c) => c.map(() => 1 / c.length));
  for (let t = 0; t < samples; t++) {
    const i = Math.floor(rnd() * n);
    let j = Math.floor(rnd() * (n - 1));
    if (j >= i) j++;
    const code = comparePair(records[i]!, records[j]!, comparisons);
    for (let k = 0; k < comparisons.length; k++) {
      const l = levelOf(code, k);
      if (l >= 0) counts[k]![l]!++;
    }
  }
  // a level never seen among random pairs gets a small frequency (Laplace smoothing)
  return counts.map((c) => {
    const total = c.reduce((x, y) => x + y, 0) + c.length;
    return c.map((x) => Math.max(EPS, (x + 1) / total));
  });
}

/** Starting m: the top level likely for matches, the bottom one unlikely. */
export function initialM(comparisons: readonly Comparison<never>[] = COMPARISONS): number[][] {
  return comparisons.map((c) => {
    const L = c.levels.length;
    // 0.8 on the top level, the rest shared geometrically downwards
    const rest = c.levels.map((_, l) => (l === L - 1 ? 0 : Math.pow(2, l)));
    const sum = rest.reduce((x, y) => x + y, 0) || 1;
    return rest.map((x, l) => (l === L - 1 ? 0.8 : (0.2 * x) / sum));
  });
}

/**
 * Training as Splink does it: one EM session per blocking rule, on that rule's pairs, learning m only for
 * the comparisons the rule does not force to agree; each comparison's m is the pair-weighted mean of the
 * sessions that learnt it. Then λ over all blocked pairs with m and u fixed.
 */
export function trainBySessions<R = MatchRecord>(records: readonly R[], ix: BlockIndex<R>, pairs: PairSet, u: number[][], comparisons: readonly Comparison<R>[] = personDefault<R>(), maxSessionPairs = 2_000_000): Model {
  const rules = ix.rules;
  const all = new Map<number, number>();
  for (let p = 0; p < pairs.length; p++) {
    const c = pairs.code[p]!;
    all.set(c, (all.get(c) ?? 0) + 1);
  }
  // each session sees every pair of its rule's blocks (not only those no earlier rule found: those would be
  // biased against the very agreements the earlier rules block on)
  const perRule = rules.map((rule, r) => (rule.train ? sessionPatterns(records, ix, r, maxSessionPairs, comparisons) : new Map<number, number>()));
  const start = initialM(comparisons);
  const sum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const weight = new Array<number>(comparisons.length).fill(0);
  let iterations = 0;
  let converged = true;
  for (let r = 0; r < rules.length; r++) {
    const counts = perRule[r]!;
    let n = 0;
    for (const v of counts.values()) n += v;
    if (n < 50 || !rules[r]!.train) continue;
    const exclude = new Set(rules[r]!.fixes.map((f) => comparisons.findIndex((c) => c.name === f)).filter((k) => k >= 0));
    const session = trainModel(counts, u, { comparisons, exclude, m: start });
    iterations += session.iterations;
    converged &&= session.converged;
    for (let k = 0; k < comparisons.length; k++) {
      if (exclude.has(k)) continue;
      for (let l = 0; l < sum[k]!.length; l++) sum[k]![l]! += session.m[k]![l]! * n;
      weight[k]! += n;
    }
  }
  const m = sum.map((row, k) => (weight[k]! > 0 ? row.map((x) => Math.max(EPS, x / weight[k]!)) : start[k]!));
  const final = trainModel(all, u, { comparisons, m, learnM: false });
  return { lambda: final.lambda, m, u, iterations: iterations + final.iterations, converged: converged && final.converged };
}

/**
 * EM over the distinct comparison patterns of the blocked pairs (counts aggregated, so an iteration costs
 * the number of patterns, not of pairs). u stays as estimated from random pairs; m and λ are learnt.
 */
export function trainModel(
  patternCounts: Map<number, number>,
  u: number[][],
  opts: { maxIterations?: number; tolerance?: number; comparisons?: readonly Comparison<never>[]; exclude?: ReadonlySet<number>; m?: number[][]; learnM?: boolean } = {},
): Model {
  const comparisons = opts.comparisons ?? COMPARISONS;
  const maxIt = opts.maxIterations ?? 100;
  const tol = opts.tolerance ?? 1e-6;
  const exclude = opts.exclude ?? new Set<number>();
  const learnM = opts.learnM ?? true;
  let m = opts.m ? opts.m.map((r) => [...r]) : initialM(comparisons);
  let lambda = 0.1;
  const patterns = [...patternCounts.entries()];
  const K = comparisons.length;
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    const mNum = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    const mDen = new Array<number>(K).fill(0);
    let matchMass = 0;
    let total = 0;
    for (const [code, count] of patterns) {
      let pm = lambda;
      let pu = 1 - lambda;
      for (let k = 0; k < K; k++) {
        const l = levelOf(code, k);
        if (l < 0 || exclude.has(k)) continue;
        pm *= m[k]![l]!;
        pu *= u[k]![l]!;
      }
      const post = pm / (pm + pu);
      const w = post * count;
      matchMass += w;
      total += count;
      for (let k = 0; k < K; k++) {
        const l = levelOf(code, k);
        if (l < 0) continue;
        mNum[k]![l]! += w;
        mDen[k]! += w;
      }
    }
    const newM = learnM ? mNum.map((row, k) => (exclude.has(k) ? m[k]! : row.map((x) => Math.max(EPS, mDen[k]! > 0 ? x / mDen[k]! : 1 / row.length)))) : m;
    const newLambda = Math.min(1 - EPS, Math.max(EPS, matchMass / Math.max(1, total)));
    let delta = Math.abs(newLambda - lambda);
    for (let k = 0; k < K; k++) for (let l = 0; l < newM[k]!.length; l++) delta = Math.max(delta, Math.abs(newM[k]![l]! - m[k]![l]!));
    m = newM;
    lambda = newLambda;
    if (delta < tol) {
      converged = true;
      it++;
      break;
    }
  }
  return { lambda, m, u, iterations: it, converged };
}

/** Term frequencies of exact name values (a rare name agreeing is stronger evidence than "Nguyễn Văn Anh"). */
export interface TermFrequencies {
  name: Map<string, number>;
  /** family name → given name → count */
  familyGiven: Map<string, Map<string, number>>;
  total: number;
}

export function termFrequencies(records: readonly MatchRecord[]): TermFrequencies {
  const name = new Map<string, number>();
  const familyGiven = new Map<string, Map<string, number>>();
  let total = 0;
  for (const r of records) {
    if (!r.name) continue;
    total++;
    name.set(r.name, (name.get(r.name) ?? 0) + 1);
    let given = familyGiven.get(r.family);
    if (!given) familyGiven.set(r.family, (given = new Map()));
    given.set(r.given, (given.get(r.given) ?? 0) + 1);
  }
  return { name, familyGiven, total };
}

export interface WeightPart {
  comparison: string;
  level: number;
  label: string;
  /** log2 Bayes factor contributed */
  weight: number;
  tfAdjusted?: boolean;
}

/** The match weight of a pair (log2 odds) with each comparison's part, for explanations. */
export function scorePair(model: Model, code: number, a: MatchRecord, b: MatchRecord, tf: TermFrequencies | null, comparisons: readonly Comparison<never>[] = COMPARISONS): { weight: number; probability: number; parts: WeightPart[] } {
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  const parts: WeightPart[] = [];
  for (let k = 0; k < comparisons.length; k++) {
    const l = levelOf(code, k);
    if (l < 0) continue;
    let u = model.u[k]![l]!;
    let tfAdjusted = false;
    if (tf && comparisons[k]!.name === 'name' && tf.total > 0) {
      // Splink's term-frequency adjustment: the chance that two random records agree on *this* value
      const f = l === 5 ? (tf.name.get(a.name) ?? 1) / tf.total : l === 4 ? (tf.familyGiven.get(a.family)?.get(a.given) ?? 1) / tf.total : 0;
      if (f > 0) {
        u = Math.max(f, 1 / tf.total);
        tfAdjusted = true;
      }
    }
    const w = Math.log2(model.m[k]![l]! / u);
    weight += w;
    parts.push({ comparison: comparisons[k]!.name, level: l, label: comparisons[k]!.levels[l]!, weight: Math.round(w * 100) / 100, ...(tfAdjusted ? { tfAdjusted } : {}) });
  }
  const probability = 1 / (1 + Math.pow(2, -weight));
  return { weight, probability, parts };
}

/** Cheap score without the explanation (the hot loop). */
export function pairWeight(model: Model, lw: Float64Array[], prior: number, code: number, a: MatchRecord, tf: TermFrequencies | null, nameIndex: number): number {
  let w = prior;
  for (let k = 0; k < lw.length; k++) {
    const l = (code >>> (4 * k)) & 15;
    if (l === 15) continue;
    if (tf && k === nameIndex && (l === 5 || l === 4) && tf.total > 0) {
      const c = l === 5 ? tf.name.get(a.name) : tf.familyGiven.get(a.family)?.get(a.given);
      const u = Math.max((c ?? 1) / tf.total, 1 / tf.total);
      w += Math.log2(model.m[k]![l]! / u);
      continue;
    }
    w += lw[k]![l]!;
  }
  return w;
}

export function levelWeights(model: Model): Float64Array[] {
  return model.m.map((row, k) => Float64Array.from(row.map((m, l) => Math.log2(m / model.u[k]![l]!))));
}

export interface Thresholds {
  /** match probability at or above which a pair is merged automatically */
  autoMerge: number;
  /** at or above which (and below autoMerge) a steward reviews the pair */
  review: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { autoMerge: 0.99999, review: 0.9 };

export type Decision = 'merge' | 'review' | 'distinct';

export function decide(probability: number, t: Thresholds = DEFAULT_THRESHOLDS): Decision {
  return probability >= t.autoMerge ? 'merge' : probability >= t.review ? 'review' : 'distinct';
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}

/** Union–find with path halving. */
export class DisjointSets {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  /** cluster id (smallest member index) of every element */
  labels(): Int32Array {
    const out = new Int32Array(this.parent.length);
    for (let i = 0; i < out.length; i++) out[i] = this.find(i);
    return out;
  }
}

export interface ResolveResult {
  model: Model;
  labels: Int32Array;
  review: { a: number; b: number; probability: number }[];
  stats: BlockingStats & { merged: number; reviewed: number; patterns: number };
}

/** The whole batch: block, compare, estimate, score, cluster. */
export interface Constraints {
  /** pairs a steward said are different people ("i|j" with i < j): never merged directly */
  cannot?: ReadonlySet<string>;
  /** pairs a steward merged */
  must?: readonly [number, number][];
}

export function resolve(records: readonly MatchRecord[], opts: { thresholds?: Thresholds; uSamples?: number; model?: Model; constraints?: Constraints } = {}): ResolveResult {
  const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const ix = buildBlockIndex(records);
  const { pairs, stats } = candidatePairs(records, ix);
  const counts = new Map<number, number>();
  for (let p = 0; p < pairs.length; p++) counts.set(pairs.code[p]!, (counts.get(pairs.code[p]!) ?? 0) + 1);
  const model = opts.model ?? trainBySessions(records, ix, pairs, estimateU(records, opts.uSamples ?? Math.min(1_000_000, Math.max(50_000, records.length))));
  const tf = termFrequencies(records);
  const lw = levelWeights(model);
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const nameIndex = COMPARISONS.findIndex((c) => c.name === 'name');
  const ds = new DisjointSets(records.length);
  const review: ResolveResult['review'] = [];
  const autoW = Math.log2(t.autoMerge / (1 - t.autoMerge));
  const reviewW = Math.log2(t.review / (1 - t.review));
  let merged = 0;
  const cannot = opts.constraints?.cannot;
  for (const [a, b] of opts.constraints?.must ?? []) ds.union(a, b);
  for (let p = 0; p < pairs.length; p++) {
    const a = pairs.a[p]!;
    if (cannot?.has(`${a}|${pairs.b[p]!}`)) continue;
    const w = pairWeight(model, lw, prior, pairs.code[p]!, records[a]!, tf, nameIndex);
    if (w >= autoW) {
      ds.union(a, pairs.b[p]!);
      merged++;
    } else if (w >= reviewW) review.push({ a, b: pairs.b[p]!, probability: probabilityOf(w) });
  }
  return { model, labels: ds.labels(), review, stats: { ...stats, merged, reviewed: review.length, patterns: counts.size } };
}

// ---------------------------------------------------------------------------------------------------
// evaluation against a known truth (benchmark, tests)

export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  clusterPrecision: number;
  clusterRecall: number;
  clusterF1: number;
}

const c2 = (n: number) => (n * (n - 1)) / 2;

/** Pairwise and exact-cluster precision/recall/F1 of predicted labels against true entity ids. */
export function evaluate(predicted: ArrayLike<number>, truth: ArrayLike<number>): PairwiseMetrics {
  const joint = new Map<string, number>();
  const pred = new Map<number, number>();
  const tru = new Map<number, number>();
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i]!;
    const t = truth[i]!;
    pred.set(p, (pred.get(p) ?? 0) + 1);
    tru.set(t, (tru.get(t) ?? 0) + 1);
    const k = `${p}|${t}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  let tp = 0;
  let exact = 0;
  for (const [k, n] of joint) {
    tp += c2(n);
    const [p, t] = k.split('|').map(Number) as [number, number];
    if (pred.get(p) === n && tru.get(t) === n) exact++;
  }
  let pp = 0;
  for (const n of pred.values()) pp += c2(n);
  let tt = 0;
  for (const n of tru.values()) tt += c2(n);
  const precision = pp ? tp / pp : 1;
  const recall = tt ? tp / tt : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const clusterPrecision = exact / pred.size;
  const clusterRecall = exact / tru.size;
  const clusterF1 = clusterPrecision + clusterRecall ? (2 * clusterPrecision * clusterRecall) / (clusterPrecision + clusterRecall) : 0;
  return { precision, recall, f1, clusterPrecision, clusterRecall, clusterF1 };
}
