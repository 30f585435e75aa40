import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildMatcher } from '../src/modules/units/domain/matcher.ts';
import { readDataset } from '../src/modules/units/source.ts';
import { projectRoot } from '../src/platform/config.ts';
import { evaluate, readSample } from '../bench/data/units-evaluate.ts';

/**
 * Correctness of the address matcher on the generated sample of realistic old addresses
 * (bench/data/units-sample.csv, from bench/data/units-generate.ts): at least 97% converted to a correct
 * new commune. No timing here (see bench/units.ts).
 */
describe('address matcher accuracy on the sample', () => {
  const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
  const matcher = buildMatcher({ ...ds, today: '2026-11-25' });
  const rows = readSample();
  const e = evaluate(matcher, rows);

  it('the sample has a few thousand rows in every style', () => {
    assert.ok(rows.length >= 3000);
    for (const [style, acc] of Object.entries(e.accuracy_by_style)) assert.ok(!Number.isNaN(acc), style);
  });

  it('converts at least 97% of the resolvable addresses to a correct new commune', () => {
    assert.ok(e.accuracy >= 0.97, `accuracy ${e.accuracy}; first failures:\n${e.failures.slice(0, 10).map((f) => JSON.stringify(f)).join('\n')}`);
  });

  it('at least 90% in every style', () => {
    for (const [style, acc] of Object.entries(e.accuracy_by_style)) assert.ok(acc >= 0.9, `${style}: ${acc}`);
  });

  it('flags most of the inherently ambiguous addresses instead of guessing', () => {
    assert.ok(e.ambiguous_rows > 0);
    assert.ok(e.ambiguous_flagged / e.ambiguous_rows >= 0.8, `${e.ambiguous_flagged}/${e.ambiguous_rows}`);
  });
});
