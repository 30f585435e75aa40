import { stringify } from 'csv-stringify/sync';

/**
 * Text in a spreadsheet cell must not start a formula (CSV/formula injection, OWASP): text that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, which spreadsheet programs show
 * as text. Numbers are written as numbers.
 */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Rows as CSV for spreadsheet programs: UTF-8 with a byte-order mark (so the diacritics read), CRLF, guarded text. */
export function spreadsheetCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return '\uFEFF' + stringify(rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'string' ? safeCell(v) : v))), { record_delimiter: '\r\n' });
}
