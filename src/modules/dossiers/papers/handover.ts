import { vnParts } from './format.ts';

/** The result of one step of the process control sheet (form 05). */
export type HandoverResult = 'early' | 'on_time' | 'late';

export const HANDOVER_RESULT_LABELS: Record<HandoverResult, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

function dayKey(d: Date): number {
  const p = vnParts(d);
  return p.year * 10000 + p.month * 100 + p.day;
}

/**
 * Classifies a hand-over against the step's due time: after the due instant → late ("quá hạn"); on the
 * due day (Vietnam time) and not after it → on time ("đúng hạn"); on an earlier day → early ("trước hạn").
 * Without a due time the step is not classified (null). The dossier engine may pass its own result.
 */
export function handoverResult(at: Date, due: Date | null | undefined): HandoverResult | null {
  if (!due) return null;
  if (at.getTime() > due.getTime()) return 'late';
  return dayKey(at) === dayKey(due) ? 'on_time' : 'early';
}
