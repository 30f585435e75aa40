import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { spreadsheetCsv } from '../../platform/csv.ts';
import ExcelJS from 'exceljs';
import { problems } from '../../platform/errors.ts';

/**
 * Task lists in and out of spreadsheets: an uploaded CSV (UTF-8; comma, semicolon or tab) or XLSX becomes rows
 * of text cells for the import checks (domain/import-rows.ts); a list of tasks becomes a CSV or an XLSX.
 * A file that is neither is refused with a Vietnamese problem, never a 500.
 */

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** What an XLSX may hold once unpacked: a list of 2,000 tasks is one or two megabytes of XML (the library needs about 30 times that in memory). */
export const MAX_XLSX_UNPACKED_BYTES = 10 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 1000;

function isZip(b: Uint8Array): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

const unreadableXlsx = () => problems.unprocessable('spreadsheet-unreadable', 'Không đọc được tệp Excel (XLSX): tệp hỏng hoặc không phải bảng tính. Hãy mở tệp bằng Excel và lưu lại dưới dạng XLSX hoặc "CSV UTF-8".');

/**
 * Refuses an XLSX (a ZIP archive) that would unpack to more than `maxUnpacked` bytes before the spreadsheet
 * library unpacks it in memory (a "zip bomb": a few megabytes that unpack to gigabytes). The sizes the
 * archive declares are not trusted: every entry is inflated, with its output capped at what is left of the
 * allowance, from the same central directory and local headers the library reads. ZIP64 and encrypted
 * entries are refused (a task list never needs them).
 */
export function checkXlsxArchive(bytes: Uint8Array, maxUnpacked = MAX_XLSX_UNPACKED_BYTES): void {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw unreadableXlsx();
  const entries = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > eocd) throw unreadableXlsx();
  if (entries > MAX_XLSX_ENTRIES) throw problems.unprocessable('spreadsheet-too-large', `Tệp Excel có quá nhiều thành phần (${entries}); tệp danh sách nhiệm vụ chỉ cần một trang tính.`);
  const tooLarge = () => problems.unprocessable('spreadsheet-too-large', `Tệp Excel khi giải nén vượt quá ${maxUnpacked / 1024 / 1024} MB: danh sách nhiệm vụ chỉ cần một trang tính với tối đa 2.000 dòng. Hãy xóa các trang tính, hình ảnh không cần thiết hoặc chia thành nhiều tệp.`);
  let left = maxUnpacked;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== 0x02014b50) throw unreadableXlsx();
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const declared = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (flags & 1 || compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) throw unreadableXlsx();
    if (declared > left) throw tooLarge();
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw unreadableXlsx();
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + compressed > b.length) throw unreadableXlsx();
    const data = b.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = compressed;
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw unreadableXlsx();
      }
    } else throw unreadableXlsx();
    if (size > left) throw tooLarge();
    left -= size;
    p = next;
  }
}

/** A CSV parser's complaint in Vietnamese, with the line it stopped at (csv-parse error codes). */
function csvProblem(err: unknown): never {
  const e = err as { code?: string; lines?: number };
  const at = typeof e.lines === 'number' ? ` ở dòng ${e.lines}` : '';
  const why: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'có dấu ngoặc kép (") mở mà không đóng',
    CSV_INVALID_CLOSING_QUOTE: 'có dấu ngoặc kép (") đóng ở giữa ô',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'có ký tự ngay sau dấu ngoặc kép (") đóng ô',
    CSV_MAX_RECORD_SIZE: 'có một dòng quá dài',
  };
  throw problems.unprocessable(
    'csv-invalid',
    `Tệp CSV không đúng định dạng${at}: ${why[e.code ?? ''] ?? 'không tách được các ô'}. Ô có dấu phân cách, xuống dòng hoặc ngoặc kép phải được đặt trong ngoặc kép, ngoặc kép bên trong viết hai lần ("").`,
  );
}

/** Cells of an XLSX date as Vietnamese spreadsheets write it (dd/mm/yyyy). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

export async function readSpreadsheet(bytes: Uint8Array, filename: string | undefined): Promise<string[][]> {
  if (bytes.length === 0) throw problems.badRequest('file-empty', 'Tệp tải lên không có nội dung.');
  if (bytes.length > MAX_IMPORT_BYTES) throw problems.unprocessable('file-too-large', 'Tệp danh sách nhiệm vụ tối đa 5 MB.');
  if (isZip(bytes)) {
    checkXlsxArchive(bytes);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw unreadableXlsx();
    }
    const ws = wb.worksheets[0];
    if (!ws) throw problems.unprocessable('spreadsheet-empty', 'Tệp Excel không có trang tính nào.');
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value).trim());
      rows[n - 1] = cells;
    });
    return Array.from(rows, (r) => r ?? []);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw problems.unprocessable('csv-not-utf8', `Tệp ${filename ?? ''} không phải CSV mã UTF-8 hay Excel (XLSX): hãy lưu lại dưới dạng "CSV UTF-8" hoặc XLSX.`.replace('  ', ' '));
  }
  if (text.includes('\u0000')) throw problems.unprocessable('csv-not-text', 'Tệp không phải CSV hay XLSX.');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  // the separator the header uses most: ',' or ';' (Excel in Vietnamese saves ';'), or a tab
  const delimiter = [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  try {
    // blank lines are kept (as empty rows, skipped by the checks) so that errors name the file's own line numbers;
    // a stray quote inside a cell (Chương trình "Mỗi xã một sản phẩm") is read as text
    return parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true, max_record_size: 200_000 }) as string[][];
  } catch (err) {
    csvProblem(err);
  }
}

export function toCsv(header: readonly string[], rows: readonly string[][]): string {
  return spreadsheetCsv([header, ...rows]);
}

export async function toXlsx(sheet: string, header: readonly string[], rows: readonly string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liên Thông';
  const ws = wb.addWorksheet(sheet);
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r); // exceljs writes strings as text, never as formulas
  header.forEach((_h, i) => (ws.getColumn(i + 1).width = i === 1 || i === 2 ? 40 : 16));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
