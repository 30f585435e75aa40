/** Readers for the catalog and calendar answers that the citizen pages show. */
import { seededWith, useApi, type Params } from '../lib/api.ts';
import type { ChannelOption, EffectiveFee, Fee, Procedure, ProcessingTime } from './types.ts';
import { vi } from '../i18n/vi.ts';
import { formatMoney } from '../lib/format.ts';

export function useProcedure(code: string | undefined) {
  return useApi('/api/v1/procedures/{code}', code ? { path: { code } } : null, { staleMs: 600_000 });
}

/** Where a procedure is received in the province and the fee there (404: the province does not offer it). */
export function useWhereOffered(province: string, code: string | undefined) {
  const q = useApi('/api/v1/provinces/{province}/offerings/{procedureCode}', code ? { path: { province, procedureCode: code } } : null, { staleMs: 600_000 });
  return { ...q, where: q.data ?? null };
}

/** The channel row whose time limit the due date uses: online first, then at the counter. */
export function mainOption(p: Procedure): ChannelOption | undefined {
  const withTime = p.channel_options.filter((o) => o.processing_time.value != null && o.processing_time.value > 0);
  return withTime.find((o) => o.channel === 'online') ?? withTime.find((o) => o.channel === 'in_person') ?? withTime[0];
}

/** The units the calendar counts in (GET /api/v1/calendar/due). */
type CalendarUnit = Params<'/api/v1/calendar/due'>['query']['unit'];

/**
 * The time limit the calendar counts: a bare number on the national portal ("1") counts as working
 * days, as the dossier engine does (src/modules/dossiers/ports.ts toTimeLimit); weeks and years are
 * converted; minutes round up to hours.
 */
export function calendarLimit(t: ProcessingTime | undefined): { amount: number; unit: CalendarUnit } | null {
  if (!t || t.value == null || !(t.value > 0)) return null;
  const v = t.value;
  switch (t.unit) {
    case null:
    case 'working_days':
      return { amount: Math.max(0.5, Math.round(v * 2) / 2), unit: 'working_days' };
    case 'days':
      return { amount: Math.ceil(v), unit: 'days' };
    case 'hours':
      return { amount: Math.max(0.5, Math.round(v * 2) / 2), unit: 'hours' };
    case 'minutes':
      return { amount: Math.max(0.5, Math.ceil((v / 60) * 2) / 2), unit: 'hours' };
    case 'weeks':
      return { amount: Math.ceil(v * 5), unit: 'working_days' };
    case 'months':
      return { amount: Math.ceil(v), unit: 'months' };
    case 'years':
      return { amount: Math.ceil(v * 12), unit: 'months' };
    default:
      return null;
  }
}

/** The due date of a dossier submitted now, from the calendar API; null when the limit is unknown. */
export function useDueToday(time: ProcessingTime | undefined) {
  const limit = calendarLimit(time);
  // Rounded to the minute so that the answer can be cached while the page is open.
  // A page rendered on the server asked at the server's moment: the same address hydrates the same answer.
  const fromServer = seededWith('/api/v1/calendar/due?');
  const from = (fromServer && new URLSearchParams(fromServer.split('?')[1]).get('from')) || new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const q = useApi('/api/v1/calendar/due', limit ? { query: { from, amount: String(limit.amount), unit: limit.unit } } : null, { staleMs: 300_000 });
  return { due: q.data?.due ?? null, loading: q.loading, error: q.error };
}

export function timeText(t: ProcessingTime): string {
  if (t.value != null && t.unit && vi.timeUnits[t.unit]) return vi.timeUnits[t.unit]!(t.value);
  if (t.value != null && t.value > 0 && !t.unit) return vi.procedure.timeNoUnit(t.text || String(t.value));
  return t.text && t.text !== 'Không có thông tin' ? t.text : vi.procedure.timeUnknown;
}

export function feeText(f: Fee | EffectiveFee): string {
  if (f.status === 'free') return vi.procedure.free;
  if (f.status === 'charged' && f.amount_vnd != null) return formatMoney(f.amount_vnd);
  if ('amount' in f && f.amount != null && f.currency) return `${f.amount} ${f.currency}`;
  return vi.procedure.feeUnknown;
}
