import { newClock, type WorkingCalendar } from './time-limit.ts';
import type { Applicant, DocumentEntry, Dossier, FilledForm, TransitionRecord } from './model.ts';
import { stepHoursFor, timeLimitFor, type ProcessDefinition } from './process.ts';
import type { Channel, ReturnMethod } from './states.ts';

/**
 * A new dossier at the first step of its process: a draft (citizen saving), or submitted (online, by
 * post, or at the counter before the officer receives it). Routing (which unit decides) is decided
 * before, by `decideCompetence`.
 */
export interface NewDossierInput {
  code: string;
  draft: boolean;
  procedureCode: string;
  procedureName: string;
  field: string;
  provinceCode: string;
  channel: Channel;
  source: string | null;
  receivingUnit: string;
  decidingUnit: string;
  returningUnit: string;
  returnMethod: ReturnMethod;
  applicant: Applicant;
  applicantSubject: string | null;
  applicantVerified: boolean;
  request: string | null;
  documents: DocumentEntry[];
  form?: FilledForm | null;
  feeAmount: number;
  at: Date;
}

export function newDossier(input: NewDossierInput, def: ProcessDefinition, cal: WorkingCalendar): { dossier: Dossier; record: TransitionRecord } {
  const first = def.steps[0]!;
  const limit = timeLimitFor(def, input.channel);
  const firstHours = stepHoursFor(first.hours, def.limit, limit);
  const dossier: Dossier = {
    code: input.code,
    status: input.draft ? 'draft' : 'submitted',
    version: 1,
    procedureCode: input.procedureCode,
    procedureName: input.procedureName,
    field: input.field,
    level: def.level,
    provinceCode: input.provinceCode,
    channel: input.channel,
    source: input.source,
    receivingUnit: input.receivingUnit,
    decidingUnit: input.decidingUnit,
    returningUnit: input.returningUnit,
    returnMethod: input.returnMethod,
    processVersion: def.version,
    step: 0,
    currentUnit: input.receivingUnit,
    assignee: null,
    stepEnteredAt: input.at,
    stepDueAt: firstHours > 0 ? cal.addWorkingHours(input.at, firstHours) : null,
    applicant: input.applicant,
    applicantSubject: input.applicantSubject,
    applicantVerified: input.applicantVerified,
    request: input.request,
    documents: input.documents,
    form: input.form ?? null,
    digitised: false,
    createdAt: input.at,
    submittedAt: input.draft ? null : input.at,
    receivedAt: null,
    receivedBy: null,
    forwardBy: null,
    clock: newClock(limit),
    supplement: null,
    apology: null,
    consultations: [],
    fee: { amount: input.feeAmount, paidAt: null, paidAmount: null, online: false, method: null, reference: null, receiptNo: null },
    paused: null,
    appraisal: null,
    outcome: null,
    decidedAt: null,
    decidedBy: null,
    reason: null,
    result: { signedAt: null, signedBy: null, signer: null, signatureJob: null, issuedAt: null, electronic: false, number: null },
    lateness: null,
    finishedAt: null,
    returnedAt: null,
    returnedVia: null,
    endedAt: null,
    syncedToNational: false,
    rating: null,
  };
  return {
    dossier,
    record: {
      action: input.draft ? 'create_draft' : 'submit',
      fromStatus: null,
      toStatus: dossier.status,
      fromStep: null,
      toStep: 0,
      fromUnit: null,
      toUnit: input.receivingUnit,
      note: null,
      stepResult: null,
      data: { channel: input.channel, source: input.source },
    },
  };
}
