import type { Condition, DocumentRule, FormDefinition } from './types.ts';

/**
 * The generic form of a procedure the platform has no written form for: no questions beyond the
 * applicant's own details (asked by every application), and the catalogue's documents sorted into
 * documents and notes. The catalogue text is split from the portal's flattened tables (best effort),
 * so the rules here are deliberately plain and each is tested:
 * - an entry under a note heading ("* Lưu ý"), an entry the portal counts as 0 originals and no copies,
 *   and a lead-in line ending with ":" are notes, never upload slots;
 * - the interactive electronic form ("Mẫu … điện tử tương tác") is the online form itself, not a file;
 * - a declaration "theo mẫu" meant for in-person or postal filing applies at the counter and by post;
 * - an entry that applies only in some cases ("Trường hợp…", "Nếu…", "(nếu có)") is optional.
 */

/** Version number of the generic forms (written forms start at 1). */
export const GENERIC_VERSION = 0;

export interface CatalogueEntry {
  name: string;
  originals: number | null;
  copies: number | null;
  group: 'submit' | 'present' | null;
  section: string | null;
}

/** A heading such as "* Lưu ý" or "Ghi chú": what stands under it is a note. */
export function isNoteSection(section: string | null): boolean {
  return !!section && /^\s*\*?\s*(lưu ý|ghi chú|chú ý)/i.test(section);
}

/** Whether a catalogue entry is a note rather than a document. */
export function isNote(d: CatalogueEntry): boolean {
  const name = d.name.trim();
  if (isNoteSection(d.section)) return true;
  if (/^(lưu ý|ghi chú|chú ý)\b/i.test(name)) return true;
  if (d.originals === 0 && !d.copies) return true;
  return /:\s*$/.test(name);
}

/** "Trường hợp…", "Nếu…", "Đối với…", "(nếu có)": needed only in some cases. */
export function isConditional(name: string): boolean {
  const n = name.trim().toLocaleLowerCase('vi').replace(/^[-+•*\s]+/, '');
  return /^(trường hợp|nếu|đối với|khi|riêng|ngoài ra)(\s|$)/.test(n) || /(trong|đối với) trường hợp|\(nếu có\)|nếu có\b/.test(n);
}

/** The interactive electronic form of the national portal: filled online, not uploaded. */
export function isInteractiveForm(name: string): boolean {
  return /điện tử tương tác/i.test(name);
}

/** A paper declaration for those who file in person or by post ("Tờ khai … (nếu … trực tiếp…)"). */
export function isPaperDeclaration(name: string): boolean {
  return /^\s*[-+]?\s*(tờ khai|đơn|giấy đề nghị)\b/i.test(name) && /trực tiếp|bưu chính/i.test(name) && !/trực tuyến\)?\s*$/i.test(name.replace(/[.;]+$/, ''));
}

const COUNTER_OR_POST: Condition = { channel: ['counter', 'post'] };

/** The catalogue's documents as rules of a generic form (notes left out). */
export function genericDocuments(entries: readonly CatalogueEntry[]): DocumentRule[] {
  const out: DocumentRule[] = [];
  entries.forEach((d, i) => {
    if (isNote(d) || isInteractiveForm(d.name)) return;
    const name = d.name.trim().replace(/^[-+•]\s*/, '').slice(0, 300);
    const conditional = isConditional(name);
    out.push({
      key: `doc${i + 1}`,
      name,
      kind: d.group === 'present' ? 'present' : 'submit',
      required: !conditional,
      copies: Math.max(1, (d.originals ?? 0) + (d.copies ?? 0)),
      ...(isPaperDeclaration(name) ? { when: COUNTER_OR_POST } : {}),
      ...(conditional ? { hint: 'Chỉ nộp nếu thuộc trường hợp này.' } : {}),
    });
  });
  return out.slice(0, 60);
}

/** The generic form of a procedure. */
export function genericForm(p: { code: string; name: string; documents: readonly CatalogueEntry[] }): FormDefinition {
  return {
    procedureCode: p.code,
    version: GENERIC_VERSION,
    title: p.name.slice(0, 300),
    sections: [],
    documents: genericDocuments(p.documents),
    result: null,
  };
}
