import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTaxCode, isValidTaxCode, taxCheckDigit } from './tax-code.ts';

describe('tax codes', () => {
  it('accepts real 10-digit codes by their check digit', () => {
    // 0100109106: Tập đoàn Công nghiệp – Viễn thông Quân đội (Viettel); 0100233488: Tổng công ty Hàng không Việt Nam
    for (const code of ['0100109106', '0100233488']) assert.equal(isValidTaxCode(code), true, code);
    assert.equal(taxCheckDigit('010010910'), 6);
  });

  it('rejects a code whose check digit is wrong', () => {
    const r = checkTaxCode('0100109107');
    assert.equal(r.valid, false);
    assert.match(r.errors[0]!, /kiểm tra/);
  });

  it('accepts a dependent unit with or without the dash, but never serial 000', () => {
    assert.deepEqual(checkTaxCode('0100109106-001'), { valid: true, normalized: '0100109106-001', kind: 'dependent-unit', errors: [] });
    assert.equal(checkTaxCode('0100109106001').normalized, '0100109106-001');
    assert.equal(isValidTaxCode('0100109106-000'), false);
    assert.equal(isValidTaxCode('0100109107-001'), false);
  });

  it('rejects other shapes, and takes a 12-digit personal number only when asked', () => {
    for (const bad of ['010010910', '01001091066', 'ABCDEFGHIJ', '0100109106-01', '']) assert.equal(isValidTaxCode(bad), false, bad);
    assert.equal(isValidTaxCode('025190001234'), false);
    assert.equal(checkTaxCode('025190001234', { allowPersonal: true }).kind, 'personal');
  });
});
