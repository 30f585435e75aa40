import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { safeCell, spreadsheetCsv } from './csv.ts';

describe('CSV for spreadsheet programs', () => {
  it('never lets a cell start a formula, whatever a citizen or a legacy record wrote', () => {
    for (const v of ['=HYPERLINK("http://x","y")', '+84 912', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) assert.equal(safeCell(v), `'${v}`);
    for (const v of ['Phường Việt Trì', '12', '', "'=already"]) assert.equal(safeCell(v), v);
  });

  it('writes a byte-order mark, CRLF, guarded text, numbers as numbers and empty cells for null', () => {
    const csv = spreadsheetCsv([['Đơn vị', 'Điểm', 'Ghi chú'], ['=cmd|calc', -3.5, null], ['Xã "Mới", 2025', 0, undefined]]);
    assert.ok(csv.startsWith('\uFEFF'));
    assert.ok(csv.includes('\r\n'));
    assert.deepEqual(parse(csv.slice(1)), [['Đơn vị', 'Điểm', 'Ghi chú'], ["'=cmd|calc", '-3.5', ''], ['Xã "Mới", 2025', '0', '']]);
  });
});
