import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImportRows, findHeaderRow, parseDeadline, splitCodes, unitCodes, unitNameIndex } from './import-rows.ts';

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
    const r = checkImportRows([['Tên nhiệm vụ', 'Người ký']], opts);
    assert.match(r.errors.map((e) => e.message).join('\n'), /Cột "Người ký" không được nhận/);
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
    assert.deepEqual(r.errors.map((e) => [e.row, e.column, e.message]), [[3, 'leadUnits', 'Không có đơn vị "1234" trong tỉnh (ghi mã hoặc tên đơn vị).']]);
  });

  it('reads an annex of key tasks as provinces write it: title lines above the header, STT, task text as the title, unit names, periods as deadlines, products and notes kept', () => {
    const byName = unitNameIndex([
      { code: '07900', name: 'Phường Việt Trì' },
      { code: '07918', name: 'Phường Vân Phú' },
      { code: '25.SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
    ]);
    const rows = [
      ['ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ', '', '', '', '', '', ''],
      ['DANH MỤC NHIỆM VỤ TRỌNG TÂM NĂM 2026', '', '', '', '', '', ''],
      ['(Kèm theo Quyết định số 123/QĐ-UBND)', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm', 'Ghi chú'],
      ['1', 'Số hóa hồ sơ hộ tịch', 'UBND phường Việt Trì; Vân Phú', 'Sở Nông nghiệp và Môi trường', 'Quý II/2027', 'Báo cáo kết quả', ''],
      ['2', 'Rà soát đất công', 'uy ban nhan dan phuong van phu', '', 'Tháng 3/2027', '', 'Ưu tiên'],
      ['3', 'Việc ở xã khác', 'Xã Không Có', '', 'Thường xuyên', '', ''],
    ];
    assert.equal(findHeaderRow(rows), 4);
    const r = checkImportRows(rows, { ...opts, unitByName: byName });
    assert.deepEqual(r.tasks.map((t) => [t.row, t.title, t.leadUnits, t.cooperatingUnits, t.deadline, t.content]), [
      [6, 'Số hóa hồ sơ hộ tịch', ['07900', '07918'], ['25.SNNMT'], '2027-06-30', 'Sản phẩm: Báo cáo kết quả'],
      [7, 'Rà soát đất công', ['07918'], [], '2027-03-31', 'Ghi chú: Ưu tiên'],
    ]);
    assert.deepEqual(r.errors.map((e) => [e.row, e.column]), [[8, 'leadUnits'], [8, 'deadline']], 'the row numbers of the file itself');
    assert.match(r.errors[0]!.message, /Không có đơn vị "Xã Không Có" trong tỉnh/);
  });

  it('a short unit name two units share finds neither', () => {
    const byName = unitNameIndex([{ code: '1', name: 'Xã Tân Sơn' }, { code: '2', name: 'Phường Tân Sơn' }]);
    assert.equal(byName('Tân Sơn'), null);
    assert.equal(byName('xa tan son'), '1');
    assert.equal(byName('UBND Phường Tân Sơn'), '2');
  });

  it('reads deadlines written as days or periods, each period meaning its last day', () => {
    const cases: [string, string | null][] = [
      ['30/6/2026', '2026-06-30'],
      ['Trước ngày 30/6/2026', '2026-06-30'],
      ['ngày 15 tháng 8 năm 2026', '2026-08-15'],
      ['Tháng 2/2028', '2028-02-29'],
      ['06/2026', '2026-06-30'],
      ['tháng 11 năm 2026', '2026-11-30'],
      ['Quý II/2026', '2026-06-30'],
      ['quy 4 nam 2026', '2026-12-31'],
      ['6 tháng đầu năm 2026', '2026-06-30'],
      ['Năm 2026', '2026-12-31'],
      ['Trong năm 2027', '2027-12-31'],
      ['2026', '2026-12-31'],
      ['Thường xuyên', null],
      ['Hằng năm', null],
      ['tháng 13/2026', null],
      ['quý V/2026', null],
    ];
    for (const [text, want] of cases) assert.equal(parseDeadline(text), want, text);
  });
});
