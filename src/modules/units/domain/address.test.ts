import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAccented, nameVariants, splitSegments, typeWordAt } from './address.ts';
import { tokenize } from './normalize.ts';

const variants = (s: string, accented = isAccented(splitSegments(s))) => nameVariants(tokenize(s), accented).map((v) => [v.key, v.typeHint?.join('|') ?? null]);

describe('type words and abbreviations', () => {
  it('reads full type words with diacritics', () => {
    assert.deepEqual(variants('Phường Phúc Xá')[0], ['phucxa', 'Phường']);
    assert.deepEqual(variants('Thị trấn Đông Anh')[0], ['donganh', 'Thị trấn']);
    assert.deepEqual(variants('Thành phố Hồ Chí Minh')[0], ['hochiminh', 'Thành phố']);
    assert.deepEqual(variants('Đặc khu Côn Đảo')[0], ['condao', 'Đặc khu']);
  });

  it('reads the abbreviations P. Q. TP. TX. TT. H. X. T.', () => {
    const cases: [string, string, string][] = [
      ['P. Phúc Xá', 'phucxa', 'Phường'],
      ['P.12', '12', 'Phường'],
      ['Q.1', '1', 'Quận'],
      ['Q1', '1', 'Quận'],
      ['TP. Hà Nội', 'hanoi', 'Thành phố'],
      ['TP.HCM', 'hcm', 'Thành phố'],
      ['TX. Sơn Tây', 'sontay', 'Thị xã'],
      ['TT. Đông Anh', 'donganh', 'Thị trấn'],
      ['H. Gia Lâm', 'gialam', 'Huyện'],
      ['X. Tân Lập', 'tanlap', 'Xã'],
      ['T. Phú Thọ', 'phutho', 'Tỉnh'],
    ];
    for (const [text, key, type] of cases) assert.deepEqual(variants(text)[0], [key, type], text);
  });

  it('always offers the whole segment as a name too (aliases, names that look like a type word)', () => {
    assert.deepEqual(variants('TP.HCM')[1], ['tphcm', null]);
  });

  it('does not take a name written without diacritics for a type word in an address with diacritics', () => {
    // "Quan Sơn" is a district of Thanh Hóa, not "Quận Sơn"
    assert.deepEqual(variants('Quan Sơn', true), [['quanson', null]]);
  });

  it('offers both readings when the address has no diacritics at all', () => {
    assert.deepEqual(variants('quan son', false), [
      ['son', 'Quận'],
      ['quanson', null],
    ]);
  });

  it('needs a name after the type word', () => {
    assert.deepEqual(variants('Phường'), [['phuong', null]]);
  });

  it('finds no type word where there is none', () => {
    assert.equal(typeWordAt(tokenize('Hà Nội'), 0, true), null);
  });
});

describe('splitSegments', () => {
  it('splits on commas and semicolons and drops a trailing country or postal code', () => {
    assert.deepEqual(
      splitSegments('Số 1, Phúc Xá; Ba Đình , Hà Nội, Việt Nam').map((s) => s.raw),
      ['Số 1', 'Phúc Xá', 'Ba Đình', 'Hà Nội'],
    );
    assert.deepEqual(splitSegments('Phúc Xá, Hà Nội, 100000').map((s) => s.raw), ['Phúc Xá', 'Hà Nội']);
    assert.deepEqual(splitSegments(' , ,'), []);
  });
});
