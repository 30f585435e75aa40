import { applies, isFilled, type FormContext } from './conditions.ts';
import type { Answers, FormDefinition, KnownPerson } from './types.ts';
import { visibleFields } from './validate.ts';

/**
 * Fills what the platform already knows about the signed-in person into the fields that ask for it.
 * Only empty fields are filled (an answer the person typed is never overwritten), and a field whose
 * prefill has a condition (the mother's name when the applicant is the mother) is filled once the
 * condition holds: call it again after each change.
 */
export function prefillAnswers(def: Pick<FormDefinition, 'sections'>, person: KnownPerson, answers: Answers = {}, channel?: FormContext['channel']): Answers {
  const out: Answers = { ...answers };
  // a filled value may make another prefill condition hold: two passes settle the chains the forms use
  for (let pass = 0; pass < 2; pass++) {
    for (const f of visibleFields(def, { answers: out, channel })) {
      if (!f.prefill || isFilled(out[f.key])) continue;
      const v = person[f.prefill.from];
      if (v && applies(f.prefill.when, { answers: out, channel })) out[f.key] = v;
    }
  }
  return out;
}

/** What the platform knows about a principal: the signed-in citizen's name and identification number. */
export function personOf(p: { kind: string; subject: string; displayName: string } | null | undefined): KnownPerson {
  if (!p || p.kind !== 'citizen') return {};
  return { fullName: p.displayName, ...(/^\d{12}$/.test(p.subject) ? { idNumber: p.subject } : {}) };
}
