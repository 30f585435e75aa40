/**
 * Reading and changing dossiers: every call the portal and the back office make to the dossier API,
 * typed by the platform's generated contract (./schema.d.ts).
 */
import { answer, api, ok, urlOf, useApi } from '../lib/api.ts';
import type { Action, ActionInput, NewDossier } from './types.ts';

/** The dossier's address in the API (links to its papers and files start here). */
export function dossierUrl(code: string): string {
  return urlOf('/api/v1/dossiers/{code}', { path: { code } });
}

export function useDossier(code: string, opts: { staleMs?: number; pollMs?: number } = {}) {
  return useApi('/api/v1/dossiers/{code}', code ? { path: { code } } : null, { staleMs: 0, ...opts });
}

export function useTimeline(code: string | undefined) {
  return useApi('/api/v1/dossiers/{code}/timeline', code ? { path: { code } } : null, { staleMs: 5_000 });
}

/** Who read the citizen's own dossier (officials, systems): the applicant only. */
export function useReads(code: string | undefined) {
  return useApi('/api/v1/dossiers/{code}/reads', code ? { path: { code } } : null, { staleMs: 30_000 });
}

export function useAttachments(code: string | undefined) {
  return useApi('/api/v1/dossiers/{code}/attachments', code ? { path: { code } } : null, { staleMs: 5_000 });
}

/** Submits (or, at the counter, receives) a new dossier; the key makes a retry create one dossier only. */
export function createDossier(body: NewDossier, idempotencyKey: string) {
  return ok(api.POST('/api/v1/dossiers', { body, params: { header: { 'idempotency-key': idempotencyKey } } }));
}

/**
 * Performs `action` with `input` (the shape the platform publishes for it), sent with If-Match: the
 * ETag the page read, or else the dossier's current one. Someone else acting in between → 409/412.
 */
export async function act<A extends Action>(code: string, action: A, input: ActionInput<A>, etag?: string | null) {
  const ifMatch = etag ?? (await answer(api.GET('/api/v1/dossiers/{code}', { params: { path: { code } } }))).etag ?? undefined;
  return ok(api.POST('/api/v1/dossiers/{code}/actions/{action}', { params: { path: { code, action }, header: { 'if-match': ifMatch } }, body: input }));
}

/** Attaches a file (multipart: the platform checks its type and size, so the route declares no JSON body). */
export function attach(code: string, name: string, file: File, opts: { digitised?: boolean } = {}) {
  const form = new FormData();
  form.set('name', name.slice(0, 300));
  if (opts.digitised) form.set('digitised', 'true');
  form.set('file', file);
  return ok(api.POST('/api/v1/dossiers/{code}/attachments', { params: { path: { code } }, body: form as never }));
}
