import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchQuery } from './search-query.ts';

describe('parseSearchQuery', () => {
  it('drops the type word into a type filter and keeps the whole text as a second reading', () => {
    assert.deepEqual(parseSearchQuery('P. Phúc Xá')[0], { plain: 'phucxa', tone: 'phuc1 xa1 ', types: ['Phường'] });
    assert.equal(parseSearchQuery('P. Phúc Xá')[1]!.types, null);
  });

  it('has no tone key without diacritics (any tone matches)', () => {
    assert.deepEqual(parseSearchQuery('hoa binh'), [{ plain: 'hoabinh', tone: null, types: null }]);
  });

  it('gives the same reading for both tone-mark placements', () => {
    assert.deepEqual(parseSearchQuery('Thuỷ Nguyên'), parseSearchQuery('Thủy Nguyên'));
  });

  it('is empty for text without letters or digits', () => {
    assert.deepEqual(parseSearchQuery(' ,.- '), []);
  });
});
