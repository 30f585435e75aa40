import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainKey, plainText, tokenize, toneKey, toneText, wordKey } from './normalize.ts';

describe('wordKey / toneText: both tone-mark placements are the same word', () => {
  const pairs: [string, string][] = [
    ['hòa', 'hoà'],
    ['hóa', 'hoá'],
    ['hỏa', 'hoả'],
    ['hõa', 'hoã'],
    ['họa', 'hoạ'],
    ['thúy', 'thuý'],
    ['thùy', 'thuỳ'],
    ['thủy', 'thuỷ'],
    ['thũy', 'thuỹ'],
    ['thụy', 'thuỵ'],
    ['khòe', 'khoè'],
    ['khỏe', 'khoẻ'],
    ['xóe', 'xoé'],
  ];
  for (const [older, newer] of pairs) {
    it(`${older} = ${newer}`, () => {
      assert.equal(wordKey(older).tone, wordKey(newer).tone);
      assert.equal(wordKey(older).plain, wordKey(newer).plain);
    });
  }

  it('keeps different tones apart', () => {
    assert.notEqual(wordKey('Hòa').tone, wordKey('Hóa').tone);
    assert.notEqual(wordKey('Phú').tone, wordKey('Phụ').tone);
    assert.equal(wordKey('Hòa').plain, wordKey('Hóa').plain);
  });

  it('keeps vowel marks and đ in the tone key, drops them in the plain key', () => {
    assert.equal(wordKey('Đồng').plain, 'dong');
    assert.equal(wordKey('Đồng').tone, 'đông2');
    assert.notEqual(wordKey('Đông').tone, wordKey('Dông').tone);
    assert.equal(wordKey('Thủy').tone, 'thuy3');
  });

  it('ignores case and Unicode form (NFD input)', () => {
    assert.deepEqual(wordKey('HOÀ'), wordKey('hoà'));
    assert.deepEqual(wordKey('Hoà'.normalize('NFD')), wordKey('Hoà'));
    assert.equal(toneText('Thanh Hóa'.normalize('NFD')), toneText('thanh hoá'));
  });

  it('marks accented words', () => {
    assert.equal(wordKey('Ha').accented, false);
    assert.equal(wordKey('Hà').accented, true);
    assert.equal(wordKey('Đa').accented, true);
  });
});

describe('tokenize', () => {
  it('splits on punctuation and drops apostrophes inside words', () => {
    assert.deepEqual(
      tokenize("Xã Ea H’Leo, Bà Rịa-Vũng Tàu").map((t) => t.plain),
      ['xa', 'ea', 'hleo', 'ba', 'ria', 'vung', 'tau'],
    );
    assert.equal(plainText("Đắk R'Lấp"), 'dak rlap');
  });

  it('splits a letter glued to a number and drops leading zeros', () => {
    assert.deepEqual(tokenize('Q1').map((t) => t.plain), ['q', '1']);
    assert.deepEqual(tokenize('P.12, F7').map((t) => t.plain), ['p', '12', 'f', '7']);
    assert.deepEqual(tokenize('Phường 01').map((t) => t.plain), ['phuong', '1']);
  });

  it('records the dot after an abbreviation and the offsets of each word', () => {
    const t = tokenize('TP. Hồ Chí Minh');
    assert.equal(t[0]!.dot, true);
    assert.equal(t[1]!.dot, false);
    assert.equal('TP. Hồ Chí Minh'.slice(t[1]!.start, t[3]!.end), 'Hồ Chí Minh');
  });

  it('builds look-up keys without spaces', () => {
    assert.equal(plainKey(tokenize('Đắk Lắk')), plainKey(tokenize('Daklak')));
    assert.equal(toneKey(tokenize('Hoà Bình')), toneKey(tokenize('Hòa Bình')));
  });
});
