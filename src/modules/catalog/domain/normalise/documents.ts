import type { DocumentGroup, RequiredDocument } from '../../types.ts';
import { parsed, type ParseIssue, type Parsed } from './result.ts';
import { cleanText, isNoInformation, oneLine } from './text.ts';

/**
 * The portal's "Thành phần hồ sơ" arrives flattened: one or more tables, each introduced by a heading
 * ("* Giấy tờ phải nộp:", "--", or a case such as "a) Đối với xe ô tô…") and the column header
 * "Tên giấy tờMẫu đơn, tờ khaiSố lượng", then rows "<name><template file?><n bản chính[,m bản sao]>"
 * glued together. Splitting relies on the quantity cell that ends every row.
 */

const TABLE_HEADER = /Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng/g;
const QUANTITY = /(\d+) bản chính(?:,\s*(\d+) bản sao)?/g;
const TEMPLATE_EXT = /\.(docx?|pdf|xlsx?|rar|zip|odt|rtf)$/i;
const GROUP_MARKER = /^[-*+\s]*(Giấy tờ phải (nộp|xuất trình))\s*:?\s*$/i;

export interface QuantityToken {
  start: number;
  end: number;
  originals: number;
  copies: number | null;
  /** Digits glued to the quantity that belong to the name (e.g. the "2023" of "…Luật 20231 bản chính"). */
  nameDigits: string;
}

/**
 * Finds the quantity cells that end rows. A quantity inside a name ("nộp 01 bản chính và …") is followed
 * by a space or punctuation, while the cell is glued to the next row's name or ends the text. A digit run
 * longer than one digit is a number ending the name plus a one-digit quantity ("Mẫu số 181 bản chính" →
 * "Mẫu số 18", 1): quantities of ten or more do not occur in the catalogue.
 */
export function findQuantityCells(body: string): QuantityToken[] {
  const out: QuantityToken[] = [];
  for (const m of body.matchAll(QUANTITY)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const run = m[1]!;
    const pre = start > 0 ? body[start - 1]! : '';
    const post = end < body.length ? body[end]! : '';
    const glued = pre !== '' && !/\s/.test(pre);
    if (post !== '' && /[\s.,;:)]/.test(post) && !(run.length === 1 && (glued || pre === ''))) continue;
    out.push({
      start,
      end,
      originals: Number(run.slice(-1)),
      copies: m[2] !== undefined ? Number(m[2]) : null,
      nameDigits: run.slice(0, -1),
    });
  }
  // a cell immediately followed by another is the beginning of the next name ("…: 01 bản chính1 bản chính")
  return out.filter((t, i) => !(out[i + 1] && out[i + 1]!.start === t.end));
}

/**
 * Where a template file name glued to the end of a document name starts: after the last sentence end
 * glued to a capital or a numbered file ("…mục 3.1).Mẫu số 05.docx", "…(Mẫu NA9).10-Mẫu NA9.doc"), or at
 * the first lower-to-upper case change after it ("…trực thuộc BộMau02-ĐN(BHYT).doc"). -1 when none.
 */
const FILE_NUMBERED = /\d+[-_]/y;
const FILE_WORD = /(m[aẫ]u|ph[uụ] l[uụ]c|bi[eể]u m[aẫ]u)(\s|\d|$)/iuy;
const at = (re: RegExp, t: string, i: number) => {
  re.lastIndex = i;
  return re.test(t);
};

export function templateStart(t: string): number {
  const ext = t.search(TEMPLATE_EXT);
  let punct = -1;
  for (let i = 1; i < ext; i++) {
    if (/[.;:),]/.test(t[i - 1]!) && (/\p{Lu}/u.test(t[i]!) || at(FILE_NUMBERED, t, i) || at(FILE_WORD, t, i))) punct = i;
  }
  for (let i = Math.max(1, punct + 1); i < ext; i++) {
    const a = t[i - 1]!;
    const b = t[i]!;
    const c = t[i + 1] ?? '';
    if (/\p{Ll}/u.test(a) && /\p{Lu}/u.test(b)) return i; // "BộMau02"
    if (/\p{Lu}/u.test(a) && /\p{Lu}/u.test(b) && /\p{Ll}/u.test(c) && /\p{Lu}/u.test(t[i - 2] ?? '')) return i; // "NĐ-CPMau04"
    if (/\d/.test(b) && /\p{L}/u.test(a) && at(FILE_NUMBERED, t, i)) return i; // "cá nhân7-Mẫu NA6"
    if (/[\p{L}\d]/u.test(a) && /[mpbMPB]/.test(b) && at(FILE_WORD, t, i)) return i; // "năm 2026Mẫu số 11", "hạnmau so 20"
  }
  return punct;
}

/** Splits "Đơn đề nghị theo Mẫu số 05.Mẫu số 05.docx" into the name and the template file name(s). */
export function splitTemplate(text: string): { name: string; template: string | null; uncertain: boolean } {
  let name = text.trim();
  const files: string[] = [];
  while (TEMPLATE_EXT.test(name)) {
    const cut = templateStart(name);
    if (cut <= 0) {
      // a bare file name is a template without a separate name
      if (!/\s/.test(name) || /^(mẫu|mau|phụ lục|phu luc|tờ khai|biểu mẫu)/i.test(name)) {
        files.unshift(name);
        name = name.replace(TEMPLATE_EXT, '');
        break;
      }
      return { name, template: files.length ? files.join('; ') : null, uncertain: true };
    }
    files.unshift(name.slice(cut).trim());
    name = name.slice(0, cut).trim();
  }
  return { name, template: files.length ? files.join('; ') : null, uncertain: false };
}

function groupOf(heading: string): DocumentGroup | null {
  if (/phải\s+nộp/i.test(heading)) return 'submit';
  if (/phải\s+xuất\s+trình/i.test(heading)) return 'present';
  return null;
}

function cleanName(s: string): string {
  return oneLine(s).replace(/^[-+*•\s]+/, '').replace(/[;,\s]+$/, '').trim();
}

/** Splits the flattened "Thành phần hồ sơ" text into documents. */
export function parseDocuments(text: string | null | undefined): Parsed<RequiredDocument[]> {
  const src = cleanText(text);
  if (isNoInformation(src) || src === '--') return parsed([], 'empty');
  const parts = src.split(TABLE_HEADER);
  if (parts.length < 2) return parsed([], 'failed', [{ kind: 'no-table', detail: oneLine(src).slice(0, 80) }]);

  const docs: RequiredDocument[] = [];
  const issues: ParseIssue[] = [];
  let heading = parts[0]!;
  for (let p = 1; p < parts.length; p++) {
    const body = parts[p]!;
    const headingLine = oneLine(heading);
    let group = groupOf(headingLine);
    const section = headingLine && !GROUP_MARKER.test(headingLine) && !/^[-\s]*$/.test(headingLine) ? headingLine.replace(/:$/, '') : null;
    const cells = findQuantityCells(body);
    let from = 0;
    for (const c of cells) {
      const rowText = body.slice(from, c.start) + c.nameDigits;
      from = c.end;
      const marker = GROUP_MARKER.exec(oneLine(rowText));
      if (marker && c.originals === 0) {
        group = groupOf(marker[1]!);
        continue;
      }
      const { name, template, uncertain } = splitTemplate(oneLine(rowText));
      if (uncertain) issues.push({ kind: 'template-not-separated', detail: name.slice(-60) });
      const clean = cleanName(name);
      if (!clean) {
        issues.push({ kind: 'row-without-name' });
        continue;
      }
      docs.push({ name: clean, template, originals: c.originals, copies: c.copies, group, section });
    }
    // text after the last quantity is the next table's heading, or trailing text of the last table
    const tail = body.slice(from);
    if (p + 1 < parts.length) heading = tail;
    else if (oneLine(tail) && !/^[-\s]*$/.test(oneLine(tail))) {
      issues.push({ kind: 'text-without-quantity', detail: oneLine(tail).slice(0, 80) });
    }
    if (cells.length === 0 && oneLine(body)) issues.push({ kind: 'table-without-rows', detail: oneLine(body).slice(0, 80) });
  }
  const status = docs.length === 0 ? 'failed' : issues.length ? 'partial' : 'ok';
  return parsed(docs, status, issues);
}
