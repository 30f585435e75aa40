import { applies, type FormContext } from './conditions.ts';
import type { ApplicableDocument, DocumentRule, FormDefinition } from './types.ts';

/**
 * Which documents apply to these answers: the rules whose condition holds, in the form's order. The
 * upload step asks for these, the counter ticks these ("Đủ tất cả giấy tờ" ticks exactly these) and form
 * 01 prints those of them that were received.
 */
export function applicableDocuments(def: Pick<FormDefinition, 'documents'>, ctx: FormContext): ApplicableDocument[] {
  return def.documents.filter((d) => applies(d.when, ctx)).map(toApplicable);
}

function toApplicable(d: DocumentRule): ApplicableDocument {
  return { key: d.key, name: d.name, kind: d.kind, required: d.required, copies: d.copies, ...(d.hint ? { hint: d.hint } : {}) };
}

/** The documents an online applicant uploads: those handed in (shown ones are checked from the national databases). */
export function uploadSlots(def: Pick<FormDefinition, 'documents'>, ctx: FormContext): ApplicableDocument[] {
  return applicableDocuments(def, { ...ctx, channel: 'online' }).filter((d) => d.kind === 'submit');
}

/** The required documents missing from a list of handed-in keys (for a counter that receives an incomplete dossier). */
export function missingDocuments(def: Pick<FormDefinition, 'documents'>, ctx: FormContext, received: readonly string[]): ApplicableDocument[] {
  return applicableDocuments(def, ctx).filter((d) => d.required && !received.includes(d.key));
}

/** A catalogue document as the shipped catalogue gives it (normalised by the catalog module). */
export interface CatalogueDocument {
  name: string;
  section: string | null;
}

/** The catalogue documents a rule's source designates (a well-written rule designates at least one). */
export function sourceMatches(rule: Pick<DocumentRule, 'source'>, docs: readonly CatalogueDocument[]): CatalogueDocument[] {
  const src = rule.source;
  if (!src) return [];
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return docs.filter((d) => norm(d.name).includes(norm(src.text)) && (!src.section || norm(d.section ?? '').includes(norm(src.section))));
}
