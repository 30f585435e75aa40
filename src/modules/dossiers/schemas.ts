import { z } from 'zod';
import { TIME_UNITS } from './domain/time-limit.ts';
import { DocumentEntrySchema } from './domain/commands.ts';
import { ACTIONS, CHANNELS, DOSSIER_STATUSES, RETURN_METHODS } from './domain/states.ts';

/**
 * One schema validates a request and types it; the response schemas document the API (OpenAPI) and
 * shape what is serialised.
 */

const unitCode = z.string().trim().min(2).max(40);

export const ApplicantSchema = z.object({
  fullName: z.string().trim().min(1).max(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{9}|\d{12})$/, 'số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số)')
    .optional(),
  organisation: z.string().trim().max(300).optional(),
  taxCode: z
    .string()
    .trim()
    .regex(/^\d{10}(-\d{3})?$|^\d{12}$/, 'mã số thuế gồm 10 chữ số (đơn vị phụ thuộc thêm -NNN) hoặc 12 chữ số')
    .optional(),
  address: z.string().trim().max(500).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(0|\+84)\d{9,10}$/, 'số điện thoại không hợp lệ')
    .optional(),
  email: z.email().max(200).optional(),
  /** The applicant's golden record in the master data (module mdm), when the counter found it; kept only from officials. */
  masterRecordId: z.uuid({ error: 'mã bản ghi gốc không hợp lệ' }).optional(),
});

export const CreateDossierSchema = z.object({
  procedureCode: z.string().regex(/^\d\.\d{6}$/, 'mã thủ tục có dạng d.dddddd'),
  /** For a commune procedure: the commune that decides (default: the official's commune). */
  communeCode: z.string().regex(/^\d{5}$/).optional(),
  /** The province (default: the deployment's province). */
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  /** Counter officials only: the service center receiving (default: the official's unit). */
  receivingUnit: unitCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  /** Where the dossier came from in another system (e.g. "dvcqg:<their id>"). */
  source: z.string().trim().max(200).optional(),
  applicant: ApplicantSchema,
  request: z.string().trim().max(2000).optional(),
  /** The documents; `uploadId` names a file staged with POST /api/v1/uploads, attached in the submission's one transaction. */
  documents: z.array(DocumentEntrySchema.extend({ uploadId: z.uuid().optional() })).max(100).default([]),
  /** Answers to the procedure's form (GET /api/v1/procedures/{code}/form), validated at submission; required when a citizen submits online. */
  answers: z.record(z.string().max(80), z.union([z.string().max(2000), z.boolean()])).optional(),
  /** The version of the form the answers were given for (default: the current one). */
  formVersion: z.number().int().min(0).optional(),
  /** Where the result is returned: a service center of the province (default: where it was received). */
  returnUnit: unitCode.optional(),
  returnMethod: z.enum(RETURN_METHODS).optional(),
  /** Citizens: keep as a draft instead of submitting. */
  draft: z.boolean().default(false),
  /** Counter officials: receive at once (default true); false leaves it submitted for a colleague to check. */
  receive: z.boolean().default(true),
  /** Counter officials: the paper documents were scanned into the system (digitised). */
  digitised: z.boolean().default(false),
});
export type CreateDossierInput = z.input<typeof CreateDossierSchema>;

const iso = z.string().describe('ISO 8601 date-time');
const isoN = iso.nullable();

export const StepViewSchema = z.object({
  index: z.number().int(),
  key: z.string(),
  name: z.string(),
  role: z.string(),
  unit: z.string(),
  hours: z.number(),
  enteredAt: iso,
  dueAt: isoN,
});

export const DossierViewSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  status: z.enum(DOSSIER_STATUSES),
  statusLabel: z.string(),
  nationalStatus: z.object({ code: z.number().int(), label: z.string() }),
  procedure: z.object({ code: z.string(), name: z.string(), field: z.string(), level: z.enum(['commune', 'province']) }),
  provinceCode: z.string(),
  channel: z.enum(CHANNELS),
  kenhThucHien: z.number().int(),
  source: z.string().nullable(),
  receivingUnit: z.string(),
  decidingUnit: z.string(),
  returningUnit: z.string(),
  currentUnit: z.string(),
  returnMethod: z.enum(RETURN_METHODS),
  processVersion: z.number().int(),
  step: StepViewSchema,
  assignee: z.string().nullable(),
  applicant: ApplicantSchema.extend({ idNumber: z.string().optional(), taxCode: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }),
  applicantVerified: z.boolean(),
  request: z.string().nullable(),
  documents: z.array(z.object({ name: z.string(), copies: z.number().int(), key: z.string().optional(), kind: z.enum(['submit', 'present']).optional() })),
  /** The form filled: its version (0 = the generic form) and the validated answers; null when only a paper declaration was received. */
  form: z.object({ version: z.number().int(), answers: z.record(z.string(), z.union([z.string(), z.boolean()])) }).nullable(),
  digitised: z.boolean(),
  createdAt: iso,
  submittedAt: isoN,
  receivedAt: isoN,
  /** The official who received it (principal id). */
  receivedBy: z.string().nullable(),
  forwardBy: isoN,
  dueAt: isoN,
  clock: z.object({
    limit: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }),
    running: z.boolean(),
    startedAt: isoN,
    pausedAt: isoN,
    pausedHours: z.number(),
    restarts: z.number().int(),
  }),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  onTime: z.boolean().nullable(),
  /** Lateness once incurred (kept through restarts and new dates): the first missed due date and the working hours late. */
  lateness: z.object({ firstMissedDueAt: iso, hours: z.number() }).nullable(),
  supplement: z
    .object({
      requestedAt: iso,
      items: z.array(z.string()),
      reason: z.string(),
      phase: z.enum(['reception', 'processing']),
      late: z.boolean(),
      suppliedAt: isoN,
      acceptedAt: isoN,
      waitingHours: z.number().nullable(),
    })
    .nullable(),
  apology: z.object({ issuedAt: iso, reason: z.string(), previousDueAt: iso, newDueAt: iso }).nullable(),
  consultations: z.array(
    z.object({ id: z.number().int(), unitCode: z.string(), question: z.string(), requestedAt: iso, deadline: iso, reply: z.string().nullable(), repliedAt: isoN }),
  ),
  fee: z.object({
    amount: z.number().int(),
    paid: z.boolean(),
    paidAt: isoN,
    paidAmount: z.number().nullable(),
    online: z.boolean(),
    method: z.string().nullable(),
    receiptNo: z.string().nullable(),
  }),
  appraisal: z.object({ opinion: z.enum(['favourable', 'unfavourable']), note: z.string(), at: iso }).nullable(),
  outcome: z.enum(['approved', 'refused']).nullable(),
  reason: z.string().nullable(),
  result: z.object({ signedAt: isoN, signatureJob: z.string().nullable(), issuedAt: isoN, electronic: z.boolean(), number: z.string().nullable() }),
  finishedAt: isoN,
  returnedAt: isoN,
  returnedVia: z.enum(RETURN_METHODS).nullable(),
  endedAt: isoN,
  syncedToNational: z.boolean(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: iso }).nullable(),
  /** What the caller may do now (for the back office buttons). */
  availableActions: z.array(z.enum(ACTIONS)),
  /** Public tracking address (with the receipt's secret for the applicant and the officials who see the dossier). */
  trackingUrl: z.string(),
});
export type DossierView = z.infer<typeof DossierViewSchema>;

export const DossierSummarySchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  statusLabel: z.string(),
  nationalStatus: z.number().int(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  applicantName: z.string(),
  channel: z.enum(CHANNELS),
  receivingUnit: z.string(),
  decidingUnit: z.string(),
  currentUnit: z.string(),
  step: z.string(),
  receivedAt: isoN,
  dueAt: isoN,
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  version: z.number().int(),
});
export type DossierSummary = z.infer<typeof DossierSummarySchema>;

export const InboxSchema = z.object({
  items: z.array(DossierSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  counts: z.object({
    total: z.number().int(),
    new: z.number().int(),
    in_progress: z.number().int(),
    waiting_applicant: z.number().int(),
    due_soon: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type Inbox = z.infer<typeof InboxSchema>;

export const InboxQuerySchema = z.object({
  unit: z.string().max(40).optional(),
  field: z.string().max(200).optional(),
  state: z
    .string()
    .max(400)
    .optional()
    .describe('một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy; hoặc new, in_progress, waiting_applicant, done'),
  due: z.enum(['soon', 'overdue']).optional(),
  procedure: z.string().max(20).optional(),
  q: z.string().max(100).optional(),
  mine: z.enum(['assigned', 'step']).optional().describe('Việc của tôi: assigned = hồ sơ được phân công cho tôi; step = hồ sơ đang chờ bước tôi làm được ngay (cán bộ)'),
  idNumber: z
    .string()
    .regex(/^\d{12}$/, 'số định danh cá nhân gồm 12 chữ số')
    .optional()
    .describe('Tra cứu hồ sơ của một người theo số định danh cá nhân (cán bộ; mỗi hồ sơ tìm thấy được ghi vào nhật ký truy cập)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

export const TimelineEntrySchema = z.object({
  version: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  toStatusLabel: z.string(),
  fromStep: z.number().int().nullable(),
  toStep: z.number().int(),
  stepName: z.string().nullable(),
  fromUnit: z.string().nullable(),
  toUnit: z.string(),
  actor: z.object({ kind: z.string(), name: z.string(), unit: z.string().nullable() }),
  at: iso,
  note: z.string().nullable(),
  stepResult: z.enum(['early', 'on_time', 'late']).nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const TrackViewSchema = z.object({
  code: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  statusLabel: z.string(),
  nationalStatus: z.object({ code: z.number().int(), label: z.string() }),
  /** The procedure's public code: the tracking page shows the other procedures of its life events. */
  procedureCode: z.string(),
  procedureName: z.string(),
  receivedAt: isoN,
  dueAt: isoN,
  finishedAt: isoN,
  returnedAt: isoN,
  overdue: z.boolean(),
  /** Only with the receipt's secret or the applicant's sign-in. */
  details: z
    .object({
      applicantName: z.string(),
      receivingUnit: z.string(),
      returnMethod: z.enum(RETURN_METHODS),
      supplementItems: z.array(z.string()).nullable(),
      fee: z.object({ amount: z.number().int(), paid: z.boolean() }),
      apology: z.object({ reason: z.string(), newDueAt: iso }).nullable(),
      history: z.array(z.object({ at: iso, label: z.string(), status: z.string() })),
    })
    .nullable(),
});
export type TrackView = z.infer<typeof TrackViewSchema>;

export const ProcessDefinitionViewSchema = z.object({
  procedureCode: z.string(),
  version: z.number().int(),
  source: z.enum(['default', 'custom']),
  level: z.enum(['commune', 'province']),
  limit: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }),
  limits: z
    .object({
      online: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }).optional(),
      in_person: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }).optional(),
      post: z.object({ amount: z.number(), unit: z.enum(TIME_UNITS) }).optional(),
    })
    .optional()
    .describe('thời hạn giải quyết theo cách nộp (trực tuyến, trực tiếp, bưu chính) khi khác nhau'),
  steps: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      tier: z.enum(['commune', 'province']).optional(),
      unit: z.enum(['receiving', 'deciding', 'returning']),
      role: z.enum(['receiving_officer', 'specialist', 'leader', 'clerk']),
      hours: z.number(),
      actions: z.array(z.string()),
    }),
  ),
  note: z.string().optional(),
  versions: z.array(z.object({ version: z.number().int(), source: z.string(), createdAt: iso })).optional(),
});

export const AttachmentViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['document', 'result']),
  name: z.string(),
  filename: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  digitised: z.boolean(),
  uploadedAt: iso,
});

/** One recorded read of a dossier ("Ai đã xem hồ sơ của tôi"), newest first. */
export const ReadEntrySchema = z.object({
  at: iso,
  reader: z.object({
    kind: z.enum(['official', 'api_client', 'system']),
    name: z.string(),
    unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
  what: z.string().describe('detail | timeline | paper:<form> | attachments | attachment:<id> | payment | register | release:<dataset>'),
  label: z.string().describe('what was read, in Vietnamese'),
});
export type ReadEntry = z.infer<typeof ReadEntrySchema>;

export const PaymentInfoSchema = z.object({
  code: z.string(),
  amount: z.number().int(),
  paid: z.boolean(),
  paidAt: isoN,
  receiptNo: z.string().nullable(),
  transferNote: z.string(),
  vietqr: z
    .object({
      payload: z.string(),
      bankBin: z.string(),
      bankName: z.string().describe('Tên ngân hàng nhận như người dân vẫn gọi (Agribank, Vietcombank…)'),
      bankFullName: z.string().nullable().describe('Tên đầy đủ của ngân hàng nhận theo danh sách NAPAS'),
      bankCode: z.string().nullable().describe('Mã NAPAS viết thường của ngân hàng nhận (vba, vcb…), dùng trong đường dẫn mở ứng dụng ngân hàng'),
      accountNumber: z.string(),
      accountName: z.string(),
      demo: z.boolean(),
    })
    .nullable(),
});
