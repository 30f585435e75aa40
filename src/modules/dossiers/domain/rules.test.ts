import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Problem } from '../../../platform/errors.ts';
import { startClock } from './time-limit.ts';
import {
  assertApologyAllowed,
  assertFeePaidBeforeReturn,
  assertRatingAllowed,
  assertSeparationOfDuties,
  assertSingleSupplementRequest,
  decideCompetence,
  finishedOnTime,
  forwardingDeadline,
  isForwardedLate,
  isActionUseful,
  isDueSoon,
  isOverdue,
  isSupplementRequestLate,
  noteLateness,
  stepResult,
  supplementPhase,
} from './rules.ts';
import { cal, leader, makeDossier, officer, vn } from './testkit.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Problem, String(e));
    return `${e.status} ${e.code}`;
  }
  return 'ok';
};

describe('one-stop rules', () => {
  const received = { ...makeDossier(), receivedAt: vn('2025-11-24 09:00'), receivedBy: officer.id, clock: startClock(makeDossier().clock, vn('2025-11-24 09:00'), cal) };

  it('allows one supplement request per dossier', () => {
    assert.equal(code(() => assertSingleSupplementRequest(received)), 'ok');
    const withRequest = { ...received, supplement: { requestedAt: vn('2025-11-24 10:00') } as never };
    assert.equal(code(() => assertSingleSupplementRequest(withRequest)), '422 supplement-already-requested');
  });

  it('tells the reception phase from the processing phase, and a late request (> 3 working days)', () => {
    assert.equal(supplementPhase(makeDossier()), 'reception');
    assert.equal(supplementPhase(received), 'processing');
    assert.equal(isSupplementRequestLate(received, vn('2025-11-27 09:00'), cal), false);
    assert.equal(isSupplementRequestLate(received, vn('2025-11-27 10:00'), cal), true);
    assert.equal(isSupplementRequestLate(makeDossier(), vn('2026-01-27 10:00'), cal), false);
  });

  it('issues the apology at the latest one working day before the due date, once, with a later date', () => {
    // due 2025-11-27 17:00 (3 working days) → latest apology at the end of 2025-11-26 (17:00)
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-26 17:00'), vn('2025-12-01 09:00'), cal)), 'ok');
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-26 17:01'), vn('2025-12-01 09:00'), cal)), '422 apology-too-late');
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2025-11-26 09:00'), cal)), '422 apology-date-invalid');
    const apologised = { ...received, apology: { issuedAt: vn('2025-11-25 09:00') } as never };
    assert.equal(code(() => assertApologyAllowed(apologised, vn('2025-11-25 10:00'), vn('2025-12-05 09:00'), cal)), '422 apology-already-issued');
    assert.equal(code(() => assertApologyAllowed(makeDossier(), vn('2025-11-25 10:00'), vn('2025-12-05 09:00'), cal)), '422 apology-without-due-date');
  });

  it('puts the apology’s new date on a working day of the calendar (never a Sunday or a day off)', () => {
    // 2025-11-30 is a Sunday, 2025-11-29 a Saturday; 2026-01-01 is a holiday in the test calendar
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2025-11-30 09:00'), cal)), '422 apology-date-not-working-day');
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2025-11-29 17:00'), cal)), '422 apology-date-not-working-day');
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2026-01-01 09:00'), cal)), '422 apology-date-not-working-day');
    assert.equal(code(() => assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2025-12-01 09:00'), cal)), 'ok', 'Monday');
    try {
      assertApologyAllowed(received, vn('2025-11-25 09:00'), vn('2025-11-30 09:00'), cal);
    } catch (e) {
      assert.match((e as Problem).detail ?? '', /30\/11\/2025.*không phải ngày làm việc/);
    }
  });

  it('sets a forwarding deadline for paper dossiers only', () => {
    assert.deepEqual(forwardingDeadline('counter', vn('2025-11-24 16:00'), cal), vn('2025-11-25 07:30'));
    assert.deepEqual(forwardingDeadline('post', vn('2025-11-24 10:00'), cal), vn('2025-11-24 17:00'));
    // the cut-off is 15:00, to the minute (ADR 0031)
    assert.deepEqual(forwardingDeadline('counter', vn('2025-11-24 15:00'), cal), vn('2025-11-24 17:00'));
    assert.deepEqual(forwardingDeadline('counter', new Date(vn('2025-11-24 15:00').getTime() + 30_000), cal), vn('2025-11-24 17:00'), '15:00:30 is still 15:00');
    assert.deepEqual(forwardingDeadline('counter', vn('2025-11-24 15:01'), cal), vn('2025-11-25 07:30'));
    assert.deepEqual(forwardingDeadline('counter', vn('2025-12-31 16:00'), cal), vn('2026-01-05 07:30'), 'over the announced New Year days off (1–2 January 2026)');
    assert.equal(forwardingDeadline('national_portal', vn('2025-11-24 16:00'), cal), null);
    assert.equal(isForwardedLate(vn('2025-11-25 07:30'), vn('2025-11-25 16:00')), false);
    assert.equal(isForwardedLate(vn('2025-11-24 10:00'), vn('2025-11-25 08:00')), true);
  });

  it('keeps the receiving officer from approving or signing', () => {
    assert.equal(code(() => assertSeparationOfDuties(received, officer, 'approve')), '403 forbidden');
    assert.equal(code(() => assertSeparationOfDuties(received, officer, 'sign')), '403 forbidden');
    assert.equal(code(() => assertSeparationOfDuties(received, officer, 'forward')), 'ok');
    assert.equal(code(() => assertSeparationOfDuties(received, leader, 'approve')), 'ok');
  });

  it('returns no result before the fee is paid (a refusal returns anyway)', () => {
    const fee = { amount: 8000, paidAt: null, paidAmount: null, online: false, method: null, reference: null, receiptNo: null };
    assert.equal(code(() => assertFeePaidBeforeReturn({ fee, outcome: 'approved' })), '422 fee-unpaid');
    assert.equal(code(() => assertFeePaidBeforeReturn({ fee: { ...fee, paidAt: vn('2025-11-24 10:00') }, outcome: 'approved' })), 'ok');
    assert.equal(code(() => assertFeePaidBeforeReturn({ fee, outcome: 'refused' })), 'ok');
    assert.equal(code(() => assertFeePaidBeforeReturn({ fee: { ...fee, amount: 0 }, outcome: 'approved' })), 'ok');
  });

  it('grades hand-overs early / on time / late', () => {
    assert.equal(stepResult(vn('2025-11-24 10:00'), vn('2025-11-25 10:00')), 'early');
    assert.equal(stepResult(vn('2025-11-25 09:00'), vn('2025-11-25 10:00')), 'on_time');
    assert.equal(stepResult(vn('2025-11-25 10:01'), vn('2025-11-25 10:00')), 'late');
    assert.equal(stepResult(vn('2025-11-25 10:01'), null), null);
  });

  it('flags overdue and due-soon dossiers only while the clock runs', () => {
    assert.equal(isOverdue(received, vn('2025-11-27 17:01')), true);
    assert.equal(isOverdue(received, vn('2025-11-27 16:59')), false);
    assert.equal(isOverdue({ ...received, clock: { ...received.clock, pausedAt: vn('2025-11-25 09:00') } }, vn('2025-12-27 09:01')), false);
    assert.equal(isOverdue({ ...received, status: 'returned' }, vn('2025-12-27 09:01')), false);
    assert.equal(isDueSoon(received, vn('2025-11-26 17:00'), cal), true);
    assert.equal(isDueSoon(received, vn('2025-11-26 16:59'), cal), false);
    assert.equal(finishedOnTime({ ...received, finishedAt: vn('2025-11-27 17:00') }), true);
    assert.equal(finishedOnTime({ ...received, finishedAt: vn('2025-11-27 17:01') }), false);
    const late = noteLateness(null, received.clock, vn('2025-11-28 17:00'), cal);
    assert.equal(finishedOnTime({ ...received, lateness: late, finishedAt: vn('2025-11-27 17:00') }), false, 'late once, never on time');
    assert.equal(isOverdue({ ...received, lateness: late, clock: { ...received.clock, pausedAt: vn('2025-11-28 17:00') } }, vn('2025-11-29 10:00')), true);
  });

  it('measures lateness in working hours and never clears it', () => {
    assert.equal(noteLateness(null, received.clock, vn('2025-11-27 17:00'), cal), null, 'not late at the due instant');
    const l = noteLateness(null, received.clock, vn('2025-11-28 17:00'), cal)!;
    assert.deepEqual(l.firstMissedDueAt, vn('2025-11-27 17:00'));
    assert.equal(l.hours, 8);
    // paused after the due date: the lateness is what was incurred up to the pause
    const paused = { ...received.clock, pausedAt: vn('2025-11-28 09:30') };
    assert.equal(noteLateness(null, paused, vn('2025-12-10 09:00'), cal)!.hours, 2);
    // a clock that is not counting (stopped, or not started) keeps what was recorded
    assert.equal(noteLateness(l, { ...received.clock, stoppedAt: vn('2025-11-28 09:00') }, vn('2026-02-01 09:00'), cal), l);
    assert.equal(noteLateness(l, makeDossier().clock, vn('2026-02-01 09:00'), cal), l);
  });

  it('rates once, from 1 to 5', () => {
    assert.equal(code(() => assertRatingAllowed(received, 5)), 'ok');
    assert.equal(code(() => assertRatingAllowed(received, 6)), '400 rating-invalid');
    assert.equal(code(() => assertRatingAllowed({ rating: { score: 4, comment: null, at: new Date() } }, 5)), '409 already-rated');
  });

  it('lists only useful actions (no payment without a fee, one rating, one apology)', () => {
    assert.equal(isActionUseful(received, 'record_payment'), false);
    assert.equal(isActionUseful({ ...received, fee: { ...received.fee, amount: 5000 } }, 'record_payment'), true);
    assert.equal(isActionUseful(received, 'request_payment'), false, 'a free procedure offers no payment request');
    assert.equal(isActionUseful({ ...received, fee: { ...received.fee, amount: 8000 } }, 'request_payment'), true);
    assert.equal(isActionUseful({ ...received, fee: { ...received.fee, amount: 8000, paidAt: new Date() } }, 'request_payment'), false);
    assert.equal(isActionUseful(received, 'apologize'), true);
    assert.equal(isActionUseful({ ...received, apology: {} as never }, 'apologize'), false);
    assert.equal(isActionUseful({ ...received, rating: { score: 5, comment: null, at: new Date() } }, 'rate'), false);
    assert.equal(isActionUseful(received, 'forward'), true);
  });

  it('routes by competence or says why the dossier is outside it', () => {
    const commune = { code: '04792', provinceCode: '25' };
    assert.deepEqual(decideCompetence({ level: 'commune', provinceCode: '25', offering: { scope: 'all_communes' }, commune }), { ok: true, decidingUnit: '04792' });
    assert.equal(decideCompetence({ level: 'commune', provinceCode: '25', offering: { scope: 'communes', communes: ['04795'] }, commune }).ok, false);
    assert.equal(decideCompetence({ level: 'commune', provinceCode: '25', offering: { scope: 'all_communes' }, commune: { code: '00004', provinceCode: '01' } }).ok, false);
    assert.equal(decideCompetence({ level: 'commune', provinceCode: '25', offering: { scope: 'all_communes' }, commune: null }).ok, false);
    assert.deepEqual(decideCompetence({ level: 'province', provinceCode: '25', offering: { scope: 'agency', agencyCode: '25.SNNMT' } }), { ok: true, decidingUnit: '25.SNNMT' });
    const none = decideCompetence({ level: 'province', provinceCode: '25', offering: null });
    assert.ok(!none.ok && /chưa được công bố/.test(none.reason));
    const ministry = decideCompetence({ level: null, provinceCode: '25', offering: null });
    assert.ok(!ministry.ok && /không thuộc thẩm quyền/.test(ministry.reason));
  });
});
