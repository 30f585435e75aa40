import { problems } from '../../../platform/errors.ts';
import { vnDate } from '../../../platform/vietnamese.ts';
import type { DossierClock, WorkingCalendar } from './time-limit.ts';
import type { Actor, Dossier, Lateness } from './model.ts';
import type { ProcessDefinition } from './process.ts';
import { isStepAction } from './process.ts';
import { ACTION_LABELS, CHANNEL_INFO, STATUS_INFO, isActionAvailable, type Action, type Channel } from './states.ts';

/**
 * The one-stop rules, each a small named function (Nghị định 61/2018 Arts. 17–20 as carried into
 * Nghị định 118/2025; REGULATIONS §2.3). They throw problems with stable codes; the service turns them
 * into HTTP answers.
 */

/** The status table allows the action (409 otherwise: the dossier is not in a state where it can happen). */
export function assertActionAvailable(d: Pick<Dossier, 'status'>, action: Action): void {
  if (!isActionAvailable(d.status, action))
    throw problems.conflict(
      'action-not-available',
      `Không thể "${ACTION_LABELS[action]}" khi hồ sơ đang ở trạng thái "${STATUS_INFO[d.status].label}".`,
    );
}

/** A step-bound action must be listed in the current step of the dossier's process definition. */
export function assertStepAllows(def: ProcessDefinition, step: number, action: Action): void {
  if (!isStepAction(action)) return;
  const s = def.steps[step];
  if (!s || !(s.actions as readonly string[]).includes(action))
    throw problems.conflict('action-not-at-this-step', `Bước hiện tại (${s?.name ?? step}) không có thao tác "${ACTION_LABELS[action]}".`);
}

/** One supplement request per dossier, listing everything at once (no second request). */
export function assertSingleSupplementRequest(d: Pick<Dossier, 'supplement'>): void {
  if (d.supplement)
    throw problems.unprocessable(
      'supplement-already-requested',
      'Hồ sơ đã được yêu cầu bổ sung một lần; mọi nội dung cần bổ sung phải nêu đầy đủ trong một lần yêu cầu duy nhất.',
    );
}

/** Before reception (the clock has not started) or during processing. */
export function supplementPhase(d: Pick<Dossier, 'receivedAt'>): 'reception' | 'processing' {
  return d.receivedAt ? 'processing' : 'reception';
}

/** A supplement requested after appraisal must be notified within 3 working days of receipt. */
export function isSupplementRequestLate(d: Pick<Dossier, 'receivedAt'>, at: Date, cal: WorkingCalendar): boolean {
  if (!d.receivedAt) return false;
  return cal.workingHoursBetween(d.receivedAt, at) > 3 * 8;
}

/**
 * The apology and new date: issued at the latest one working day before the due date, with a new date
 * later than the current one, and only once.
 */
export function assertApologyAllowed(d: Pick<Dossier, 'apology' | 'clock'>, at: Date, newDue: Date, cal: WorkingCalendar): void {
  if (d.apology)
    throw problems.unprocessable('apology-already-issued', 'Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả một lần; không được hẹn lại lần thứ hai.');
  const due = d.clock.dueAt;
  if (!due) throw problems.unprocessable('apology-without-due-date', 'Hồ sơ chưa có ngày hẹn trả kết quả.');
  const latest = cal.latestApologyDate(due);
  if (at.getTime() > latest.getTime())
    throw problems.unprocessable(
      'apology-too-late',
      `Phiếu xin lỗi và hẹn lại phải được ban hành chậm nhất 01 ngày làm việc trước ngày hẹn trả (${vnDate(due)}), tức là trước ${formatVn(latest)}.`,
    );
  if (newDue.getTime() <= due.getTime())
    throw problems.unprocessable('apology-date-invalid', 'Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.');
  assertWorkingDay(newDue, cal);
}

/** A new appointment falls on a working day of the calendar (not a weekend, a holiday or a day given off). */
export function assertWorkingDay(at: Date, cal: Pick<WorkingCalendar, 'isWorkingDay'>): void {
  if (!cal.isWorkingDay(at))
    throw problems.unprocessable(
      'apology-date-not-working-day',
      `Ngày hẹn mới (${vnDate(at).split('-').reverse().join('/')}) không phải ngày làm việc (thứ Bảy, Chủ nhật, ngày lễ hoặc ngày nghỉ bù); hãy chọn một ngày làm việc.`,
    );
}

/**
 * Lateness as of `at`: when the clock is counting (or paused) past its due date, the working hours late
 * are measured and added to what earlier due dates already cost. Once recorded it is never cleared.
 */
export function noteLateness(prev: Lateness | null | undefined, clock: DossierClock, at: Date, cal: Pick<WorkingCalendar, 'workingHoursBetween'>): Lateness | null {
  if (!clock.startedAt || !clock.dueAt || clock.stoppedAt) return prev ?? null;
  const until = clock.pausedAt ?? at;
  if (until.getTime() <= clock.dueAt.getTime()) return prev ?? null;
  const banked = prev?.bankedHours ?? 0;
  return { firstMissedDueAt: prev?.firstMissedDueAt ?? clock.dueAt, bankedHours: banked, hours: banked + cal.workingHoursBetween(clock.dueAt, until), asOf: at };
}

/** A restart replaces the due date: the lateness measured against the old one is kept (banked). */
export function bankLateness(l: Lateness | null): Lateness | null {
  return l ? { ...l, bankedHours: l.hours } : null;
}

/** Paper dossiers are forwarded the same working day, or the next working day if received after 15:00. */
export function forwardingDeadline(channel: Channel, receivedAt: Date, cal: WorkingCalendar): Date | null {
  return CHANNEL_INFO[channel].paper ? cal.forwardingTime(receivedAt) : null;
}

/** Forwarded later than the working day it was due (same day, or the next working day after 15:00). */
export function isForwardedLate(forwardBy: Date, forwardedAt: Date): boolean {
  return vnDate(forwardedAt) > vnDate(forwardBy);
}

/** Separation of duties: the official who received the dossier cannot approve, refuse or sign it. */
export function assertSeparationOfDuties(d: Pick<Dossier, 'receivedBy'>, actor: Actor, action: Action): void {
  if ((action === 'approve' || action === 'refuse' || action === 'sign') && d.receivedBy && d.receivedBy === actor.id)
    throw problems.forbidden('Người đã tiếp nhận hồ sơ không được đồng thời phê duyệt hoặc ký kết quả của hồ sơ đó (tách bạch nhiệm vụ).');
}

/** Where a fee is due, the result is not returned before payment. */
export function assertFeePaidBeforeReturn(d: Pick<Dossier, 'fee' | 'outcome'>): void {
  if (d.outcome !== 'refused' && d.fee.amount > 0 && !d.fee.paidAt)
    throw problems.unprocessable('fee-unpaid', `Hồ sơ còn phải nộp ${formatVnd(d.fee.amount)} phí, lệ phí; chỉ trả kết quả sau khi đã thanh toán.`);
}

/** The applicant owes a fee (used to pause the clock on request_payment). */
export function owesFee(d: Pick<Dossier, 'fee'>): boolean {
  return d.fee.amount > 0 && !d.fee.paidAt;
}

/**
 * The result of a step on the control sheet (form 05): late after its due moment, on time on its due
 * day, early before.
 */
export function stepResult(leftAt: Date, stepDueAt: Date | null): 'early' | 'on_time' | 'late' | null {
  if (!stepDueAt) return null;
  if (leftAt.getTime() > stepDueAt.getTime()) return 'late';
  return vnDate(leftAt) === vnDate(stepDueAt) ? 'on_time' : 'early';
}

/**
 * Overdue: still being processed and past its due date — or late once already (a restart, a pause or a
 * new date does not make a late dossier timely again).
 */
export function isOverdue(d: Pick<Dossier, 'clock' | 'status' | 'lateness'>, now: Date): boolean {
  const c = d.clock;
  if (c.stoppedAt || STATUS_INFO[d.status].terminal) return false;
  if (d.lateness) return true;
  if (!c.dueAt || c.pausedAt) return false;
  return now.getTime() > c.dueAt.getTime();
}

/** Due soon: clock running and due within the next working day (8 working hours). */
export function isDueSoon(d: Pick<Dossier, 'clock' | 'status'>, now: Date, cal: WorkingCalendar): boolean {
  const c = d.clock;
  if (!c.dueAt || c.stoppedAt || c.pausedAt || STATUS_INFO[d.status].terminal) return false;
  return now.getTime() <= c.dueAt.getTime() && c.dueAt.getTime() <= cal.addWorkingHours(now, 8).getTime();
}

/** Finished on time: processing ended no later than the (possibly rescheduled) due date, and was never late before. */
export function finishedOnTime(d: Pick<Dossier, 'finishedAt' | 'clock' | 'lateness'>): boolean | null {
  if (!d.finishedAt || !d.clock.dueAt) return null;
  if (d.lateness) return false;
  return d.finishedAt.getTime() <= d.clock.dueAt.getTime();
}

/** A rating (1–5) once the result has been returned, only once. */
export function assertRatingAllowed(d: Pick<Dossier, 'rating'>, score: number): void {
  if (d.rating) throw problems.conflict('already-rated', 'Hồ sơ đã được đánh giá.');
  if (!Number.isInteger(score) || score < 1 || score > 5) throw problems.badRequest('rating-invalid', 'Điểm đánh giá phải từ 1 đến 5.');
}

export interface OfferingView {
  scope: 'all_communes' | 'communes' | 'agency';
  communes?: string[];
  agencyCode?: string | null;
}

/**
 * Competence: which unit decides a dossier, or the reason it is outside the competence of the province's
 * units (refused at reception with that reason).
 */
export function decideCompetence(input: {
  level: 'commune' | 'province' | null;
  provinceCode: string;
  offering: OfferingView | null;
  /** For a commune procedure: the commune the applicant addresses (code), with its province. */
  commune?: { code: string; provinceCode: string } | null;
}): { ok: true; decidingUnit: string } | { ok: false; reason: string } {
  const { level, offering } = input;
  if (!level) return { ok: false, reason: 'Thủ tục không thuộc thẩm quyền giải quyết của cấp tỉnh hoặc cấp xã.' };
  if (!offering) return { ok: false, reason: 'Thủ tục chưa được công bố áp dụng tại tỉnh.' };
  if (level === 'commune') {
    const c = input.commune;
    if (!c) return { ok: false, reason: 'Chưa chọn xã, phường có thẩm quyền giải quyết.' };
    if (c.provinceCode !== input.provinceCode) return { ok: false, reason: 'Xã, phường được chọn không thuộc tỉnh.' };
    if (offering.scope === 'communes' && !(offering.communes ?? []).includes(c.code))
      return { ok: false, reason: 'Thủ tục không được áp dụng tại xã, phường này.' };
    if (offering.scope === 'agency' && offering.agencyCode) return { ok: true, decidingUnit: offering.agencyCode };
    return { ok: true, decidingUnit: c.code };
  }
  if (!offering.agencyCode) return { ok: false, reason: 'Chưa xác định cơ quan cấp tỉnh giải quyết thủ tục.' };
  return { ok: true, decidingUnit: offering.agencyCode };
}

export function assertPositiveReason(reason: string | undefined | null, what = 'lý do'): string {
  const r = (reason ?? '').trim();
  if (!r) throw problems.badRequest('reason-required', `Cần ghi rõ ${what}.`);
  return r;
}

export function formatVnd(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
}

export function formatVn(d: Date): string {
  const l = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())} giờ ${p(l.getUTCMinutes())} ngày ${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}


/**
 * Whether an action the table allows makes sense for this dossier right now, without throwing: used to
 * list the actions a caller may take (the back office's buttons). `decide` still checks everything.
 */
export function isActionUseful(d: Dossier, action: Action): boolean {
  switch (action) {
    case 'record_payment':
      return owesFee(d);
    case 'request_payment':
      return owesFee(d);
    case 'request_supplement':
      return !d.supplement;
    case 'apologize':
      return !d.apology && !!d.clock.dueAt;
    case 'receive':
      return d.status !== 'supplemented' || d.supplement?.phase === 'reception';
    case 'accept_supplement':
      return d.supplement?.phase === 'processing';
    case 'rate':
      return !d.rating;
    case 'reply_consultation':
      return d.consultations.some((c) => !c.repliedAt);
    default:
      return true;
  }
}
