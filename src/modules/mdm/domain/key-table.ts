/**
 * Blocking keys as numbers instead of strings (pure): a key made of a few parts (a given name, a date…)
 * becomes two 32-bit integers, and blocks are found in a hash table of integer pairs. No key string is built
 * or hashed per record and rule, which was most of the time of blocking a million records.
 */

/** (x, y) pairs of int32 → their number, in the order they were first added (open addressing, no allocation per lookup). */
export class PairTable {
  private xs: Int32Array;
  private ys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.xs = new Int32Array(cap);
    this.ys = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  private slot(x: number, y: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let i = h & this.mask;
    while (this.vals[i] !== -1 && (this.xs[i] !== x || this.ys[i] !== y)) i = (i + 1) & this.mask;
    return i;
  }

  /** The pair's number, -1 when it was never added. */
  get(x: number, y: number): number {
    return this.vals[this.slot(x, y)]!;
  }

  /** The pair's number, given now (the next one) when it is new. */
  add(x: number, y: number): number {
    let i = this.slot(x, y);
    const v = this.vals[i]!;
    if (v !== -1) return v;
    if ((this.size + 1) * 2 > this.vals.length) {
      this.grow();
      i = this.slot(x, y);
    }
    this.xs[i] = x;
    this.ys[i] = y;
    this.vals[i] = this.size;
    return this.size++;
  }

  private grow(): void {
    const { xs, ys, vals } = this;
    const cap = vals.length * 2;
    this.xs = new Int32Array(cap);
    this.ys = new Int32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < vals.length; i++) {
      if (vals[i] === -1) continue;
      const j = this.slot(xs[i]!, ys[i]!);
      this.xs[j] = xs[i]!;
      this.ys[j] = ys[i]!;
      this.vals[j] = vals[i]!;
    }
  }
}

/**
 * Numbers for the parts of keys: strings (names, ids, phones) and pairs of numbers (family + given name).
 * While an index is built, new parts get the next number; once frozen (lookups of incoming records), an
 * unknown part answers -1: no indexed record can share a key that has it.
 */
export class KeyIds {
  private readonly strings = new Map<string, number>();
  private readonly pairs = new PairTable();
  frozen = false;

  // the last two strings asked for: the keys of one record ask for its family and given names several times
  private k0 = '';
  private v0 = -1;
  private k1 = '';
  private v1 = -1;

  str(s: string): number {
    if (s === this.k0 && this.v0 >= 0) return this.v0;
    if (s === this.k1 && this.v1 >= 0) return this.v1;
    let v = this.strings.get(s);
    if (v === undefined) {
      if (this.frozen) return -1;
      v = this.strings.size;
      this.strings.set(s, v);
    }
    this.k1 = this.k0;
    this.v1 = this.v0;
    this.k0 = s;
    this.v0 = v;
    return v;
  }

  pair(x: number, y: number): number {
    if (x < 0 || y < 0) return -1;
    return this.frozen ? this.pairs.get(x, y) : this.pairs.add(x, y);
  }
}
