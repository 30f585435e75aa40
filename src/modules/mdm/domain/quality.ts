/**
 * Data quality for the four goals — correct, complete, clean, live ("đúng, đủ, sạch, sống") — per source
 * and per field (pure, accumulated record by record so a run never holds a source in memory).
 *
 *  - complete: the field has a value (required fields: REQUIRED);
 *  - correct: a present value was not rejected and no cross-field check doubts it (e.g. an id whose birth
 *    year disagrees with the date of birth);
 *  - clean: a present value was already in standard form (no fix was needed); per source also the share of
 *    records that are not duplicates within the source;
 *  - live: the record was confirmed (changed in its source, or seen again) within `liveDays`.
 */
import type { Issue } from './issues.ts';
import { isBlank } from './issues.ts';

export const REQUIRED: Record<'person' | 'business', string[]> = {
  person: ['full_name', 'birth_date', 'sex', 'personal_id|old_id', 'permanent_address|current_address'],
  business: ['name', 'tax_code', 'address', 'status'],
};

interface FieldCounts {
  present: number;
  correct: number;
  clean: number;
}

interface SourceAcc {
  entity: 'person' | 'business';
  records: number;
  live: number;
  complete: number;
  fields: Map<string, FieldCounts>;
  issues: Map<string, { code: string; field: string; severity: string; message: string; count: number; examples: string[] }>;
  duplicates: number;
}

export interface FieldScore {
  complete: number;
  correct: number;
  clean: number;
}

export interface SourceQuality {
  source: string;
  entity: 'person' | 'business';
  records: number;
  scores: { correct: number; complete: number; clean: number; live: number };
  fields: Record<string, FieldScore>;
  /** the most frequent problems, each with a few record ids a steward can open */
  issues: { code: string; field: string; severity: string; message: string; count: number; examples: string[] }[];
}

export interface QualityReport {
  generatedAt: string;
  liveDays: number;
  overall: { records: number; correct: number; complete: number; clean: number; live: number };
  sources: SourceQuality[];
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export class QualityAccumulator {
  private readonly sources = new Map<string, SourceAcc>();
  constructor(
    private readonly now: Date = new Date(),
    readonly liveDays = 365,
  ) {}

  add(sourceId: string, entity: 'person' | 'business', recordId: string, canonical: Record<string, unknown>, issues: readonly Issue[], confirmedAt: string | null): void {
    let s = this.sources.get(sourceId);
    if (!s) {
      s = { entity, records: 0, live: 0, complete: 0, fields: new Map(), issues: new Map(), duplicates: 0 };
      this.sources.set(sourceId, s);
    }
    s.records++;
    if (confirmedAt && this.now.getTime() - Date.parse(confirmedAt) <= this.liveDays * 86_400_000) s.live++;
    const required = REQUIRED[entity];
    if (required.every((alts) => alts.split('|').some((f) => !isBlank(canonical[f])))) s.complete++;
    const byField = new Map<string, Issue[]>();
    for (const i of issues) {
      const list = byField.get(i.field) ?? [];
      list.push(i);
      byField.set(i.field, list);
      const key = `${i.field}:${i.code}`;
      const agg = s.issues.get(key) ?? { code: i.code, field: i.field, severity: i.severity, message: i.message, count: 0, examples: [] };
      agg.count++;
      if (agg.examples.length < 5) agg.examples.push(recordId);
      s.issues.set(key, agg);
    }
    for (const [field, value] of Object.entries(canonical)) {
      const c = s.fields.get(field) ?? { present: 0, correct: 0, clean: 0 };
      s.fields.set(field, c);
      if (isBlank(value)) continue;
      c.present++;
      const fi = byField.get(field) ?? [];
      if (!fi.some((i) => i.severity === 'rejected' || i.severity === 'doubtful')) c.correct++;
      if (fi.length === 0) c.clean++;
    }
  }

  /** Records of a source that were found to duplicate another record of the same source. */
  addDuplicates(sourceId: string, n: number): void {
    const s = this.sources.get(sourceId);
    if (s) s.duplicates += n;
  }

  report(): QualityReport {
    const sources: SourceQuality[] = [];
    let total = 0;
    const sums = { correct: 0, complete: 0, clean: 0, live: 0 };
    for (const [source, s] of [...this.sources].sort((a, b) => a[0].localeCompare(b[0]))) {
      const fields: Record<string, FieldScore> = {};
      let present = 0;
      let correct = 0;
      let clean = 0;
      for (const [f, c] of s.fields) {
        fields[f] = { complete: r4(s.records ? c.present / s.records : 0), correct: r4(c.present ? c.correct / c.present : 1), clean: r4(c.present ? c.clean / c.present : 1) };
        present += c.present;
        correct += c.correct;
        clean += c.clean;
      }
      const scores = {
        correct: r4(present ? correct / present : 1),
        complete: r4(s.records ? s.complete / s.records : 0),
        // standard form, and no duplicate left within the source
        clean: r4((present ? clean / present : 1) * (s.records ? 1 - s.duplicates / s.records : 1)),
        live: r4(s.records ? s.live / s.records : 0),
      };
      total += s.records;
      for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += scores[k] * s.records;
      sources.push({ source, entity: s.entity, records: s.records, scores, fields, issues: [...s.issues.values()].sort((a, b) => b.count - a.count).slice(0, 20) });
    }
    const avg = (k: keyof typeof sums) => r4(total ? sums[k] / total : 0);
    return { generatedAt: this.now.toISOString(), liveDays: this.liveDays, overall: { records: total, correct: avg('correct'), complete: avg('complete'), clean: avg('clean'), live: avg('live') }, sources };
  }
}
