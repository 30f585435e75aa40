import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildDataset } from '../src/modules/units/domain/dataset.ts';
import { buildMatcher } from '../src/modules/units/domain/matcher.ts';
import { readSourceTables } from '../src/modules/units/source.ts';
import { projectRoot } from '../src/platform/config.ts';

/**
 * The split-commune ranking (ADR 0013) pinned with worked examples from the merger resolutions, on the
 * real reference data (the article text of each new commune, as in old_to_new_communes.csv). Weights:
 * whole 3, remainder 3, part with people 2, land only 0.5 (+2 the new commune kept the old code, +1 it kept
 * the name); share = weight / total, rounded to 3 decimals. Every weight appears in an example below next
 * to a different one, so changing any weight changes a share or a rank and fails a test.
 */
const ds = buildDataset(readSourceTables(path.join(projectRoot, 'reference', 'admin-units')));

/** The new communes of an old one, best first, with their shares. */
function ranked(oldCode: string): [string, number][] {
  return ds.links
    .filter((l) => l.level === 'commune' && l.oldCode === oldCode)
    .sort((a, b) => a.rank - b.rank)
    .map((l) => [l.newCode, l.share]);
}

describe('split-commune ranking: worked examples from the resolutions (real data)', () => {
  it('Phường Điện Biên (Ba Đình, 1656/NQ-UBTVQH15): the remainder (3) before three parts with people (2 each)', () => {
    // Ô Chợ Dừa 3/9; Ba Đình, Hoàn Kiếm, Văn Miếu - Quốc Tử Giám 2/9 each, by code
    assert.deepEqual(ranked('00019'), [['00190', 0.333], ['00004', 0.222], ['00070', 0.222], ['00226', 0.222]]);
  });

  it('Xã Quang Tiến (Sóc Sơn): the remainder (3) far before land only (0.5)', () => {
    assert.deepEqual(ranked('00409'), [['00433', 0.857], ['00376', 0.143]]);
  });

  it('Xã Mai Đình (Sóc Sơn): the whole of it (3) and the remainder (3) weigh the same: by code', () => {
    assert.deepEqual(ranked('00427'), [['00376', 0.5], ['00433', 0.5]]);
  });

  it('Phường Hàng Trống (Hoàn Kiếm): the part with people that kept the old code (2 + 2) before the remainder (3)', () => {
    assert.deepEqual(ranked('00070'), [['00070', 0.571], ['00082', 0.429]]);
  });

  it('Xã Hưng Phú (Mỹ Tú, Sóc Trăng): of two wholes, the one that kept the name (3 + 1) first', () => {
    assert.deepEqual(ranked('31588'), [['31201', 0.571], ['31579', 0.429]]);
  });

  it('Xã Hải Hòa (Cẩm Phả): land only but code and name kept (0.5 + 2 + 1) before the remainder (3)', () => {
    assert.deepEqual(ranked('06799'), [['06799', 0.538], ['06886', 0.462]]);
  });

  it('Xã Ân Nghĩa (Hoài Ân, Bình Định): whole + code (5), remainder (3), land only (0.5) of 8.5', () => {
    assert.deepEqual(ranked('21727'), [['21727', 0.588], ['21622', 0.353], ['21628', 0.059]]);
  });

  it('Phường 4 (Quận 4, HCM): a numbered ward is read where it is named "Phường 4", not at "Quận 4"', () => {
    // the remainder of Phường 2 and Phường 4 went to Vĩnh Hội (27286); a part with people to Khánh Hội (27265)
    assert.deepEqual(ranked('27283'), [['27286', 0.6], ['27265', 0.4]]);
  });

  it('Phường 16 (Quận 8, HCM): "quy mô dân của" (sic) is a part with people, not the article number "16."', () => {
    assert.deepEqual(ranked('27430'), [['27595', 0.429], ['27364', 0.286], ['27427', 0.286]]);
  });
});

describe('split communes in the answer (real data)', () => {
  const m = buildMatcher({ ...ds, today: '2026-11-25' });

  it('lists every new commune with score × share; the confidence is score × the top share, at least × 0.5, at most 0.85', () => {
    const out = m.convert('Phường Điện Biên, Quận Ba Đình, Hà Nội');
    assert.ok(out.ok);
    const r = out.result;
    assert.equal(r.status, 'partial');
    // score 0.98 ("Hà Nội" without its type word) × 3/9 and × 2/9
    assert.deepEqual(
      r.candidates.map((c) => [c.commune.code, c.score]),
      [['00190', 0.326], ['00004', 0.218], ['00070', 0.218], ['00226', 0.218]],
    );
    // top share 0.333 < 0.5: 0.98 × 0.5
    assert.equal(r.confidence, 0.49);
    const top = m.convertOldCode('00409')!;
    // top share 0.857: capped at 0.85
    assert.equal(top.confidence, 0.85);
  });
});
