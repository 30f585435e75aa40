import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImportRows, parseDeadline, splitCodes, unitCodes } from './import-rows.ts';

const known = new Set(['07900', '07918', '25.SNNMT']);
const opts = { unitKnown: (c: string) => known.has(c), today: '2026-12-01' };

describe('task list import', () => {
  it('reads Vietnamese headers in any order and creates one task per row', () => {
    const r = checkImportRows(
      [
        ['Thời hạn', 'Tên nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Mức độ', 'Căn cứ'],
        ['31/12/2026', 'Số hóa hồ sơ hộ tịch', '07900; 07918', '25.SNNMT', 'Khẩn', 'Kế hoạch 12/KH-UBND'],
        ['', '', '', '', '', ''],
        ['2027-01-15', 'Rà soát đất công', '07918', '', '', ''],
      ],
      opts,
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.tasks.length, 2);
    assert.deepEqual(r.tasks[0], { row: 2, title: 'Số hóa hồ sơ hộ tịch', content: '', legalSource: 'Kế hoạch 12/KH-UBND', leadUnits: ['07900', '07918'], cooperatingUnits: ['25.SNNMT'], deadline: '2026-12-31', priority: 'urgent' });
    assert.equal(r.tasks[1]!.priority, 'normal');
  });

  it('reports every problem by row and column and creates nothing from a bad row', () => {
    const r = checkImportRows(
      [
        ['tên nhiệm vụ', 'đơn vị chủ trì', 'thời hạn', 'mức độ'],
        ['', '07900', '31/12/2026', ''],
        ['Việc B', '99999', '31/02/2026', 'gấp lắm'],
        ['Việc C', '07900', '15/11/2026', ''],
      ],
      opts,
    );
    assert.deepEqual(
      r.errors.map((e) => [e.row, e.column]),
      [[2, 'title'], [3, 'leadUnits'], [3, 'deadline'], [3, 'priority']],
    );
    assert.deepEqual(r.tasks.map((t) => t.row), [4]);
    assert.deepEqual(r.warnings.map((w) => [w.row, w.column]), [[4, 'deadline']], 'a past deadline is a warning: the task arrives overdue');
  });

  it('names missing and unknown columns', () => {
    const r = checkImportRows([['Tên nhiệm vụ', 'Ghi chú']], opts);
    assert.match(r.errors.map((e) => e.message).join('\n'), /Cột "Ghi chú" không được nhận/);
    assert.match(r.errors.map((e) => e.message).join('\n'), /Thiếu cột "đơn vị chủ trì"/);
  });

  it('parses dates strictly and splits unit lists', () => {
    assert.equal(parseDeadline('1/2/2026'), '2026-02-01');
    assert.equal(parseDeadline('29/02/2026'), null);
    assert.equal(parseDeadline('2026-13-01'), null);
    assert.equal(parseDeadline('ngày mai'), null);
    assert.deepEqual(splitCodes(' 07900 ,07918;07900\n'), ['07900', '07918']);
  });

  it('puts back the leading zeros a spreadsheet dropped from a commune code, only when that names a unit', () => {
    const known5 = (c: string) => known.has(c);
    assert.deepEqual(unitCodes('7900; 07918; 7900', known5), ['07900', '07918']);
    assert.deepEqual(unitCodes('1234', known5), ['1234'], 'no unit 01234: the code stays as written and is reported');
    const r = checkImportRows([['Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'], ['Việc A', '7900', '31/12/2026'], ['Việc B', '1234', '31/12/2026']], opts);
    assert.deepEqual(r.tasks.map((t) => t.leadUnits), [['07900']]);
    assert.deepEqual(r.errors.map((e) => [e.row, e.column, e.message]), [[3, 'leadUnits', 'Không có đơn vị mã "1234" trong tỉnh.']]);
  });
});
