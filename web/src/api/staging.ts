/**
 * Staged uploads and drafts (docs/adr/0061): a file is sent and checked the moment it is chosen (before
 * any dossier exists); the submission names the uploads and the platform attaches them in the same
 * transaction that creates the dossier. A draft of the answers is kept on the server for the signed-in
 * person, resumed on any device, and deleted by the submission.
 */
import { ApiError, api, ok } from '../lib/api.ts';

export type StagedUpload = Awaited<ReturnType<typeof stageUpload>>;
export type Draft = Awaited<ReturnType<typeof saveDraft>>;

export function stageUpload(file: File) {
  const form = new FormData();
  form.set('file', file);
  return ok(api.POST('/api/v1/uploads', { body: form as never }));
}

/** Forgets a staged file replaced before submitting (best effort: an unused file expires anyway). */
export function dropUpload(id: string): void {
  void api.DELETE('/api/v1/uploads/{id}', { params: { path: { id } } }).catch(() => undefined);
}

/** The signed-in person's draft for a procedure, or null when there is none (or it expired). */
export async function loadDraft(procedureCode: string) {
  try {
    return await ok(api.GET('/api/v1/drafts/{procedureCode}', { params: { path: { procedureCode } } }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export function saveDraft(procedureCode: string, state: Record<string, unknown>, uploads: { slot: string; uploadId: string }[]) {
  return ok(api.PUT('/api/v1/drafts/{procedureCode}', { params: { path: { procedureCode } }, body: { state, uploads } }));
}

export async function deleteDraft(procedureCode: string): Promise<void> {
  await api.DELETE('/api/v1/drafts/{procedureCode}', { params: { path: { procedureCode } } }).catch(() => undefined);
}
