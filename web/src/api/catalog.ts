/** Readers for the catalog and calendar answers that the citizen pages show. */
import { useApi, withQuery } from '../lib/api.ts';
import type { ChannelOption, EffectiveFee, Fee, Offering, Procedure, ProcessingTime, WhereOffered } from './types.ts';
import { vi } from '../i18n/vi.ts';
import { formatMoney } from '../lib/format.ts';

export function useProcedure(code: string | undefined) {
  return useApi<Procedure>(code ? `/api/v1/procedures/${encodeURIComponent(code)}` : null, { staleMs: 600_000 });
}

type Raw = Record<string, unknown>;

/** Where a procedure is received in the province: accepts the `whereOffered` shape or an offerings list. */
export function toWhere(raw: unknown, procedureCode: string): WhereOffered | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Raw;
  if (r.offering && Array.isArray(r.units)) return r as unknown as WhereOffered;
  const items = (Array.isArray(r.items) ? r.items : Array.isArray(raw) ? raw : []) as Raw[];
  const hit = items.find((i) => i.procedure_code === procedureCode) ?? items[0];
  if (!hit) return null;
  if (hit.offering) return hit as unknown as WhereOffered;
  const units = (Array.isArray(hit.units) ? hit.units : []) as WhereOffered['units'];
  return { offering: hit as unknown as Offering, units, effective_fee: hit.effective_fee as EffectiveFee | undefined };
}

export function useWhereOffered(province: string, code: string | undefined) {
  const q = useApi<unknown>(code ? withQuery(`/api/v1/provinces/${province}/offerings`, { procedure: code }) : null, { staleMs: 600_000 });
  return { ...q, where: code && q.data ? toWhere(q.data, code) : null };
}

/** The channel row whose time limit the due date uses: online first, then at the counter. */
export function mainOption(p: Procedure): ChannelOption | undefined {
  const withTime = p.channel_options.filter((o) => o.processing_time.value != null && o.processing_time.unit);
  return withTime.find((o) => o.channel === 'online') ?? withTime.find((o) => o.channel === 'in_person') ?? withTime[0];
}

const CALENDAR_UNITS = new Set(['working_days', 'days', 'hours', 'months']);

/** The due date of a dossier submitted now, from the calendar API; null when the limit is unknown. */
export function useDueToday(time: ProcessingTime | undefined) {
  const ok = !!time && time.value != null && time.value > 0 && !!time.unit && CALENDAR_UNITS.has(time.unit);
  // Rounded to the minute so that the answer can be cached while the page is open.
  const from = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const q = useApi<Raw>(ok ? withQuery('/api/v1/calendar/due', { from, amount: time!.value!, unit: time!.unit! }) : null, { staleMs: 300_000 });
  const d = q.data;
  const due = d ? (String(d.due ?? d.due_at ?? d.dueAt ?? d.date ?? '') || null) : null;
  return { due, loading: q.loading, error: q.error };
}

export function timeText(t: ProcessingTime): string {
  if (t.value != null && t.unit && vi.timeUnits[t.unit]) return vi.timeUnits[t.unit]!(t.value);
  return t.text && t.text !== 'Không có thông tin' ? t.text : vi.procedure.timeUnknown;
}

export function feeText(f: Fee | EffectiveFee): string {
  if (f.status === 'free') return vi.procedure.free;
  if (f.status === 'charged' && f.amount_vnd != null) return formatMoney(f.amount_vnd);
  if ('amount' in f && f.amount != null && f.currency) return `${f.amount} ${f.currency}`;
  return vi.procedure.feeUnknown;
}
