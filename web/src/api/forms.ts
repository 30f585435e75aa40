/**
 * A procedure's form as the platform publishes it (GET /api/v1/procedures/{code}/form): which questions
 * are shown for the answers so far, which documents apply, what is prefilled. The server validates the
 * answers (POST …/form/check, and again at submission); this file only decides what to show, with the
 * same rules as the platform's evaluator (src/modules/forms/domain/conditions.ts). Pure: tested in
 * test/e2e/web-format.test.ts.
 */
import { api, ok, useApi, type Answer } from '../lib/api.ts';
import type { components } from './schema.d.ts';

export type FormView = Answer<'/api/v1/procedures/{code}/form'>;
export type FormSection = FormView['sections'][number];
export type FormField = FormSection['fields'][number];
export type FormDocument = FormView['documents'][number];
export type Condition = components['schemas']['FormCondition'];
export type Answers = Record<string, string | boolean>;
export type FormChannel = 'online' | 'counter' | 'post';
export type Person = Partial<Record<NonNullable<FormField['prefill']>['from'], string>>;
export type CheckedForm = Answer<'/api/v1/procedures/{code}/form/check', 'post'>;
export type ApplicableDocument = CheckedForm['documents'][number];

export function useForm(code: string | undefined) {
  return useApi('/api/v1/procedures/{code}/form', code ? { path: { code } } : null, { staleMs: 600_000 });
}

/** Server-side validation without submitting: Vietnamese messages per field, and the documents that apply. */
export function checkForm(code: string, answers: Answers, channel: FormChannel) {
  return ok(api.POST('/api/v1/procedures/{code}/form/check', { params: { path: { code } }, body: { answers, channel, mode: 'submit' } }));
}

const filled = (v: string | boolean | undefined) => v === true || (typeof v === 'string' && v.trim() !== '');

export function holds(c: Condition, answers: Answers, channel?: FormChannel): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, answers, channel));
  if ('any' in c) return c.any.some((x) => holds(x, answers, channel));
  if ('not' in c) return !holds(c.not, answers, channel);
  if ('channel' in c) return channel === undefined || c.channel.includes(channel);
  const v = answers[c.field];
  if ('equals' in c) return typeof v === 'string' && typeof c.equals === 'string' ? v.trim() === c.equals : v === c.equals || (c.equals === false && v === undefined);
  if ('in' in c) return typeof v === 'string' && c.in.includes(v.trim());
  return filled(v) === c.filled;
}

const applies = (c: Condition | undefined, answers: Answers, channel?: FormChannel) => !c || holds(c, answers, channel);

/** The sections shown for these answers, each with the fields shown. */
export function visibleSections(form: Pick<FormView, 'sections'>, answers: Answers, channel?: FormChannel): FormSection[] {
  return form.sections.filter((s) => applies(s.when, answers, channel)).map((s) => ({ ...s, fields: s.fields.filter((f) => applies(f.when, answers, channel)) }));
}

/** Only the answers to questions shown (what the server keeps). */
export function shownAnswers(form: Pick<FormView, 'sections'>, answers: Answers, channel?: FormChannel): Answers {
  const out: Answers = {};
  for (const s of visibleSections(form, answers, channel)) for (const f of s.fields) if (answers[f.key] !== undefined && answers[f.key] !== '') out[f.key] = answers[f.key]!;
  return out;
}

/** The documents that apply to these answers on this channel, in the form's order. */
export function documentsFor(form: Pick<FormView, 'documents'>, answers: Answers, channel: FormChannel): FormDocument[] {
  return form.documents.filter((d) => applies(d.when, answers, channel));
}

/** A new form's answers: each field's default, then what is known about the person. */
export function initialAnswers(form: Pick<FormView, 'sections'>, person: Person, channel?: FormChannel): Answers {
  const a: Answers = {};
  for (const s of form.sections) for (const f of s.fields) if (f.default !== undefined) a[f.key] = f.default;
  return prefill(form, person, a, channel);
}

/** Fills empty shown fields from what is known about the person (never overwrites an answer). */
export function prefill(form: Pick<FormView, 'sections'>, person: Person, answers: Answers, channel?: FormChannel): Answers {
  const out = { ...answers };
  for (let pass = 0; pass < 2; pass++)
    for (const s of visibleSections(form, out, channel))
      for (const f of s.fields) {
        if (!f.prefill || filled(out[f.key])) continue;
        const v = person[f.prefill.from];
        if (v && applies(f.prefill.when, out, channel)) out[f.key] = v;
      }
  return out;
}

/** The element id of a field (the error summary links to it). */
export const fieldId = (key: string) => `f-${key.replace(/\./g, '-')}`;

/** An answer as a person reads it (the option's label, Có/Không, a date as dd/mm/yyyy). */
export function answerText(f: FormField, v: string | boolean | undefined): string {
  if (v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (f.options) return f.options.find((o) => o.value === v)?.label ?? v;
  if (f.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : v;
  }
  return v;
}

/** Server messages at `answers.<key>` (422 form-invalid) → errors on the fields. */
export function answerErrors(problems: { path: string; message: string }[]): { field: string; message: string }[] {
  return problems.filter((p) => p.path.startsWith('answers.')).map((p) => ({ field: fieldId(p.path.slice('answers.'.length)), message: p.message }));
}

/** Whether a condition reads answers (a document that applies only in some cases). */
export function readsAnswers(c: Condition | undefined): boolean {
  if (!c) return false;
  if ('all' in c) return c.all.some(readsAnswers);
  if ('any' in c) return c.any.some(readsAnswers);
  if ('not' in c) return readsAnswers(c.not);
  return !('channel' in c);
}

/**
 * The documents of a form before its answers are known (a paper declaration taken at the counter): those
 * that apply to everyone on this channel, and those that apply only in some cases.
 */
export function documentsByCase(form: Pick<FormView, 'documents'>, channel: FormChannel): { always: FormDocument[]; someCases: FormDocument[] } {
  const always: FormDocument[] = [];
  const someCases: FormDocument[] = [];
  for (const d of form.documents) {
    if (readsAnswers(d.when)) someCases.push(d);
    else if (!d.when || holds(d.when, {}, channel)) always.push(d);
  }
  return { always, someCases };
}

/** A date answer as typed: 'year-month-day' with parts possibly empty (normalised by `normaliseDates`). */
export function dateParts(v: string | boolean | undefined) {
  const [year = '', month = '', day = ''] = typeof v === 'string' ? v.split('-') : [];
  return { day, month, year };
}

/** Dates typed in three inputs → 'YYYY-MM-DD' (or '' when all empty; an incomplete date stays as typed, for the server to name). */
export function normaliseDates(form: Pick<FormView, 'sections'>, answers: Answers): Answers {
  const out = { ...answers };
  for (const s of form.sections)
    for (const f of s.fields) {
      if (f.type !== 'date' || typeof out[f.key] !== 'string') continue;
      const { day, month, year } = dateParts(out[f.key]);
      if (!day && !month && !year) delete out[f.key];
      else if (/^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) out[f.key] = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    }
  return out;
}
