/**
 * The one place for what people read in Vietnamese: dates, times and money on papers, in notifications and
 * in rule messages, and the Vietnam calendar date of an instant. Pure functions, no I/O.
 *
 * Every time is shown in Vietnam's time zone (UTC+7, no daylight saving), whatever the server's zone.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of an instant in Vietnam time. */
export function vnDate(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `day` (YYYY-MM-DD, Vietnam) at `minutes` after midnight. */
export function vnAt(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + Math.round(minutes * 60_000));
}

export interface VnDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar parts of an instant as read on a clock in Vietnam (UTC+7). */
export function vnParts(d: Date): VnDateParts {
  if (Number.isNaN(d.getTime())) throw new RangeError('Ngày giờ không hợp lệ');
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1, day: v.getUTCDate(), hour: v.getUTCHours(), minute: v.getUTCMinutes() };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "08/10/2026" */
export function formatDate(d: Date): string {
  const p = vnParts(d);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "14:05 08/10/2026" (compact, for tables) */
export function formatDateTimeShort(d: Date): string {
  const p = vnParts(d);
  return `${two(p.hour)}:${two(p.minute)} ${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "ngày 08 tháng 10 năm 2026" */
export function formatDateWords(d: Date): string {
  const p = vnParts(d);
  return `ngày ${two(p.day)} tháng ${two(p.month)} năm ${p.year}`;
}

/** "14 giờ 05 phút, ngày 08 tháng 10 năm 2026" */
export function formatDateTimeWords(d: Date): string {
  const p = vnParts(d);
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ${formatDateWords(d)}`;
}

/** "Hòa Bình, ngày 08 tháng 10 năm 2026" (the place-and-date line under the national motto) */
export function formatPlaceDate(place: string, d: Date): string {
  return `${place}, ${formatDateWords(d)}`;
}

/** Groups digits by thousands with dots: 1234567 → "1.234.567". */
export function groupThousands(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError('Số tiền không hợp lệ');
  const neg = n < 0;
  const s = String(Math.round(Math.abs(n)));
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return neg ? `-${out}` : out;
}

/** 20000 → "20.000 đ" (amounts in whole đồng). */
export function formatMoney(amount: number): string {
  return `${groupThousands(amount)} đ`;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const GROUPS = ['', ' nghìn', ' triệu', ' tỷ'];

/** Reads a number from 0 to 999; `full` forces "không trăm"/"linh" when the group is not the leading one. */
function readTriple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const parts: string[] = [];
  if (h > 0 || full) parts.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) parts.push('linh');
  } else if (t === 1) {
    parts.push('mười');
  } else {
    parts.push(`${DIGITS[t]} mươi`);
  }
  if (u > 0) {
    if (u === 1 && t >= 2) parts.push('mốt');
    else if (u === 5 && t >= 1) parts.push('lăm');
    else if (u === 4 && t >= 2) parts.push('tư');
    else parts.push(DIGITS[u]!);
  }
  return parts.join(' ');
}

/** Reads a whole number of đồng in Vietnamese words: 20000 → "Hai mươi nghìn đồng" (the "Bằng chữ" line). */
export function amountInWords(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0 || amount > 999_999_999_999_999) {
    throw new RangeError('Số tiền phải là số nguyên không âm');
  }
  if (amount === 0) return 'Không đồng';
  // split into groups of three digits, lowest first; beyond "tỷ" the groups repeat ("nghìn tỷ")
  const triples: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) triples.push(n % 1000);
  const words: string[] = [];
  for (let i = triples.length - 1; i >= 0; i--) {
    const t = triples[i]!;
    if (t === 0) {
      if (i % 3 === 0 && i > 0 && words.length && !words[words.length - 1]!.endsWith('tỷ')) words.push('tỷ');
      continue;
    }
    const isLeading = i === triples.length - 1;
    // groups: 0 units, 1 nghìn, 2 triệu, 3 tỷ, 4 nghìn (tỷ), 5 triệu (tỷ)
    const unit = i === 0 ? '' : GROUPS[i % 3 === 0 ? 3 : i % 3]!;
    words.push(readTriple(t, !isLeading) + unit);
  }
  const s = words.join(' ').replace(/\s+/g, ' ').trim() + ' đồng';
  return s.charAt(0).toUpperCase() + s.slice(1);
}
