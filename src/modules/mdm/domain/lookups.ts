/**
 * Standardisation away from the address matcher (a worker thread has no units service): addresses are
 * converted through a cache of the matcher's answers, and what the cache lacks is asked for in one batch —
 * the rows that needed it are then standardised again. The answers are the matcher's own, so the result is
 * exactly that of standardising with the matcher at hand (a test holds both paths equal). Pure, given the
 * `fetch` function.
 */
import type { AddressMatcher, MatchOutcome } from '../../units/index.ts';
import { memoisedMatcher } from './address.ts';
import type { Mapping } from './mapping.ts';
import { standardiseRow, type Standardised } from './pipeline.ts';

/** Thrown by the cache matcher when an address is not in the cache yet (the row is standardised again later). */
class NotCached extends Error {}
const notCached = new NotCached('address not cached');

export class AddressLookups {
  readonly cache = new Map<string, MatchOutcome>();
  private readonly missing = new Set<string>();
  private memo: AddressMatcher;
  /** the cache as a matcher: answers what it holds, notes and throws for the rest */
  private readonly cached: AddressMatcher = {
    convert: (address: string) => {
      const r = this.cache.get(address);
      if (r) return r;
      this.missing.add(address);
      throw notCached;
    },
    convertOldCode: () => {
      throw new Error('convertOldCode is not available away from the units service');
    },
    currentCommune: () => {
      throw new Error('currentCommune is not available away from the units service');
    },
    size: { oldCommunes: 0, newCommunes: 0, names: 0 },
  };

  /** `fetch` converts addresses with the real matcher (answers in the same order). */
  constructor(private readonly fetch: (addresses: string[]) => Promise<MatchOutcome[]>) {
    this.memo = memoisedMatcher(this.cached);
  }

  /** Every row through its mapping and the standardisers, in order (rows may be tried again after a fetch). */
  standardise(rows: readonly Record<string, unknown>[], mapping: Mapping, today?: string): Promise<Standardised[]> {
    return this.standardiseEach(rows, mapping, today, (s) => s);
  }

  /**
   * The same, keeping of each standardised row only what `keep` makes of it, at once: a caller that needs
   * little of a row (its match record) does not hold a chunk of whole standardised rows in memory, which
   * the garbage collector would copy and promote.
   */
  async standardiseEach<T>(rows: readonly Record<string, unknown>[], mapping: Mapping, today: string | undefined, keep: (s: Standardised) => T): Promise<T[]> {
    const out = new Array<T>(rows.length);
    let todo: number[] | null = null;
    // a row needs at most a few conversions (two addresses, and the whole address when its tail is not enough)
    for (let round = 0; round < 8; round++) {
      const again: number[] = [];
      const n = todo ? todo.length : rows.length;
      for (let t = 0; t < n; t++) {
        const i = todo ? todo[t]! : t;
        try {
          out[i] = keep(standardiseRow(rows[i]!, mapping, { matcher: this.memo, today }));
        } catch (e) {
          if (e !== notCached) throw e;
          again.push(i);
        }
      }
      if (!again.length) return out;
      const want = [...this.missing];
      this.missing.clear();
      const answers = await this.fetch(want);
      want.forEach((a, k) => this.cache.set(a, answers[k]!));
      // the memo may hold nothing wrong (a miss throws before it is stored), but start clean after a fetch
      this.memo = memoisedMatcher(this.cached);
      todo = again;
    }
    throw new Error('address lookups did not settle');
  }
}
