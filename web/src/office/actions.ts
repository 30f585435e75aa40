import { vi } from '../i18n/vi.ts';
import type { Action, ActionInput } from '../api/types.ts';

/**
 * How the back office asks for each workflow action's input, as data: the action form is generated
 * from it. The input itself — which fields exist, their types, which are required, the values of a
 * choice — is the platform's (ActionInput, generated from GET /api/v1/dossier-actions): a field the
 * platform does not take, a choice it does not know, or a field it requires that the form leaves out
 * or makes optional is a type error here.
 */

interface Base<K extends string, R extends boolean> {
  name: K;
  required: R;
  label: string;
  hint?: string;
}
/** The ways of asking for one field, by the type of its value. */
type FieldSpec<K extends string, V, R extends boolean> = [V] extends [boolean]
  ? Base<K, R> & { kind: 'checkbox'; default: boolean }
  : [V] extends [number]
    ? (Base<K, R> & { kind: 'number' }) | (Base<K, R> & { kind: 'radios'; options: { value: V; label: string }[] })
    : [V] extends [readonly string[]]
      ? Base<K, R> & { kind: 'lines' }
      : [V] extends [string]
        ? string extends V
          ? Base<K, R> & { kind: 'textarea' | 'text' | 'date' | 'official' }
          : Base<K, R> & { kind: 'radios'; options: { value: V; label: string }[] }
        : never;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T] & string;
/** One field of input I: a required one must be asked as required; an optional one may be either. */
export type FieldOf<I> = { [K in keyof I & string]-?: FieldSpec<K, Exclude<I[K], undefined>, K extends RequiredKeys<I> ? true : boolean> }[keyof I & string];
/** The fields of action A's form; every field the platform requires must be among them. */
type FormOf<A extends Action, F extends readonly FieldOf<ActionInput<A>>[]> = F &
  ([Exclude<RequiredKeys<ActionInput<A>>, F[number]['name']>] extends [never] ? unknown : { missing: Exclude<RequiredKeys<ActionInput<A>>, F[number]['name']> });

/** The form of one action, checked against the platform's input for it. */
function form<A extends Action, const F extends readonly FieldOf<ActionInput<A>>[]>(_action: A, fields: FormOf<A, F>): F {
  return fields;
}

const f = vi.actionFields;
const note = { name: 'note', kind: 'textarea', required: false, label: f.note } as const;
const reason = { name: 'reason', kind: 'textarea', required: true, label: f.reason, hint: f.reasonHint } as const;

/** Every action an official can be offered has a form (the applicant's own `submit` is not offered). */
export const ACTION_FIELDS: { [A in Exclude<Action, 'submit'>]: readonly FieldOf<ActionInput<A>>[] } = {
  receive: form('receive', [note]),
  refuse_reception: form('refuse_reception', [reason]),
  request_supplement: form('request_supplement', [
    { name: 'items', kind: 'lines', required: true, label: f.items, hint: f.itemsHint },
    reason,
    { name: 'contactPhone', kind: 'text', required: true, label: f.contactPhone, hint: f.contactPhoneHint },
    note,
  ]),
  supplement: form('supplement', [note]),
  accept_supplement: form('accept_supplement', [note]),
  request_payment: form('request_payment', [{ name: 'amount', kind: 'number', required: false, label: f.amount, hint: f.amountHint }, note]),
  record_payment: form('record_payment', [
    { name: 'amount', kind: 'number', required: true, label: f.amountReceived },
    { name: 'method', kind: 'radios', required: true, label: f.method, options: [{ value: 'cash', label: f.cash }, { value: 'transfer', label: f.transfer }, { value: 'vietqr', label: f.vietqr }] },
    { name: 'reference', kind: 'text', required: false, label: f.reference },
    note,
  ]),
  forward: form('forward', [{ name: 'assignee', kind: 'official', required: false, label: f.handOverTo }, note]),
  assign: form('assign', [{ name: 'assignee', kind: 'official', required: true, label: f.assignee }, note]),
  return_to_step: form('return_to_step', [{ name: 'step', kind: 'text', required: true, label: f.step, hint: f.stepHint }, reason]),
  appraise: form('appraise', [
    { name: 'opinion', kind: 'radios', required: true, label: f.opinion, options: [{ value: 'favourable', label: f.favourable }, { value: 'unfavourable', label: f.unfavourable }] },
    { name: 'note', kind: 'textarea', required: true, label: f.appraisalNote },
  ]),
  request_consultation: form('request_consultation', [
    { name: 'unitCode', kind: 'text', required: true, label: f.unitCode },
    { name: 'question', kind: 'textarea', required: true, label: f.question },
    { name: 'days', kind: 'number', required: true, label: f.days },
  ]),
  reply_consultation: form('reply_consultation', [{ name: 'reply', kind: 'textarea', required: true, label: f.reply }]),
  approve: form('approve', [{ name: 'resultNumber', kind: 'text', required: false, label: f.resultNumber }, note]),
  refuse: form('refuse', [reason]),
  sign: form('sign', [note]),
  issue_result: form('issue_result', [{ name: 'electronic', kind: 'checkbox', required: false, label: f.electronic, default: true }, note]),
  return_result: form('return_result', [{ name: 'method', kind: 'radios', required: false, label: f.returnMethod, options: [{ value: 'counter', label: f.counter }, { value: 'post', label: f.post }, { value: 'online', label: f.online }] }, note]),
  apologize: form('apologize', [{ name: 'newDueAt', kind: 'date', required: true, label: f.newDueAt, hint: f.newDueAtHint }, reason]),
  withdraw: form('withdraw', [reason]),
  stop: form('stop', [reason]),
  rate: form('rate', [
    { name: 'score', kind: 'radios', required: true, label: f.score, options: vi.my.rateLabels.map((l, i) => ({ value: i + 1, label: `${i + 1} — ${l}` })) },
    { name: 'comment', kind: 'textarea', required: false, label: f.comment },
  ]),
};

export type OfficeAction = keyof typeof ACTION_FIELDS;
export type ActionField = (typeof ACTION_FIELDS)[OfficeAction][number];

/** The order the buttons appear in: the usual next step first, the exceptional ones last. */
const ACTION_ORDER: readonly OfficeAction[] = [
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
  'rate',
  'apologize',
  'refuse_reception',
  'refuse',
  'stop',
  'withdraw',
];

/** Actions that end or refuse: shown as warning buttons. */
export const DANGEROUS: ReadonlySet<Action> = new Set<Action>(['refuse_reception', 'refuse', 'stop', 'withdraw']);

/**
 * The buttons of the dossier page: exactly the actions the platform offers this official now (the
 * dossier's `availableActions`), in the usual order. Nothing is added or held back here: who may do
 * what is the platform's policy alone.
 */
export function officeActions(available: readonly Action[]): OfficeAction[] {
  const offered = available.filter((a): a is OfficeAction => a in ACTION_FIELDS);
  return [...offered].sort((a, b) => ACTION_ORDER.indexOf(a) - ACTION_ORDER.indexOf(b));
}

/** The request body from what the official typed; `errors` name the fields to correct. */
export function actionBody<A extends OfficeAction>(action: A, values: Record<string, string | boolean>): { body: ActionInput<A>; errors: { field: string; message: string }[] } {
  const body: Record<string, unknown> = {};
  const errors: { field: string; message: string }[] = [];
  const fields: readonly ActionField[] = ACTION_FIELDS[action];
  for (const fd of fields) {
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
    } else if (fd.kind === 'radios') body[fd.name] = fd.options.find((o) => String(o.value) === text)?.value ?? text;
    else if (fd.kind === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) errors.push({ field: `action-${fd.name}`, message: f.notDate(fd.label) });
      else body[fd.name] = `${text}T17:00:00+07:00`;
    } else body[fd.name] = text;
  }
  // the fields above are the input's own (checked by the types of ACTION_FIELDS)
  return { body: body as ActionInput<A>, errors };
}
