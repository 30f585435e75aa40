/**
 * Staged uploads and drafts (ADR 0061): pure rules. A file is uploaded and checked before the dossier
 * exists, owned by who uploaded it, and expires unused; a draft keeps what the applicant typed so far and
 * expires when left alone. The submission takes both in its one transaction.
 */

/** A staged upload that no submission took is deleted this long after it was uploaded (or last kept by a draft). */
export const STAGED_UPLOAD_TTL_HOURS = 24;
/** A draft untouched this long is deleted (each save starts the period again). */
export const DRAFT_TTL_DAYS = 30;
/** Live staged uploads one person may hold at once (a form has at most a few dozen documents). */
export const MAX_LIVE_UPLOADS = 40;
/** The largest draft kept, as JSON (what a person types into a form is a few kilobytes). */
export const MAX_DRAFT_BYTES = 64 * 1024;

const HOUR = 3_600_000;

/** Whose staged uploads and drafts these are: the account, never the session (a draft follows the person to another device). */
export function ownerKey(p: { kind: string; id: string; subject: string }): string {
  // a citizen's account is their personal identification number (the identity provider vouches for it)
  return `${p.kind}:${p.kind === 'citizen' ? p.subject : p.id}`;
}

export function uploadExpiry(at: Date): Date {
  return new Date(at.getTime() + STAGED_UPLOAD_TTL_HOURS * HOUR);
}

export function draftExpiry(at: Date): Date {
  return new Date(at.getTime() + DRAFT_TTL_DAYS * 24 * HOUR);
}

export interface DocumentWithUpload {
  key?: string;
  name: string;
  uploadId?: string;
}

/** Where an error about the document at `index` is shown: its form key when it has one, else its position. */
export function documentPath(d: DocumentWithUpload, index: number): string {
  return `documents.${d.key ?? index}`;
}

/** The uploads a submission names, and the documents that name the same upload twice (an error each). */
export function uploadsNamed(documents: readonly DocumentWithUpload[]): { ids: string[]; duplicates: { path: string; message: string }[] } {
  const seen = new Set<string>();
  const ids: string[] = [];
  const duplicates: { path: string; message: string }[] = [];
  documents.forEach((d, i) => {
    if (!d.uploadId) return;
    if (seen.has(d.uploadId)) duplicates.push({ path: documentPath(d, i), message: `Tệp của "${d.name}" đã được dùng cho một giấy tờ khác; hãy chọn đúng tệp.` });
    else {
      seen.add(d.uploadId);
      ids.push(d.uploadId);
    }
  });
  return { ids, duplicates };
}

/** The documents whose upload is not among `available` (expired, someone else's, already used): one message each. */
export function unavailableUploads(documents: readonly DocumentWithUpload[], available: ReadonlySet<string>): { path: string; message: string }[] {
  return documents.flatMap((d, i) =>
    d.uploadId && !available.has(d.uploadId)
      ? [{ path: documentPath(d, i), message: `Tệp của "${d.name}" không còn dùng được (đã hết hạn hoặc đã nộp); hãy tải lên lại.` }]
      : [],
  );
}
