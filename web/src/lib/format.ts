/**
 * Formatters for what people read: dates as dd/mm/yyyy, times as HH:mm, money as "20.000 đ".
 * Pure functions (no DOM), tested in test/e2e/web-format.test.ts. Times are shown in Vietnam's time
 * zone (UTC+7, no daylight saving) whatever the browser's zone, so an official in another zone and a
 * citizen see the same due date.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parts of an instant in Vietnam's time zone. A plain 'YYYY-MM-DD' is taken as that calendar day. */
export function vnParts(value: string | Date): { y: number; m: number; d: number; hh: number; mm: number; weekday: number } | null {
  if (typeof value === 'string') {
    const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (plain) {
      const y = Number(plain[1]), m = Number(plain[2]), d = Number(plain[3]);
      const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
      return { y, m, d, hh: 0, mm: 0, weekday };
    }
  }
  const t = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(t)) return null;
  const v = new Date(t + VN_OFFSET_MS);
  return { y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate(), hh: v.getUTCHours(), mm: v.getUTCMinutes(), weekday: v.getUTCDay() };
}

/** "05/09/2026" */
export function formatDate(value: string | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const p = vnParts(value);
  return p ? `${pad(p.d)}/${pad(p.m)}/${p.y}` : '';
}

/** "14:30 05/09/2026" — the order Vietnamese receipts print. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const p = vnParts(value);
  return p ? `${pad(p.hh)}:${pad(p.mm)} ${pad(p.d)}/${pad(p.m)}/${p.y}` : '';
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Sáu, 05/09/2026" */
export function formatDateLong(value: string | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const p = vnParts(value);
  return p ? `${WEEKDAYS[p.weekday]}, ${pad(p.d)}/${pad(p.m)}/${p.y}` : '';
}

/** Groups thousands with dots: 1234567 → "1.234.567". */
export function groupThousands(n: number): string {
  const neg = n < 0;
  const s = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += '.';
    out += s[i];
  }
  return neg ? `-${out}` : out;
}

/** 20000 → "20.000 đ" (a no-break space keeps the amount and its unit on one line). */
export function formatMoney(amount: number): string {
  return `${groupThousands(amount)}\u00a0đ`;
}

/** 1536 → "1,5 KB"; sizes in the Vietnamese decimal style. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const text = v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace('.', ',');
  return `${text} ${units[i]}`;
}

export type DateParts = { day: string; month: string; year: string };

/**
 * Validates the three inputs of a date field (GOV.UK pattern) and returns 'YYYY-MM-DD', or the
 * reason it is not a date: 'missing' (all empty), 'incomplete' (one part empty), 'invalid'.
 */
export function parseDateParts(parts: DateParts): { ok: true; value: string } | { ok: false; reason: 'missing' | 'incomplete' | 'invalid' } {
  const d = parts.day.trim(), m = parts.month.trim(), y = parts.year.trim();
  if (!d && !m && !y) return { ok: false, reason: 'missing' };
  if (!d || !m || !y) return { ok: false, reason: 'incomplete' };
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return { ok: false, reason: 'invalid' };
  const day = Number(d), month = Number(m), year = Number(y);
  const dt = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || dt.getUTCFullYear() !== year || dt.getUTCMonth() !== month - 1 || dt.getUTCDate() !== day) return { ok: false, reason: 'invalid' };
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

/** 'YYYY-MM-DD' → the three inputs' values. */
export function toDateParts(iso: string | null | undefined): DateParts {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

/** Removes Vietnamese diacritics (and đ → d) for matching what people type without them. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Whole days from `from` to `to` in Vietnam's calendar (negative when `to` is earlier). */
export function daysBetween(from: string | Date, to: string | Date): number {
  const a = vnParts(from), b = vnParts(to);
  if (!a || !b) return 0;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}
