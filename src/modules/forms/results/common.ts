import { formatIsoDate, parseIsoDate } from '../domain/dates.ts';
import type { Answers } from '../domain/types.ts';
import type { ResultBlock, ResultCell, ResultContext, ResultDocument } from './types.ts';

/** What the result builders share: reading answers, the issuing bodies' headers, signature captions. */

/** The answer as printed text ('' when absent; ticks as Có/Không). */
export function text(a: Answers, key: string): string {
  const v = a[key];
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  return v;
}

/** 'YYYY-MM-DD' as dd/mm/yyyy. */
export const formatDayOf = (iso: string) => formatIsoDate(iso);

/** A date answer as dd/mm/yyyy. */
export const dateText = (a: Answers, key: string) => (text(a, key) ? formatIsoDate(text(a, key)) : '');

/** The label of a choice, from the options a form offers. */
export function choice(a: Answers, key: string, labels: Record<string, string>): string {
  const v = text(a, key);
  return labels[v] ?? v;
}

export const SEX: Record<string, string> = { male: 'Nam', female: 'Nữ' };

/** A line of label: value cells. */
export const row = (...cells: [string, string][]): ResultBlock => ({ kind: 'row', cells: cells.map(([label, value]): ResultCell => ({ label, value })) });
export const heading = (t: string): ResultBlock => ({ kind: 'heading', text: t });
export const para = (t: string, o: { style?: 'regular' | 'italic' | 'bold'; align?: 'left' | 'center' | 'justify'; indent?: boolean } = {}): ResultBlock => ({ kind: 'text', text: t, ...o });
export const gap = (points = 4): ResultBlock => ({ kind: 'gap', points });

const TYPE_WORDS = /^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+/;
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
/** "Phường Việt Trì" → "Việt Trì" (the place in the date line). */
export const placeOf = (name: string) => name.replace(TYPE_WORDS, '');

/** The People's Committee of the deciding commune (or the province body), as headed on its papers. */
export function committeeHeader(c: ResultContext): ResultDocument['header'] {
  if (c.unit.kind === 'commune') return { parentName: c.province.name, name: `Ủy ban nhân dân ${lowerFirst(c.unit.name)}`, place: placeOf(c.unit.name) };
  return { parentName: `Ủy ban nhân dân ${lowerFirst(c.province.name)}`, name: c.unit.name, place: placeOf(c.province.name) };
}

/** The commune police, which registers residence. */
export function policeHeader(c: ResultContext): ResultDocument['header'] {
  return { parentName: `Công an ${lowerFirst(c.province.name)}`, name: `Công an ${lowerFirst(c.unit.name)}`, place: placeOf(c.unit.name) };
}

/** The commune's business registration office (Phòng Kinh tế of a xã; Phòng Kinh tế, Hạ tầng và Đô thị of a phường). */
export function businessOfficeHeader(c: ResultContext): ResultDocument['header'] {
  const office = /^Phường\b/.test(c.unit.name) ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế';
  return { parentName: `Ủy ban nhân dân ${lowerFirst(c.unit.name)}`, name: office, place: placeOf(c.unit.name) };
}

/** Where a civil-status event is registered: "Ủy ban nhân dân phường Việt Trì, tỉnh Phú Thọ". */
export function registeredAt(c: ResultContext): string {
  return c.unit.kind === 'commune' ? `Ủy ban nhân dân ${lowerFirst(c.unit.name)}, ${lowerFirst(c.province.name)}` : c.unit.name;
}

/**
 * The capacity above a head's signature (Nghị định 30/2020/NĐ-CP, thể thức chữ ký; the same rule as the
 * dossier module's signer titles): "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" for the head of a collective body,
 * "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for a deputy; a body headed by one person has no
 * "TM." line. The deputy is read from the signer's position.
 */
export function headCaption(position: string | null, head: string, body?: string): string {
  const deputy = !!position && /^\s*phó\s/iu.test(position);
  const lines = [body ? `TM. ${body}` : null, ...(deputy ? [`KT. ${head}`, `PHÓ ${head}`] : [head])];
  return lines.filter(Boolean).join('\n');
}

/** 'YYYY-MM-DD' plus whole months (the last day of a shorter month when the day does not exist). */
export function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const total = d.year * 12 + (d.month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d.day, last)).padStart(2, '0')}`;
}

/** 150000000 → "150.000.000 đồng". */
export function money(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return `${Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đồng`;
}

/** 236.5 → "236,5" (Vietnamese decimal comma). */
export const decimal = (v: string) => v.replace('.', ',');

/** The year of the register book ("Quyển số 2026"). */
export const bookOf = (c: ResultContext) => c.issuedOn.slice(0, 4);
