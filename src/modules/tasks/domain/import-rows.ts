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
  leadUnits: ['đơn vị chủ trì', 'chủ trì', 'lead units', 'lead_units'],
  cooperatingUnits: ['đơn vị phối hợp', 'phối hợp', 'cooperating units', 'cooperating_units'],
  deadline: ['thời hạn', 'hạn hoàn thành', 'hạn', 'deadline'],
  priority: ['mức độ', 'độ ưu tiên', 'priority'],
} as const;
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

/** Which column each header cell is; unknown headers are reported, missing required ones too. */
export function mapHeader(header: string[]): { columns: Partial<Record<ImportColumn, number>>; errors: RowError[] } {
  const columns: Partial<Record<ImportColumn, number>> = {};
  const errors: RowError[] = [];
  header.forEach((cell, i) => {
    const f = fold(cell);
    if (!f) return;
    const col = (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).find((c) => IMPORT_COLUMNS[c].some((n) => fold(n) === f));
    if (!col) errors.push({ row: 1, column: null, message: `Cột "${cell}" không được nhận (các cột: ${Object.values(IMPORT_COLUMNS).map((n) => n[0]).join(', ')}).` });
    else if (columns[col] !== undefined) errors.push({ row: 1, column: col, message: `Cột "${IMPORT_COLUMNS[col][0]}" xuất hiện hai lần.` });
    else columns[col] = i;
  });
  for (const req of ['title', 'leadUnits', 'deadline'] as const)
    if (columns[req] === undefined) errors.push({ row: 1, column: req, message: `Thiếu cột "${IMPORT_COLUMNS[req][0]}".` });
  return { columns, errors };
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (as Vietnamese spreadsheets write it) → 'YYYY-MM-DD', or null. */
export function parseDeadline(s: string): string | null {
  const t = s.trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
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
 * The unit codes of a cell. A commune code is five digits (07900); a spreadsheet that took the column for
 * numbers drops the leading zeros (7900), so a shorter all-digit code that is unknown is read with its zeros
 * put back when that names a unit.
 */
export function unitCodes(s: string, unitKnown: (code: string) => boolean): string[] {
  return [...new Set(splitCodes(s).map((u) => (/^\d{1,4}$/.test(u) && !unitKnown(u) && unitKnown(u.padStart(5, '0')) ? u.padStart(5, '0') : u)))];
}

/**
 * Checks the rows of a list. `unitKnown` says whether a code is a unit of the province (the service asks
 * the units module before calling); `today` ('YYYY-MM-DD') lets a deadline already past be reported.
 */
export function checkImportRows(
  rows: string[][],
  opts: { unitKnown: (code: string) => boolean; today: string; maxRows?: number },
): { tasks: ImportedTask[]; errors: RowError[]; warnings: RowError[] } {
  const warnings: RowError[] = [];
  const [header, ...body] = rows;
  if (!header) return { tasks: [], errors: [{ row: 1, column: null, message: 'Tệp không có dòng tiêu đề.' }], warnings };
  const { columns, errors } = mapHeader(header);
  if (errors.length) return { tasks: [], errors, warnings };
  const max = opts.maxRows ?? 2000;
  if (body.length > max) return { tasks: [], errors: [{ row: 1, column: null, message: `Mỗi lần nhập tối đa ${max} nhiệm vụ (tệp có ${body.length} dòng).` }], warnings };
  const tasks: ImportedTask[] = [];
  body.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: ImportColumn) => (columns[c] === undefined ? '' : (cells[columns[c]!] ?? '').trim());
    if (cells.every((c) => !c.trim())) return; // blank lines are skipped
    const before = errors.length;
    const err = (column: ImportColumn, message: string) => errors.push({ row, column, message });
    const title = cell('title');
    if (!title) err('title', 'Thiếu tên nhiệm vụ.');
    else if ([...title].length > 500) err('title', 'Tên nhiệm vụ dài tối đa 500 ký tự.');
    const content = cell('content');
    if ([...content].length > 10000) err('content', 'Nội dung dài tối đa 10.000 ký tự.');
    const leadUnits = unitCodes(cell('leadUnits'), opts.unitKnown);
    if (!leadUnits.length) err('leadUnits', 'Thiếu đơn vị chủ trì.');
    for (const u of leadUnits) if (!opts.unitKnown(u)) err('leadUnits', `Không có đơn vị mã "${u}" trong tỉnh.`);
    const cooperatingUnits = unitCodes(cell('cooperatingUnits'), opts.unitKnown).filter((u) => !leadUnits.includes(u));
    for (const u of cooperatingUnits) if (!opts.unitKnown(u)) err('cooperatingUnits', `Không có đơn vị mã "${u}" trong tỉnh.`);
    const rawDeadline = cell('deadline');
    const deadline = parseDeadline(rawDeadline);
    if (!rawDeadline) err('deadline', 'Thiếu thời hạn.');
    else if (!deadline) err('deadline', `Thời hạn "${rawDeadline}" không phải một ngày (viết dd/mm/yyyy).`);
    else if (deadline < opts.today) warnings.push({ row, column: 'deadline', message: `Thời hạn ${rawDeadline} đã qua: nhiệm vụ được ghi nhận quá hạn ngay khi nhập và báo lên lãnh đạo đơn vị giao.` });
    const p = cell('priority');
    const priority = p ? PRIORITY_WORDS[fold(p)] : 'normal';
    if (!priority) err('priority', `Mức độ "${p}" không được nhận (bình thường, quan trọng, khẩn).`);
    if (errors.length === before)
      tasks.push({ row, title, content, legalSource: cell('legalSource') || null, leadUnits, cooperatingUnits, deadline: deadline!, priority: priority! });
  });
  if (!tasks.length && !errors.length) errors.push({ row: 1, column: null, message: 'Tệp không có nhiệm vụ nào.' });
  return { tasks, errors, warnings };
}

export const EXPORT_HEADER = ['Mã', 'Tên nhiệm vụ', 'Nội dung', 'Căn cứ', 'Đơn vị giao', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Mức độ', 'Trạng thái', 'Tiến độ (%)', 'Hoàn thành đúng hạn'];
export { PRIORITIES };
