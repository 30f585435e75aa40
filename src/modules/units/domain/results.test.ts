import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset } from './dataset.ts';
import { fixtureTables } from './fixture.ts';
import { buildUnitIndex } from './unit-index.ts';
import { candidateOf, convertedResult, currentResult, describeOld, oldPartOf } from './results.ts';

const ix = buildUnitIndex({ ...buildDataset(fixtureTables()), today: '2026-11-25' });

describe('results', () => {
  it('a candidate carries today\'s commune and province names', () => {
    assert.deepEqual(candidateOf(ix, '25270', 0.91234), {
      commune: { code: '25270', name: 'Phường Lộc Ninh' },
      province: { code: '75', name: 'Thành phố Đồng Nai' },
      score: 0.912,
    });
    assert.equal(candidateOf(ix, '99999', 1), null);
  });

  it('describes an old commune with its district and province', () => {
    assert.equal(describeOld(ix, ix.oldCommunes.get('08001')!), 'Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ');
    assert.deepEqual(oldPartOf(ix, ix.oldCommunes.get('00001')!), {
      province: { code: '01', name: 'Thành phố Hà Nội' },
      district: { code: '001', name: 'Quận Ba Đình' },
      commune: { code: '00001', name: 'Phường Phúc Xá' },
    });
  });

  it('a full merge is "converted" with the old units, the resolution and the normalised address', () => {
    const r = convertedResult(ix, ix.oldCommunes.get('00001')!, 0.9, 'Số 1', [])!;
    assert.equal(r.status, 'converted');
    assert.equal(r.merge_type, 'full');
    assert.equal(r.confidence, 0.9);
    assert.equal(r.resolution, 'NQ-TEST: Sắp xếp thử');
    assert.equal(r.normalized_address, 'Số 1, Phường Hồng Hà, Thành phố Hà Nội');
    assert.deepEqual(r.notes, []);
  });

  it('a split commune is "partial": every new commune by rank, shares as scores, capped confidence, a note', () => {
    const r = convertedResult(ix, ix.oldCommunes.get('00008')!, 1, null, [])!;
    assert.equal(r.status, 'partial');
    // Ngọc Hà: the remainder (3), code and name kept (+2 +1) → 6 / 6.5; land only (0.5) → 0.5 / 6.5
    assert.deepEqual(r.candidates.map((c) => [c.commune.code, c.score]), [['00008', 0.923], ['00004', 0.077]]);
    assert.equal(r.confidence, 0.85);
    assert.match(r.notes[0]!, /được chia cho 2 đơn vị mới/);
    // the new commune also named in the address comes first
    assert.equal(convertedResult(ix, ix.oldCommunes.get('00008')!, 1, null, [], '00004')!.commune.code, '00004');
  });

  it('a new commune is "current", with no old part', () => {
    const r = currentResult(ix, ix.newCommunes.get('00097')!, 0.95, null, []);
    assert.equal(r.status, 'current');
    assert.equal(r.merge_type, 'none');
    assert.equal(r.old, null);
    assert.equal(r.confidence, 0.95);
  });
});
