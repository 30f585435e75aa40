/**
 * Dates in every form legacy systems wrote them (pure). Vietnamese order is day/month/year; a source may
 * declare another order or "unknown", and then a date whose day and month could be swapped is reported as
 * ambiguous with both readings — never guessed. Two-digit years are read only when one century is
 * plausible; Excel serial numbers (1900 system) are converted.
 */
import { issue, isBlank, text, type Issue, type Std } from './issues.ts';

export type DateOrder = 'dmy' | 'mdy' | 'unknown';
export type DatePrecision = 'day' | 'month' | 'year';

export interface CleanDate {
  /** YYYY-MM-DD, YYYY-MM or YYYY by precision */
  iso: string;
  year: number;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
}

export interface DateOptions {
  /** order of day and month in slashed/dotted/dashed forms (default dmy, as Vietnamese write) */
  order?: DateOrder;
  /** the reference day (YYYY-MM-DD) for "not in the future" and two-digit years; default today */
  today?: string;
  /** oldest plausible age in years (default 120): a date before is rejected, a two-digit year reading beyond is dropped */
  maxAge?: number;
  /** the date may be in the future (e.g. an expiry date); default false */
  allowFuture?: boolean;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function valid(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function mk(y: number, m: number | null, d: number | null): CleanDate {
  if (m === null) return { iso: String(y), year: y, month: null, day: null, precision: 'year' };
  if (d === null) return { iso: `${y}-${pad(m)}`, year: y, month: m, day: null, precision: 'month' };
  return { iso: `${y}-${pad(m)}-${pad(d)}`, year: y, month: m, day: d, precision: 'day' };
}

/** Excel 1900 date system: serial 1 = 1900-01-01, with Lotus's fictitious 1900-02-29 (serial 60). */
export function excelSerialToDate(serial: number): CleanDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null; // 1900-02-29 never existed
  const days = whole < 60 ? whole : whole - 1;
  const t = Date.UTC(1899, 11, 31) + days * 86_400_000;
  const d = new Date(t);
  return mk(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What a date's checks need (module functions below: no closure is made per value). */
interface DateContext {
  issues: Issue[];
  field: string;
  allowFuture: boolean;
  today: string;
  thisYear: number;
  maxAge: number;
}

function reject(ctx: DateContext, code: string, message: string): Std<CleanDate> {
  return { value: null, issues: [...ctx.issues, issue(ctx.field, code, 'rejected', message)] };
}

function check(ctx: DateContext, c: CleanDate): Std<CleanDate> {
  if (!ctx.allowFuture && c.iso > ctx.today.slice(0, c.iso.length)) return reject(ctx, 'date-future', `Ngày ${c.iso} ở tương lai`);
  if (c.year < ctx.thisYear - ctx.maxAge) return reject(ctx, 'date-too-old', `Năm ${c.year} quá xa (quá ${ctx.maxAge} năm)`);
  return { value: c, issues: ctx.issues };
}

/**
 * Any common date form → a clean date with its precision, or null with the reason:
 * dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, d-m-yy, yyyy-mm-dd (and ISO date-times), yyyymmdd,
 * "ngày 5 tháng 3 năm 1990", mm/yyyy, yyyy, Excel serials (5 digits, or a number), JavaScript Dates.
 */
export function standardiseDate(raw: unknown, field = 'birth_date', opts: DateOptions = {}): Std<CleanDate> {
  if (isBlank(raw)) return { value: null, issues: [] };
  const order = opts.order ?? 'dmy';
  const today = opts.today ?? todayIso();
  const thisYear = Number(today.slice(0, 4));
  const maxAge = opts.maxAge ?? 120;
  const issues: Issue[] = [];
  const ctx: DateContext = { issues, field, allowFuture: !!opts.allowFuture, today, thisYear, maxAge };

  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return reject(ctx, 'date-invalid', 'Ngày không hợp lệ');
    // spreadsheets store dates at local midnight; +7 hours reads the Vietnamese calendar day
    const v = new Date(raw.getTime() + 7 * 3_600_000);
    return check(ctx, mk(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()));
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1000 && raw <= 9999) return check(ctx, mk(raw, null, null));
    const c = excelSerialToDate(raw);
    if (!c) return reject(ctx, 'date-invalid', `Số ${raw} không phải một ngày`);
    issues.push(issue(field, 'date-excel-serial', 'fixed', `Số ngày kiểu Excel ${raw} được đổi thành ${c.iso}`));
    return check(ctx, c);
  }

  const s = text(raw)
    .trim()
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    // a time of day after a day/month/year date (exports of SQL and spreadsheets: "05/03/1990 0:00:00", "… 12:00 SA"), and a final dot
    .replace(/^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?(?:am|pm|sa|ch))?$/, '$1')
    .replace(/\.$/, '');
  let m: RegExpExecArray | null;

  // "ngày 05 tháng 3 năm 1990" / "05 tháng 03 năm 1990"
  if ((m = /^(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,)?\s*(\d{4})$/.exec(s))) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? check(ctx, mk(y, mo, d)) : reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
  }
  // ISO: yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd, optionally followed by a time
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? check(ctx, mk(y, mo, d)) : reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
  }
  // yyyymmdd
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)) && Number(m[1]) >= 1800) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return valid(y, mo, d) ? check(ctx, mk(y, mo, d)) : reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
  }
  // year only
  if ((m = /^(?:năm\s*)?(\d{4})$/.exec(s))) {
    issues.push(issue(field, 'date-year-only', 'doubtful', `Chỉ có năm ${m[1]}, thiếu ngày và tháng`));
    return check(ctx, mk(Number(m[1]), null, null));
  }
  // Excel serial written as text (5 digits, optionally with a fraction)
  if ((m = /^(\d{5})(?:\.\d+)?$/.exec(s))) {
    const c = excelSerialToDate(Number(s));
    if (!c) return reject(ctx, 'date-invalid', `Số ${s} không phải một ngày`);
    issues.push(issue(field, 'date-excel-serial', 'fixed', `Số ngày kiểu Excel ${s} được đổi thành ${c.iso}`));
    return check(ctx, c);
  }
  // month/year
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (mo < 1 || mo > 12) return reject(ctx, 'date-invalid', `Tháng ${mo} không tồn tại`);
    issues.push(issue(field, 'date-month-only', 'doubtful', 'Thiếu ngày, chỉ có tháng và năm'));
    return check(ctx, mk(y, mo, null));
  }
  // a/b/yyyy or a/b/yy with / - . or spaces
  if ((m = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$/.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const years: number[] = [];
    if (m[3]!.length === 4) years.push(Number(m[3]));
    else {
      const yy = Number(m[3]);
      for (const y of [1900 + yy, 2000 + yy]) if (y <= thisYear && y >= thisYear - maxAge) years.push(y);
      if (years.length === 0) return reject(ctx, 'date-two-digit-year', `Năm hai chữ số "${m[3]}" không đọc được`);
      if (years.length > 1) {
        return { value: null, issues: [...issues, issue(field, 'date-century-ambiguous', 'rejected', `Năm hai chữ số "${m[3]}" có thể là ${years.join(' hoặc ')}; cần kiểm tra lại`)] };
      }
      issues.push(issue(field, 'date-two-digit-year', 'fixed', `Năm hai chữ số "${m[3]}" được đọc là ${years[0]}`));
    }
    const y = years[0]!;
    const dmy = valid(y, b, a) ? mk(y, b, a) : null;
    const mdy = valid(y, a, b) ? mk(y, a, b) : null;
    if (order === 'dmy') {
      if (dmy) return check(ctx, dmy);
      if (mdy) return reject(ctx, 'date-invalid-dmy', `Ngày "${s}" không tồn tại theo thứ tự ngày/tháng/năm (có thể tháng/ngày bị đảo: ${mdy.iso})`);
      return reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
    }
    if (order === 'mdy') {
      if (mdy) return check(ctx, mdy);
      if (dmy) return reject(ctx, 'date-invalid-mdy', `Ngày "${s}" không tồn tại theo thứ tự tháng/ngày/năm (có thể ngày/tháng bị đảo: ${dmy.iso})`);
      return reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
    }
    if (dmy && mdy && dmy.iso !== mdy.iso) {
      return { value: null, issues: [...issues, issue(field, 'date-day-month-ambiguous', 'rejected', `Ngày "${s}" có thể là ${dmy.iso} hoặc ${mdy.iso}; không đoán`)] };
    }
    const one = dmy ?? mdy;
    return one ? check(ctx, one) : reject(ctx, 'date-invalid', `Ngày "${s}" không tồn tại`);
  }
  return reject(ctx, 'date-unreadable', `Không đọc được ngày "${text(raw)}"`);
}
