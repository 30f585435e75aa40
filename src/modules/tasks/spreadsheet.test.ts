import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { Problem } from '../../platform/errors.ts';
import { checkXlsxArchive, readSpreadsheet } from './spreadsheet.ts';
import { zip } from '../../../test/helpers/zip.ts';

async function refused(p: Promise<unknown> | (() => unknown), code: string | string[]): Promise<Problem> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.ok(err instanceof Problem, String(err));
    assert.ok((Array.isArray(code) ? code : [code]).includes(err.code), `${err.code}: ${err.detail}`);
    assert.ok(err.status < 500);
    return err;
  }
  assert.fail(`expected ${code}`);
}

describe('task list spreadsheets', () => {
  it('reads an XLSX written by a spreadsheet program, with the codes it turned into numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.addRow(['Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn']);
    ws.addRow(['Số hóa sổ hộ tịch', 7900, new Date(Date.UTC(2027, 0, 15))]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    checkXlsxArchive(bytes);
    assert.deepEqual(await readSpreadsheet(bytes, 'ds.xlsx'), [['Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'], ['Số hóa sổ hộ tịch', '7900', '15/01/2027']]);
  });

  it('refuses an XLSX that would unpack to more than the allowance, whatever sizes it declares', async () => {
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    const honest = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: huge }]);
    assert.ok(honest.length < 100_000, 'a few kilobytes on the wire');
    const p = await refused(readSpreadsheet(honest, 'bom.xlsx'), 'spreadsheet-too-large');
    assert.match(p.detail ?? '', /khi giải nén vượt quá 10 MB/);
    const lying = zip([{ name: 'xl/worksheets/sheet1.xml', data: huge, declared: 1000 }]);
    await refused(readSpreadsheet(lying, 'bom.xlsx'), 'spreadsheet-too-large');
    // many small entries add up too
    const many = zip(Array.from({ length: 30 }, (_, i) => ({ name: `xl/media/a${i}.xml`, data: Buffer.alloc(1024 * 1024, 0x41) })));
    await refused(() => checkXlsxArchive(many), 'spreadsheet-too-large');
  });

  it('refuses a broken or foreign archive and files that are not spreadsheets, in Vietnamese', async () => {
    const good = zip([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    await refused(readSpreadsheet(good.subarray(0, good.length - 30), 'cut.xlsx'), 'spreadsheet-unreadable');
    const docx = zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const p = await refused(readSpreadsheet(docx, 'to-trinh.docx'), ['spreadsheet-unreadable', 'spreadsheet-empty']);
    assert.match(p.detail ?? '', /Excel/);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a])]);
    assert.match((await refused(readSpreadsheet(pdf, 'ke-hoach.pdf'), 'csv-not-utf8')).detail ?? '', /không phải CSV mã UTF-8 hay Excel \(XLSX\)/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Tên nhiệm vụ\tThời hạn', 'utf16le')]);
    await refused(readSpreadsheet(utf16, 'unicode.txt'), 'csv-not-utf8');
    await refused(readSpreadsheet(new Uint8Array(0), 'rong.csv'), 'file-empty');
    await refused(readSpreadsheet(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41), 'lon.csv'), 'file-too-large');
  });

  it('reads CSV as people write it: ";" or "," or tabs, stray quotes, blank lines keeping the line numbers', async () => {
    const rows = await readSpreadsheet(Buffer.from('\uFEFFTên nhiệm vụ;Đơn vị chủ trì;Thời hạn\r\n\r\nTriển khai chương trình "Mỗi xã một sản phẩm";07900;31/12/2026\r\n'), 'a.csv');
    assert.deepEqual(rows, [['Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'], [''], ['Triển khai chương trình "Mỗi xã một sản phẩm"', '07900', '31/12/2026']]);
    assert.deepEqual(await readSpreadsheet(Buffer.from('Tên nhiệm vụ\tĐơn vị chủ trì\tThời hạn\nViệc A, việc B\t07900\t31/12/2026\n'), 't.txt'), [['Tên nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'], ['Việc A, việc B', '07900', '31/12/2026']]);
  });

  it('names the line of a quote left open, in Vietnamese', async () => {
    const p = await refused(readSpreadsheet(Buffer.from('Tên nhiệm vụ,Đơn vị chủ trì,Thời hạn\nViệc A,07900,31/12/2026\n"Việc B,07918,31/12/2026\n'), 'a.csv'), 'csv-invalid');
    assert.match(p.detail ?? '', /^Tệp CSV không đúng định dạng ở dòng \d+: có dấu ngoặc kép \("\) mở mà không đóng/);
    assert.doesNotMatch(p.detail ?? '', /Quote|line/);
  });
});
