import { problems } from '../../../platform/errors.ts';
import { extendClock, pauseClock, restartClock, resumeClock, startClock, stopClock, type WorkingCalendar } from './time-limit.ts';
import type { ActionInput } from './commands.ts';
import type { Actor, Dossier, NotificationTemplate, TransitionRecord } from './model.ts';
import { stepHoursFor, stepIndex, type ProcessDefinition } from './process.ts';
import { unitOfStep } from './authority.ts';
import {
  assertActionAvailable,
  assertApologyAllowed,
  assertFeePaidBeforeReturn,
  assertRatingAllowed,
  assertSeparationOfDuties,
  assertSingleSupplementRequest,
  assertStepAllows,
  bankLateness,
  forwardingDeadline,
  finishedOnTime,
  isForwardedLate,
  isSupplementRequestLate,
  noteLateness,
  stepResult,
  supplementPhase,
} from './rules.ts';
import type { Action, DossierStatus } from './states.ts';

/**
 * The state machine: given a dossier, an action with its (validated) input, who acts and when, it checks
 * the table and the rules and returns the next dossier, the transition to record and the notifications
 * to send. Pure: the service loads, calls `decide`, and saves the result with its audit record and
 * event in one transaction.
 */
export interface DecideContext {
  def: ProcessDefinition;
  cal: WorkingCalendar;
  actor: Actor;
  at: Date;
}

export interface Decision {
  next: Dossier;
  record: TransitionRecord;
  notify: NotificationTemplate[];
}

interface Outcome {
  to: DossierStatus;
  patch?: Partial<Dossier>;
  /** The step the dossier moves to (default: stays). */
  toStep?: number;
  data?: Record<string, unknown>;
  notify?: NotificationTemplate[];
}

/**
 * The record of a version that changes neither status, step nor unit (an attachment, the national portal's
 * confirmation): what the timeline and the audit trail keep of it.
 */
export function recordInPlace(d: Dossier, action: string, note: string | null, data: Record<string, unknown>): TransitionRecord {
  return { action, fromStatus: d.status, toStatus: d.status, fromStep: d.step, toStep: d.step, fromUnit: d.currentUnit, toUnit: d.currentUnit, note, stepResult: null, data };
}

type Handler<A extends Action> = (d: Dossier, input: ActionInput<A>, c: DecideContext) => Outcome;

function nextStep(d: Dossier, def: ProcessDefinition): number {
  if (d.step + 1 >= def.steps.length) throw problems.conflict('no-next-step', 'Hồ sơ đang ở bước cuối cùng của quy trình.');
  return d.step + 1;
}

const HANDLERS: { [A in Action]: Handler<A> } = {
  submit: (_d, _i, { at }) => ({ to: 'submitted', patch: { submittedAt: at } }),

  receive(d, i, { at, cal, actor }) {
    if (d.status === 'supplemented' && d.supplement?.phase !== 'reception')
      throw problems.conflict('use-accept-supplement', 'Hồ sơ bổ sung trong quá trình giải quyết được nhận bằng thao tác "accept_supplement".');
    return {
      to: 'received',
      patch: {
        receivedAt: at,
        receivedBy: actor.id,
        clock: startClock(d.clock, at, cal),
        forwardBy: forwardingDeadline(d.channel, at, cal),
        documents: i.documents ?? d.documents,
        digitised: d.digitised || !!i.digitised,
        paused: null,
        supplement: d.supplement && d.status === 'supplemented' ? { ...d.supplement, acceptedAt: at } : d.supplement,
      },
      notify: ['received'],
    };
  },

  refuse_reception: (d, i, { at }) => ({
    to: 'refused_at_reception',
    patch: { reason: i.reason, endedAt: at, clock: stopClock(d.clock, at), paused: null },
    data: { reason: i.reason },
  }),

  request_supplement(d, i, { at, cal, actor }) {
    assertSingleSupplementRequest(d);
    const phase = supplementPhase(d);
    const late = isSupplementRequestLate(d, at, cal);
    return {
      to: 'supplement_requested',
      patch: {
        supplement: {
          requestedAt: at,
          requestedBy: actor.id,
          items: i.items,
          reason: i.reason,
          phase,
          late,
          suppliedAt: null,
          acceptedAt: null,
          waitingHours: null,
          contact: { name: i.contactName ?? actor.name, phone: i.contactPhone },
        },
        paused: { status: d.status, step: d.step, reason: 'supplement' },
        clock: pauseClock(d.clock, at, cal),
      },
      data: { items: i.items, reason: i.reason, phase, late },
      notify: ['supplement_needed'],
    };
  },

  supplement(d, i, { at, cal }) {
    const s = d.supplement!;
    return {
      to: 'supplemented',
      patch: {
        supplement: { ...s, suppliedAt: at, waitingHours: cal.workingHoursBetween(s.requestedAt, at) },
        documents: i.documents ? [...d.documents, ...i.documents] : d.documents,
      },
    };
  },

  accept_supplement(d, _i, { at, cal }) {
    if (d.supplement?.phase !== 'processing' || !d.paused)
      throw problems.conflict('use-receive', 'Hồ sơ bổ sung trước khi tiếp nhận được tiếp nhận bằng thao tác "receive".');
    return {
      to: 'in_processing',
      toStep: d.paused.step,
      patch: { clock: restartClock(d.clock, at, cal), paused: null, supplement: { ...d.supplement, acceptedAt: at }, appraisal: null },
      data: { restartedFromZero: true },
    };
  },

  request_payment(d, i, { at, cal }) {
    // a free procedure (no fee in the catalogue nor in the province's offering) has nothing to request
    if (!(d.fee.amount > 0)) throw problems.conflict('action-not-available', 'Thủ tục này không thu phí, lệ phí: không có khoản nào để yêu cầu nộp.');
    const amount = i.amount ?? d.fee.amount;
    if (!(amount > 0) || d.fee.paidAt) throw problems.unprocessable('no-fee-due', 'Hồ sơ không còn khoản phí, lệ phí nào phải nộp.');
    return {
      to: 'awaiting_payment',
      patch: { fee: { ...d.fee, amount }, paused: { status: d.status, step: d.step, reason: 'payment' }, clock: pauseClock(d.clock, at, cal) },
      data: { amount, reason: i.reason ?? null },
    };
  },

  record_payment(d, i, { at, cal }) {
    if (d.fee.paidAt) throw problems.conflict('already-paid', 'Hồ sơ đã được ghi nhận thanh toán.');
    if (i.amount < d.fee.amount)
      throw problems.unprocessable('payment-insufficient', `Số tiền thanh toán (${i.amount}) nhỏ hơn số phải nộp (${d.fee.amount}).`);
    const fee = {
      ...d.fee,
      paidAt: at,
      paidAmount: i.amount,
      online: i.method === 'transfer' || i.method === 'vietqr' || i.method === 'online',
      method: i.method,
      reference: i.reference ?? null,
      receiptNo: `BL-${d.code}`,
    };
    const data = { amount: i.amount, method: i.method, reference: i.reference ?? null };
    if (d.status === 'awaiting_payment' && d.paused)
      return { to: d.paused.status, toStep: d.paused.step, patch: { fee, paused: null, clock: resumeClock(d.clock, at, cal) }, data, notify: ['payment_received'] };
    return { to: d.status, patch: { fee }, data, notify: ['payment_received'] };
  },

  forward(d, _i, { def, at }) {
    const data: Record<string, unknown> = {};
    if (d.step === 0 && d.forwardBy) data.forwardedLate = isForwardedLate(d.forwardBy, at);
    return { to: d.status === 'received' ? 'in_processing' : d.status, toStep: nextStep(d, def), data };
  },

  assign: (d, i) => ({ to: d.status, patch: { assignee: i.assignee }, data: { assignee: i.assignee } }),

  return_to_step(d, i, { def }) {
    const idx = stepIndex(def, i.step);
    if (idx < 1 || idx >= d.step)
      throw problems.unprocessable('invalid-step', 'Chỉ trả lại một bước xử lý đứng trước bước hiện tại (không phải bước tiếp nhận).');
    return { to: 'in_processing', toStep: idx, patch: { outcome: null, decidedAt: null, decidedBy: null, reason: i.reason }, data: { reason: i.reason, step: i.step } };
  },

  appraise: (d, i, { def, at, actor }) => ({
    to: 'appraised',
    toStep: nextStep(d, def),
    patch: { appraisal: { opinion: i.opinion, note: i.note, by: actor.id, at } },
    data: { opinion: i.opinion },
  }),

  request_consultation(d, i, { at, cal }) {
    const deadline = i.deadline ? new Date(i.deadline) : cal.computeDue(at, { amount: i.days!, unit: 'working_days' });
    if (deadline.getTime() <= at.getTime()) throw problems.badRequest('deadline-invalid', 'Thời hạn trả lời phải ở tương lai.');
    const c = { id: d.consultations.length + 1, unitCode: i.unitCode, question: i.question, requestedAt: at, deadline, reply: null, repliedAt: null, repliedBy: null };
    return { to: 'in_consultation', patch: { consultations: [...d.consultations, c] }, data: { consultationId: c.id, unitCode: i.unitCode, deadline: deadline.toISOString() } };
  },

  reply_consultation(d, i, { at, actor }) {
    const open = d.consultations.filter((c) => !c.repliedAt);
    const target = i.consultationId ? open.find((c) => c.id === i.consultationId) : open[open.length - 1];
    if (!target) throw problems.conflict('no-open-consultation', 'Không có yêu cầu xin ý kiến nào đang chờ trả lời.');
    const consultations = d.consultations.map((c) => (c.id === target.id ? { ...c, reply: i.reply, repliedAt: at, repliedBy: actor.id } : c));
    const stillOpen = consultations.some((c) => !c.repliedAt);
    return { to: stillOpen ? 'in_consultation' : 'in_processing', patch: { consultations }, data: { consultationId: target.id, onTime: at.getTime() <= target.deadline.getTime() } };
  },

  approve(d, i, { at, actor }) {
    assertSeparationOfDuties(d, actor, 'approve');
    return { to: 'approved', patch: { outcome: 'approved', decidedAt: at, decidedBy: actor.id, result: { ...d.result, number: i.resultNumber ?? d.result.number } } };
  },

  refuse(d, i, { at, actor, def }) {
    assertSeparationOfDuties(d, actor, 'refuse');
    return { to: 'refused', toStep: nextStep(d, def), patch: { outcome: 'refused', decidedAt: at, decidedBy: actor.id, reason: i.reason }, data: { reason: i.reason } };
  },

  sign(d, _i, { at, actor, def }) {
    assertSeparationOfDuties(d, actor, 'sign');
    const signatureJob = `pades:${d.code}:${d.version + 1}`;
    const signer = { name: actor.name, position: actor.position ?? null };
    return { to: 'result_signed', toStep: nextStep(d, def), patch: { result: { ...d.result, signedAt: at, signedBy: actor.id, signer, signatureJob } }, data: { signatureJob } };
  },

  issue_result(d, i, { at, def }) {
    const finished = { ...d, finishedAt: at };
    return {
      to: 'result_issued',
      toStep: nextStep(d, def),
      patch: {
        result: { ...d.result, issuedAt: at, electronic: i.electronic, number: i.resultNumber ?? d.result.number },
        finishedAt: at,
        clock: stopClock(d.clock, at),
      },
      data: { electronic: i.electronic, onTime: finishedOnTime(finished) },
      notify: ['result_ready'],
    };
  },

  return_result(d, i, { at }) {
    assertFeePaidBeforeReturn(d);
    const via = i.method ?? d.returnMethod;
    return { to: 'returned', patch: { returnedAt: at, returnedVia: via, endedAt: at }, data: { method: via } };
  },

  apologize(d, i, { at, cal, actor }) {
    const newDue = new Date(i.newDueAt);
    assertApologyAllowed(d, at, newDue, cal);
    const previousDueAt = d.clock.dueAt!;
    return {
      to: d.status,
      patch: { apology: { issuedAt: at, by: actor.id, reason: i.reason, previousDueAt, newDueAt: newDue }, clock: extendClock(d.clock, newDue, at, cal) },
      data: { reason: i.reason, previousDueAt: previousDueAt.toISOString(), newDueAt: newDue.toISOString() },
      notify: ['late_apology'],
    };
  },

  withdraw: (d, i, { at }) => ({ to: 'withdrawn', patch: { reason: i.reason, endedAt: at, clock: stopClock(d.clock, at), paused: null }, data: { reason: i.reason } }),

  stop: (d, i, { at }) => ({ to: 'stopped', patch: { reason: i.reason, endedAt: at, clock: stopClock(d.clock, at), paused: null }, data: { reason: i.reason } }),

  rate(d, i, { at }) {
    assertRatingAllowed(d, i.score);
    return { to: d.status, patch: { rating: { score: i.score, comment: i.comment ?? null, at } }, data: { score: i.score } };
  },
};

/** Applies an action to a dossier (input already validated against ACTION_INPUT[action]). */
export function decide<A extends Action>(d: Dossier, action: A, input: ActionInput<A>, c: DecideContext): Decision {
  assertActionAvailable(d, action);
  assertStepAllows(c.def, d.step, action);
  // lateness incurred up to now is recorded before anything can move the due date
  const lateness = noteLateness(d.lateness, d.clock, c.at, c.cal);
  const current: Dossier = { ...d, lateness };
  const out = (HANDLERS[action] as Handler<A>)(current, input, c);
  const toStep = out.toStep ?? d.step;
  const stepChanged = toStep !== d.step;
  const step = c.def.steps[toStep];
  if (!step) throw problems.conflict('no-such-step', 'Bước xử lý không tồn tại trong quy trình của hồ sơ.');
  const next: Dossier = { ...current, ...out.patch, status: out.to, version: d.version + 1, step: toStep };
  if (next.clock.restarts > d.clock.restarts) next.lateness = bankLateness(lateness);
  if (stepChanged) {
    const hours = stepHoursFor(step.hours, c.def.limit, d.clock.limit);
    next.stepEnteredAt = c.at;
    next.stepDueAt = hours > 0 ? c.cal.addWorkingHours(c.at, hours) : null;
    next.currentUnit = unitOfStep(next, step.unit);
    next.assignee = null;
    // a hand-over names who receives the dossier at the next step
    if (action === 'forward' && (input as { assignee?: string }).assignee) next.assignee = (input as { assignee?: string }).assignee!;
  }
  const note = (input as { note?: string }).note ?? null;
  return {
    next,
    record: {
      action,
      fromStatus: d.status,
      toStatus: next.status,
      fromStep: d.step,
      toStep,
      fromUnit: d.currentUnit,
      toUnit: next.currentUnit,
      note,
      stepResult: stepChanged ? stepResult(c.at, d.stepDueAt) : null,
      data: out.data ?? {},
    },
    notify: out.notify ?? [],
  };
}
