import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addKnownName, knownNames, mentionsEndingAt, readAddressText, textOf, typeWordBefore } from './mentions.ts';
import { tokenize } from './normalize.ts';
import { typeMask } from './address.ts';

const words = (address: string) => readAddressText(address).tokens.map((t) => t.plain);

describe('readAddressText', () => {
  it('lines up the words of every segment, remembering where each segment starts', () => {
    const t = readAddressText('Số 3, Phúc Xá Ba Đình; Hà Nội');
    assert.deepEqual(t.tokens.map((x) => x.plain), ['so', '3', 'phuc', 'xa', 'ba', 'dinh', 'ha', 'noi']);
    assert.deepEqual(t.segmentOf, [0, 0, 1, 1, 1, 1, 2, 2]);
    assert.deepEqual(t.segmentStart, [0, 0, 2, 2, 2, 2, 6, 6]);
    assert.equal(t.accented, true);
    assert.equal(readAddressText('phuc xa ba dinh').accented, false);
  });

  it('leaves out a country or postal code at the end, with or without a comma', () => {
    assert.deepEqual(words('phuc xa ha noi viet nam'), ['phuc', 'xa', 'ha', 'noi']);
    assert.deepEqual(words('phuc xa ha noi vietnam 100000'), ['phuc', 'xa', 'ha', 'noi']);
    assert.deepEqual(words('Phúc Xá, Hà Nội, Việt Nam'), ['phuc', 'xa', 'ha', 'noi']);
    assert.deepEqual(words('Phường 12, Quận 10'), ['phuong', '12', 'quan', '10']);
    assert.deepEqual(words('Việt Nam'), ['viet', 'nam']);
  });

  it('gives back the words as written, segments joined by ", "', () => {
    const t = readAddressText('Số 3 ngõ 5, P.Phúc Xá Q. Ba Đình');
    assert.equal(textOf(t, 0, 4), 'Số 3 ngõ 5');
    assert.equal(textOf(t, 2, 7), 'ngõ 5, P.Phúc Xá');
  });
});

describe('typeWordBefore', () => {
  const before = (text: string, at: number) => {
    const tw = typeWordBefore(tokenize(text), at, 0);
    return tw && [tw.pattern.types.join('|'), tw.start, tw.certain];
  };

  it('finds full type words, the longest first, certain when written with their diacritics', () => {
    assert.deepEqual(before('Thị xã Sơn Tây', 2), ['Thị xã', 0, true]);
    assert.deepEqual(before('thi xa son tay', 2), ['Thị xã', 0, false]);
    assert.deepEqual(before('Xã Tân Lập', 1), ['Xã', 0, true]);
    // another tone is another word
    assert.equal(before('Quán Sơn', 1), null);
  });

  it('takes abbreviations with or without their dot, and a letter glued to a number', () => {
    assert.deepEqual(before('p dien bien', 1), ['Phường', 0, true]);
    assert.deepEqual(before('P.Điện Biên', 1), ['Phường', 0, true]);
    assert.deepEqual(before('tp hcm', 1), ['Thành phố', 0, true]);
    assert.deepEqual(before('q1', 1), ['Quận', 0, true]);
  });

  it('does not look before the start of the segment', () => {
    assert.equal(typeWordBefore(tokenize('xã tân lập'), 1, 1), null);
  });
});

describe('mentionsEndingAt', () => {
  const known = knownNames();
  for (const name of ['phuc xa', 'ba dinh', 'dinh', 'ha noi', 'son', 'quan son', 'tu xa', 'lam thao']) addKnownName(known, name.split(' '));
  const at = (address: string, end: number) =>
    mentionsEndingAt(readAddressText(address), end, known).map((m) => [m.start, m.nameStart, m.key, m.mask, m.weight, m.shed]);

  it('finds every known name ending at a word, with the type word written before it', () => {
    assert.deepEqual(at('so 3 p phuc xa q ba dinh ha noi', 5), [[2, 3, 'phucxa', typeMask(['Phường']), 1, false], [3, 3, 'phucxa', 0, 1, true]]);
    assert.deepEqual(at('so 3 p phuc xa q ba dinh ha noi', 8), [
      [7, 7, 'dinh', 0, 1, false],
      [5, 6, 'badinh', typeMask(['Quận']), 1, false],
      [6, 6, 'badinh', 0, 1, true],
    ]);
  });

  it('never crosses a separator', () => {
    assert.deepEqual(at('Ba, Đình', 2), [[1, 1, 'dinh', 0, 1, false]]);
  });

  it('reads a type word written without diacritics both ways: as the type word and as part of the name', () => {
    // address without diacritics: "quan son" is Quận Sơn or Quan Sơn (the type word fitting decides)
    assert.deepEqual(at('quan son', 2), [
      [0, 1, 'son', typeMask(['Quận']), 1, false],
      [1, 1, 'son', 0, 1, true],
      [0, 0, 'quanson', 0, 1, false],
    ]);
    // with diacritics elsewhere, "Quan" without them is rather a name: the type word reading is weaker
    assert.deepEqual(at('Quan Sơn, Thanh Hóa', 2), [
      [0, 1, 'son', typeMask(['Quận']), 0.97, false],
      [1, 1, 'son', 0, 1, true],
      [0, 0, 'quanson', 0, 1, false],
    ]);
  });

  it('offers a certain type word as the end of the name before it ("tứ xã lâm thao")', () => {
    const ms = at('tứ xã lâm thao', 4);
    assert.deepEqual(ms.find((m) => m[2] === 'lamthao' && m[5] === true), [2, 2, 'lamthao', 0, 1, true]);
    assert.deepEqual(at('tứ xã lâm thao', 2), [[0, 0, 'tuxa', 0, 1, false]]);
  });

  it('knows every name and every ending of one at a word boundary', () => {
    assert.deepEqual([...known.endings].filter((e) => e.endsWith('son')).sort(), ['quanson', 'son']);
    assert.equal(known.maxWords, 2);
  });

  it('is computed once per end position', () => {
    const t = readAddressText('phuc xa ba dinh');
    assert.equal(mentionsEndingAt(t, 4, known), mentionsEndingAt(t, 4, known));
    assert.deepEqual(mentionsEndingAt(t, 0, known), []);
  });
});
