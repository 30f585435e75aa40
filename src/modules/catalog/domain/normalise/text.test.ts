import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText, foldVietnamese, isNoInformation, isStatedNone, oneLine, parseGroupedInteger, searchFold } from './text.ts';

describe('foldVietnamese', () => {
  it('strips tones and vowel marks, maps đ to d, lower-cases', () => {
    assert.equal(foldVietnamese('Thủ tục đăng ký khai sinh'), 'thu tuc dang ky khai sinh');
    assert.equal(foldVietnamese('ĐĂNG KÝ THƯỜNG TRÚ'), 'dang ky thuong tru');
    assert.equal(foldVietnamese('Tách thửa hoặc hợp thửa đất.'), 'tach thua hoac hop thua dat');
  });
  it('gives the same result for composed (NFC) and decomposed (NFD) input', () => {
    const s = 'Cấp đổi thẻ căn cước';
    assert.equal(foldVietnamese(s.normalize('NFD')), foldVietnamese(s.normalize('NFC')));
  });
  it('turns punctuation into single spaces', () => {
    assert.equal(foldVietnamese('Chứng thực bản sao từ bản chính (giấy tờ, văn bản)'), 'chung thuc ban sao tu ban chinh giay to van ban');
  });
});

describe('searchFold', () => {
  it('merges the i/y spelling variants after a consonant', () => {
    assert.equal(searchFold('đăng kí khai sinh'), searchFold('Đăng ký khai sinh'));
    assert.equal(searchFold('Lý lịch tư pháp'), 'li lich tu phap');
    assert.equal(searchFold('quy định'), 'qui dinh');
  });
  it('keeps y inside other syllables', () => {
    assert.equal(searchFold('Quyết định tuyển dụng'), 'quyet dinh tuyen dung');
  });
});

describe('text cells', () => {
  it('cleans non-breaking spaces and trims lines', () => {
    assert.equal(cleanText('Ủy ban Nhân dân\u00a0xã,\u00a0phường'), 'Ủy ban Nhân dân xã, phường');
    assert.equal(cleanText(' Bước 1: a\n Bước 2: b '), 'Bước 1: a\nBước 2: b');
    assert.equal(oneLine('a\n  b\tc'), 'a b c');
  });
  it('tells "no information" from "stated none"', () => {
    assert.equal(isNoInformation('Không có thông tin'), true);
    assert.equal(isNoInformation(''), true);
    assert.equal(isNoInformation('Không'), false);
    assert.equal(isStatedNone('Không.'), true);
    assert.equal(isStatedNone('Không có'), true);
    assert.equal(isStatedNone('Không có thông tin'), false);
  });
  it('parses grouped integers as published ("20,000", "5.700.000")', () => {
    assert.equal(parseGroupedInteger('20,000'), 20000);
    assert.equal(parseGroupedInteger('5.700.000'), 5700000);
    assert.equal(parseGroupedInteger('120'), 120);
    assert.equal(parseGroupedInteger('1,5'), null);
  });
});
