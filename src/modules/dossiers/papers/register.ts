import { spreadsheetCsv } from '../../../platform/csv.ts';
import ExcelJS from 'exceljs';
import { formatDate, formatDateTimeShort } from './format.ts';
import type { AgencyHeader } from './types.ts';

/** One dossier in the register (form 06, Sổ theo dõi hồ sơ). */
export interface RegisterRow {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  applicantAddress?: string;
  applicantPhone?: string;
  decidingBody: string;
  receivedAt: Date;
  appointmentAt: Date;
  returnedAt?: Date | null;
  /** How the result was returned: "Trực tiếp", "Bưu chính công ích", "Trực tuyến"... */
  returnMethod?: string;
  /** The "signature" column of the paper register: on the electronic register, a note (e.g. "Đã ký nhận điện tử"). */
  note?: string;
}

/** Form 06 — Sổ theo dõi hồ sơ, kept per field (lĩnh vực); electronic is enough. */
export interface RegisterInput {
  agency: AgencyHeader;
  /** The field of the register, e.g. "Hộ tịch". */
  field: string;
  /** The period covered, e.g. "Năm 2026" or "Tháng 10/2026". */
  period?: string;
  rows: RegisterRow[];
  generatedAt?: Date;
}

export const REGISTER_COLUMNS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Tên người nộp hồ sơ',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Ngày, giờ nhận hồ sơ',
  'Ngày hẹn trả kết quả',
  'Ngày, giờ trả kết quả',
  'Phương thức nhận kết quả',
  'Ký nhận / Ghi chú',
] as const;

/** The register's rows as printed text cells (same for CSV and XLSX). */
export function registerCells(rows: RegisterRow[]): string[][] {
  return rows.map((r, i) => [
    String(i + 1),
    r.dossierCode,
    r.procedureName,
    r.applicantName,
    [r.applicantAddress, r.applicantPhone].filter(Boolean).join('; '),
    r.decidingBody,
    formatDateTimeShort(r.receivedAt),
    formatDate(r.appointmentAt),
    r.returnedAt ? formatDateTimeShort(r.returnedAt) : '',
    r.returnMethod ?? '',
    r.note ?? '',
  ]);
}

/** The register as CSV (UTF-8 with a byte-order mark so that spreadsheet programs read the diacritics). */
export function renderRegisterCsv(input: RegisterInput): string {
  return spreadsheetCsv([[...REGISTER_COLUMNS], ...registerCells(input.rows)]);
}

/** The register as an XLSX workbook (A4 landscape when printed, header repeated on every page). */
export async function renderRegisterXlsx(input: RegisterInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liên Thông';
  wb.created = input.generatedAt ?? new Date();
  const ws = wb.addWorksheet('So theo doi ho so', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
  });
  const n = REGISTER_COLUMNS.length;
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = input.agency.name.toUpperCase();
  ws.getCell(1, 1).font = { bold: true };
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).value = `SỔ THEO DÕI HỒ SƠ — Lĩnh vực: ${input.field}${input.period ? ` — ${input.period}` : ''}`;
  ws.getCell(2, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  REGISTER_COLUMNS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E5E5' } };
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
  const widths = [6, 26, 40, 24, 30, 28, 16, 12, 16, 16, 20];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  registerCells(input.rows).forEach((cells, ri) => {
    const row = ws.getRow(5 + ri);
    cells.forEach((v, ci) => {
      const c = row.getCell(ci + 1);
      c.value = ci === 0 ? Number(v) : v; // exceljs writes strings as text, never as formulas
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
