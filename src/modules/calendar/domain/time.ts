/**
 * Vietnam time (UTC+7, no daylight saving) without the machine's time zone.
 *
 * Internally an instant is handled as "local milliseconds": its epoch milliseconds shifted by +7 h, so that
 * the UTC fields of that number read the wall clock in Vietnam. A calendar day is a "day index": whole days
 * since 1970-01-01 in Vietnam. Pure functions, no I/O.
 */
import { problems } from '../../../platform/errors.ts';

export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type LocalDate = string;

export const WEEKDAYS_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

export const toLocalMs = (d: Date): number => d.getTime() + VN_OFFSET_MS;
export const fromLocalMs = (lms: number): Date => new Date(lms - VN_OFFSET_MS);
export const dayIndexOfLocalMs = (lms: number): number => Math.floor(lms / DAY_MS);
/** Milliseconds after Vietnam midnight. */
export const msOfDay = (lms: number): number => lms - dayIndexOfLocalMs(lms) * DAY_MS;

/** The day index of an instant (its date in Vietnam). */
export const dayIndexOf = (d: Date): number => dayIndexOfLocalMs(toLocalMs(d));

export function dayIndexToDate(i: number): LocalDate {
  return new Date(i * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfIndex(i: number): number {
  return (((i + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export const isWeekendIndex = (i: number): boolean => {
  const w = weekdayOfIndex(i);
  return w === 0 || w === 6;
};

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (years 1900–2199). */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** The day index of 'YYYY-MM-DD'; a 400 problem when it is not a real date. */
export function dateToDayIndex(s: LocalDate): number {
  if (!isLocalDate(s)) throw problems.badRequest('invalid-date', `Ngày "${s}" không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2026-02-17.`);
  return Date.parse(`${s}T00:00:00Z`) / DAY_MS;
}

/** A day given as 'YYYY-MM-DD' or as an instant (its date in Vietnam). */
export function toDayIndex(d: Date | LocalDate): number {
  return typeof d === 'string' ? dateToDayIndex(d) : dayIndexOf(checkDate(d));
}

export function localDateOf(d: Date): LocalDate {
  return dayIndexToDate(dayIndexOf(d));
}

function checkDate(d: Date): Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw problems.badRequest('invalid-datetime', 'Thời điểm không hợp lệ.');
  return d;
}

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An instant from a Date or an ISO 8601 string. A string without an offset is read as Vietnam time
 * ('2026-02-13T09:00' = 09:00 in Hà Nội); a plain date is that day's 00:00 in Vietnam.
 * Anything else is a 400 problem with a Vietnamese explanation.
 */
export function parseInstant(input: Date | string, field = 'thời điểm'): Date {
  if (input instanceof Date) return checkDate(input);
  const bad = () =>
    problems.badRequest(
      'invalid-datetime',
      `Giá trị ${field} "${String(input).slice(0, 40)}" không phải ngày giờ ISO 8601 hợp lệ (ví dụ 2026-02-13T09:00:00+07:00).`,
    );
  if (typeof input !== 'string') throw bad();
  const m = INSTANT_RE.exec(input.trim());
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isLocalDate(`${m[1]}-${m[2]}-${m[3]}`)) throw bad();
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const s = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (h > 23 || mi > 59 || s > 59) throw bad();
  let offsetMs = VN_OFFSET_MS;
  const off = m[8];
  if (off && off !== 'Z') {
    const oh = Number(off.slice(1, 3));
    const om = Number(off.slice(-2));
    if (oh > 14 || om > 59) throw bad();
    offsetMs = (off[0] === '-' ? -1 : 1) * (oh * HOUR_MS + om * MINUTE_MS);
  } else if (off === 'Z') offsetMs = 0;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMs);
}

const two = (n: number) => String(n).padStart(2, '0');

/** '2026-02-25T17:00:00+07:00' — always Vietnam's offset, whatever the machine's zone. */
export function toVietnamIso(d: Date): string {
  const l = new Date(toLocalMs(checkDate(d)));
  const msPart = l.getUTCMilliseconds() ? `.${String(l.getUTCMilliseconds()).padStart(3, '0')}` : '';
  return `${l.getUTCFullYear()}-${two(l.getUTCMonth() + 1)}-${two(l.getUTCDate())}T${two(l.getUTCHours())}:${two(l.getUTCMinutes())}:${two(l.getUTCSeconds())}${msPart}+07:00`;
}

/** The instant at `minutes` after Vietnam midnight of a day. */
export function atLocal(day: LocalDate | number, minutes: number): Date {
  const i = typeof day === 'number' ? day : dateToDayIndex(day);
  return fromLocalMs(i * DAY_MS + Math.round(minutes * MINUTE_MS));
}

/** 'HH:MM' → minutes after midnight (00:00–24:00), or null when malformed. */
export function parseClockTime(s: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi > 0)) return null;
  return h * 60 + mi;
}

export function formatClockTime(minutes: number): string {
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}
