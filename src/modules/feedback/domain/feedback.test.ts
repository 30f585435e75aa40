import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceCalendar } from '../../calendar/testing.ts';
import { decideFeedback, FeedbackRuleError, type FeedbackState } from './decide.ts';
import { acceptDueAt, answerDueAt, feedbackSweepSteps, handlingTimeliness } from './deadlines.ts';
import { maskForPublic, publicView } from './publish.ts';
import { PLACE_COMMUNE, routeFeedback, rulesProblems, type RoutingRule } from './routing.ts';
import { FEEDBACK_ACTIONS, FEEDBACK_ACTION_ACTOR, FEEDBACK_AVAILABLE_ACTIONS, FEEDBACK_STATUSES, FEEDBACK_STATUS_INFO } from './states.ts';

const cal = referenceCalendar();
const vn = (s: string) => new Date(s.replace(' ', 'T') + ':00+07:00');

describe('feedback status table', () => {
  it('is complete and uses every action; only the refused report is closed', () => {
    assert.deepEqual(Object.keys(FEEDBACK_AVAILABLE_ACTIONS).sort(), [...FEEDBACK_STATUSES].sort());
    assert.deepEqual([...new Set(Object.values(FEEDBACK_AVAILABLE_ACTIONS).flat())].sort(), [...FEEDBACK_ACTIONS].sort());
    for (const s of FEEDBACK_STATUSES) assert.equal(FEEDBACK_AVAILABLE_ACTIONS[s].length === 0, FEEDBACK_STATUS_INFO[s].terminal, s);
    assert.equal(FEEDBACK_ACTION_ACTOR.approve_answer, 'leader');
    assert.equal(FEEDBACK_ACTION_ACTOR.rate, 'reporter');
  });
});

describe('feedback routing (rules as data)', () => {
  const rules: RoutingRule[] = [
    { category: '*', communeCode: null, target: PLACE_COMMUNE, answerWorkingDays: 10 },
    { category: 'dat_dai', communeCode: null, target: '25.SNNMT', answerWorkingDays: 15 },
    { category: 'moi_truong', communeCode: '07918', target: '25.SNNMT', answerWorkingDays: 7 },
    { category: '*', communeCode: '04795', target: '25.VPUBND', answerWorkingDays: 5 },
  ];
  it('picks the most specific rule', () => {
    assert.equal(routeFeedback(rules, { category: 'giao_thong', communeCode: '07900' }, '25.VPUBND').unitCode, '07900');
    assert.deepEqual(
      [routeFeedback(rules, { category: 'dat_dai', communeCode: '07900' }, 'x').unitCode, routeFeedback(rules, { category: 'dat_dai', communeCode: '07900' }, 'x').answerWorkingDays],
      ['25.SNNMT', 15],
    );
    assert.equal(routeFeedback(rules, { category: 'moi_truong', communeCode: '07918' }, 'x').answerWorkingDays, 7);
    assert.equal(routeFeedback(rules, { category: 'moi_truong', communeCode: '07900' }, 'x').unitCode, '07900');
    assert.equal(routeFeedback(rules, { category: 'dat_dai', communeCode: '04795' }, 'x').unitCode, '25.SNNMT', 'category beats commune');
    assert.equal(routeFeedback(rules, { category: 'y_te', communeCode: '04795' }, 'x').unitCode, '25.VPUBND');
  });
  it('sends a report without a known commune to the province desk, and with no rules to the commune', () => {
    assert.equal(routeFeedback(rules, { category: 'giao_thong', communeCode: null }, '25.VPUBND').unitCode, '25.VPUBND');
    assert.equal(routeFeedback([], { category: 'giao_thong', communeCode: '07900' }, '25.VPUBND').unitCode, '07900');
  });
  it('checks a rule set before it is saved', () => {
    const known = (c: string) => ['07900', '25.SNNMT'].includes(c);
    assert.deepEqual(rulesProblems(rules.slice(0, 2), known), []);
    const p = rulesProblems([...rules.slice(0, 2), { category: 'dat_dai', communeCode: null, target: '99.X', answerWorkingDays: 0 }], known);
    assert.equal(p.length, 3);
  });
});

describe('feedback deadlines', () => {
  it('2 working days to accept or refuse, the answer from the rule, both from receipt', () => {
    assert.deepEqual(acceptDueAt(vn('2026-12-04 10:00'), cal), vn('2026-12-08 17:00'));
    assert.deepEqual(answerDueAt(vn('2026-12-04 10:00'), 10, cal), vn('2026-12-18 17:00'));
  });
  it('reminds the working day before, escalates once late, stops when answered', () => {
    const f = { status: 'accepted' as const, answerDueAt: vn('2026-12-18 17:00'), remindedAt: null, escalatedAt: null };
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-16 09:00'), cal), []);
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-17 08:00'), cal), ['remind']);
    assert.deepEqual(feedbackSweepSteps({ ...f, remindedAt: vn('2026-12-17 08:00') }, vn('2026-12-17 09:00'), cal), []);
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-18 17:01'), cal), ['escalate']);
    assert.deepEqual(feedbackSweepSteps({ ...f, escalatedAt: vn('2026-12-19 08:00') }, vn('2026-12-22 08:00'), cal), []);
    assert.deepEqual(feedbackSweepSteps({ ...f, status: 'answered' }, vn('2026-12-22 08:00'), cal), []);
  });
  it('alerts the unit once when a report waits past its 2 working days without being accepted, transferred or refused', () => {
    const f = { status: 'received' as const, acceptDueAt: vn('2026-12-08 17:00'), acceptAlertedAt: null, answerDueAt: vn('2026-12-18 17:00'), remindedAt: null, escalatedAt: null };
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-08 16:59'), cal), []);
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-09 08:00'), cal), ['accept_late']);
    assert.deepEqual(feedbackSweepSteps({ ...f, acceptAlertedAt: vn('2026-12-09 08:00') }, vn('2026-12-10 08:00'), cal), []);
    assert.deepEqual(feedbackSweepSteps({ ...f, status: 'accepted' }, vn('2026-12-09 08:00'), cal), [], 'taken up: nothing to alert');
    assert.deepEqual(feedbackSweepSteps(f, vn('2026-12-18 17:01'), cal), ['accept_late', 'escalate'], 'still not taken up when the answer is late');
  });
  it('counts timeliness as the index does', () => {
    const base = { status: 'answered' as const, acceptDueAt: vn('2026-12-08 17:00'), answerDueAt: vn('2026-12-18 17:00'), refusedAt: null };
    assert.deepEqual(handlingTimeliness({ ...base, answeredAt: vn('2026-12-18 16:00') }), { refusedOnTime: null, answeredOnTime: true });
    assert.deepEqual(handlingTimeliness({ ...base, answeredAt: vn('2026-12-21 08:00') }), { refusedOnTime: null, answeredOnTime: false });
    assert.deepEqual(handlingTimeliness({ ...base, status: 'refused', answeredAt: null, refusedAt: vn('2026-12-09 08:00') }).refusedOnTime, false);
  });
});

describe('feedback decisions', () => {
  const f: FeedbackState = { status: 'received', unitCode: '07900', acceptDueAt: vn('2026-12-08 17:00'), answerDueAt: vn('2026-12-18 17:00'), answerDraft: null, answer: null, answeredAt: null, refusedAt: null, rating: null, transfers: 0, version: 1 };
  const now = vn('2026-12-05 09:00');
  it('accept → propose → leader returns → propose → approve → rate once', () => {
    let s = decideFeedback(f, { action: 'accept' }, now).next;
    s = decideFeedback(s, { action: 'propose_answer', text: 'Đã cử cán bộ kiểm tra.' }, now).next;
    s = decideFeedback(s, { action: 'return_answer', reason: 'Nêu rõ thời gian' }, now).next;
    assert.equal(s.status, 'accepted');
    s = decideFeedback(s, { action: 'propose_answer', text: 'Ngày 06/12 đã dọn xong.' }, now).next;
    s = decideFeedback(s, { action: 'approve_answer' }, now).next;
    assert.equal(s.answer, 'Ngày 06/12 đã dọn xong.');
    s = decideFeedback(s, { action: 'rate', rating: 'satisfied' }, now).next;
    assert.throws(() => decideFeedback(s, { action: 'rate', rating: 'satisfied' }, now), (e) => e instanceof FeedbackRuleError && e.code === 'feedback-action-not-available' || (e as FeedbackRuleError).code === 'already-rated');
  });
  it('a transfer gives the new unit its own time to accept, not a new answer deadline', () => {
    const t = decideFeedback(f, { action: 'transfer', toUnit: '25.SNNMT', reason: 'Thuộc thẩm quyền Sở', acceptDueAt: vn('2026-12-09 17:00') }, now).next;
    assert.equal(t.unitCode, '25.SNNMT');
    assert.deepEqual(t.answerDueAt, f.answerDueAt);
    assert.throws(() => decideFeedback(f, { action: 'transfer', toUnit: '07900', reason: 'x', acceptDueAt: now }, now), (e) => (e as FeedbackRuleError).code === 'transfer-same-unit');
    assert.throws(() => decideFeedback({ ...f, transfers: 3 }, { action: 'transfer', toUnit: '25.X', reason: 'x', acceptDueAt: now }, now), (e) => (e as FeedbackRuleError).code === 'transfer-limit');
  });
  it('cannot answer before accepting, nor approve an empty answer', () => {
    assert.throws(() => decideFeedback(f, { action: 'approve_answer', text: 'x' }, now), (e) => (e as FeedbackRuleError).code === 'feedback-action-not-available');
  });
});

describe('masking of published feedback', () => {
  it('masks phone and id numbers, e-mail, the reporter name and names after a form of address', () => {
    const text = 'Tôi là Nguyễn Thị Lan, số 0912345678, CCCD 025085012345, nhà ông Trần Văn Bình đổ rác ra đường. Email lan.nt@gmail.com';
    const m = maskForPublic(text, ['Nguyễn Thị Lan']);
    assert.doesNotMatch(m, /0912345678|025085012345|Nguyễn Thị Lan|Trần Văn Bình|lan\.nt@/);
    assert.match(m, /đổ rác ra đường/);
    assert.match(m, /ông T\*\*\* V\*\*\* B\*\*\*/);
  });
  it('publishes the text only when the reporter chose so, and never the reporter', () => {
    const src = { code: 'PA-1', category: 'moi_truong', communeName: 'Phường Việt Trì', unitName: 'UBND phường Việt Trì', text: 'Rác tồn đọng, gọi 0912345678', textPublic: false, reporterName: 'Lê Văn Nam', answer: 'Đã liên hệ ông Lê Văn Nam và dọn xong.', receivedAt: new Date(), answeredAt: new Date(), rating: 'satisfied' };
    const hidden = publicView(src);
    assert.equal(hidden.text, null);
    assert.doesNotMatch(JSON.stringify(hidden), /Lê Văn Nam|0912345678/);
    const shown = publicView({ ...src, textPublic: true });
    assert.equal(shown.text, 'Rác tồn đọng, gọi 09******78');
  });
});
