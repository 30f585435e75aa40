/**
 * Calendar settings: defaults and validation. The defaults are [open] in REGULATIONS (working hours are set
 * by each province); ADR 0031 records them.
 */
import { problems } from '../../../platform/errors.ts';
import type { CalendarSettings } from '../types.ts';
import { MINUTE_MS, parseClockTime } from './time.ts';

export const DEFAULT_SETTINGS: CalendarSettings = Object.freeze({
  sessions: Object.freeze({
    morning: Object.freeze({ start: '07:30', end: '11:30' }),
    afternoon: Object.freeze({ start: '13:00', end: '17:00' }),
  }),
  forwardingCutoff: '15:00',
  includeUnconfirmed: false,
}) as CalendarSettings;

/** Settings reduced to numbers: sessions in milliseconds after Vietnam midnight. */
export interface ResolvedSettings {
  settings: CalendarSettings;
  /** [[morningStart, morningEnd], [afternoonStart, afternoonEnd]] in ms after midnight. */
  sessionsMs: readonly (readonly [number, number])[];
  /** The cut-off in minutes after midnight. */
  cutoffMinutes: number;
}

/**
 * Checks settings and reduces them to numbers. Sessions must be in order and not overlap:
 * morning.start < morning.end ≤ afternoon.start < afternoon.end. A 400 problem otherwise.
 */
export function resolveSettings(partial: Partial<CalendarSettings> = {}): ResolvedSettings {
  const s: CalendarSettings = {
    sessions: partial.sessions ?? DEFAULT_SETTINGS.sessions,
    forwardingCutoff: partial.forwardingCutoff ?? DEFAULT_SETTINGS.forwardingCutoff,
    includeUnconfirmed: partial.includeUnconfirmed ?? DEFAULT_SETTINGS.includeUnconfirmed,
  };
  const t = (v: string, label: string) => {
    const m = parseClockTime(v);
    if (m === null) throw problems.badRequest('invalid-settings', `${label} "${v}" không hợp lệ: cần dạng HH:MM, ví dụ 07:30.`);
    return m;
  };
  const ms = t(s.sessions.morning.start, 'Giờ bắt đầu buổi sáng');
  const me = t(s.sessions.morning.end, 'Giờ kết thúc buổi sáng');
  const as = t(s.sessions.afternoon.start, 'Giờ bắt đầu buổi chiều');
  const ae = t(s.sessions.afternoon.end, 'Giờ kết thúc buổi chiều');
  if (!(ms < me && me <= as && as < ae)) {
    throw problems.badRequest(
      'invalid-settings',
      'Giờ làm việc không hợp lệ: cần giờ bắt đầu buổi sáng < giờ kết thúc buổi sáng ≤ giờ bắt đầu buổi chiều < giờ kết thúc buổi chiều.',
    );
  }
  const cutoff = t(s.forwardingCutoff, 'Giờ chốt chuyển hồ sơ');
  return {
    settings: s,
    sessionsMs: [
      [ms * MINUTE_MS, me * MINUTE_MS],
      [as * MINUTE_MS, ae * MINUTE_MS],
    ],
    cutoffMinutes: cutoff,
  };
}
