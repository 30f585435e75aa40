import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planSearch } from './search.ts';

describe('planSearch', () => {
  it('folds words and makes the last one a prefix', () => {
    assert.deepEqual(planSearch('Đăng ký khai sinh'), { kind: 'text', folded: 'dang ki khai sinh', tsquery: 'dang & ki & khai & sinh:*' });
    assert.deepEqual(planSearch('đăng kí khai sinh'), planSearch('dang ky khai sinh'));
  });
  it('recognises codes and parts of codes', () => {
    const p = planSearch('1.001193');
    assert.equal(p.kind, 'code');
    assert.equal(p.kind === 'code' && p.code, '1.001193');
    assert.equal(planSearch('001193').kind, 'code');
    assert.equal(planSearch('12').kind, 'text');
  });
  it('an empty or punctuation-only query lists everything; tsquery holds only safe words', () => {
    assert.deepEqual(planSearch('   '), { kind: 'all' });
    assert.deepEqual(planSearch("'&|!()"), { kind: 'all' });
    const p = planSearch("khai sinh' | !x");
    assert.equal(p.kind === 'text' && p.tsquery, 'khai & sinh & x:*');
  });
});
