import type { Channel, ChannelOption, Fee, FieldStatus, ProcessingTime, TimeUnit } from '../../types.ts';
import { parsed, type ParseIssue, type Parsed } from './result.ts';
import { cleanText, isNoInformation, oneLine, parseGroupedInteger } from './text.ts';

/**
 * The portal's "Cách thức thực hiện" table arrives flattened:
 *   "Hình thức nộpThời gianPhí, lệ phíMô tả" + per row: channel, time, fee, fee note "(…)", description,
 * all concatenated without separators, e.g.
 *   "…Mô tảTrực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(Trường hợp …)Trực tiếp7 Ngày làm việc20,000 …".
 * These functions split it back into rows and read each cell.
 */

export const CHANNEL_LABELS: Readonly<Record<string, Channel>> = {
  'Trực tuyến': 'online',
  'Trực tiếp': 'in_person',
  'Dịch vụ bưu chính': 'post',
};

export const TIME_UNIT_LABELS: Readonly<Record<string, TimeUnit>> = {
  'ngày làm việc': 'working_days',
  'ngày': 'days',
  'giờ': 'hours',
  'tháng': 'months',
  'năm': 'years',
  'tuần': 'weeks',
  'phút': 'minutes',
};

export const CURRENCY_LABELS: Readonly<Record<string, string>> = {
  'vnđ': 'VND',
  'việt nam đồng': 'VND',
  'đồng': 'VND',
  'usd': 'USD',
  'eur': 'EUR',
};

const HEADER = /^\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả/;
/** A row starts with a channel name glued to its time or fee cell (descriptions mention channels too). */
const ROW_START = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\d|Không|Miễn phí|Hệ thống)/g;
const FEE_CELL = /^(Miễn phí|Không có thông tin|(\d{1,3}(?:[,.]\d{3})+|\d+)\s*(VNĐ|Việt Nam Đồng|đồng|USD|EUR))/i;
const TIME_WITH_UNIT = /^(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng|Năm|Tuần|Phút)/i;
const SET_BY_PROVINCE = /(Hội đồng nhân dân|HĐND)\s*(cấp\s*)?(tỉnh|các tỉnh)/i;

/** Splits the flattened table into [channel, row text] pairs; text before the first row is returned apart. */
export function splitChannelRows(text: string): { rows: { channel: Channel; body: string }[]; leftover: string } {
  const t = text.replace(HEADER, '');
  const starts = [...t.matchAll(ROW_START)];
  const rows = starts.map((m, i) => ({
    channel: CHANNEL_LABELS[m[1] as string] as Channel,
    body: t.slice((m.index ?? 0) + (m[1] as string).length, i + 1 < starts.length ? starts[i + 1]!.index : t.length),
  }));
  return { rows, leftover: oneLine(starts.length ? t.slice(0, starts[0]!.index) : t) };
}

/** "7 Ngày làm việc" → {7, working_days}; "1" → {1, null} (a bare number is never given a unit). */
export function parseProcessingTime(cell: string): { time: ProcessingTime; issue?: ParseIssue } {
  const text = oneLine(cell);
  const withUnit = TIME_WITH_UNIT.exec(text);
  if (withUnit && withUnit[0].length === text.length) {
    return { time: { value: Number(withUnit[1]!.replace(',', '.')), unit: TIME_UNIT_LABELS[withUnit[2]!.toLowerCase()] ?? null, text } };
  }
  if (/^\d+(?:[.,]\d+)?$/.test(text)) {
    return { time: { value: Number(text.replace(',', '.')), unit: null, text }, issue: { kind: 'time-unit-missing', detail: text } };
  }
  if (isNoInformation(text)) return { time: { value: null, unit: null, text } };
  if (text === '') return { time: { value: null, unit: null, text }, issue: { kind: 'time-missing' } };
  return { time: { value: null, unit: null, text }, issue: { kind: 'time-not-numeric', detail: text.slice(0, 80) } };
}

/** "Miễn phí" → free; "20,000 Việt Nam Đồng" → 20000 VND; "150 USD" → 150 USD (no VNĐ amount). */
export function parseFeeCell(cell: string, description: string | null = null): { fee: Fee; issue?: ParseIssue } {
  const text = oneLine(cell);
  const setByProvince = description ? SET_BY_PROVINCE.test(description) : false;
  const base = { description, set_by_province: setByProvince };
  if (/^miễn phí$/i.test(text)) return { fee: { status: 'free', amount_vnd: null, amount: null, currency: null, ...base } };
  if (isNoInformation(text)) return { fee: { status: 'unknown', amount_vnd: null, amount: null, currency: null, ...base } };
  const m = FEE_CELL.exec(text);
  const amount = m?.[2] ? parseGroupedInteger(m[2]) : null;
  const currency = m?.[3] ? (CURRENCY_LABELS[m[3].toLowerCase()] ?? null) : null;
  if (amount === null || !currency) {
    return { fee: { status: 'unknown', amount_vnd: null, amount: null, currency: null, ...base }, issue: { kind: 'fee-unreadable', detail: text.slice(0, 80) } };
  }
  const fee: Fee = { status: 'charged', amount_vnd: currency === 'VND' ? amount : null, amount, currency, ...base };
  return currency === 'VND' ? { fee } : { fee, issue: { kind: 'fee-foreign-currency', detail: `${amount} ${currency}` } };
}

/** When s starts with "(", returns the balanced parenthesised text (without the outer parentheses) and the rest. */
export function takeParenthesised(s: string): { inner: string | null; rest: string } {
  if (!s.startsWith('(')) return { inner: null, rest: s };
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return { inner: s.slice(1, i), rest: s.slice(i + 1) };
  }
  return { inner: s.slice(1), rest: '' };
}

/** Splits one row body into its time cell, fee cell and the text after the fee (or null when no fee cell). */
export function splitRowCells(body: string): { time: string; fee: string; after: string } | null {
  const timed = TIME_WITH_UNIT.exec(body);
  if (timed) {
    const rest = body.slice(timed[0].length);
    const fee = FEE_CELL.exec(rest);
    if (fee) return { time: timed[0], fee: fee[0], after: rest.slice(fee[0].length) };
  }
  const unknownTime = /^Không có thông tin/.exec(body);
  if (unknownTime) {
    const rest = body.slice(unknownTime[0].length);
    const fee = FEE_CELL.exec(rest);
    if (fee) return { time: unknownTime[0], fee: fee[0], after: rest.slice(fee[0].length) };
  }
  for (let i = 0; i < body.length; i++) {
    const fee = FEE_CELL.exec(body.slice(i));
    if (fee) return { time: body.slice(0, i), fee: fee[0], after: body.slice(i + fee[0].length) };
  }
  return null;
}

/** Reads one row after its channel name. */
export function parseChannelRow(channel: Channel, body: string): { option: ChannelOption; issues: ParseIssue[] } {
  const cells = splitRowCells(body);
  if (!cells) {
    const { time } = parseProcessingTime('');
    return {
      option: { channel, processing_time: time, fee: parseFeeCell('').fee, description: oneLine(body) || null },
      issues: [{ kind: 'row-unreadable', detail: oneLine(body).slice(0, 80) }],
    };
  }
  const issues: ParseIssue[] = [];
  const { time, issue: timeIssue } = parseProcessingTime(cells.time);
  if (timeIssue) issues.push(timeIssue);
  const { inner, rest } = takeParenthesised(cells.after);
  const feeNote = inner !== null ? cleanText(inner) || null : null;
  const { fee, issue: feeIssue } = parseFeeCell(cells.fee, feeNote);
  if (feeIssue) issues.push(feeIssue);
  return { option: { channel, processing_time: time, fee, description: cleanText(rest) || null }, issues };
}

/** ok: every row has a number and a unit; empty: no row states a time; failed: no row gives a number. */
export function summariseTimes(times: ProcessingTime[]): FieldStatus {
  if (times.length === 0) return 'empty';
  const full = times.filter((t) => t.value !== null && t.unit !== null).length;
  const valueOnly = times.filter((t) => t.value !== null && t.unit === null).length;
  const noInfo = times.filter((t) => t.value === null && isNoInformation(t.text)).length;
  if (full === times.length) return 'ok';
  if (noInfo === times.length) return 'empty';
  if (full + valueOnly === 0) return 'failed';
  return 'partial';
}

export interface ChannelTable {
  options: ChannelOption[];
  channels: Channel[];
}

/**
 * The whole table. Reports three fields: channels (rows found), processing_time and fees.
 */
export function parseChannelTable(text: string | null | undefined): {
  channels: Parsed<ChannelTable>;
  processingTime: Parsed<null>;
  fees: Parsed<null>;
} {
  const src = text ?? '';
  const { rows, leftover } = splitChannelRows(src);
  const options: ChannelOption[] = [];
  const rowIssues: ParseIssue[] = [];
  const timeIssues: ParseIssue[] = [];
  const feeIssues: ParseIssue[] = [];
  for (const r of rows) {
    const { option, issues } = parseChannelRow(r.channel, r.body);
    options.push(option);
    for (const i of issues) {
      if (i.kind.startsWith('time')) timeIssues.push(i);
      else if (i.kind.startsWith('fee')) feeIssues.push(i);
      else rowIssues.push(i);
    }
  }
  if (leftover) rowIssues.push({ kind: 'text-before-first-row', detail: leftover.slice(0, 80) });
  const channels = (['online', 'in_person', 'post'] as Channel[]).filter((c) => options.some((o) => o.channel === c));
  const channelStatus = options.length === 0 ? (isNoInformation(src.replace(HEADER, '')) ? 'empty' : 'failed') : rowIssues.length ? 'partial' : 'ok';
  if (options.length === 0 && channelStatus === 'failed') rowIssues.push({ kind: 'no-rows' });

  const timeStatus = summariseTimes(options.map((o) => o.processing_time));

  const unreadable = feeIssues.filter((i) => i.kind === 'fee-unreadable').length;
  const feeKnown = options.filter((o) => o.fee.status !== 'unknown').length;
  const feeStatus =
    options.length === 0 ? 'empty' : unreadable === 0 ? (feeKnown === 0 ? 'empty' : 'ok') : unreadable === options.length ? 'failed' : 'partial';

  return {
    channels: parsed({ options, channels }, channelStatus, rowIssues),
    processingTime: parsed(null, timeStatus, timeIssues),
    fees: parsed(null, feeStatus, feeIssues),
  };
}
