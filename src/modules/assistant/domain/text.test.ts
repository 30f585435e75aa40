import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accentText, canonicalSyllable, cleanInput, editDistance, foldText, fromTelex, tokenize } from './text.ts';

describe('assistant text normalisation', () => {
  it('reads the Icelandic Ð as Đ and composes to NFC', () => {
    assert.equal(cleanInput('Ðăng ký'), 'đăng ký');
    assert.equal(cleanInput('Đa\u0306ng ky\u0301'), 'đăng ký'); // decomposed input
    assert.equal(foldText('ÐĂNG KÝ KHAI SINH'), 'dang ki khai sinh');
  });

  it('gives old and new tone placements the same syllable', () => {
    assert.equal(canonicalSyllable('hoà'), canonicalSyllable('hòa'));
    assert.equal(canonicalSyllable('thuỷ'), canonicalSyllable('thủy'));
    assert.equal(canonicalSyllable('khoẻ'), canonicalSyllable('khỏe'));
    assert.equal(canonicalSyllable('hoá'), 'hóa');
    // a final consonant or a quality mark fixes the place: no change
    assert.equal(canonicalSyllable('hoàn'), 'hoàn');
    assert.equal(canonicalSyllable('người'), 'người');
    assert.equal(canonicalSyllable('quyết'), 'quyết');
    assert.equal(canonicalSyllable('giấy'), 'giấy');
    assert.equal(accentText('Hoà giải tranh chấp'), accentText('Hòa giải tranh chấp'));
  });

  it('merges the i/y spellings and keeps whether accents were typed', () => {
    assert.deepEqual(tokenize('Đăng kí').map((t) => t.accented), tokenize('Đăng ký').map((t) => t.accented));
    const [a, b] = tokenize('dang ký');
    assert.equal(a!.marked, false);
    assert.equal(b!.marked, true);
  });

  it('measures edits with transpositions', () => {
    assert.equal(editDistance('sihn', 'sinh'), 1);
    assert.equal(editDistance('khai', 'khai'), 0);
    assert.equal(editDistance('abcdef', 'x', 2), 3);
  });

  it('reads words typed with the Telex keys left as letters', () => {
    assert.equal(fromTelex('ddawng'), 'đăng');
    assert.equal(fromTelex('kys'), 'ký');
    assert.equal(fromTelex('hooj'), 'hộ');
    assert.equal(fromTelex('khaaur'), 'khẩu');
    assert.equal(fromTelex('thuowngf'), 'thường');
    assert.equal(fromTelex('nguwowif'), 'người');
    assert.equal(fromTelex('quyeets'), 'quyết');
    assert.equal(fromTelex('đăng'), null); // no Telex key
    assert.equal(fromTelex('khai'), null);
    assert.equal(fromTelex('cmnd'), null); // not one syllable
    assert.equal(fromTelex('passport'), null);
  });
});
