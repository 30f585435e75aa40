import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { problems } from '../../platform/errors.ts';

/**
 * Task lists in and out of spreadsheets: an uploaded CSV (UTF-8, comma or semicolon) or XLSX becomes rows
 * of text cells for the import checks (domain/import-rows.ts); a list of tasks becomes a CSV or an XLSX.
 * A file that is neither is refused with a Vietnamese problem, never a 500.
 */

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

function isZip(b: Uint8Array): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
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
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw problems.unprocessable('spreadsheet-unreadable', 'Không đọc được tệp Excel (XLSX).');
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
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw problems.unprocessable('csv-invalid', `Tệp CSV không đúng định dạng: ${(err as Error).message.slice(0, 200)}`);
  }
}

/** Text in a spreadsheet cell must not start a formula (CSV/formula injection). */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(header: readonly string[], rows: readonly string[][]): string {
  return '\uFEFF' + stringify([[...header], ...rows.map((r) => r.map(safeCell))], { record_delimiter: '\r\n' });
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
