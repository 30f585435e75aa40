import { applies, isFilled, type FormContext } from './conditions.ts';
import { ageOn, compareDates, parseIsoDate } from './dates.ts';
import type { Answers, Field, FieldError, FormChannel, FormDefinition, FormValue } from './types.ts';

/**
 * Validating answers against a form: only the fields that apply to these answers are kept (an answer to
 * a question that no longer applies is dropped), each is cleaned (trimmed, spaces collapsed) and checked,
 * and every problem becomes one Vietnamese message for that field, in the order of the form.
 */

/** The fields shown for these answers: their section's and their own condition hold, in form order. */
export function visibleFields(def: Pick<FormDefinition, 'sections'>, ctx: FormContext): Field[] {
  return def.sections.filter((s) => applies(s.when, ctx)).flatMap((s) => s.fields.filter((f) => applies(f.when, ctx)));
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
/** The field as named inside a sentence ("họ, chữ đệm, tên của trẻ"). */
const nameOf = (f: Field) => f.errorLabel ?? lowerFirst(f.label);
const Name = (f: Field) => upperFirst(nameOf(f));

const CHOICE_TYPES: readonly Field['type'][] = ['select', 'radio'];

/** The message for an empty required field (GOV.UK style: say what to do). */
export function requiredMessage(f: Field): string {
  if (f.errors?.required) return f.errors.required;
  if (CHOICE_TYPES.includes(f.type)) return `Chọn ${nameOf(f)}`;
  if (f.type === 'checkbox') return `Đánh dấu ${nameOf(f)}`;
  return `Nhập ${nameOf(f)}`;
}

const DEFAULT_MAX: Partial<Record<Field['type'], number>> = { text: 200, textarea: 2000, number: 20 };

/** Cleans one given value and checks it alone; returns the cleaned value or a message. */
function checkValue(f: Field, v: FormValue, today: string): { value: FormValue } | { message: string } {
  if (f.type === 'checkbox') return typeof v === 'boolean' ? { value: v } : { message: `${Name(f)}: chọn có hoặc không` };
  if (typeof v !== 'string') return { message: `${Name(f)} phải là chữ` };
  const s = f.type === 'textarea' ? v.trim() : v.trim().replace(/\s+/g, ' ');
  const max = f.maxLength ?? DEFAULT_MAX[f.type];
  if (max !== undefined && s.length > max) return { message: `${Name(f)} không được dài quá ${max} ký tự` };
  switch (f.type) {
    case 'text':
    case 'textarea':
      if (f.pattern && !new RegExp(f.pattern.regex, 'u').test(s)) return { message: f.pattern.message };
      return { value: s };
    case 'select':
    case 'radio':
      return f.options?.some((o) => o.value === s) ? { value: s } : { message: `Chọn ${nameOf(f)} trong danh sách` };
    case 'idNumber':
      return /^\d{12}$/.test(s) ? { value: s } : { message: `${Name(f)} phải gồm đúng 12 chữ số` };
    case 'phone': {
      const p = s.replace(/[\s.-]/g, '');
      return /^(0|\+84)\d{9,10}$/.test(p) ? { value: p } : { message: `${Name(f)} không đúng, ví dụ 0912345678` };
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? { value: s } : { message: `${Name(f)} không đúng, ví dụ ten@example.com` };
    case 'number': {
      const n = Number(s.replace(',', '.'));
      if (!/^-?\d+([.,]\d+)?$/.test(s) || !Number.isFinite(n)) return { message: `${Name(f)} phải là một số` };
      if (f.min !== undefined && n < f.min) return { message: `${Name(f)} phải từ ${f.min} trở lên` };
      if (f.max !== undefined && n > f.max) return { message: `${Name(f)} không được lớn hơn ${f.max}` };
      return { value: String(n) };
    }
    case 'year': {
      const thisYear = Number(today.slice(0, 4));
      if (!/^\d{4}$/.test(s) || Number(s) < 1850 || Number(s) > thisYear) return { message: `${Name(f)} phải là năm có 4 chữ số, không sau năm ${thisYear}` };
      return { value: s };
    }
    case 'date': {
      const d = parseIsoDate(s);
      if (!d) return { message: `${Name(f)} phải là một ngày có thật` };
      const t = parseIsoDate(today)!;
      if (f.past && compareDates(d, t) > 0) return { message: `${Name(f)} không được sau ngày hôm nay` };
      if (f.minAge && ageOn(d, t) < f.minAge.years) return { message: f.minAge.message };
      return { value: s };
    }
  }
}

export interface ValidateOptions {
  channel?: FormChannel;
  /** Today in Vietnam, 'YYYY-MM-DD' (dates in the past, ages). */
  today: string;
  /** 'draft': what is given is checked, missing answers are not errors. */
  mode?: 'submit' | 'draft';
}

export interface Validated {
  /** Cleaned answers of the fields that apply (nothing else). */
  answers: Answers;
  errors: FieldError[];
}

/**
 * Validates raw answers (any JSON) against a form. Conditions are evaluated on the raw values, so a
 * field that depends on a malformed answer is judged as the person sees the page.
 */
export function validateAnswers(def: Pick<FormDefinition, 'sections'>, raw: unknown, o: ValidateOptions): Validated {
  const given: Answers = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'boolean') given[k] = v;
  }
  const ctx: FormContext = { answers: given, channel: o.channel };
  const fields = visibleFields(def, ctx);
  const answers: Answers = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    const v = given[f.key];
    const empty = !isFilled(v) && !(f.type === 'checkbox' && v === false);
    if (empty || (f.type === 'checkbox' && f.required && v !== true)) {
      if (f.required && o.mode !== 'draft') errors.push({ field: f.key, message: requiredMessage(f) });
      continue;
    }
    const r = checkValue(f, v!, o.today);
    if ('message' in r) errors.push({ field: f.key, message: r.message });
    else answers[f.key] = r.value;
  }
  // order between dates, once each is valid on its own
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const f of fields) {
    const own = typeof answers[f.key] === 'string' ? parseIsoDate(answers[f.key] as string) : null;
    if (!own) continue;
    for (const [ref, sign] of [
      [f.notBefore, 1],
      [f.notAfter, -1],
    ] as const) {
      const other = ref ? byKey.get(ref) : undefined;
      const od = other && typeof answers[other.key] === 'string' ? parseIsoDate(answers[other.key] as string) : null;
      if (!other || !od) continue;
      if (sign * compareDates(own, od) < 0) {
        errors.push({ field: f.key, message: `${Name(f)} không được ${sign > 0 ? 'trước' : 'sau'} ${nameOf(other)}` });
        delete answers[f.key];
      }
    }
  }
  const order = new Map(fields.map((f, i) => [f.key, i]));
  errors.sort((a, b) => order.get(a.field)! - order.get(b.field)!);
  return { answers, errors };
}
