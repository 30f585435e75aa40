/**
 * Tables as CSV and XLSX, and the monthly PDF report of a unit (index, groups, sub-indicators, KPIs and the
 * trend as a bar chart), in Vietnamese with DejaVu Sans embedded (the fonts the platform's papers use).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { spreadsheetCsv } from '../../platform/csv.ts';
import ExcelJS from 'exceljs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Kpis } from './domain/kpis.ts';
import type { ServiceIndexAnswer } from './service.ts';

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/** CSV with a BOM (Excel opens Vietnamese correctly), CRLF line ends. */
export function tableToCsv(t: Table): string {
  return spreadsheetCsv([t.columns, ...t.rows]);
}

export async function tableToXlsx(t: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liên Thông';
  const ws = wb.addWorksheet(t.title.slice(0, 31).replace(/[\\/*?:[\]]/g, ' '));
  ws.addRow(t.columns).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map((v) => (v === null ? '' : v))); // values, never formulas
  ws.columns.forEach((c, i) => (c.width = Math.min(60, Math.max(10, t.columns[i]!.length + 2))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontBytes: { regular: Buffer; bold: Buffer } | null = null;

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** The monthly report of a unit: one or two A4 pages. */
export async function monthlyReport(input: {
  answer: ServiceIndexAnswer;
  kpis: Kpis;
  trend: { label: string; score: number | null }[];
  generatedAt: Date;
  /** The province's name when the report is the province's (the answer names units only). */
  provinceName?: string;
}): Promise<Uint8Array> {
  fontBytes ??= { regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fontBytes.regular, { subset: true });
  const bold = await doc.embedFont(fontBytes.bold, { subset: true });
  const { answer: a, kpis: k } = input;
  const unitName = a.scope.unit?.name ?? input.provinceName ?? `Tỉnh ${a.scope.provinceCode}`;
  doc.setTitle(`Báo cáo chỉ số phục vụ — ${unitName} — ${a.period.label}`);
  doc.setAuthor('Liên Thông');
  doc.setLanguage('vi-VN');

  let page: PDFPage = doc.addPage([595.28, 841.89]);
  let y = 800;
  const left = 50;
  const text = (s: string, size = 10, font: PDFFont = regular, x = left) => {
    if (y < 60) {
      page = doc.addPage([595.28, 841.89]);
      y = 800;
    }
    page.drawText(s, { x, y, size, font, color: rgb(0.04, 0.05, 0.05) });
    y -= size + 5;
  };
  text('BÁO CÁO CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP', 14, bold);
  text(`(Quyết định 766/QĐ-TTg) — ${unitName}`, 11, bold);
  text(`Kỳ: ${a.period.label}. Số liệu tính đến ${new Date(a.period.asOf).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`);
  y -= 6;
  const i = a.index;
  text(`Tổng điểm: ${i.total}/${i.maxWithData} (các chỉ số có dữ liệu); quy đổi thang 100: ${i.scaled ?? '—'}; xếp loại: ${i.class ?? '—'}.`, 11, bold);
  y -= 4;
  text('Điểm theo nhóm', 11, bold);
  for (const g of i.groups) text(`• ${g.label}: ${g.points}/${g.maxWithData} (tối đa ${g.max})`);
  y -= 4;
  text('Chỉ số thành phần', 11, bold);
  for (const ind of i.indicators) {
    const v =
      ind.points === null
        ? ind.status === 'no_data'
          ? 'Chưa có dữ liệu'
          : ind.status === 'not_applicable'
            ? 'Không áp dụng'
            : `${ind.numerator}/${ind.denominator}`
        : `${ind.points}/${ind.max} điểm${ind.denominator !== null ? ` (${ind.numerator}/${ind.denominator}, chỉ tiêu ${Math.round(ind.target * 100)}%)` : ''}`;
    text(`• ${ind.label}: ${v}`, 9);
  }
  y -= 4;
  text('Chỉ tiêu điều hành', 11, bold);
  for (const line of [
    `Tiếp nhận: ${k.received} (trực tuyến ${pct(k.onlineShare)}); đã giải quyết: ${k.finished} — trước hạn ${k.early}, đúng hạn ${k.onTime}, trễ hạn ${k.late}.`,
    `Đang giải quyết: ${k.inProgress}; sắp đến hạn: ${k.dueSoon}; quá hạn: ${k.overdue}; chờ bổ sung: ${k.waitingApplicant}.`,
    `Thời gian xử lý: trung vị ${k.processingHoursMedian ?? '—'} giờ, phân vị 90: ${k.processingHoursP90 ?? '—'} giờ; hồ sơ tồn lâu nhất: ${k.backlogAgeDaysMax ?? '—'} ngày.`,
  ])
    text(line, 9);
  // the trend: one bar per month, height = scaled score
  y -= 10;
  text('Diễn biến điểm (quy đổi thang 100) 12 tháng gần nhất', 11, bold);
  const chartH = 120;
  if (y - chartH < 60) {
    page = doc.addPage([595.28, 841.89]);
    y = 800;
  }
  const base = y - chartH;
  const barW = 495 / Math.max(1, input.trend.length);
  page.drawLine({ start: { x: left, y: base }, end: { x: left + 495, y: base }, thickness: 0.7, color: rgb(0.3, 0.3, 0.3) });
  input.trend.forEach((p, n) => {
    const x = left + n * barW + 4;
    if (p.score !== null) {
      const h = (Math.max(0, Math.min(100, p.score)) / 100) * (chartH - 20);
      page.drawRectangle({ x, y: base, width: barW - 8, height: h, color: rgb(0.11, 0.44, 0.72) });
      page.drawText(String(Math.round(p.score)), { x, y: base + h + 3, size: 7, font: regular });
    }
    page.drawText(p.label.replace(/^Tháng /, ''), { x, y: base - 10, size: 6.5, font: regular });
  });
  y = base - 26;
  text('Ghi chú cách tính:', 9, bold);
  for (const n of i.settingsNotes) text(`– ${n}`, 8);
  text(`Lập tự động bởi Liên Thông lúc ${input.generatedAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`, 8);
  return doc.save();
}
