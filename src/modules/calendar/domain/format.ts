/** Dates as people in Vietnam read them on a receipt or a portal page. Pure. */
import type { VietnameseDate } from '../types.ts';
import { WEEKDAYS_VI, dayIndexOf, parseInstant, toLocalMs, toVietnamIso } from './time.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** 17:00 on Wednesday 25/02/2026 → { date: '25/02/2026', weekday: 'Thứ Tư', time: '17:00', long: 'Thứ Tư, ngày 25/02/2026', text: '17 giờ 00 phút, Thứ Tư, ngày 25/02/2026', iso }. */
export function formatVietnameseDate(input: Date | string): VietnameseDate {
  const d = parseInstant(input);
  const l = new Date(toLocalMs(d));
  const date = `${two(l.getUTCDate())}/${two(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
  const weekday = WEEKDAYS_VI[(((dayIndexOf(d) + 4) % 7) + 7) % 7]!;
  const hh = two(l.getUTCHours());
  const mm = two(l.getUTCMinutes());
  return {
    date,
    weekday,
    time: `${hh}:${mm}`,
    long: `${weekday}, ngày ${date}`,
    text: `${hh} giờ ${mm} phút, ${weekday}, ngày ${date}`,
    iso: toVietnamIso(d),
  };
}
