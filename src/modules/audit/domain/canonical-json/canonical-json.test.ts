import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same string for the same value written in another order', () => {
    assert.equal(canonicalJson({ x: 'Hộ tịch', y: [1, 2] }), canonicalJson({ y: [1, 2], x: 'Hộ tịch' }));
  });

  it('writes dates as ISO strings and null/undefined as null', () => {
    assert.equal(canonicalJson(new Date('2026-01-02T03:04:05.006Z')), '"2026-01-02T03:04:05.006Z"');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson([undefined, null]), '[null,null]');
  });

  it('refuses values without an agreed JSON form', () => {
    assert.throws(() => canonicalJson(Number.NaN), TypeError);
    assert.throws(() => canonicalJson(10n), TypeError);
  });
});
