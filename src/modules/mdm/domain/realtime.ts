/**
 * Real-time match of one incoming record against the golden records (pure, in memory): the same blocking
 * keys as the batch, the trained model, term frequencies of the golden records. A lookup touches only the
 * blocks of the record's keys.
 */
import { BLOCKING_RULES, buildBlockIndex, comparePair, firstOfRecord, DEFAULT_THRESHOLDS, decide, MAX_BLOCK, scorePair, termFrequencies, type BlockIndex, type Decision, type MatchRecord, type Model, type Thresholds, type WeightPart } from './match.ts';

export interface Candidate {
  index: number;
  weight: number;
  probability: number;
  decision: Decision;
  parts: WeightPart[];
}

export class RealtimeIndex {
  private readonly ix: BlockIndex;
  private readonly tf;
  constructor(
    readonly records: readonly MatchRecord[],
    readonly model: Model,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    this.ix = buildBlockIndex(records);
    this.tf = termFrequencies(records);
  }

  /** The best candidates (highest weight first) of an incoming record; at most `limit`. */
  match(rec: MatchRecord, limit = 5): Candidate[] {
    const seen = new Set<number>();
    const out: Candidate[] = [];
    for (let r = 0; r < BLOCKING_RULES.length; r++) {
      let n = 0;
      for (let i = firstOfRecord(this.ix, r, rec); i !== -1 && n < MAX_BLOCK; i = this.ix.next[r]![i]!, n++) {
        if (seen.has(i)) continue;
        seen.add(i);
        const g = this.records[i]!;
        const code = comparePair(rec, g);
        const s = scorePair(this.model, code, rec, g, this.tf);
        out.push({ index: i, weight: s.weight, probability: s.probability, decision: decide(s.probability, this.thresholds), parts: s.parts });
      }
    }
    out.sort((a, b) => b.weight - a.weight);
    return out.slice(0, limit);
  }
}
