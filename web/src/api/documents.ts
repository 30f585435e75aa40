/**
 * Sorting the catalogue's document list (split from the portal's flattened text, best effort) into
 * what a person must hand in, what they show, and the notes. Pure: tested in test/e2e/web-format.test.ts.
 */
import type { Procedure, RequiredDocument } from './types.ts';

/** "Trường hợp…", "Nếu…", "Đối với…": a document needed only in some cases. */
export function isConditional(name: string): boolean {
  const n = name.trim().toLowerCase();
  return /^(trường hợp|nếu|đối với|khi|riêng|ngoài ra)(\s|$)/.test(n) || /trong trường hợp|\(nếu có\)|nếu có\b/.test(n);
}

/** A long document name cut at a word boundary, for error messages. */
export function shorten(name: string, max = 70): string {
  const s = name.trim().replace(/\s+/g, ' ');
  if (s.length <= max) return s.replace(/[.;:,]$/, '');
  const cut = s.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 15)).replace(/[.;:,]$/, '')}…`;
}

/** A section heading such as "* Lưu ý" or "Ghi chú": the entries under it are notes, not documents. */
export function isNoteSection(section: string | null): boolean {
  return !!section && /^\*|lưu ý|ghi chú|chú ý/i.test(section.trim());
}

export interface DocumentGroups {
  submit: RequiredDocument[];
  present: RequiredDocument[];
  other: RequiredDocument[];
  notes: RequiredDocument[];
}

export function groupDocuments(p: Pick<Procedure, 'documents'>): DocumentGroups {
  const g: DocumentGroups = { submit: [], present: [], other: [], notes: [] };
  for (const d of p.documents) {
    if (isNoteSection(d.section)) g.notes.push(d);
    else if (d.group === 'submit') g.submit.push(d);
    else if (d.group === 'present') g.present.push(d);
    else g.other.push(d);
  }
  return g;
}
