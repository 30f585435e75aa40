/**
 * Scores the address matcher on the generated sample (bench/data/units-sample.csv). Shared by the
 * accuracy test and the benchmark.
 *
 * A row is correct when the matcher answers, its commune is one of the expected new communes, and every
 * expected new commune is among the candidates (for a split commune: the top candidate is one of them and
 * all of them are listed). Rows flagged `ambiguous` by the generator cannot be resolved from the address
 * alone; they are scored apart: "flagged" when the matcher says so (status ambiguous, or 422
 * address-ambiguous) and lists the right new commune(s) among its candidates.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { AddressMatcher } from '../../src/modules/units/domain/matcher.ts';
import { SAMPLE_PATH, STYLES, type SampleRow } from './units-generate.ts';

export function readSample(file = SAMPLE_PATH): SampleRow[] {
  return parse(fs.readFileSync(file), { columns: true }) as SampleRow[];
}

export interface Evaluation {
  rows: number;
  resolvable_rows: number;
  /** correct / resolvable rows */
  accuracy: number;
  accuracy_by_style: Record<string, number>;
  /** correct / all rows (the ambiguous ones count as correct only when the top candidate happens to be right) */
  accuracy_all_rows: number;
  ambiguous_rows: number;
  /** ambiguous rows the matcher flagged as ambiguous with the right commune among the candidates */
  ambiguous_flagged: number;
  /** per style: [ambiguous rows flagged as ambiguous with the right candidates, ambiguous rows] */
  ambiguous_by_style: Record<string, [number, number]>;
  statuses: Record<string, number>;
  failures: { id: number; style: string; address: string; expected: string; got: string }[];
}

export function evaluate(matcher: AddressMatcher, rows: SampleRow[]): Evaluation {
  const byStyle: Record<string, [number, number]> = {};
  const ambiguousByStyle: Record<string, [number, number]> = {};
  for (const [s] of STYLES) byStyle[s] = [0, 0];
  const statuses: Record<string, number> = {};
  const failures: Evaluation['failures'] = [];
  let correct = 0;
  let correctAll = 0;
  let resolvable = 0;
  let ambiguous = 0;
  let flagged = 0;
  for (const r of rows) {
    const expected = r.expected_new_codes.split(';');
    const out = matcher.convert(r.address);
    const status = out.ok ? out.result.status : out.code;
    statuses[status] = (statuses[status] ?? 0) + 1;
    const cands = out.ok ? out.result.candidates.map((c) => c.commune.code) : out.candidates.map((c) => c.commune.code);
    const good = out.ok && expected.includes(out.result.commune.code) && expected.every((c) => cands.includes(c));
    if (good) correctAll++;
    if (r.ambiguous === 'true') {
      ambiguous++;
      const a = (ambiguousByStyle[r.style] ??= [0, 0]);
      a[1]++;
      if ((status === 'ambiguous' || status === 'address-ambiguous') && expected.every((c) => cands.includes(c))) {
        flagged++;
        a[0]++;
      }
      continue;
    }
    resolvable++;
    const s = (byStyle[r.style] ??= [0, 0]);
    s[1]++;
    if (good) {
      correct++;
      s[0]++;
    } else {
      failures.push({
        id: Number(r.id),
        style: r.style,
        address: r.address,
        expected: r.expected_new_codes,
        got: out.ok ? `${out.result.status} ${out.result.commune.code} ${out.result.commune.name} [${cands.join(';')}]` : `${out.code}`,
      });
    }
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    rows: rows.length,
    resolvable_rows: resolvable,
    accuracy: round(correct / Math.max(1, resolvable)),
    accuracy_by_style: Object.fromEntries(Object.entries(byStyle).map(([k, [c, n]]) => [k, round(c / Math.max(1, n))])),
    accuracy_all_rows: round(correctAll / Math.max(1, rows.length)),
    ambiguous_rows: ambiguous,
    ambiguous_flagged: flagged,
    ambiguous_by_style: ambiguousByStyle,
    statuses,
    failures,
  };
}
