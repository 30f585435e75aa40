import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { drawQr } from '../../../platform/qr.ts';

/**
 * A small page-layout toolkit for the one-stop papers: A5/A4 pages, a Vietnamese font with every glyph
 * (DejaVu Sans, embedded as a subset), wrapped and justified text with mixed bold/italic runs, the
 * national header, tables that break across pages, and signature blocks.
 *
 * Coordinates: `cursor` is the distance from the top of the page to the top of the next line.
 */

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
} as const;
export type FontStyle = keyof typeof FONT_FILES;

const fontCache = new Map<FontStyle, Uint8Array>();
function fontBytes(style: FontStyle): Uint8Array {
  let b = fontCache.get(style);
  if (!b) {
    b = fs.readFileSync(path.join(FONT_DIR, FONT_FILES[style]));
    fontCache.set(style, b);
  }
  return b;
}

/** Page sizes in PDF points (1/72 inch). */
export const PAPER_SIZES = {
  A5: [419.53, 595.28],
  A5L: [595.28, 419.53],
  A4: [595.28, 841.89],
  A4L: [841.89, 595.28],
} as const;
export type PaperSize = keyof typeof PAPER_SIZES;

/** A piece of text in one style. */
export interface Run {
  text: string;
  style?: FontStyle;
}
export type RichText = string | Run[];

export interface TextOptions {
  size?: number;
  style?: FontStyle;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Left edge (points from the left of the page); default: the left margin. */
  x?: number;
  /** Width of the text box; default: the content width. */
  width?: number;
  /** Indent of the first line. */
  indent?: number;
  /** Space after the paragraph, in points. */
  after?: number;
  /** Line height as a multiple of the font size. */
  leading?: number;
  underline?: boolean;
}

interface Token {
  text: string;
  style: FontStyle;
  width: number;
  space: boolean;
}
interface Line {
  tokens: Token[];
  width: number;
}

export interface SignatureBlock {
  /** "NGƯỜI TIẾP NHẬN", "THỦ TRƯỞNG CƠ QUAN"... */
  title: string;
  /** "(Ký, ghi rõ họ tên)" */
  note?: string;
  name?: string;
}

export interface TableColumn {
  header: string;
  /** Relative width. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.9, 0.9, 0.9);

/** Normalises text for drawing: NFC (precomposed Vietnamese letters), no control characters. */
export function cleanText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.normalize('NFC').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').replace(/\t/g, ' ');
}

export class Paper {
  readonly doc: PDFDocument;
  readonly fonts: Record<FontStyle, PDFFont>;
  page!: PDFPage;
  cursor = 0;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly margin = { top: 28, right: 28, bottom: 30, left: 40 };
  /** Default body size (points). */
  readonly size: number;

  private constructor(doc: PDFDocument, fonts: Record<FontStyle, PDFFont>, size: PaperSize, bodySize: number) {
    this.doc = doc;
    this.fonts = fonts;
    [this.pageWidth, this.pageHeight] = PAPER_SIZES[size];
    this.size = bodySize;
    this.newPage();
  }

  static async create(opts: { size?: PaperSize; title: string; subject?: string; author?: string; createdAt?: Date; bodySize?: number }): Promise<Paper> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const fonts = {} as Record<FontStyle, PDFFont>;
    for (const style of Object.keys(FONT_FILES) as FontStyle[]) {
      fonts[style] = await doc.embedFont(fontBytes(style), { subset: true });
    }
    doc.setTitle(cleanText(opts.title), { showInWindowTitleBar: true });
    if (opts.subject) doc.setSubject(cleanText(opts.subject));
    doc.setAuthor(cleanText(opts.author ?? 'Liên Thông'));
    doc.setCreator('Liên Thông');
    doc.setProducer('Liên Thông (pdf-lib)');
    doc.setLanguage('vi-VN');
    const at = opts.createdAt ?? new Date();
    doc.setCreationDate(at);
    doc.setModificationDate(at);
    return new Paper(doc, fonts, opts.size ?? 'A5', opts.bodySize ?? 8.5);
  }

  get left(): number {
    return this.margin.left;
  }
  get contentWidth(): number {
    return this.pageWidth - this.margin.left - this.margin.right;
  }
  get bottomLimit(): number {
    return this.pageHeight - this.margin.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage([this.pageWidth, this.pageHeight]);
    this.cursor = this.margin.top;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.cursor + height > this.bottomLimit) this.newPage();
  }

  gap(points: number): void {
    this.cursor += points;
  }

  /** Splits rich text into lines no wider than `width` (words longer than a line are broken). */
  wrap(text: RichText, width: number, size: number, style: FontStyle = 'regular', indent = 0): Line[] {
    const runs: Run[] = typeof text === 'string' ? [{ text, style }] : text;
    const tokens: Token[] = [];
    for (const run of runs) {
      const st = run.style ?? style;
      const font = this.fonts[st];
      for (const part of cleanText(run.text).split(/(\n| +)/)) {
        if (!part) continue;
        if (part === '\n') tokens.push({ text: '\n', style: st, width: 0, space: false });
        else tokens.push({ text: part, style: st, width: font.widthOfTextAtSize(part, size), space: /^ +$/.test(part) });
      }
    }
    const lines: Line[] = [];
    let cur: Line = { tokens: [], width: 0 };
    let avail = width - indent;
    const push = () => {
      while (cur.tokens.length && cur.tokens[cur.tokens.length - 1]!.space) cur.width -= cur.tokens.pop()!.width;
      lines.push(cur);
      cur = { tokens: [], width: 0 };
      avail = width;
    };
    for (const t of tokens) {
      if (t.text === '\n') {
        push();
        continue;
      }
      if (t.space && cur.tokens.length === 0) continue;
      if (cur.width + t.width <= avail + 0.01) {
        cur.tokens.push(t);
        cur.width += t.width;
        continue;
      }
      if (t.space) {
        push();
        continue;
      }
      if (cur.tokens.length) push();
      if (t.width <= avail) {
        cur.tokens.push(t);
        cur.width = t.width;
        continue;
      }
      // a word longer than the line: break it by characters
      const font = this.fonts[t.style];
      let piece = '';
      for (const ch of Array.from(t.text)) {
        const w = font.widthOfTextAtSize(piece + ch, size);
        if (w > avail && piece) {
          cur.tokens.push({ text: piece, style: t.style, width: font.widthOfTextAtSize(piece, size), space: false });
          cur.width = cur.tokens[0]!.width;
          push();
          piece = ch;
        } else piece += ch;
      }
      if (piece) {
        const w = font.widthOfTextAtSize(piece, size);
        cur.tokens.push({ text: piece, style: t.style, width: w, space: false });
        cur.width = w;
      }
    }
    if (cur.tokens.length || lines.length === 0) push();
    return lines;
  }

  /** Draws lines with their top at `top`, returns the height used. Does not move the cursor. */
  private drawLines(lines: Line[], top: number, o: Required<Pick<TextOptions, 'size' | 'align' | 'x' | 'width' | 'indent' | 'leading'>> & { underline?: boolean }): number {
    const lh = o.size * o.leading;
    lines.forEach((line, i) => {
      const baseline = this.pageHeight - (top + i * lh + o.size * 0.95);
      const avail = o.width - (i === 0 ? o.indent : 0);
      const x0 = o.x + (i === 0 ? o.indent : 0);
      let x = x0;
      let extra = 0;
      if (o.align === 'center') x = x0 + (avail - line.width) / 2;
      else if (o.align === 'right') x = x0 + avail - line.width;
      else if (o.align === 'justify' && i < lines.length - 1) {
        const spaces = line.tokens.filter((t) => t.space).length;
        const next = lines[i + 1];
        // do not stretch a line that ends a paragraph (followed by an explicit break)
        if (spaces > 0 && next && line.width > avail * 0.75) extra = (avail - line.width) / spaces;
      }
      const startX = x;
      for (const t of line.tokens) {
        if (!t.space) this.page.drawText(t.text, { x, y: baseline, size: o.size, font: this.fonts[t.style], color: BLACK });
        x += t.width + (t.space ? extra : 0);
      }
      if (o.underline && line.width > 0) {
        this.page.drawLine({ start: { x: startX, y: baseline - 1.5 }, end: { x: startX + line.width, y: baseline - 1.5 }, thickness: 0.5, color: BLACK });
      }
    });
    return lines.length * lh;
  }

  private opts(o: TextOptions) {
    return {
      size: o.size ?? this.size,
      align: o.align ?? 'left',
      x: o.x ?? this.left,
      width: o.width ?? this.contentWidth,
      indent: o.indent ?? 0,
      leading: o.leading ?? 1.3,
      underline: o.underline,
    } as const;
  }

  /** Height that `text` would take. */
  measure(text: RichText, o: TextOptions = {}): number {
    const p = this.opts(o);
    return this.wrap(text, p.width, p.size, o.style, p.indent).length * p.size * p.leading;
  }

  /** Draws a paragraph at the cursor (breaking pages between lines) and moves the cursor below it. */
  text(text: RichText, o: TextOptions = {}): void {
    const p = this.opts(o);
    const lines = this.wrap(text, p.width, p.size, o.style, p.indent);
    const lh = p.size * p.leading;
    let i = 0;
    while (i < lines.length) {
      const room = Math.max(1, Math.floor((this.bottomLimit - this.cursor) / lh));
      if (room < 1 || this.cursor + lh > this.bottomLimit) {
        this.newPage();
        continue;
      }
      const chunk = lines.slice(i, i + room);
      const h = this.drawLines(chunk, this.cursor, { ...p, indent: i === 0 ? p.indent : 0 });
      this.cursor += h;
      i += chunk.length;
      if (i < lines.length) this.newPage();
    }
    this.cursor += o.after ?? 2;
  }

  /** Draws text in a box at an explicit position without moving the cursor; returns its height. */
  textAt(text: RichText, top: number, o: TextOptions = {}): number {
    const p = this.opts(o);
    return this.drawLines(this.wrap(text, p.width, p.size, o.style, p.indent), top, p);
  }

  /** "Label: value" with a bold label, wrapped under the label. */
  field(label: string, value: string | number | null | undefined, o: TextOptions = {}): void {
    const v = value === null || value === undefined || value === '' ? '…' : String(value);
    this.text([{ text: `${label}: `, style: 'bold' }, { text: v }], o);
  }

  rule(x1: number, x2: number, top: number, thickness = 0.6): void {
    const y = this.pageHeight - top;
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: BLACK });
  }

  /**
   * The national header of an administrative paper: the issuing body on the left (parent in capitals,
   * body in bold capitals, a short rule, "Số: …"), the national name and motto on the right, then the
   * place-and-date line.
   */
  nationalHeader(h: { parentName?: string; agencyName: string; numberText?: string; placeDate?: string }): void {
    const top = this.cursor;
    const size = this.size - 1;
    const leftW = this.contentWidth * 0.42;
    const rightX = this.left + leftW + 4;
    const rightW = this.contentWidth - leftW - 4;
    let lh = 0;
    if (h.parentName) lh += this.textAt(h.parentName.toUpperCase(), top + lh, { x: this.left, width: leftW, size, align: 'center' });
    lh += this.textAt(h.agencyName.toUpperCase(), top + lh, { x: this.left, width: leftW, size, align: 'center', style: 'bold' });
    const mid = this.left + leftW / 2;
    this.rule(mid - leftW / 6, mid + leftW / 6, top + lh + 2.5, 0.5);
    lh += 6;
    if (h.numberText) lh += this.textAt(h.numberText, top + lh, { x: this.left, width: leftW, size: size + 0.5, align: 'center' });

    let rh = 0;
    rh += this.textAt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', top, { x: rightX, width: rightW, size, align: 'center', style: 'bold' });
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    rh += this.textAt(motto, top + rh, { x: rightX, width: rightW, size: size + 0.5, align: 'center', style: 'bold' });
    const mw = this.fonts.bold.widthOfTextAtSize(motto, size + 0.5);
    const rmid = rightX + rightW / 2;
    this.rule(rmid - mw / 2, rmid + mw / 2, top + rh + 1.5, 0.5);
    rh += 6;
    if (h.placeDate) rh += this.textAt(h.placeDate, top + rh, { x: rightX, width: rightW, size: size + 0.5, align: 'center', style: 'italic' });
    this.cursor = top + Math.max(lh, rh) + 10;
  }

  /** A centred bold title (and an optional italic line under it). */
  title(title: string, subtitle?: string): void {
    this.text(title.toUpperCase(), { align: 'center', style: 'bold', size: this.size + 2, after: subtitle ? 1 : 8 });
    if (subtitle) this.text(subtitle, { align: 'center', style: 'italic', size: this.size, after: 8 });
  }

  /** Signature blocks side by side (each: bold title, italic note, room to sign, bold name). */
  signatures(blocks: SignatureBlock[], o: { gapForSignature?: number; leftOffset?: number } = {}): void {
    const room = o.gapForSignature ?? 36;
    const size = this.size;
    const heightOf = (b: SignatureBlock, w: number) =>
      this.measure(b.title, { width: w, size, style: 'bold' }) + (b.note ? this.measure(b.note, { width: w, size: size - 1 }) : 0) + room + (b.name ? this.measure(b.name, { width: w, size, style: 'bold' }) : 0);
    const n = Math.max(1, blocks.length);
    const offset = o.leftOffset ?? 0;
    const w = (this.contentWidth - offset) / n;
    const height = Math.max(...blocks.map((b) => heightOf(b, w)));
    this.ensure(height + 4);
    const top = this.cursor + 4;
    blocks.forEach((b, i) => {
      const x = this.left + offset + i * w;
      let y = top;
      y += this.textAt(b.title.toUpperCase(), y, { x, width: w, size, style: 'bold', align: 'center' });
      if (b.note) y += this.textAt(b.note, y, { x, width: w, size: size - 1, style: 'italic', align: 'center' });
      y += room;
      if (b.name) this.textAt(b.name, y, { x, width: w, size, style: 'bold', align: 'center' });
    });
    this.cursor = top + height + 4;
  }

  /** A bordered table; rows break across pages and the header is repeated. */
  table(columns: TableColumn[], rows: string[][], o: { size?: number; headerFill?: boolean } = {}): void {
    const size = o.size ?? this.size - 1;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.contentWidth);
    const pad = 2.5;
    const lh = size * 1.3;
    const cellLines = (row: string[], style: FontStyle) => row.map((cell, i) => this.wrap(cell ?? '', widths[i]! - 2 * pad, size, style));
    const drawRow = (row: string[], style: FontStyle, fill: boolean) => {
      const lines = cellLines(row, style);
      const h = Math.max(...lines.map((l) => l.length)) * lh + 2 * pad;
      this.ensure(h);
      const top = this.cursor;
      let x = this.left;
      columns.forEach((c, i) => {
        const w = widths[i]!;
        const yTop = this.pageHeight - top;
        if (fill) this.page.drawRectangle({ x, y: yTop - h, width: w, height: h, color: GREY });
        this.page.drawRectangle({ x, y: yTop - h, width: w, height: h, borderColor: BLACK, borderWidth: 0.5 });
        this.drawLines(lines[i]!, top + pad, { size, align: style === 'bold' ? 'center' : (c.align ?? 'left'), x: x + pad, width: w - 2 * pad, indent: 0, leading: 1.3 });
        x += w;
      });
      this.cursor += h;
      return h;
    };
    const header = columns.map((c) => c.header);
    const headerH = Math.max(...cellLines(header, 'bold').map((l) => l.length)) * lh + 2 * pad;
    this.ensure(headerH + lh + 2 * pad);
    drawRow(header, 'bold', o.headerFill ?? true);
    for (const row of rows) {
      const h = Math.max(...cellLines(row, 'regular').map((l) => l.length)) * lh + 2 * pad;
      if (this.cursor + h > this.bottomLimit) {
        this.newPage();
        drawRow(header, 'bold', o.headerFill ?? true);
      }
      drawRow(row, 'regular', false);
    }
    this.cursor += 4;
  }

  /** Draws the QR code of `payload` (vector shapes, platform/qr.ts) at (x, top), `size` points square. */
  qr(payload: string, x: number, top: number, size: number): void {
    drawQr(this.page, payload, { x, y: this.pageHeight - top - size, size });
  }

  /** Adds "Trang i/n" at the bottom of every page when there is more than one page. */
  numberPages(): void {
    const pages = this.doc.getPages();
    if (pages.length < 2) return;
    pages.forEach((p, i) => {
      const label = `Trang ${i + 1}/${pages.length}`;
      const size = this.size - 2;
      const w = this.fonts.italic.widthOfTextAtSize(label, size);
      p.drawText(label, { x: (this.pageWidth - w) / 2, y: this.margin.bottom / 2, size, font: this.fonts.italic, color: BLACK });
    });
  }

  async save(): Promise<Uint8Array> {
    this.numberPages();
    return this.doc.save({ useObjectStreams: false });
  }
}
