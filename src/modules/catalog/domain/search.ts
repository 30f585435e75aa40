import { searchFold } from './normalise/text.ts';

/**
 * Turns what a person typed into a search plan. Pure: the SQL lives in store.ts.
 *  - "1.001193" (a whole code)           → exact code, then codes containing it;
 *  - "001193", "1.0011" (digits and dots) → codes containing it (text search if none);
 *  - anything else                        → folded words ("Đăng ký khai sinh" = "dang ky khai sinh"),
 *    all required, the last one as a prefix so that "khai si" already finds "khai sinh".
 */
export type SearchPlan =
  | { kind: 'all' }
  | { kind: 'code'; code: string; text: TextPlan | null }
  | ({ kind: 'text' } & TextPlan);

export interface TextPlan {
  /** The folded query, for phrase and trigram matching. */
  folded: string;
  /** A to_tsquery('simple', …) expression built only from [a-z0-9] words. */
  tsquery: string;
}

const MAX_WORDS = 12;

export function textPlan(q: string): TextPlan | null {
  const folded = searchFold(q);
  const words = folded.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const tsquery = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
  return { folded: words.join(' '), tsquery };
}

export function planSearch(q: string | undefined): SearchPlan {
  const t = (q ?? '').trim().slice(0, 200);
  if (!t) return { kind: 'all' };
  if (/^\d[\d.]{2,}$/.test(t) && /\d{3}/.test(t)) return { kind: 'code', code: t, text: textPlan(t) };
  const plan = textPlan(t);
  return plan ? { kind: 'text', ...plan } : { kind: 'all' };
}
