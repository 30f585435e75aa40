import type { LegalBasis } from '../../types.ts';
import { parsed, type ParseIssue, type Parsed } from './result.ts';
import { cleanText, isNoInformation, oneLine } from './text.ts';

/**
 * The portal's "Căn cứ pháp lý" table arrives flattened: "Tên văn bản pháp lýMã văn bản" then rows
 * "<title><number>" glued together, e.g. "…Luật Hộ tịch123/2015/NĐ-CPThông tư số 04/2024/TT-BTP…".
 * A row ends at a document number that is glued to the next title (or ends the text); a number inside
 * a title is followed by a space and a date or a clause ("… 123/2015/NĐ-CP ngày 15/11/2015 …").
 */

const HEADER = /^\s*Tên văn bản pháp lý\s*Mã văn bản/;
/**
 * 123/2015/NĐ-CP, 66.7/2025/NQ-CP, 4472/QĐ-BTC, 31/2024/QH15, 885/QĐ-BCA-C06, 290/2005/QĐ-TTg.
 * Digits end a part only in QHnn and one-letter parts (C06), so that "…QH1360/2014/QH13" splits after QH13.
 */
const PART = '(?:TTg|QH\\d{2}|[A-ZĐ]\\d{2}|[A-ZĐ]+)';
const NUMBER = new RegExp(`(\\d+(?:\\.\\d+)?)\\/(?:\\d{4}\\/)?${PART}(?:-${PART})*`, 'gu');
/** Capitalised words that start a title; used to give back a capital swallowed by the number ("BTCNghị"). */
const TITLE_START = /^(Nghị|Luật|Thông|Quyết|Quy|Hướng|Sửa|Về|Văn|Pháp|Hiến|Bộ|Chỉ|Công|Kế|Danh|Ban|Hợp|Điều|Tiêu|Chương|Nhập|Hàng|Thực|Phí|Lệ|Mức|Giá|Chính|Hệ|Tổ|Dự|Đăng|Cấp|Xử|Bảo|Ngân|Kinh|Đầu|Trình|Hồ)/u;
/** Words that continue a title right after a number glued to them ("…/TT-BCAngày 01/7/2025"). */
const IN_TITLE_CONTINUATION = /^\s*(ngày|năm|của|và|về việc|được|đã|tại|,|;|\)|:|\.\s*\p{Ll})/u;
/** A prefix of the number column glued to the end of the title ("…Bộ Tư phápThông tư số "). */
const NUMBER_PREFIX = /(\p{Ll})((?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh|Văn bản|TT|NĐ|QĐ)(?: số)?\s*)$/u;

const BARE_TYPE = /^(Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|Pháp lệnh|Văn bản)( số)?$/u;

interface NumberToken {
  start: number;
  end: number;
  number: string;
}

/**
 * Finds the document numbers that end rows. The number pattern is greedy on capitals, so when the next
 * title starts with a capital glued to the number ("…TT-BTCNghị định…"), the last capital is given back.
 */
export function findRowNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(NUMBER)) {
    let number = m[0];
    let start = m.index ?? 0;
    // a year glued in front ("…ngày 29/6/2024" + "43/2024/QH15" → "202443/2024/QH15")
    const lead = /^((?:19|20)\d{2})(\d+)/.exec(m[1]!);
    if (lead && m[1]!.length >= 5) {
      number = number.slice(4);
      start += 4;
    }
    let after = text.slice(start + number.length);
    if (/^\p{Ll}/u.test(after) && /[A-ZĐ]{2}$/.test(number) && TITLE_START.test(number.slice(-1) + after)) {
      number = number.slice(0, -1); // "BTCN|ghị" → "BTC|Nghị"
      after = text.slice(start + number.length);
    }
    const rowEnd =
      after === '' ||
      /^\d/.test(after) || // the next row starts with a number
      /^\p{Lu}/u.test(after) || // the next title, glued
      (/^\p{Ll}/u.test(after) && !IN_TITLE_CONTINUATION.test(after)) || // the next title, lower case ("sửa đổi…")
      /^ +\p{Lu}/u.test(after); // the next title after a stray space
    if (rowEnd) out.push({ start, end: start + number.length, number });
  }
  return out;
}

/** Splits the flattened table into {title, number} rows. */
export function parseLegalBasis(text: string | null | undefined): Parsed<LegalBasis[]> {
  const src = oneLine(cleanText(text)).replace(HEADER, '').trim();
  if (isNoInformation(src)) return parsed([], 'empty');
  const tokens = findRowNumbers(src);
  const rows: LegalBasis[] = [];
  const issues: ParseIssue[] = [];
  let from = 0;
  for (const t of tokens) {
    let title = src.slice(from, t.start);
    from = t.end;
    const prefix = NUMBER_PREFIX.exec(title);
    if (prefix) title = title.slice(0, (prefix.index ?? 0) + 1);
    title = title.replace(/[\s;,.:]+$/, '').trim();
    rows.push({ title, number: t.number });
  }
  const tail = src.slice(from).trim();
  if (tail) {
    rows.push({ title: tail, number: null });
    issues.push({ kind: 'row-without-number', detail: tail.slice(0, 80) });
  }
  // "193/2025/NĐ-CP193/2025/NĐ-CP", "Thông tư 80/2021/TT-BTC80/2021/TT-BTC": the title cell ended with the
  // number, then the number cell repeats it (possibly with its document type)
  const merged: LegalBasis[] = [];
  for (const r of rows) {
    const prev = merged[merged.length - 1];
    if (prev && prev.number === r.number && (r.title === '' || BARE_TYPE.test(r.title))) {
      prev.title = `${prev.title} ${r.number ?? ''}`.trim();
      continue;
    }
    merged.push(r);
  }
  for (const r of merged) if (!r.title) r.title = r.number ?? '';
  const status = merged.length === 0 ? 'failed' : issues.length ? (tokens.length ? 'partial' : 'failed') : 'ok';
  return parsed(merged, status, issues);
}
