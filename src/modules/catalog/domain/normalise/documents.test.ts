import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findQuantityCells, parseDocuments, splitTemplate } from './documents.ts';

const T = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

describe('parseDocuments (Thành phần hồ sơ)', () => {
  it('1.001193: groups "Giấy tờ phải nộp" and "Giấy tờ phải xuất trình"', () => {
    const r = parseDocuments(
      `* Giấy tờ phải nộp:${T}- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh.1 bản chính- Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật.1 bản chính* Giấy tờ phải xuất trình:${T}- Giấy tờ có giá trị chứng minh thông tin về cư trú.1 bản chính`,
    );
    assert.equal(r.status, 'ok');
    assert.deepEqual(
      r.value.map((d) => [d.group, d.originals, d.name.slice(0, 20)]),
      [
        ['submit', 1, 'Giấy chứng sinh; trư'],
        ['submit', 1, 'Văn bản ủy quyền (đư'],
        ['present', 1, 'Giấy tờ có giá trị c'],
      ],
    );
  });
  it('1.012784 Tách thửa: originals and copies, no group', () => {
    const r = parseDocuments(
      `--${T}(5) Bản vẽ tách thửa đất, hợp thửa đất lập theo Mẫu số 22 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.0 bản chính,1 bản sao(1) Đơn đề nghị tách thửa đất, hợp thửa đất theo Mẫu số 21 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.1 bản chính`,
    );
    assert.deepEqual(r.value[0], {
      name: '(5) Bản vẽ tách thửa đất, hợp thửa đất lập theo Mẫu số 22 ban hành kèm theo Nghị định số 151/2025/NĐ-CP.',
      template: null,
      originals: 0,
      copies: 1,
      group: null,
      section: null,
    });
    assert.equal(r.value[1]!.originals, 1);
    assert.equal(r.value[1]!.copies, null);
  });
  it('1.012518: separates the template file from the name', () => {
    const r = parseDocuments(
      `--${T}Đơn đề nghị thu hồi văn bản chấp thuận theo Mẫu số 05 ban hành kèm theo Nghị định 52/2024/NĐ-CP ngày 15/5/2024 (đối với trường hợp tại điểm a mục 3.1).Mẫu số 05.docx1 bản chính`,
    );
    assert.equal(r.value[0]!.template, 'Mẫu số 05.docx');
    assert.match(r.value[0]!.name, /mục 3\.1\)\.$/);
  });
  it('1.007887: keeps the case heading of each sub-list', () => {
    const r = parseDocuments(
      `a) Đối với xe ô tô, xe gắn máy của cơ quan:${T}Văn bản đề nghị tái xuất xe ô tô, xe gắn máy theo Phụ lục III: 01 bản chính.1 bản chínhb) Đối với xe ô tô, xe gắn máy của cá nhân:${T}+ Giấy ủy quyền cho cơ quan nơi đối tượng công tác: 01 bản chính;1 bản chính`,
    );
    assert.deepEqual(r.value.map((d) => d.section), ['a) Đối với xe ô tô, xe gắn máy của cơ quan', 'b) Đối với xe ô tô, xe gắn máy của cá nhân']);
    // "01 bản chính." inside the name is not a quantity cell
    assert.equal(r.value[0]!.name, 'Văn bản đề nghị tái xuất xe ô tô, xe gắn máy theo Phụ lục III: 01 bản chính.');
    assert.equal(r.value[1]!.name, 'Giấy ủy quyền cho cơ quan nơi đối tượng công tác: 01 bản chính');
  });
  it('1.013206: group markers published as rows switch the group', () => {
    const r = parseDocuments(
      `* Hồ sơ đề nghị chứng nhận Xe cơ giới${T}Hồ sơ thiết kế cải tạo1 bản chính- Giấy tờ phải xuất trình:0 bản chính- Giấy tờ phải nộp:0 bản chínhVăn bản đề nghị chứng nhận cải tạo theo mẫu1 bản chính`,
    );
    assert.deepEqual(r.value.map((d) => [d.name, d.group]), [
      ['Hồ sơ thiết kế cải tạo', null],
      ['Văn bản đề nghị chứng nhận cải tạo theo mẫu', 'submit'],
    ]);
  });
  it('text with no table is reported, not invented', () => {
    const r = parseDocuments('Người lao động nộp hồ sơ cho cơ quan BHXH.');
    assert.equal(r.status, 'failed');
    assert.equal(r.issues[0]!.kind, 'no-table');
    assert.equal(parseDocuments('Không có thông tin').status, 'empty');
  });
});

describe('findQuantityCells', () => {
  it('splits a number ending the name from the quantity (1.012781 "Mẫu số 18" + "1 bản chính")', () => {
    const body = 'Đơn đăng ký biến động đất đai theo Mẫu số 181 bản chính,1 bản saoGiấy tờ về việc nhận chuyển quyền.1 bản chính,1 bản sao';
    const cells = findQuantityCells(body);
    assert.equal(cells.length, 2);
    assert.deepEqual([cells[0]!.nameDigits, cells[0]!.originals, cells[0]!.copies], ['18', 1, 1]);
  });
  it('a year glued to the quantity stays in the name ("…ngày 25/6/2024" + "1 bản chính")', () => {
    const cells = findQuantityCells('Nghị định số 70/2024/NĐ-CP ngày 25/6/20241 bản chínhGiấy tờ khác1 bản chính');
    assert.equal(cells[0]!.nameDigits, '2024');
    assert.equal(cells[0]!.originals, 1);
  });
  it('1.000020: "…: 01 bản chính" right before the cell belongs to the name', () => {
    const body = 'Giấy phép xuất khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính1 bản chínhHợp đồng bán hàng, phụ lục hợp đồng (nếu có)0 bản chính,1 bản sao';
    const cells = findQuantityCells(body);
    assert.equal(cells.length, 2);
    assert.equal(body.slice(0, cells[0]!.start), 'Giấy phép xuất khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính');
  });
});

describe('splitTemplate', () => {
  it('finds file names glued in several ways', () => {
    assert.deepEqual(splitTemplate('Đơn đề nghị cấp đổi thẻ bảo hiểm y tế do Tổng cục, Bộ Tư lệnh, đơn vị trực thuộc BộMau02-ĐN(BHYT).doc'), {
      name: 'Đơn đề nghị cấp đổi thẻ bảo hiểm y tế do Tổng cục, Bộ Tư lệnh, đơn vị trực thuộc Bộ',
      template: 'Mau02-ĐN(BHYT).doc',
      uncertain: false,
    });
    assert.equal(splitTemplate('Tờ khai theo Mẫu 04 Phụ lục I Nghị định số 23/2026/NĐ-CPMau04.docx').template, 'Mau04.docx');
    assert.equal(splitTemplate('Tờ khai đề nghị cấp Giấy miễn thị thực (Mẫu NA9).10-Mẫu NA9.doc').template, '10-Mẫu NA9.doc');
    assert.equal(splitTemplate('Phụ lục 03 ban hành kèm theo Thông tư 08/2026/TT-BNNMT ngày 26/01/2026Mau so 04.docx').template, 'Mau so 04.docx');
  });
  it('says when it cannot tell the name from the file', () => {
    assert.equal(splitTemplate('Giấy đề nghị gia hạn theo Hiện định GMSGMS - Gia hạn.docx').uncertain, true);
  });
});
