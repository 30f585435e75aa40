/**
 * QR posters: a printable A4 page per procedure with the essentials (name, code, where to submit, fee, time
 * limit, main documents) and a QR code to the stable procedure URL, so that a change of content never needs
 * a reprint. A batch is one PDF with a page per procedure received at a service center. The same PDF stack
 * as the papers (pdf-lib, DejaVu Sans embedded as a subset); the QR is drawn as vector shapes (platform/qr.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { ProcedureFacts } from './domain/intents.ts';
import { drawQr } from '../../platform/qr.ts';
import { formatMoney } from '../../platform/vietnamese.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontCache: { regular: Uint8Array; bold: Uint8Array } | null = null;
function fonts() {
  fontCache ??= { regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
  return fontCache;
}

const A4: [number, number] = [595.28, 841.89];
const M = 48;

/** Splits text into lines that fit a width (by words; a word longer than the line is cut). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function essentials(f: ProcedureFacts): { label: string; text: string }[] {
  const rows: { label: string; text: string }[] = [];
  if (f.where) {
    rows.push({
      label: 'Nơi nộp',
      text: f.where.scope === 'all_communes' ? 'Bộ phận một cửa của Ủy ban nhân dân xã, phường nơi cư trú' : f.where.units.slice(0, 4).join('; ') || 'Trung tâm Phục vụ hành chính công tỉnh',
    });
  }
  const fee =
    f.provinceFee?.source === 'override' && f.provinceFee.amount_vnd != null
      ? formatMoney(f.provinceFee.amount_vnd)
      : [...new Set(f.channels.map((c) => (c.fee.status === 'free' ? 'Miễn phí' : c.fee.status === 'charged' && c.fee.amount_vnd != null ? formatMoney(c.fee.amount_vnd) : null)).filter(Boolean))].join('; ');
  rows.push({ label: 'Phí, lệ phí', text: fee || 'Xem trên trang thủ tục (quét mã QR)' });
  const time = [...new Set(f.channels.map((c) => c.time).filter(Boolean))].join('; ');
  rows.push({ label: 'Thời hạn giải quyết', text: time || 'Xem trên trang thủ tục (quét mã QR)' });
  rows.push({ label: 'Nộp trực tuyến', text: f.online ? 'Có — quét mã QR để nộp' : 'Nộp trực tiếp tại nơi tiếp nhận' });
  return rows;
}

function drawPoster(page: PDFPage, f: ProcedureFacts, font: PDFFont, bold: PDFFont, province: string): void {
  const [W, H] = A4;
  const width = W - 2 * M;
  let y = H - M;
  const text = (s: string, size: number, fnt: PDFFont, color = rgb(0.1, 0.1, 0.1), x = M, w = width) => {
    for (const l of wrap(s, fnt, size, w)) {
      y -= size * 1.3;
      page.drawText(l, { x, y, size, font: fnt, color });
    }
  };
  page.drawRectangle({ x: 0, y: H - 70, width: W, height: 70, color: rgb(0.72, 0.11, 0.11) });
  page.drawText('THỦ TỤC HÀNH CHÍNH', { x: M, y: H - 42, size: 20, font: bold, color: rgb(1, 1, 1) });
  page.drawText(province, { x: M, y: H - 60, size: 10, font, color: rgb(1, 0.93, 0.85) });
  y = H - 90;
  text(f.name.replace(/^Thủ tục\s+/i, '').replace(/^./, (c) => c.toUpperCase()), 22, bold);
  y -= 6;
  text(`Mã thủ tục ${f.code} · Lĩnh vực ${f.field}`, 11, font, rgb(0.35, 0.35, 0.35));
  y -= 14;
  for (const r of essentials(f)) {
    y -= 4;
    text(r.label, 10, bold, rgb(0.72, 0.11, 0.11));
    text(r.text, 13, font);
  }
  if (f.documents.length) {
    y -= 10;
    text('Giấy tờ chính cần chuẩn bị', 10, bold, rgb(0.72, 0.11, 0.11));
    for (const d of f.documents.slice(0, 6)) {
      if (y < 260) break;
      text(`• ${d}`, 11, font, rgb(0.1, 0.1, 0.1), M + 6, width - 6);
    }
    if (f.documents.length > 6) text(`… và ${f.documents.length - 6} giấy tờ khác (quét mã QR)`, 10, font, rgb(0.35, 0.35, 0.35));
  }
  // the QR to the stable URL
  const q = 170;
  drawQr(page, f.url, { x: M, y: M + 20, size: q });
  let ty = M + 20 + q - 20;
  for (const l of ['Quét mã để xem thủ tục', 'luôn được cập nhật,', 'hỏi trợ lý và nộp trực tuyến.']) {
    page.drawText(l, { x: M + q + 20, y: ty, size: 14, font: bold, color: rgb(0.1, 0.1, 0.1) });
    ty -= 20;
  }
  for (const l of wrap(f.url, font, 10, width - q - 20)) {
    ty -= 6;
    page.drawText(l, { x: M + q + 20, y: ty, size: 10, font, color: rgb(0.2, 0.3, 0.6) });
    ty -= 12;
  }
  page.drawText('Thông tin trên tờ này là tóm tắt; nội dung đầy đủ và mới nhất ở trang thủ tục.', { x: M, y: M, size: 8, font, color: rgb(0.4, 0.4, 0.4) });
}

/** One PDF: a poster page per procedure (in the order given). */
export async function postersPdf(list: ProcedureFacts[], opts: { province: string; title: string; now?: Date }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const f = fonts();
  const font = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  doc.setTitle(opts.title, { showInWindowTitleBar: true });
  doc.setLanguage('vi-VN');
  doc.setCreator('Liên Thông');
  doc.setProducer('Liên Thông (pdf-lib)');
  const at = opts.now ?? new Date();
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  for (const p of list) drawPoster(doc.addPage(A4), p, font, bold, opts.province);
  return doc.save();
}
