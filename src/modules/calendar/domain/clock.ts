/**
 * DueClock: the time limit of one dossier as a small state machine.
 *
 *   start (receipt of the complete dossier) → pause(at) ⇄ resume(at) → … → due()
 *   restart(at): a supplement requested after appraisal — the limit restarts from zero when the complete
 *                dossier comes back (an open pause is closed at the same instant)
 *   extend(newDue, at): the one apology and new date, at the latest one working day before the due date
 *
 * Events must come in time order. The clock holds no calendar data of its own: it recomputes the due date
 * with the calendar it was built with. Persist `state()` (JSON) and rebuild with `DueClock.restore`.
 */
import { problems } from '../../../platform/errors.ts';
import type { DueClockState, PauseRecord, TimeLimit } from '../types.ts';
import * as due from './due.ts';
import { fromLocalMs, parseInstant, toLocalMs, toVietnamIso } from './time.ts';

const rule = (code: string, detail: string) => problems.unprocessable(code, detail);

export class DueClock {
  private constructor(
    private readonly cal: due.DayModel,
    private s: DueClockState,
  ) {}

  static start(cal: due.DayModel, receivedAt: Date | string, limit: TimeLimit): DueClock {
    const at = toVietnamIso(parseInstant(receivedAt, 'receivedAt'));
    due.planCount(cal, toLocalMs(parseInstant(at)), limit); // validates the limit
    return new DueClock(cal, {
      version: 1,
      limit: { amount: limit.amount, unit: limit.unit },
      receivedAt: at,
      startedAt: at,
      pauses: [],
      restarts: [],
      extension: null,
      extensionUsed: false,
    });
  }

  static restore(cal: due.DayModel, state: DueClockState): DueClock {
    if (!state || state.version !== 1) throw problems.badRequest('invalid-clock-state', 'Trạng thái đồng hồ thời hạn không hợp lệ.');
    const clock = new DueClock(cal, structuredClone(state));
    clock.plan(); // validates limit and instants
    normalize(clock.s.pauses);
    return clock;
  }

  /** A copy of the state, to store. */
  state(): DueClockState {
    return structuredClone(this.s);
  }

  get limit(): TimeLimit {
    return { ...this.s.limit };
  }

  get isPaused(): boolean {
    const last = this.s.pauses[this.s.pauses.length - 1];
    return !!last && last.to === null;
  }

  /** When the open pause began, or null. */
  get pausedSince(): Date | null {
    const last = this.s.pauses[this.s.pauses.length - 1];
    return last && last.to === null ? parseInstant(last.from) : null;
  }

  private plan(): due.CountPlan {
    return due.planCount(this.cal, toLocalMs(parseInstant(this.s.startedAt)), this.s.limit);
  }

  private lastEventMs(): number {
    let t = toLocalMs(parseInstant(this.s.startedAt));
    for (const p of this.s.pauses) t = Math.max(t, toLocalMs(parseInstant(p.to ?? p.from)));
    if (this.s.extension) t = Math.max(t, toLocalMs(parseInstant(this.s.extension.at)));
    return t;
  }

  private at(at: Date | string): string {
    const d = parseInstant(at, 'at');
    if (toLocalMs(d) < this.lastEventMs()) {
      throw rule('clock-out-of-order', 'Thời điểm ghi nhận sớm hơn sự kiện trước đó của hồ sơ; các sự kiện phải theo thứ tự thời gian.');
    }
    return toVietnamIso(d);
  }

  private rawEnd(): number | null {
    return due.rawEnd(this.cal, this.plan(), normalize(this.s.pauses), this.s.extension?.extraMs ?? 0);
  }

  /** The current due date; null while paused (it is not known until the applicant comes back). */
  due(): Date | null {
    const end = this.rawEnd();
    return end === null ? null : fromLocalMs(due.land(this.cal, this.plan(), end));
  }

  /** The due date there would be without any pause or extension since the last (re)start. */
  nominalDue(): Date {
    const p = this.plan();
    return fromLocalMs(due.land(this.cal, p, due.rawEnd(this.cal, p, [])!));
  }

  /** Stops the clock: the applicant owes documents or fees. */
  pause(at: Date | string, reason?: string): this {
    if (this.isPaused) throw rule('clock-already-paused', 'Thời hạn của hồ sơ đang tạm dừng.');
    const p: PauseRecord = { from: this.at(at), to: null };
    if (reason) p.reason = reason;
    this.s.pauses.push(p);
    return this;
  }

  /** Starts the clock again where it stopped. */
  resume(at: Date | string): this {
    if (!this.isPaused) throw rule('clock-not-paused', 'Thời hạn của hồ sơ không ở trạng thái tạm dừng.');
    const iso = this.at(at);
    this.s.pauses[this.s.pauses.length - 1]!.to = iso;
    return this;
  }

  /**
   * Restarts the limit from zero at `at` (the complete dossier came back after a supplement requested after
   * appraisal), as if the dossier were received then. An open pause is closed at `at`; earlier pauses and an
   * extension stop applying (they are kept in the history).
   */
  restart(at: Date | string): this {
    const iso = this.at(at);
    const last = this.s.pauses[this.s.pauses.length - 1];
    if (last && last.to === null) last.to = iso;
    const previous = this.due();
    this.s.restarts.push({ at: iso, previousDue: previous ? toVietnamIso(previous) : null, pauses: this.s.pauses });
    this.s.startedAt = iso;
    this.s.pauses = [];
    this.s.extension = null;
    return this;
  }

  /**
   * The apology and new date (REGULATIONS §2.3.4): granted once, no later than the end of the working day
   * before the current due date, to a later date. Pauses after it move the new date as they moved the old.
   */
  extend(newDue: Date | string, at: Date | string): this {
    if (this.s.extensionUsed) throw rule('extension-already-used', 'Hồ sơ đã được hẹn lại một lần; ngày hẹn mới chỉ được hẹn một lần.');
    if (this.isPaused) throw rule('clock-paused', 'Không thể hẹn lại khi thời hạn của hồ sơ đang tạm dừng.');
    const current = this.due()!;
    const iso = this.at(at);
    const target = parseInstant(newDue, 'newDue');
    if (toLocalMs(parseInstant(iso)) > toLocalMs(due.latestApologyDate(this.cal, current))) {
      throw rule('apology-too-late', 'Văn bản xin lỗi và hẹn lại phải được ban hành chậm nhất một ngày làm việc trước ngày hết hạn.');
    }
    if (target.getTime() <= current.getTime()) throw rule('extension-not-later', 'Ngày hẹn mới phải sau ngày hẹn hiện tại.');
    const plan = this.plan();
    const end = this.rawEnd()!;
    const extra =
      plan.metric === 'working'
        ? due.countWorkingMs(this.cal, toLocalMs(current), toLocalMs(target))
        : (Math.floor(toLocalMs(target) / 86_400_000) + 1) * 86_400_000 - end;
    if (extra <= 0) throw rule('extension-not-later', 'Ngày hẹn mới phải muộn hơn ngày hẹn hiện tại ít nhất một khoảng thời gian làm việc.');
    this.s.extension = { at: iso, previousDue: toVietnamIso(current), newDue: toVietnamIso(target), extraMs: extra };
    this.s.extensionUsed = true;
    return this;
  }

  /** Working hours the clock has been stopped since the last (re)start (working metric), for reports. */
  pausedWorkingHours(now: Date | string): number {
    const nowMs = toLocalMs(parseInstant(now));
    const pauses = normalize(this.s.pauses).map(([a, b]) => [a, Math.min(b, nowMs)] as const);
    const start = toLocalMs(parseInstant(this.s.startedAt));
    return (due.countWorkingMs(this.cal, start, nowMs) - due.countWorkingMs(this.cal, start, nowMs, pauses)) / 3_600_000;
  }
}

function normalize(pauses: readonly PauseRecord[]): due.Pauses {
  return due.normalizePauses(pauses.map((p) => [p.from, p.to] as const));
}
