import { vi } from '../i18n/vi.ts';

/**
 * What each workflow action asks of the official (the body of POST /api/v1/dossiers/{code}/actions/
 * {action}, see src/modules/dossiers/domain/commands.ts), as data: the action form is generated from it.
 */

export type ActionField =
  | { name: string; kind: 'textarea' | 'text'; required: boolean; label: string; hint?: string }
  | { name: string; kind: 'lines'; required: boolean; label: string; hint?: string }
  | { name: string; kind: 'radios'; required: boolean; label: string; options: { value: string; label: string }[] }
  | { name: string; kind: 'date'; required: boolean; label: string; hint?: string }
  | { name: string; kind: 'number'; required: boolean; label: string; hint?: string }
  | { name: string; kind: 'checkbox'; required: false; label: string; default: boolean }
  | { name: string; kind: 'official'; required: boolean; label: string };

const f = vi.actionFields;
const note: ActionField = { name: 'note', kind: 'textarea', required: false, label: f.note };
const reason: ActionField = { name: 'reason', kind: 'textarea', required: true, label: f.reason, hint: f.reasonHint };

export const ACTION_FIELDS: Record<string, ActionField[]> = {
  receive: [note],
  refuse_reception: [reason],
  request_supplement: [
    { name: 'items', kind: 'lines', required: true, label: f.items, hint: f.itemsHint },
    reason,
    { name: 'contactPhone', kind: 'text', required: true, label: f.contactPhone, hint: f.contactPhoneHint },
    note,
  ],
  supplement: [note],
  accept_supplement: [note],
  request_payment: [{ name: 'amount', kind: 'number', required: false, label: f.amount, hint: f.amountHint }, note],
  record_payment: [
    { name: 'amount', kind: 'number', required: true, label: f.amountReceived },
    { name: 'method', kind: 'radios', required: true, label: f.method, options: [{ value: 'cash', label: f.cash }, { value: 'transfer', label: f.transfer }, { value: 'vietqr', label: f.vietqr }] },
    { name: 'reference', kind: 'text', required: false, label: f.reference },
    note,
  ],
  forward: [note],
  assign: [{ name: 'assignee', kind: 'official', required: true, label: f.assignee }, note],
  return_to_step: [{ name: 'step', kind: 'text', required: true, label: f.step, hint: f.stepHint }, reason],
  appraise: [
    { name: 'opinion', kind: 'radios', required: true, label: f.opinion, options: [{ value: 'favourable', label: f.favourable }, { value: 'unfavourable', label: f.unfavourable }] },
    { name: 'note', kind: 'textarea', required: true, label: f.appraisalNote },
  ],
  request_consultation: [
    { name: 'unitCode', kind: 'text', required: true, label: f.unitCode },
    { name: 'question', kind: 'textarea', required: true, label: f.question },
    { name: 'days', kind: 'number', required: true, label: f.days },
  ],
  reply_consultation: [{ name: 'reply', kind: 'textarea', required: true, label: f.reply }],
  approve: [{ name: 'resultNumber', kind: 'text', required: false, label: f.resultNumber }, note],
  refuse: [reason],
  sign: [note],
  issue_result: [{ name: 'electronic', kind: 'checkbox', required: false, label: f.electronic, default: true }, note],
  return_result: [{ name: 'method', kind: 'radios', required: false, label: f.returnMethod, options: [{ value: 'counter', label: f.counter }, { value: 'post', label: f.post }, { value: 'online', label: f.online }] }, note],
  apologize: [{ name: 'newDueAt', kind: 'date', required: true, label: f.newDueAt, hint: f.newDueAtHint }, reason],
  withdraw: [reason],
  stop: [reason],
};

/** The order the buttons appear in: the usual next step first, the exceptional ones last. */
export const ACTION_ORDER = [
  'receive',
  'supplement',
  'accept_supplement',
  'appraise',
  'approve',
  'sign',
  'issue_result',
  'return_result',
  'forward',
  'record_payment',
  'request_payment',
  'request_supplement',
  'request_consultation',
  'reply_consultation',
  'assign',
  'return_to_step',
  'apologize',
  'refuse_reception',
  'refuse',
  'stop',
  'withdraw',
];

/** Actions that end or refuse: shown as warning buttons. */
export const DANGEROUS = new Set(['refuse_reception', 'refuse', 'stop', 'withdraw']);

/** Actions only the applicant takes (never offered in the back office). */
export const APPLICANT_ONLY = new Set(['submit', 'rate']);

export function officeActions(available: readonly string[]): string[] {
  const known = ACTION_ORDER.filter((a) => available.includes(a));
  const rest = available.filter((a) => !ACTION_ORDER.includes(a) && !APPLICANT_ONLY.has(a));
  return [...known, ...rest];
}

/** The request body from what the official typed; `errors` name the fields to correct. */
export function actionBody(action: string, values: Record<string, string | boolean>): { body: Record<string, unknown>; errors: { field: string; message: string }[] } {
  const body: Record<string, unknown> = {};
  const errors: { field: string; message: string }[] = [];
  for (const fd of ACTION_FIELDS[action] ?? [note]) {
    const v = values[fd.name];
    if (fd.kind === 'checkbox') {
      body[fd.name] = v === undefined ? fd.default : !!v;
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (!text) {
      if (fd.required) errors.push({ field: `action-${fd.name}`, message: fd.kind === 'radios' || fd.kind === 'official' ? f.choose(fd.label) : f.enter(fd.label) });
      continue;
    }
    if (fd.kind === 'lines') body[fd.name] = text.split('\n').map((l) => l.trim()).filter(Boolean);
    else if (fd.kind === 'number') {
      const n = Number(text.replace(/[.\s]/g, ''));
      if (!Number.isInteger(n) || n < 0) errors.push({ field: `action-${fd.name}`, message: f.notInteger(fd.label) });
      else body[fd.name] = n;
    } else if (fd.kind === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) errors.push({ field: `action-${fd.name}`, message: f.notDate(fd.label) });
      else body[fd.name] = `${text}T17:00:00+07:00`;
    } else body[fd.name] = text;
  }
  return { body, errors };
}
