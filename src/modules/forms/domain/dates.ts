/**
 * Calendar dates of answers as 'YYYY-MM-DD' text (a birth date has no time zone). Pure.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A real calendar date from 'YYYY-MM-DD', or null (30 February, month 13, another format). */
export function parseIsoDate(s: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1800 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last ? { year, month, day } : null;
}

/** Compares two dates: negative when a is earlier. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Whole years from `birth` to `on` (a birthday on 29 February counts on 1 March in other years). */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const years = on.year - birth.year;
  return on.month > birth.month || (on.month === birth.month && on.day >= birth.day) ? years : years - 1;
}

/** Today's date in Vietnam (UTC+7, no daylight saving) as 'YYYY-MM-DD'. */
export function vietnamToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → '12/03/2026' as printed on papers. */
export function formatIsoDate(s: string): string {
  const d = parseIsoDate(s);
  return d ? `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}` : s;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** A number from 0 to 99 in words, as civil-status papers write days ("hai mươi mốt", "mười lăm"). */
function tens(n: number): string {
  const t = Math.floor(n / 10);
  const u = n % 10;
  if (t === 0) return DIGITS[u]!;
  const head = t === 1 ? 'mười' : `${DIGITS[t]} mươi`;
  if (u === 0) return head;
  const unit = u === 1 && t > 1 ? 'mốt' : u === 5 ? 'lăm' : u === 4 && t > 1 ? 'tư' : DIGITS[u]!;
  return `${head} ${unit}`;
}

/** A year in words: 2026 → "hai nghìn không trăm hai mươi sáu", 1985 → "một nghìn chín trăm tám mươi lăm". */
export function yearInWords(year: number): string {
  const th = Math.floor(year / 1000);
  const h = Math.floor((year % 1000) / 100);
  const rest = year % 100;
  const parts = [`${DIGITS[th]} nghìn`];
  if (h > 0 || rest > 0) parts.push(`${DIGITS[h]} trăm`);
  if (rest > 0) parts.push(rest < 10 ? `linh ${DIGITS[rest]}` : tens(rest));
  return parts.join(' ');
}

const MONTHS = ['', 'một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

/** The "ghi bằng chữ" line of a birth date: 2026-03-12 → "Ngày mười hai tháng ba năm hai nghìn không trăm hai mươi sáu". */
export function dateInWords(s: string): string {
  const d = parseIsoDate(s);
  if (!d) return '';
  return `Ngày ${tens(d.day)} tháng ${MONTHS[d.month]} năm ${yearInWords(d.year)}`;
}
