import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { ACTION_INPUT } from './commands.ts';
import { decide } from './decide.ts';
import type { Dossier } from './model.ts';
import { papersIssuedBy } from './papers.ts';
import { defaultProcess, stepHoursFor } from './process.ts';
import { finishedOnTime, isOverdue } from './rules.ts';
import { ACTIONS, AVAILABLE_ACTIONS, DOSSIER_STATUSES, isActionAvailable } from './states.ts';
import { act, cal, citizen, clerk, communeProcess, leader, makeDossier, officer, provinceProcess, run, specialist, vn } from './testkit.ts';

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Problem) return `${e.status} ${e.code}`;
    throw e;
  }
  return 'ok';
}

describe('dossier state machine', () => {
  it('runs a commune procedure end to end at one commune', () => {
    let d = makeDossier();
    assert.equal(d.status, 'submitted');
    const received = act(d, 'receive', { documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }], digitised: true }, officer, vn('2025-11-24 09:00'));
    assert.deepEqual(received.notify, ['received']);
    d = received.next;
    assert.equal(d.status, 'received');
    assert.deepEqual(d.clock.dueAt, vn('2025-11-27 17:00'), '3 working days: counting starts the next working day, ends at the close of day 3');
    assert.deepEqual(d.forwardBy, vn('2025-11-24 17:00'), 'counter dossier before 15:00: forward by the end of the same day');
    assert.ok(d.digitised);
    assert.equal(d.version, 2);

    const fwd = act(d, 'forward', {}, officer, vn('2025-11-24 09:30'));
    assert.equal(fwd.next.status, 'in_processing');
    assert.equal(fwd.next.step, 1);
    assert.equal(fwd.record.stepResult, 'on_time');
    assert.equal(fwd.record.data.forwardedLate, false);
    d = run(fwd.next, [
      ['appraise', { opinion: 'favourable', note: 'Hồ sơ đủ điều kiện' }, specialist, '2025-11-25 10:00'],
      ['approve', {}, leader, '2025-11-25 14:00'],
      ['sign', {}, leader, '2025-11-25 14:05'],
    ]);
    assert.equal(d.status, 'result_signed');
    assert.equal(d.step, 3);
    assert.equal(d.result.signatureJob, `pades:${d.code}:${d.version}`);
    const issued = act(d, 'issue_result', { electronic: true }, clerk, vn('2025-11-25 15:00'));
    assert.deepEqual(issued.notify, ['result_ready']);
    assert.equal(issued.record.data.onTime, true);
    d = issued.next;
    assert.equal(d.status, 'result_issued');
    assert.ok(d.result.electronic);
    assert.ok(d.clock.stoppedAt);
    assert.equal(d.currentUnit, '04792');
    d = run(d, [
      ['return_result', {}, officer, '2025-11-26 08:00'],
      ['rate', { score: 5, comment: 'Nhanh' }, citizen, '2025-11-26 09:00'],
    ]);
    assert.equal(d.status, 'returned');
    assert.equal(d.returnedVia, 'counter');
    assert.equal(d.rating?.score, 5);
    assert.equal(d.version, 9);
    assert.equal(problemOf(() => act(d, 'rate', { score: 4 }, citizen, vn('2025-11-26 10:00'))), '409 already-rated');
  });

  it('forwards a province procedure from a commune center to the department, and returns where chosen', () => {
    let d = makeDossier({ procedureCode: '1.012753', decidingUnit: '25.SNNMT', returningUnit: '25.TTPVHCC', feeAmount: 0 }, provinceProcess);
    assert.equal(d.level, 'province');
    assert.equal(d.currentUnit, '04792');
    d = run(d, [['receive', {}, officer, '2025-11-24 16:00']], provinceProcess);
    assert.deepEqual(d.forwardBy, vn('2025-11-25 07:30'), 'paper dossier after 15:00: next working day');
    const fwd = act(d, 'forward', {}, officer, vn('2025-11-25 08:00'), provinceProcess);
    assert.equal(fwd.record.fromUnit, '04792');
    assert.equal(fwd.record.toUnit, '25.SNNMT');
    assert.equal(fwd.next.currentUnit, '25.SNNMT');
    d = run(fwd.next, [
      ['appraise', { opinion: 'favourable', note: 'Đủ điều kiện' }, specialist, '2025-12-01 10:00'],
      ['approve', {}, leader, '2025-12-02 10:00'],
      ['sign', {}, leader, '2025-12-02 10:05'],
      ['issue_result', { electronic: false }, clerk, '2025-12-02 11:00'],
    ], provinceProcess);
    assert.equal(d.currentUnit, '25.TTPVHCC', 'the result comes back to where the applicant chose');
    d = act(d, 'return_result', { method: 'post' }, officer, vn('2025-12-03 09:00'), provinceProcess).next;
    assert.equal(d.returnedVia, 'post');
  });

  it('a supplement before reception: one request, the clock starts only at reception', () => {
    let d = makeDossier({ channel: 'national_portal' });
    const req = act(d, 'request_supplement', { items: ['Bản sao giấy chứng sinh', 'Giấy tờ tùy thân của người đi đăng ký'], reason: 'Thiếu giấy tờ', contactPhone: '0210 3846 123' }, officer, vn('2025-11-24 09:00'));
    assert.deepEqual(req.notify, ['supplement_needed']);
    d = req.next;
    assert.equal(d.status, 'supplement_requested');
    assert.equal(d.supplement?.phase, 'reception');
    assert.equal(d.clock.startedAt, null);
    d = act(d, 'supplement', { documents: [{ name: 'Bản sao giấy chứng sinh', copies: 1 }] }, citizen, vn('2025-11-25 09:00')).next;
    assert.equal(d.status, 'supplemented');
    assert.equal(d.supplement?.waitingHours, 8);
    assert.equal(problemOf(() => act(d, 'accept_supplement', {}, officer, vn('2025-11-25 10:00'))), '409 action-not-at-this-step');
    d = act(d, 'receive', {}, officer, vn('2025-11-25 10:00')).next;
    assert.deepEqual(d.clock.startedAt, vn('2025-11-25 10:00'));
    assert.deepEqual(d.supplement?.acceptedAt, vn('2025-11-25 10:00'));
    assert.equal(d.forwardBy, null, 'online dossier: no paper to forward');
    d = act(d, 'forward', {}, officer, vn('2025-11-25 10:30')).next;
    assert.equal(problemOf(() => act(d, 'request_supplement', { items: ['x'], reason: 'y', contactPhone: '0912345678' }, specialist, vn('2025-11-25 11:00'))), '422 supplement-already-requested');
  });

  it('a supplement during appraisal pauses the clock and restarts it from zero when the dossier comes back', () => {
    let d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    d = act(d, 'request_supplement', { items: ['Văn bản ủy quyền có chứng thực'], reason: 'Người nộp là người được ủy quyền', contactPhone: '0912345678' }, specialist, vn('2025-11-25 09:00')).next;
    assert.equal(d.supplement?.phase, 'processing');
    assert.deepEqual(d.clock.pausedAt, vn('2025-11-25 09:00'));
    d = act(d, 'supplement', {}, officer, vn('2025-11-27 09:00')).next;
    assert.equal(problemOf(() => act(d, 'receive', {}, officer, vn('2025-11-27 10:00'))), '409 action-not-at-this-step');
    const accepted = act(d, 'accept_supplement', {}, specialist, vn('2025-11-27 10:00'));
    d = accepted.next;
    assert.equal(d.status, 'in_processing');
    assert.equal(d.step, 1);
    assert.deepEqual(d.clock.startedAt, vn('2025-11-27 10:00'));
    assert.deepEqual(d.clock.dueAt, vn('2025-12-02 17:00'), '3 working days from the return, not from the first receipt');
    assert.equal(d.clock.restarts, 1);
    assert.equal(d.clock.pausedHours, 17);
    assert.equal(accepted.record.data.restartedFromZero, true);
  });

  it('pauses for fees, resumes on payment, and returns nothing unpaid', () => {
    let d = run(makeDossier({ feeAmount: 8000 }), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
      ['request_payment', { reason: 'Lệ phí đăng ký' }, specialist, '2025-11-24 10:00'],
    ]);
    assert.equal(d.status, 'awaiting_payment');
    assert.equal(problemOf(() => act(d, 'record_payment', { amount: 5000, method: 'cash' }, officer, vn('2025-11-25 10:00'))), '422 payment-insufficient');
    const paid = act(d, 'record_payment', { amount: 8000, method: 'vietqr', reference: 'FT123' }, officer, vn('2025-11-25 10:00'));
    assert.deepEqual(paid.notify, ['payment_received']);
    d = paid.next;
    assert.equal(d.status, 'in_processing');
    assert.equal(d.step, 1);
    assert.ok(d.fee.online);
    assert.equal(d.fee.receiptNo, `BL-${d.code}`);
    assert.deepEqual(d.clock.dueAt, vn('2025-11-28 10:00'), 'paused 2.5 working hours after counting began (25/11 07:30–10:00) → due 2.5 h later');
    assert.equal(d.clock.pausedHours, 8, 'the waiting time counts every working hour of the pause');
    assert.equal(problemOf(() => act(d, 'record_payment', { amount: 8000 }, officer, vn('2025-11-25 11:00'))), '409 already-paid');

    const unpaid = run(makeDossier({ feeAmount: 8000 }), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
      ['appraise', { opinion: 'favourable', note: 'ok' }, specialist, '2025-11-24 10:00'],
      ['approve', {}, leader, '2025-11-24 11:00'],
      ['sign', {}, leader, '2025-11-24 11:05'],
      ['issue_result', {}, clerk, '2025-11-24 14:00'],
    ]);
    assert.equal(problemOf(() => act(unpaid, 'return_result', {}, officer, vn('2025-11-25 08:00'))), '422 fee-unpaid');
    const paidLater = act(unpaid, 'record_payment', { amount: 8000, method: 'cash' }, officer, vn('2025-11-25 08:00')).next;
    assert.equal(paidLater.status, 'result_issued');
    assert.equal(act(paidLater, 'return_result', {}, officer, vn('2025-11-25 08:05')).next.status, 'returned');
  });

  it('never asks a free procedure for a fee, even with an amount typed in', () => {
    const free = run(makeDossier({ feeAmount: 0 }), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    assert.equal(problemOf(() => act(free, 'request_payment', { reason: 'Lệ phí' }, specialist, vn('2025-11-24 10:00'))), '409 action-not-available');
    assert.equal(problemOf(() => act(free, 'request_payment', { amount: 8000, reason: 'Lệ phí' }, specialist, vn('2025-11-24 10:00'))), '409 action-not-available');
  });

  it('apologises once, at the latest one working day before the due date, and moves the due date', () => {
    const d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    assert.equal(problemOf(() => act(d, 'apologize', { reason: 'Cần xác minh', newDueAt: '2025-12-03T09:00:00+07:00' }, leader, vn('2025-11-27 08:00'))), '422 apology-too-late');
    const a = act(d, 'apologize', { reason: 'Cần xác minh thêm', newDueAt: '2025-12-03T09:00:00+07:00' }, leader, vn('2025-11-26 10:00'));
    assert.deepEqual(a.notify, ['late_apology']);
    assert.equal(a.next.status, 'in_processing');
    assert.deepEqual(a.next.clock.dueAt, vn('2025-12-03 09:00'));
    assert.deepEqual(a.next.apology?.previousDueAt, vn('2025-11-27 17:00'));
    assert.equal(problemOf(() => act(a.next, 'apologize', { reason: 'Lần hai', newDueAt: '2025-12-10T09:00:00+07:00' }, leader, vn('2025-11-27 10:00'))), '422 apology-already-issued');
  });

  it('keeps the receiving officer from approving', () => {
    const d = run(makeDossier(), [
      ['receive', {}, leader, '2025-11-24 09:00'],
      ['forward', {}, leader, '2025-11-24 09:30'],
      ['appraise', { opinion: 'favourable', note: 'ok' }, specialist, '2025-11-24 10:00'],
    ]);
    assert.equal(problemOf(() => act(d, 'approve', {}, leader, vn('2025-11-24 11:00'))), '403 forbidden');
    assert.equal(problemOf(() => act(d, 'refuse', { reason: 'x' }, leader, vn('2025-11-24 11:00'))), '403 forbidden');
  });

  it('refuses after appraisal with the reason, then issues and returns the refusal (no fee needed)', () => {
    const d = run(makeDossier({ feeAmount: 8000 }), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
      ['appraise', { opinion: 'unfavourable', note: 'Không đủ điều kiện' }, specialist, '2025-11-24 10:00'],
      ['refuse', { reason: 'Người yêu cầu không thuộc diện được đăng ký' }, leader, '2025-11-24 11:00'],
    ]);
    assert.equal(d.status, 'refused');
    assert.equal(d.outcome, 'refused');
    assert.equal(d.step, 3);
    const done = run(d, [
      ['issue_result', {}, clerk, '2025-11-24 14:00'],
      ['return_result', {}, officer, '2025-11-24 15:00'],
    ]);
    assert.equal(done.status, 'returned');
  });

  it('returns to an earlier step, consults another unit, and records late hand-overs', () => {
    let d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    const c = act(d, 'request_consultation', { unitCode: '25.STP', question: 'Xác minh nơi cư trú', days: 2 }, specialist, vn('2025-11-24 10:00'));
    d = c.next;
    assert.equal(d.status, 'in_consultation');
    assert.deepEqual(d.consultations[0]!.deadline, vn('2025-11-26 17:00'));
    assert.equal(problemOf(() => act(d, 'appraise', { opinion: 'favourable', note: 'x' }, specialist, vn('2025-11-24 11:00'))), '409 action-not-available');
    const reply = act(d, 'reply_consultation', { reply: 'Đúng nơi cư trú' }, specialist, vn('2025-11-25 10:00'));
    assert.equal(reply.next.status, 'in_processing');
    assert.equal(reply.record.data.onTime, true);
    d = run(reply.next, [['appraise', { opinion: 'favourable', note: 'ok' }, specialist, '2025-11-28 10:00']]);
    // the appraise step's budget was 18.5 working hours from 09:30 on the 24th → late
    const back = act(d, 'return_to_step', { step: 'appraise', reason: 'Bổ sung ý kiến thẩm định' }, leader, vn('2025-11-28 11:00'));
    assert.equal(back.next.status, 'in_processing');
    assert.equal(back.next.step, 1);
    assert.equal(problemOf(() => act(back.next, 'return_to_step', { step: 'receive', reason: 'x' }, specialist, vn('2025-11-28 11:30'))), '422 invalid-step');
    assert.equal(problemOf(() => act(back.next, 'approve', {}, leader, vn('2025-11-28 11:30'))), '409 action-not-available');
  });

  it('grades a late hand-over on the control sheet', () => {
    const d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    const late = act(d, 'appraise', { opinion: 'favourable', note: 'ok' }, specialist, vn('2025-11-28 10:00'));
    assert.equal(late.record.stepResult, 'late');
    assert.equal(late.record.fromUnit, '04792');
  });

  it('withdraws and stops with a reason, and nothing happens afterwards', () => {
    const w = act(makeDossier(), 'withdraw', { reason: 'Không còn nhu cầu' }, citizen, vn('2025-11-24 10:00')).next;
    assert.equal(w.status, 'withdrawn');
    assert.equal(problemOf(() => act(w, 'receive', {}, officer, vn('2025-11-24 11:00'))), '409 action-not-available');
    const s = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['stop', { reason: 'Có tranh chấp' }, leader, '2025-11-24 10:00'],
    ]);
    assert.equal(s.status, 'stopped');
    assert.ok(s.clock.stoppedAt);
    assert.throws(() => ACTION_INPUT.withdraw.parse({ reason: '  ' }));
  });

  it('refuses at reception with a reason, and drafts become submitted', () => {
    const r = act(makeDossier(), 'refuse_reception', { reason: 'Không thuộc thẩm quyền' }, officer, vn('2025-11-24 09:00')).next;
    assert.equal(r.status, 'refused_at_reception');
    assert.equal(r.reason, 'Không thuộc thẩm quyền');
    const draft = makeDossier({ draft: true });
    assert.equal(draft.status, 'draft');
    assert.equal(act(draft, 'submit', {}, citizen, vn('2025-11-24 09:00')).next.status, 'submitted');
  });

  it('keeps lateness once incurred: a supplement request on an overdue dossier and its restart do not make it timely', () => {
    // received Monday 24/11, due Thursday 27/11 17:00 (3 working days); the request comes 50 days late
    let d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    const at = cal.addWorkingHours(d.clock.dueAt!, 50 * 8);
    d = act(d, 'request_supplement', { items: ['Văn bản ủy quyền'], reason: 'Thiếu', contactPhone: '0912345678' }, specialist, at).next;
    assert.equal(d.lateness?.hours, 400, '50 working days late when the supplement was requested');
    assert.deepEqual(d.lateness?.firstMissedDueAt, vn('2025-11-27 17:00'));
    const back = vn('2026-02-16 09:00');
    d = act(d, 'supplement', {}, citizen, back).next;
    d = act(d, 'accept_supplement', {}, specialist, vn('2026-02-16 10:00')).next;
    assert.equal(d.clock.restarts, 1);
    assert.ok(d.clock.dueAt!.getTime() > vn('2026-02-16 10:00').getTime(), 'the restart gives a new due date');
    assert.equal(d.lateness?.hours, 400, 'the restart keeps the lateness');
    assert.equal(isOverdue(d, vn('2026-02-16 11:00')), true, 'still counted overdue');
    d = run(d, [
      ['appraise', { opinion: 'favourable', note: 'Đủ' }, specialist, '2026-02-16 14:00'],
      ['approve', {}, leader, '2026-02-17 09:00'],
      ['sign', {}, leader, '2026-02-17 09:05'],
    ]);
    const issued = act(d, 'issue_result', {}, clerk, vn('2026-02-17 10:00'));
    assert.equal(issued.record.data.onTime, false, 'the transition says late');
    assert.equal(finishedOnTime(issued.next), false, 'and so does every figure');
    assert.equal(issued.next.lateness?.hours, 400);
    // late again after the restart: both episodes add up
    let e = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
      ['request_supplement', { items: ['x'], reason: 'y', contactPhone: '0912345678' }, specialist, '2025-11-28 17:00'],
      ['supplement', {}, citizen, '2025-12-01 09:00'],
      ['accept_supplement', {}, specialist, '2025-12-01 09:00'],
    ]);
    assert.equal(e.lateness?.hours, 8);
    assert.deepEqual(e.clock.dueAt, vn('2025-12-04 17:00'));
    e = act(e, 'appraise', { opinion: 'favourable', note: 'Đủ' }, specialist, vn('2025-12-05 17:00')).next;
    assert.equal(e.lateness?.hours, 16, '8 h before the restart + 8 h after the new due date (04/12 17:00)');
  });

  it('takes the time limit of the dossier’s own channel (a counter dossier is not given the online limit)', () => {
    const def = defaultProcess('1.000001', 'commune', { amount: 22, unit: 'working_days' }, { online: { amount: 12, unit: 'working_days' }, in_person: { amount: 22, unit: 'working_days' } });
    const online = makeDossier({ channel: 'national_portal' }, def);
    const counter = makeDossier({ channel: 'counter' }, def);
    const post = makeDossier({ channel: 'post' }, def);
    assert.deepEqual(online.clock.limit, { amount: 12, unit: 'working_days' });
    assert.deepEqual(counter.clock.limit, { amount: 22, unit: 'working_days' });
    assert.deepEqual(post.clock.limit, { amount: 22, unit: 'working_days' }, 'no limit for post: the definition’s own');
    const r = act(counter, 'receive', {}, officer, vn('2025-11-24 09:00'), def).next;
    assert.deepEqual(r.clock.dueAt, cal.computeDue(vn('2025-11-24 09:00'), { amount: 22, unit: 'working_days' }));
    // step budgets keep their share of the dossier's own limit
    const o = run(online, [['receive', {}, officer, '2025-11-24 09:00'], ['forward', {}, officer, '2025-11-24 09:30']], def);
    const c = run(counter, [['receive', {}, officer, '2025-11-24 09:00'], ['forward', {}, officer, '2025-11-24 09:30']], def);
    const appraise = def.steps[1]!.hours;
    assert.equal(cal.workingHoursBetween(vn('2025-11-24 09:30'), c.stepDueAt!), appraise);
    assert.equal(cal.workingHoursBetween(vn('2025-11-24 09:30'), o.stepDueAt!), Math.round(((appraise * 12) / 22) * 2) / 2);
    assert.equal(stepHoursFor(0, def.limit, online.clock.limit), 0, 'uncounted steps stay uncounted');
  });

  it('records the contact for form 02 and the signer’s position for the result', () => {
    let d = run(makeDossier(), [
      ['receive', {}, officer, '2025-11-24 09:00'],
      ['forward', {}, officer, '2025-11-24 09:30'],
    ]);
    assert.throws(() => ACTION_INPUT.request_supplement.parse({ items: ['x'], reason: 'y' }), /số điện thoại/);
    assert.throws(() => ACTION_INPUT.request_supplement.parse({ items: ['x'], reason: 'y', contactPhone: 'gọi tôi' }), /số điện thoại không hợp lệ/);
    const req = act(d, 'request_supplement', { items: ['x'], reason: 'y', contactPhone: '0210 3846 123' }, specialist, vn('2025-11-24 10:00')).next;
    assert.deepEqual(req.supplement?.contact, { name: specialist.name, phone: '0210 3846 123' });
    d = run(d, [
      ['appraise', { opinion: 'favourable', note: 'Đủ' }, specialist, '2025-11-24 14:00'],
      ['approve', {}, leader, '2025-11-25 09:00'],
    ]);
    const vice = { ...leader, position: 'Phó Chủ tịch Ủy ban nhân dân phường' };
    const signed = act(d, 'sign', {}, vice, vn('2025-11-25 09:05')).next;
    assert.deepEqual(signed.result.signer, { name: leader.name, position: 'Phó Chủ tịch Ủy ban nhân dân phường' });
  });

  it('names the papers each action issues', () => {
    assert.deepEqual(papersIssuedBy('receive'), ['receipt']);
    assert.deepEqual(papersIssuedBy('accept_supplement'), ['receipt'], 'a restart from zero re-issues form 01 with the new appointment');
    assert.deepEqual(papersIssuedBy('apologize'), ['apology']);
    assert.deepEqual(papersIssuedBy('sign'), ['result']);
    assert.deepEqual(papersIssuedBy('record_payment'), ['fee-receipt']);
    assert.deepEqual(papersIssuedBy('forward'), []);
    assert.ok(!ACTIONS.some((a) => papersIssuedBy(a).includes('control-sheet')), 'the control sheet is a live record');
  });

  it('answers 409 for every action the table does not allow, in every status', () => {
    const base = makeDossier();
    let checked = 0;
    for (const status of DOSSIER_STATUSES) {
      const d: Dossier = { ...base, status };
      for (const action of ACTIONS) {
        if (isActionAvailable(status, action)) continue;
        assert.equal(problemOf(() => decide(d, action, {} as never, { def: communeProcess, cal, actor: leader, at: vn('2025-11-24 09:00') })), '409 action-not-available', `${status} × ${action}`);
        checked++;
      }
    }
    const allowed = Object.values(AVAILABLE_ACTIONS).reduce((s, a) => s + a.length, 0);
    assert.equal(checked + allowed, DOSSIER_STATUSES.length * ACTIONS.length);
  });
});
