import type { DossierClock } from './time-limit.ts';
import type { Channel, DossierStatus, ReturnMethod } from './states.ts';

/** The dossier aggregate as the pure rules see it (the store maps it to rows). */

export interface Actor {
  kind: 'official' | 'citizen' | 'api_client' | 'system';
  id: string;
  /** Display name (recorded on the timeline and papers; never logged). */
  name: string;
  unitCode?: string | null;
  /** The official's position (chức vụ), e.g. "Phó Chủ tịch Ủy ban nhân dân phường": decides how a paper is signed. */
  position?: string | null;
}

export interface Applicant {
  fullName: string;
  idNumber?: string | null;
  organisation?: string | null;
  taxCode?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** the applicant's golden record in the master data (module mdm), linked by an official at the counter */
  masterRecordId?: string | null;
}

export interface DocumentEntry {
  name: string;
  copies: number;
  /** The key of the form's document rule, when the entry came from a form. */
  key?: string;
  /** 'present': shown at the counter and given back (not received; not on form 01). */
  kind?: 'submit' | 'present';
}

/** The form the applicant filled (module forms): its version (0 = the generic form) and the validated answers. */
export interface FilledForm {
  version: number;
  answers: Record<string, string | boolean>;
}

export interface SupplementRequest {
  requestedAt: Date;
  requestedBy: string;
  items: string[];
  reason: string;
  /** Before reception (the clock has not started) or during processing (clock paused, restarted on return). */
  phase: 'reception' | 'processing';
  /** Requested more than 3 working days after receipt (late under Nghị định 61/2018 Art. 19). */
  late: boolean;
  suppliedAt: Date | null;
  acceptedAt: Date | null;
  /** Working hours the applicant took to supplement (recorded for the service index). */
  waitingHours: number | null;
  /** Whom the applicant contacts for guidance (printed on form 02). Absent on dossiers from before it was recorded. */
  contact?: { name: string; phone: string } | null;
}

/**
 * Lateness once incurred: a due date was missed while the clock was counting. Kept for good — a later
 * restart, pause or new date never erases it (every figure reads it: overdue, on time, the service index).
 */
export interface Lateness {
  /** The first due date that was missed. */
  firstMissedDueAt: Date;
  /** Working hours late, summed over every missed due date, as last measured (at `asOf`). */
  hours: number;
  /** Hours from due dates that a restart replaced (closed episodes). */
  bankedHours: number;
  asOf: Date;
}

export interface Apology {
  issuedAt: Date;
  by: string;
  reason: string;
  previousDueAt: Date;
  newDueAt: Date;
}

export interface Consultation {
  id: number;
  unitCode: string;
  question: string;
  requestedAt: Date;
  deadline: Date;
  reply: string | null;
  repliedAt: Date | null;
  repliedBy: string | null;
}

export interface Fee {
  /** Amount due in VND (0 = free). */
  amount: number;
  paidAt: Date | null;
  paidAmount: number | null;
  /** Paid online (bank transfer, VietQR, payment platform): counted by the service index. */
  online: boolean;
  method: string | null;
  reference: string | null;
  receiptNo: string | null;
}

export interface Dossier {
  code: string;
  status: DossierStatus;
  version: number;
  procedureCode: string;
  procedureName: string;
  field: string;
  level: 'commune' | 'province';
  provinceCode: string;
  channel: Channel;
  /** Where it came from (e.g. "dvcqg:<their id>"), for the later synchronisation. */
  source: string | null;
  receivingUnit: string;
  decidingUnit: string;
  returningUnit: string;
  returnMethod: ReturnMethod;
  processVersion: number;
  step: number;
  currentUnit: string;
  assignee: string | null;
  stepEnteredAt: Date;
  stepDueAt: Date | null;
  applicant: Applicant;
  /** The signed-in citizen who owns the dossier (their identification number), if any. */
  applicantSubject: string | null;
  applicantVerified: boolean;
  request: string | null;
  documents: DocumentEntry[];
  /** The filled form; null (or absent, on dossiers stored before forms) when only a paper declaration was received. */
  form?: FilledForm | null;
  digitised: boolean;
  createdAt: Date;
  submittedAt: Date | null;
  receivedAt: Date | null;
  receivedBy: string | null;
  /** Paper dossiers: forward by this moment (same working day, or next working day after 15:00). */
  forwardBy: Date | null;
  clock: DossierClock;
  supplement: SupplementRequest | null;
  apology: Apology | null;
  consultations: Consultation[];
  fee: Fee;
  /** Where a paused dossier resumes (status and step), and why it is paused. */
  paused: { status: DossierStatus; step: number; reason: 'supplement' | 'payment' } | null;
  appraisal: { opinion: 'favourable' | 'unfavourable'; note: string; by: string; at: Date } | null;
  outcome: 'approved' | 'refused' | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  reason: string | null;
  result: {
    signedAt: Date | null;
    signedBy: string | null;
    /** Who signed, as printed on the result (name and position at the moment of signing). */
    signer?: { name: string; position: string | null } | null;
    signatureJob: string | null;
    issuedAt: Date | null;
    electronic: boolean;
    number: string | null;
  };
  /** Lateness once incurred (null while never late). */
  lateness?: Lateness | null;
  /** When processing ended (result issued) — compared with the due date for "on time". */
  finishedAt: Date | null;
  returnedAt: Date | null;
  returnedVia: ReturnMethod | null;
  endedAt: Date | null;
  syncedToNational: boolean;
  rating: { score: number; comment: string | null; at: Date } | null;
}

/** One hand-over or decision, as recorded on the timeline (and the control sheet, form 05). */
export interface TransitionRecord {
  action: string;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  fromStep: number | null;
  toStep: number;
  fromUnit: string | null;
  toUnit: string;
  note: string | null;
  /** Result of the step left by this transition (trước hạn / đúng hạn / quá hạn), when the step changes. */
  stepResult: 'early' | 'on_time' | 'late' | null;
  data: Record<string, unknown>;
}

export type NotificationTemplate = 'received' | 'supplement_needed' | 'result_ready' | 'late_apology' | 'payment_received';
