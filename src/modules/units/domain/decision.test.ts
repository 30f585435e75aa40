import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataset } from './dataset.ts';
import { fixtureTables } from './fixture.ts';
import { buildUnitIndex, type Ent } from './unit-index.ts';
import { readAddressText } from './mentions.ts';
import type { Reading } from './readings.ts';
import { bestPerUnit, byPreference, decide, withoutNestedNames } from './decision.ts';

const ix = buildUnitIndex({ ...buildDataset(fixtureTables()), today: '2026-11-25' });
const old = (code: string) => ix.oldCommunes.get(code)!;
const neu = (code: string) => ix.newCommunes.get(code)!;
const reading = (kind: Reading['kind'], ent: Ent, score: number, extra: Partial<Reading> = {}): Reading => ({
  kind,
  ent,
  district: null,
  score,
  communeStart: 0,
  communeEnd: 2,
  notes: [],
  ...extra,
});
const text = readAddressText('tan lap phu tho');

describe('ordering the readings', () => {
  it('puts the best first; an old reading wins a tie with a new one; then the one with a district', () => {
    const a = reading('new', neu('09001'), 0.9);
    const b = reading('old', old('08001'), 0.88);
    const c = reading('old', old('08002'), 0.88, { district: ix.oldDistricts.get('231')! });
    assert.deepEqual([a, b, c].sort(byPreference).map((r) => r.ent.code), ['08002', '08001', '09001']);
    assert.deepEqual([reading('new', neu('09001'), 0.95), b].sort(byPreference).map((r) => r.ent.code), ['09001', '08001']);
  });

  it('keeps the best reading of each unit', () => {
    const rs = bestPerUnit([reading('old', old('08001'), 0.5), reading('old', old('08001'), 0.8), reading('old', old('08002'), 0.7)]);
    assert.deepEqual(rs.map((r) => [r.ent.code, r.score]), [['08001', 0.8], ['08002', 0.7]]);
  });

  it('drops a shorter name inside a longer one that ends at the same word (longest match)', () => {
    const long = reading('old', old('08001'), 0.9, { communeStart: 0, communeEnd: 2 });
    const short = reading('old', old('08002'), 0.91, { communeStart: 1, communeEnd: 2 });
    const elsewhere = reading('old', old('08008'), 0.9, { communeStart: 1, communeEnd: 3 });
    assert.deepEqual(withoutNestedNames([long, short, elsewhere]).map((r) => r.ent.code), ['08001', '08008']);
    // unless the shorter one is clearly better, or of the other generation
    assert.equal(withoutNestedNames([long, { ...short, score: 0.95 }]).length, 2);
    assert.equal(withoutNestedNames([long, reading('new', neu('09001'), 0.9, { communeStart: 1, communeEnd: 2 })]).length, 2);
  });
});

describe('decide', () => {
  it('converts the best old reading', () => {
    const d = decide(ix, text, [reading('old', old('08001'), 0.9, { district: ix.oldDistricts.get('230')! }), reading('old', old('08002'), 0.6)], [])!;
    assert.ok(d.outcome.ok);
    assert.equal(d.outcome.result.status, 'converted');
    assert.equal(d.outcome.result.commune.code, '09100');
    assert.equal(d.outcome.result.confidence, 0.9);
  });

  it('answers "ambiguous" when old readings tie and lead to different new communes', () => {
    const d = decide(ix, text, [reading('old', old('08001'), 0.9), reading('old', old('08002'), 0.88), reading('new', neu('09001'), 0.9)], [])!;
    assert.ok(d.outcome.ok);
    const r = d.outcome.result;
    assert.equal(r.status, 'ambiguous');
    assert.deepEqual(r.candidates.map((c) => c.commune.code).sort(), ['09001', '09100', '09200']);
    assert.equal(r.confidence, 0.45);
    assert.match(r.notes.at(-1)!, /Có 2 xã\/phường cũ khớp như nhau/);
  });

  it('does not call it ambiguous when the tied old communes went to the same new commune', () => {
    // old Xã Hòa Bình (08008) and Xã Hóa Bình (08004) both went into Xã Sông Lô (09200)
    const d = decide(ix, text, [reading('old', old('08008'), 0.9), reading('old', old('08004'), 0.9)], [])!;
    assert.ok(d.outcome.ok);
    assert.equal(d.outcome.result.status, 'converted');
    assert.equal(d.outcome.result.commune.code, '09200');
  });

  it('lists a new commune of the same name that ties, lowers the confidence and says so', () => {
    const d = decide(ix, readAddressText('song lo phu tho'), [reading('old', old('08009'), 0.9), reading('new', neu('09200'), 0.9)], [])!;
    assert.ok(d.outcome.ok);
    const r = d.outcome.result;
    assert.deepEqual(r.candidates.map((c) => c.commune.code), ['09100', '09200']);
    assert.equal(r.confidence, 0.72);
    assert.match(r.notes.at(-1)!, /«song lo» cũng là tên của Xã Sông Lô \(mã 09200\)/);
  });

  it('answers "current" for a new commune that wins', () => {
    const d = decide(ix, text, [reading('new', neu('09001'), 0.9)], [])!;
    assert.ok(d.outcome.ok);
    assert.equal(d.outcome.result.status, 'current');
    assert.equal(d.outcome.result.confidence, 1);
  });

  it('gives no answer below the minimum score, and lowers every reading by the factor', () => {
    assert.equal(decide(ix, text, [reading('old', old('08001'), 0.44)], []), null);
    assert.equal(decide(ix, text, [reading('old', old('08001'), 0.5)], [], 0.8), null);
    assert.equal(decide(ix, text, [], []), null);
  });

  it('keeps the street and the notes of the province search', () => {
    const t = readAddressText('so 3 tan lap phu tho');
    const d = decide(ix, t, [reading('old', old('08001'), 0.9, { communeStart: 2, communeEnd: 4 })], ['ghi chú'])!;
    assert.ok(d.outcome.ok);
    assert.equal(d.outcome.result.street, 'so 3');
    assert.equal(d.outcome.result.notes[0], 'ghi chú');
  });
});
