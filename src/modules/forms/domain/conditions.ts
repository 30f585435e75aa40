import type { Answers, Condition, FormChannel, FormValue } from './types.ts';

/** What a condition is evaluated against: the answers so far and, when known, how the dossier is handed in. */
export interface FormContext {
  answers: Answers;
  /** Unknown channel: a channel condition holds (a document that applies on some channel is listed). */
  channel?: FormChannel;
}

/** A value counts as given when it is a non-blank text or a tick. */
export function isFilled(v: FormValue | undefined): boolean {
  return v === true || (typeof v === 'string' && v.trim() !== '');
}

/** Whether a condition holds. */
export function holds(c: Condition, ctx: FormContext): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, ctx));
  if ('any' in c) return c.any.some((x) => holds(x, ctx));
  if ('not' in c) return !holds(c.not, ctx);
  if ('channel' in c) return ctx.channel === undefined || c.channel.includes(ctx.channel);
  const v = ctx.answers[c.field];
  if ('equals' in c) return typeof v === 'string' && typeof c.equals === 'string' ? v.trim() === c.equals : v === c.equals || (c.equals === false && v === undefined);
  if ('in' in c) return typeof v === 'string' && c.in.includes(v.trim());
  return isFilled(v) === c.filled;
}

/** An absent condition holds. */
export function applies(c: Condition | undefined, ctx: FormContext): boolean {
  return c === undefined || holds(c, ctx);
}

/** The fields a condition reads (for the consistency check of a definition). */
export function fieldsOf(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(fieldsOf);
  if ('any' in c) return c.any.flatMap(fieldsOf);
  if ('not' in c) return fieldsOf(c.not);
  if ('channel' in c) return [];
  return [c.field];
}

/** Every `equals`/`in` value a condition compares a field with (to check they are options of that field). */
export function comparedValues(c: Condition): { field: string; value: FormValue }[] {
  if ('all' in c) return c.all.flatMap(comparedValues);
  if ('any' in c) return c.any.flatMap(comparedValues);
  if ('not' in c) return comparedValues(c.not);
  if ('equals' in c) return [{ field: c.field, value: c.equals }];
  if ('in' in c) return c.in.map((value) => ({ field: c.field, value }));
  return [];
}
