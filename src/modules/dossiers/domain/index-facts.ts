import type { Dossier } from './model.ts';
import { CHANNEL_INFO, STATUS_INFO } from './states.ts';

/**
 * What the national service index (Quyết định 766) and the leaders' dashboard read of a dossier, as carried by
 * every dossier event (payload `facts`) so that a projection can be kept from the events alone. Identifiers,
 * statuses, flags and moments only: never the applicant's name, number, address or contact.
 */
export interface DossierIndexFacts {
  field: string;
  level: 'commune' | 'province';
  receivingUnit: string;
  decidingUnit: string;
  channel: Dossier['channel'];
  online: boolean;
  status: Dossier['status'];
  terminal: boolean;
  /** The applicant owes something (supplement, fee): the clock is paused. */
  waitingApplicant: boolean;
  submittedAt: string | null;
  receivedAt: string | null;
  /** The appointment (due date) now in force. */
  dueAt: string | null;
  /** Processing ended with a result (issued). */
  finishedAt: string | null;
  returnedAt: string | null;
  /** Ended for good (returned, withdrawn, stopped, refused at reception). */
  endedAt: string | null;
  /** The first due date missed while the clock counted (lateness is never erased). */
  lateSince: string | null;
  supplementRequests: number;
  supplementWaitingHours: number | null;
  outcome: Dossier['outcome'];
  resultElectronic: boolean;
  feeDue: boolean;
  feePaidOnline: boolean;
  digitised: boolean;
  applicantVerified: boolean;
  syncedToNational: boolean;
  rating: number | null;
  /** The official handling it now (their username; cleared when the dossier moves to another step), for per-official figures. */
  assignee: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function indexFactsOf(d: Dossier): DossierIndexFacts {
  return {
    field: d.field,
    level: d.level,
    receivingUnit: d.receivingUnit,
    decidingUnit: d.decidingUnit,
    channel: d.channel,
    online: CHANNEL_INFO[d.channel].online,
    status: d.status,
    terminal: STATUS_INFO[d.status].terminal,
    waitingApplicant: STATUS_INFO[d.status].inbox === 'waiting_applicant',
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.clock.dueAt),
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    endedAt: iso(d.endedAt),
    lateSince: iso(d.lateness?.firstMissedDueAt),
    supplementRequests: d.supplement ? 1 : 0,
    supplementWaitingHours: d.supplement?.waitingHours ?? null,
    outcome: d.outcome,
    resultElectronic: !!d.result.issuedAt && d.result.electronic,
    feeDue: d.fee.amount > 0,
    feePaidOnline: !!d.fee.paidAt && d.fee.online,
    digitised: d.digitised,
    applicantVerified: d.applicantVerified,
    syncedToNational: d.syncedToNational,
    rating: d.rating?.score ?? null,
    assignee: d.assignee,
  };
}
