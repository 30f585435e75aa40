/**
 * The guard on a language model's rephrasing (ADR 0111): the model may only reword an answer built from
 * retrieved facts. Every number, code and link in its text must appear in those facts (amounts compared
 * without their thousands separators), otherwise the rephrasing is refused and the composed answer is
 * used as it is. Pure.
 */

/** Numbers ("8.000", "15", "1.001193"), dossier codes and links found in a text, normalised for comparison. */
export function factTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[^\s)»"']+/g)) out.add(m[0].replace(/[.,;:]+$/, ''));
  const noLinks = text.replace(/https?:\/\/[^\s)»"']+/g, ' ');
  for (const m of noLinks.matchAll(/[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*-[0-9]{6}-[0-9]{4}/g)) out.add(m[0]);
  for (const m of noLinks.matchAll(/\d\.\d{6}\b/g)) out.add(m[0]);
  for (const m of noLinks.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const raw = m[0];
    // "8.000" and "8,000" are the amount 8000; "1.001193" is a code (kept above) and also its digits
    out.add(raw.replace(/[.,]/g, ''));
  }
  return out;
}

export interface GuardResult {
  ok: boolean;
  /** What the rephrasing states that the facts do not. */
  unsupported: string[];
}

/** Whether every number, code and link of `candidate` is in `facts`. */
export function checkRephrasing(candidate: string, facts: string): GuardResult {
  const allowed = factTokens(facts);
  const unsupported = [...factTokens(candidate)].filter((t) => !allowed.has(t));
  return { ok: unsupported.length === 0 && candidate.trim().length > 0, unsupported };
}
