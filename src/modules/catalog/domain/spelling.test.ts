import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctQuery, editDistance, type Vocabulary } from './spelling.ts';

const vocab = (words: Record<string, number>): Vocabulary => ({ words: new Set(Object.keys(words)), frequency: new Map(Object.entries(words)) });

describe('spelling', () => {
  it('measures edits, transpositions included', () => {
    assert.equal(editDistance('sihn', 'sinh'), 1);
    assert.equal(editDistance('khai', 'khai'), 0);
    assert.equal(editDistance('thuong', 'thong'), 1);
    assert.equal(editDistance('abc', 'xyzuvw'), 3);
  });
  it('corrects unknown words to the closest, most common word', () => {
    const v = vocab({ dang: 900, ki: 800, khai: 50, sinh: 40, sinhh: 1, tru: 30, thuong: 60 });
    assert.equal(correctQuery('dang ki khai sihn', v), 'dang ki khai sinh');
    assert.equal(correctQuery('dang ki thuogn tru', v), 'dang ki thuong tru');
    assert.equal(correctQuery('dang ki khai sinh', v), null);
    assert.equal(correctQuery('dang ki kh', v), null, 'the last word is a prefix');
    assert.equal(correctQuery('xyz', v), null);
  });
});
