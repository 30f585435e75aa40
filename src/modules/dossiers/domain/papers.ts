import type { Dossier } from './model.ts';
import type { Action } from './states.ts';

/**
 * The papers of a dossier and which action issues each. An issued paper is a record: the service stores
 * what the dossier said at that moment (and, once rendered, the bytes and their SHA-256, recorded in the
 * audit trail) and serves that copy; a later action never rewrites it. A paper is issued again only as a
 * new version (form 01 after a restart from zero carries the new appointment; the first one stays).
 */
export const PAPER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'control-sheet', 'result', 'fee-receipt'] as const;
export type PaperForm = (typeof PAPER_FORMS)[number];

/** The process control sheet (form 05) is a working record that grows with every hand-over: rendered live, never issued. */
export const LIVE_PAPERS: readonly PaperForm[] = ['control-sheet'];

const ISSUED_BY: Partial<Record<Action, PaperForm[]>> = {
  receive: ['receipt'],
  accept_supplement: ['receipt'],
  request_supplement: ['supplement-request'],
  refuse_reception: ['refusal'],
  refuse: ['refusal'],
  apologize: ['apology'],
  sign: ['result'],
  record_payment: ['fee-receipt'],
};

/**
 * The papers an action issues (each becomes a new version of that form for the dossier). The result is
 * issued when signed, and again (a new version, signed again) only if the clerk gives it another number
 * when issuing it.
 */
export function papersIssuedBy(action: Action, before?: Pick<Dossier, 'result'>, after?: Pick<Dossier, 'result'>): PaperForm[] {
  if (action === 'issue_result') return before && after && after.result.number !== before.result.number ? ['result'] : [];
  return ISSUED_BY[action] ?? [];
}
