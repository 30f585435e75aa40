import { PRIORITIES, type Priority } from './states.ts';

/**
 * A task list arriving as a spreadsheet (CSV or XLSX, read into rows of text cells by the service): the
 * header names its columns in Vietnamese or in English, each row becomes a task to create, and every
 * problem is reported per row and column (a deadline already past is a warning: lists of key tasks carry
 * late ones) — nothing is created until the whole list is clean (preview,
 * then confirm).
 */

/** The columns, with the header names accepted for each (compared without diacritics and case). */
export const IMPORT_COLUMNS = {
  title: ['tên nhiệm vụ', 'nhiệm vụ', 'title'],
  content: ['nội dung', 'nội dung nhiệm vụ', 'content'],
  legalSource: ['căn cứ', 'văn bản giao', 'nguồn', 'legal source', 'legal_source'],
  leadUnits: ['đơn vị chủ trì', 'chủ trì', 'cơ quan chủ trì', 'đơn vị thực hiện', 'cơ quan thực hiện', 'lead units', 'lead_units'],
  cooperatingUnits: ['đơn vị phối hợp', 'phối hợp', 'cơ quan phối hợp', 'cooperating units', 'cooperating_units'],
  deadline: ['thời hạn', 'hạn hoàn thành', 'thời hạn hoàn thành', 'thời gian hoàn thành', 'hạn', 'deadline'],
  priority: ['mức độ', 'độ ưu tiên', 'priority'],
} as const;
/** Columns lists of key tasks often carry beside the task: their text is kept at the end of the content. */
export const NOTE_COLUMNS = ['sản phẩm', 'kết quả', 'sản phẩm đầu ra', 'ghi chú'] as const;
/** Row numbers of the list itself: read, never kept. */
export const NUMBER_COLUMNS = ['stt', 'tt', 'số tt', 'số thứ tự'] as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

export const PRIORITY_WORDS: Record<string, Priority> = {
  'binh thuong': 'normal',
  normal: 'normal',
  'quan trong': 'high',
  high: 'high',
  khan: 'urgent',
  'hoa toc': 'urgent',
  urgent: 'urgent',
};

export interface ImportedTask {
  row: number;
  title: string;
  content: string;
  legalSource: string | null;
  leadUnits: string[];
  cooperatingUnits: string[];
  deadline: string;
  priority: Priority;
}

export interface RowError {
  /** The spreadsheet row (1 = the header). */
  row: number;
  column: ImportColumn | null;
  message: string;
}

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Which column each header cell is; unknown headers are reported, missing required ones too. A list with a
 * "Nội dung nhiệm vụ" column and no "Tên nhiệm vụ" (the usual layout of an annex of key tasks) takes its
 * titles from the content. `row` is the header's row in the file.
 */
export function mapHeader(header: string[], row = 1): { columns: Partial<Record<ImportColumn, number>>; notes: { index: number; label: string }[]; errors: RowError[] } {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const notes: { index: number; label: string }[] = [];
  const errors: RowError[] = [];
  header.forEach((cell, i) => {
    const f = fold(cell).replace(/[.:]+$/, '');
    if (!f) return;
    if (NUMBER_COLUMNS.some((n) => fold(n) === f)) return;
    if (NOTE_COLUMNS.some((n) => fold(n) === f)) {
      notes.push({ index: i, label: cell.trim().replace(/[.:]+$/, '') });
      return;
    }
    const col = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).find((c) => IMPORT_COLUMNS[c].some((n) => fold(n) === f));
    if (!col) errors.push({ row, column: null, message: `Cột "${cell}" không được nhận (các cột: ${Object.values(IMPORT_COLUMNS).map((n) => n[0]).join(', ')}; cột STT và ${NOTE_COLUMNS.join(', ')} cũng được đọc).` });
    else if (columns[col] !== undefined) errors.push({ row, column: col, message: `Cột "${IMPORT_COLUMNS[col][0]}" xuất hiện hai lần.` });
    else columns[col] = i;
  });
  if (columns.title === undefined && columns.content !== undefined) {
    columns.title = columns.content;
    delete columns.content;
  }
  for (const req of ['title', 'leadUnits', 'deadline'] as const)
    if (columns[req] === undefined) errors.push({ row, column: req, message: `Thiếu cột "${IMPORT_COLUMNS[req][0]}".` });
  return { columns, notes, errors };
}

/**
 * The header row of a list: official lists put the issuing body, a title and a blank line above it. It is
 * the first of the first 15 rows that names the required columns (task, lead unit, deadline); when none
 * does, the first non-blank row, whose errors are then reported.
 */
export function findHeaderRow(rows: string[][]): number {
  const limit = Math.min(rows.length, 15);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i]!;
    if (cells.every((c) => !c.trim())) continue;
    const { columns } = mapHeader(cells);
    if (columns.title !== undefined && columns.leadUnits !== undefined && columns.deadline !== undefined) return i;
  }
  const first = rows.findIndex((r) => r.some((c) => c.trim()));
  return first < 0 ? 0 : first;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function lastDay(y: number, m: number): string {
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * A deadline as lists of tasks write it → 'YYYY-MM-DD', or null: a day ('YYYY-MM-DD', 'DD/MM/YYYY',
 * "trước ngày 30/6/2026"), or a period meaning its last day — a month ("tháng 6/2026", "06/2026"), a quarter
 * ("quý II/2026", "quý 2 năm 2026"), a half-year ("6 tháng đầu năm 2026"), a year ("năm 2026", "2026").
 * Words with no date ("thường xuyên", "hằng năm") are not a deadline.
 */
export function parseDeadline(s: string): string | null {
  const t = fold(s).replace(/^(hoan thanh )?(truoc|cham nhat( la)?|han|trong|den|vao)( ngay)?[: ]+/, '').replace(/\s*\.$/, '');
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let y: number, m: number, d: number;
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(?:ngay )?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)) || (r = /^(?:ngay )?(\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(t))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(?:thang )?(\d{1,2})[/.-](\d{4})$/.exec(t)) || (r = /^thang (\d{1,2}) nam (\d{4})$/.exec(t))) {
    const [mm, yy] = [Number(r[1]), Number(r[2])];
    return mm >= 1 && mm <= 12 ? lastDay(yy, mm) : null;
  } else if ((r = /^quy (i{1,3}|iv|[1-4])(?:[/.-]| nam )(\d{4})$/.exec(t))) {
    const q = ROMAN[r[1]!] ?? Number(r[1]);
    return lastDay(Number(r[2]), q * 3);
  } else if ((r = /^6 thang (dau|cuoi) nam (\d{4})$/.exec(t))) return lastDay(Number(r[2]), r[1] === 'dau' ? 6 : 12);
  else if ((r = /^(?:nam )?(\d{4})$/.exec(t))) return `${r[1]}-12-31`;
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** "07900; 07918" or "07900, 07918" → the codes, trimmed, without repeats. */
export function splitCodes(s: string): string[] {
  return [...new Set(s.split(/[;,\n]/).map((x) => x.trim()).filter(Boolean))];
}

/**
 * Finds a unit of the province by the name a list writes ("UBND xã Việt Trì", "Phường Việt Trì", "Việt Trì",
 * "Sở Nông nghiệp và Môi trường"), without diacritics or case mattering; a short name two units share finds
 * neither.
 */
export function unitNameIndex(units: readonly { code: string; name: string }[]): (name: string) => string | null {
  const byKey = new Map<string, Set<string>>();
  const add = (key: string, code: string) => {
    if (!key) return;
    if (!byKey.has(key)) byKey.set(key, new Set());
    byKey.get(key)!.add(code);
  };
  for (const u of units) {
    const full = bareUnitName(u.name);
    add(full, u.code);
    add(full.replace(/^(xa|phuong|dac khu|thi tran) /, ''), u.code);
  }
  return (name) => {
    const hit = byKey.get(bareUnitName(name));
    return hit && hit.size === 1 ? [...hit][0]! : null;
  };
}

function bareUnitName(name: string): string {
  return fold(name).replace(/^(ubnd|uy ban nhan dan) /, '').replace(/[.]/g, '');
}

/**
 * The unit codes of a cell: codes, or names the province's units go by (`unitByName`). A commune code is five
 * digits (07900); a spreadsheet that took the column for numbers drops the leading zeros (7900), so a shorter
 * all-digit code that is unknown is read with its zeros put back when that names a unit.
 */
export function unitCodes(s: string, unitKnown: (code: string) => boolean, unitByName: (name: string) => string | null = () => null): string[] {
  return [
    ...new Set(
      splitCodes(s).map((u) => {
        if (unitKnown(u)) return u;
        if (/^\d{1,4}$/.test(u) && unitKnown(u.padStart(5, '0'))) return u.padStart(5, '0');
        return unitByName(u) ?? u;
      }),
    ),
  ];
}

/**
 * Checks the rows of a list. `unitKnown` says whether a code is a unit of the province (the service asks
 * the units module before calling); `today` ('YYYY-MM-DD') lets a deadline already past be reported.
 */
export function checkImportRows(
  rows: string[][],
  opts: { unitKnown: (code: string) => boolean; unitByName?: (name: string) => string | null; today: string; maxRows?: number },
): { tasks: ImportedTask[]; errors: RowError[]; warnings: RowError[] } {
  const warnings: RowError[] = [];
  const h = findHeaderRow(rows);
  const header = rows[h];
  if (!header || header.every((c) => !c.trim())) return { tasks: [], errors: [{ row: 1, column: null, message: 'Tệp không có dòng tiêu đề.' }], warnings };
  const body = rows.slice(h + 1);
  const { columns, notes, errors } = mapHeader(header, h + 1);
  if (errors.length) return { tasks: [], errors, warnings };
  const max = opts.maxRows ?? 2000;
  if (body.length > max) return { tasks: [], errors: [{ row: h + 1, column: null, message: `Mỗi lần nhập tối đa ${max} nhiệm vụ (tệp có ${body.length} dòng).` }], warnings };
  const units = (cellText: string) => unitCodes(cellText, opts.unitKnown, opts.unitByName);
  const tasks: ImportedTask[] = [];
  body.forEach((cells, i) => {
    const row = h + i + 2;
    const cell = (c: ImportColumn) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
    if (cells.every((c) => !c.trim())) return; // blank lines are skipped
    const before = errors.length;
    const err = (column: ImportColumn, message: string) => errors.push({ row, column, message });
    const title = cell('title');
    if (!title) err('title', 'Thiếu tên nhiệm vụ.');
    else if ([...title].length > 500) err('title', 'Tên nhiệm vụ dài tối đa 500 ký tự.');
    const extra = notes.map((n) => [n.label, (cells[n.index] ?? '').trim()] as const).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
    const content = [cell('content'), ...extra].filter(Boolean).join('\n');
    if ([...content].length > 10000) err('content', 'Nội dung dài tối đa 10.000 ký tự.');
    const leadUnits = units(cell('leadUnits'));
    if (!leadUnits.length) err('leadUnits', 'Thiếu đơn vị chủ trì.');
    for (const u of leadUnits) if (!opts.unitKnown(u)) err('leadUnits', `Không có đơn vị "${u}" trong tỉnh (ghi mã hoặc tên đơn vị).`);
    const cooperatingUnits = units(cell('cooperatingUnits')).filter((u) => !leadUnits.includes(u));
    for (const u of cooperatingUnits) if (!opts.unitKnown(u)) err('cooperatingUnits', `Không có đơn vị "${u}" trong tỉnh (ghi mã hoặc tên đơn vị).`);
    const rawDeadline = cell('deadline');
    const deadline = parseDeadline(rawDeadline);
    if (!rawDeadline) err('deadline', 'Thiếu thời hạn.');
    else if (!deadline) err('deadline', `Thời hạn "${rawDeadline}" không phải một ngày hay một kỳ (viết dd/mm/yyyy, tháng 6/2026, quý II/2026 hoặc năm 2026).`);
    else if (deadline < opts.today) warnings.push({ row, column: 'deadline', message: `Thời hạn ${rawDeadline} đã qua: nhiệm vụ được ghi nhận quá hạn ngay khi nhập và báo lên lãnh đạo đơn vị giao.` });
    const p = cell('priority');
    const priority = p ? PRIORITY_WORDS[fold(p)] : 'normal';
    if (!priority) err('priority', `Mức độ "${p}" không được nhận (bình thường, quan trọng, khẩn).`);
    if (errors.length === before)
      tasks.push({ row, title, content, legalSource: cell('legalSource') || null, leadUnits, cooperatingUnits, deadline: deadline!, priority: priority! });
  });
  if (!tasks.length && !errors.length) errors.push({ row: h + 1, column: null, message: 'Tệp không có nhiệm vụ nào.' });
  return { tasks, errors, warnings };
}

export const EXPORT_HEADER = ['Mã', 'Tên nhiệm vụ', 'Nội dung', 'Căn cứ', 'Đơn vị giao', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Mức độ', 'Trạng thái', 'Tiến độ (%)', 'Hoàn thành đúng hạn'];
export { PRIORITIES };
