import { isRunning, type WorkingCalendar } from './domain/time-limit.ts';
import type { Dossier } from './domain/model.ts';
import type { ProcessDefinition } from './domain/process.ts';
import { finishedOnTime, isDueSoon, isOverdue } from './domain/rules.ts';
import { NATIONAL_SYNC_ACTION, NATIONAL_SYNC_LABEL } from './domain/national-sync.ts';
import { ACTION_LABELS, CHANNEL_INFO, STATUS_INFO, isAction, nationalStatus, type Action } from './domain/states.ts';
import type { DossierSummary, DossierView, TimelineEntry, TrackView } from './schemas.ts';
import type { TransitionRow } from './store.ts';

/** Maps the aggregate to what the API returns (dates as ISO strings). */

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toView(d: Dossier, def: ProcessDefinition, ctx: { now: Date; cal: WorkingCalendar; availableActions: Action[]; trackingUrl: string }): DossierView {
  const step = def.steps[d.step]!;
  const a = d.applicant;
  return {
    code: d.code,
    version: d.version,
    status: d.status,
    statusLabel: STATUS_INFO[d.status].label,
    nationalStatus: nationalStatus(d.status),
    procedure: { code: d.procedureCode, name: d.procedureName, field: d.field, level: d.level },
    provinceCode: d.provinceCode,
    channel: d.channel,
    kenhThucHien: CHANNEL_INFO[d.channel].kenhThucHien,
    source: d.source,
    receivingUnit: d.receivingUnit,
    decidingUnit: d.decidingUnit,
    returningUnit: d.returningUnit,
    currentUnit: d.currentUnit,
    returnMethod: d.returnMethod,
    processVersion: d.processVersion,
    step: { index: d.step, key: step.key, name: step.name, role: step.role, unit: step.unit, hours: step.hours, enteredAt: d.stepEnteredAt.toISOString(), dueAt: iso(d.stepDueAt) },
    assignee: d.assignee,
    applicant: {
      fullName: a.fullName,
      ...(a.idNumber ? { idNumber: a.idNumber } : {}),
      ...(a.organisation ? { organisation: a.organisation } : {}),
      ...(a.taxCode ? { taxCode: a.taxCode } : {}),
      ...(a.address ? { address: a.address } : {}),
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.email ? { email: a.email } : {}),
      ...(a.masterRecordId ? { masterRecordId: a.masterRecordId } : {}),
    },
    applicantVerified: d.applicantVerified,
    request: d.request,
    documents: d.documents,
    form: d.form ?? null,
    digitised: d.digitised,
    createdAt: d.createdAt.toISOString(),
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    receivedBy: d.receivedBy,
    forwardBy: iso(d.forwardBy),
    dueAt: iso(d.clock.dueAt),
    clock: {
      limit: d.clock.limit,
      running: isRunning(d.clock),
      startedAt: iso(d.clock.startedAt),
      pausedAt: iso(d.clock.pausedAt),
      pausedHours: d.clock.pausedHours,
      restarts: d.clock.restarts,
    },
    overdue: isOverdue(d, ctx.now),
    dueSoon: isDueSoon(d, ctx.now, ctx.cal),
    onTime: finishedOnTime(d),
    lateness: d.lateness ? { firstMissedDueAt: d.lateness.firstMissedDueAt.toISOString(), hours: d.lateness.hours } : null,
    supplement: d.supplement
      ? {
          requestedAt: d.supplement.requestedAt.toISOString(),
          items: d.supplement.items,
          reason: d.supplement.reason,
          phase: d.supplement.phase,
          late: d.supplement.late,
          suppliedAt: iso(d.supplement.suppliedAt),
          acceptedAt: iso(d.supplement.acceptedAt),
          waitingHours: d.supplement.waitingHours,
        }
      : null,
    apology: d.apology
      ? { issuedAt: d.apology.issuedAt.toISOString(), reason: d.apology.reason, previousDueAt: d.apology.previousDueAt.toISOString(), newDueAt: d.apology.newDueAt.toISOString() }
      : null,
    consultations: d.consultations.map((c) => ({
      id: c.id,
      unitCode: c.unitCode,
      question: c.question,
      requestedAt: c.requestedAt.toISOString(),
      deadline: c.deadline.toISOString(),
      reply: c.reply,
      repliedAt: iso(c.repliedAt),
    })),
    fee: {
      amount: d.fee.amount,
      paid: !!d.fee.paidAt,
      paidAt: iso(d.fee.paidAt),
      paidAmount: d.fee.paidAmount,
      online: d.fee.online,
      method: d.fee.method,
      receiptNo: d.fee.receiptNo,
    },
    appraisal: d.appraisal ? { opinion: d.appraisal.opinion, note: d.appraisal.note, at: d.appraisal.at.toISOString() } : null,
    outcome: d.outcome,
    reason: d.reason,
    result: { signedAt: iso(d.result.signedAt), signatureJob: d.result.signatureJob, issuedAt: iso(d.result.issuedAt), electronic: d.result.electronic, number: d.result.number },
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    returnedVia: d.returnedVia,
    endedAt: iso(d.endedAt),
    syncedToNational: d.syncedToNational,
    rating: d.rating ? { score: d.rating.score, comment: d.rating.comment, at: d.rating.at.toISOString() } : null,
    availableActions: ctx.availableActions,
    trackingUrl: ctx.trackingUrl,
  };
}

export function toSummary(d: Dossier, def: ProcessDefinition | null, now: Date, cal: WorkingCalendar): DossierSummary {
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_INFO[d.status].label,
    nationalStatus: STATUS_INFO[d.status].national,
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    field: d.field,
    applicantName: d.applicant.organisation || d.applicant.fullName,
    channel: d.channel,
    receivingUnit: d.receivingUnit,
    decidingUnit: d.decidingUnit,
    currentUnit: d.currentUnit,
    step: def?.steps[d.step]?.name ?? String(d.step),
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.clock.dueAt),
    overdue: isOverdue(d, now),
    dueSoon: isDueSoon(d, now, cal),
    version: d.version,
  };
}

function labelOf(action: string): string {
  if (isAction(action)) return ACTION_LABELS[action];
  return action === 'create_draft' ? 'Lưu hồ sơ nháp' : action === NATIONAL_SYNC_ACTION ? NATIONAL_SYNC_LABEL : action;
}

export function toTimeline(rows: TransitionRow[], def: ProcessDefinition | null): TimelineEntry[] {
  return rows.map((r) => ({
    version: r.version,
    action: r.action,
    actionLabel: labelOf(r.action),
    fromStatus: r.from_status,
    toStatus: r.to_status,
    toStatusLabel: STATUS_INFO[r.to_status]?.label ?? r.to_status,
    fromStep: r.from_step,
    toStep: r.to_step,
    stepName: def?.steps[r.to_step]?.name ?? null,
    fromUnit: r.from_unit,
    toUnit: r.to_unit,
    actor: { kind: r.actor_kind, name: r.actor_name, unit: r.acting_unit },
    at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(),
    note: r.note,
    stepResult: r.step_result,
    data: r.data ?? {},
  }));
}

export function toTrack(d: Dossier, now: Date, details: boolean, rows: TransitionRow[] | null): TrackView {
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_INFO[d.status].label,
    nationalStatus: nationalStatus(d.status),
    procedureCode: d.procedureCode,
    procedureName: d.procedureName,
    receivedAt: iso(d.receivedAt),
    dueAt: iso(d.clock.dueAt),
    finishedAt: iso(d.finishedAt),
    returnedAt: iso(d.returnedAt),
    overdue: isOverdue(d, now),
    details: details
      ? {
          applicantName: d.applicant.organisation || d.applicant.fullName,
          receivingUnit: d.receivingUnit,
          returnMethod: d.returnMethod,
          supplementItems: d.status === 'supplement_requested' && d.supplement ? d.supplement.items : null,
          fee: { amount: d.fee.amount, paid: !!d.fee.paidAt },
          apology: d.apology ? { reason: d.apology.reason, newDueAt: d.apology.newDueAt.toISOString() } : null,
          history: (rows ?? []).map((r) => ({ at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(), label: labelOf(r.action), status: STATUS_INFO[r.to_status]?.label ?? r.to_status })),
        }
      : null,
  };
}

const READ_LABELS: Record<string, string> = {
  detail: 'Xem chi tiết hồ sơ',
  lookup: 'Tìm hồ sơ theo số định danh cá nhân của bạn',
  comments: 'Xem trao đổi nội bộ giữa cán bộ về hồ sơ',
  timeline: 'Xem quá trình xử lý hồ sơ',
  attachments: 'Xem danh sách giấy tờ đính kèm',
  payment: 'Xem phí, lệ phí của hồ sơ',
  register: 'Lập sổ theo dõi hồ sơ (có hồ sơ này)',
};

/** What a recorded read was, in Vietnamese ("Xem giấy tờ: Mẫu 01 — …", "Tải giấy tờ đính kèm: Giấy chứng sinh"). */
export function readLabel(what: string, names: { paper(form: string): string | undefined; attachment(id: string): string | undefined }): string {
  const [kind, arg] = what.split(/:(.*)/s, 2) as [string, string | undefined];
  if (kind === 'paper' && arg) return `Xem giấy tờ: ${names.paper(arg) ?? arg}`;
  if (kind === 'attachment' && arg) return `Tải giấy tờ đính kèm: ${names.attachment(arg) ?? 'tệp đã xoá'}`;
  if (kind === 'release' && arg) return `Cung cấp dữ liệu hồ sơ cho cơ quan khác (bộ dữ liệu ${arg})`;
  return READ_LABELS[kind] ?? what;
}
