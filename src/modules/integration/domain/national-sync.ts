/**
 * Which dossier events the DVCQG status sync sends, and which acknowledgement makes a dossier count as
 * synchronised (ADR 0135). Pure: the subscriber (national.ts) reads the event, these decide.
 *
 * Quyết định 766 counts "dossiers synced with receipt in the period / dossiers received": every dossier the
 * province receives — at the counter, by post, on its own portal or from DVCQG — is to be on the national portal.
 */
export interface SyncEventFacts {
  toStatus?: string;
  facts?: { receivedAt?: string | null; status?: string; channel?: string };
}

/** A draft is the applicant's own until submitted: never sent (STATUS_INFO.draft.synced is false). */
export function syncable(p: SyncEventFacts): boolean {
  return p.toStatus !== 'draft' && p.facts?.status !== 'draft';
}

/**
 * A dossier the portal did not hand over, to be pushed by its local code: any channel but the national portal
 * (a dossier submitted there is linked to its national id by the intake, and its submission is the portal's own
 * status 1 — pushing it by its local code would make a second copy on the portal).
 */
export function pushedByLocalCode(p: SyncEventFacts): boolean {
  return syncable(p) && p.facts?.channel !== 'national_portal';
}

/**
 * The portal's acknowledgement of this event's status shows it the dossier with its receipt: the event
 * carries a reception moment. A dossier submitted and not yet received (status 1), or refused at reception,
 * is not yet synchronised in the index's sense; a later acknowledged status will be.
 */
export function acknowledgesReceipt(p: SyncEventFacts): boolean {
  return syncable(p) && typeof p.facts?.receivedAt === 'string' && p.facts.receivedAt !== '';
}
