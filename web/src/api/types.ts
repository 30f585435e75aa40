/**
 * The shapes the web reads from the platform's API (snake_case, as the modules answer them). Kept by
 * hand beside the server's own types (src/modules/<name>/types.ts); the browser tests catch a drift.
 */

// ---- catalog -----------------------------------------------------------------------------------
export type Level = 'ministry' | 'province' | 'commune' | 'other';
export type Channel = 'online' | 'in_person' | 'post';
export type TimeUnit = 'working_days' | 'days' | 'hours' | 'months' | 'years' | 'minutes' | 'weeks';

export interface ProcessingTime {
  value: number | null;
  unit: TimeUnit | null;
  text: string;
}

export interface Fee {
  status: 'free' | 'charged' | 'unknown';
  amount_vnd: number | null;
  amount: number | null;
  currency: string | null;
  description: string | null;
  set_by_province?: boolean;
}

export interface ChannelOption {
  channel: Channel;
  processing_time: ProcessingTime;
  fee: Fee;
  description: string | null;
  raw?: string;
}

export interface RequiredDocument {
  name: string;
  template: string | null;
  originals: number | null;
  copies: number | null;
  group: 'submit' | 'present' | null;
  section: string | null;
}

export interface Procedure {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  kind: string | null;
  agency: string | null;
  competent_authority: string | null;
  applicant_types: { code: string; label: string }[];
  channels: Channel[];
  channel_options: ChannelOption[];
  documents: RequiredDocument[];
  documents_raw: string | null;
  steps: { number: number | null; text: string }[];
  legal_basis: { title: string; number: string | null }[];
  legal_basis_raw?: string | null;
  results: { name: string; code: string | null }[];
  conditions: string | null;
  decision_number?: string | null;
  source_url?: string | null;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  channels: Channel[];
  agency: string | null;
}

export interface SearchResult {
  items: (ProcedureSummary & { score?: number })[];
  total: number;
  page: number;
  page_size: number;
  facets: { level: { value: Level; count: number }[]; field: { value: string; count: number }[] };
  match?: 'code' | 'text' | 'fuzzy' | 'all';
}

export interface EffectiveFee {
  source: 'override' | 'catalogue' | 'unknown';
  status: Fee['status'];
  amount_vnd: number | null;
  description: string | null;
}

export interface Offering {
  province_code: string;
  procedure_code: string;
  scope: 'all_communes' | 'communes' | 'agency';
  commune_codes: string[];
  agency_code: string | null;
  fee_override_vnd: number | null;
  online: boolean | null;
  note: string | null;
}

export interface WhereOffered {
  offering: Offering;
  units: { code: string; name: string | null; kind: 'commune' | 'agency' }[];
  effective_fee?: EffectiveFee;
}

// ---- units -------------------------------------------------------------------------------------
export interface UnitRef {
  code: string;
  name: string;
}

export interface ConversionResult {
  status: 'converted' | 'partial' | 'ambiguous' | 'current';
  province: UnitRef;
  commune: UnitRef;
  confidence: number;
  merge_type: 'full' | 'partial' | 'none';
  candidates: { commune: UnitRef; province: UnitRef; score: number }[];
  old: { province: UnitRef | null; district: UnitRef | null; commune: UnitRef | null } | null;
  resolution: string | null;
  normalized_address: string;
  street: string | null;
  notes: string[];
}

// ---- the web module's own configuration ----------------------------------------------------------
export interface SiteConfig {
  province: UnitRef;
  demo: boolean;
  /** Citizen sign-in through OpenID Connect is configured. */
  citizen_sign_in: boolean;
  upload_max_bytes: number;
}

/** One line of a timeline as the pages show it. */
export interface TimelineItem {
  at: string;
  title: string;
  by?: string | null;
  note?: string | null;
}

// ---- dossiers (camelCase: src/modules/dossiers/schemas.ts) -----------------------------------------
export type ReturnMethod = 'counter' | 'post' | 'online';
export type DossierChannel = 'counter' | 'post' | 'province_portal' | 'national_portal';

export interface Applicant {
  fullName: string;
  idNumber?: string;
  organisation?: string;
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface StepView {
  index: number;
  key: string;
  name: string;
  role: string;
  unit: string;
  hours: number;
  enteredAt: string;
  dueAt: string | null;
}

export interface DossierView {
  code: string;
  version: number;
  status: string;
  statusLabel: string;
  nationalStatus: { code: number; label: string };
  procedure: { code: string; name: string; field: string; level: 'commune' | 'province' };
  provinceCode: string;
  channel: DossierChannel;
  source: string | null;
  receivingUnit: string;
  decidingUnit: string;
  returningUnit: string;
  currentUnit: string;
  returnMethod: ReturnMethod;
  step: StepView;
  assignee: string | null;
  applicant: Applicant;
  applicantVerified: boolean;
  request: string | null;
  documents: { name: string; copies: number }[];
  digitised: boolean;
  createdAt: string;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  clock: { limit: { amount: number; unit: string }; running: boolean; startedAt: string | null; pausedAt: string | null; pausedHours: number; restarts: number };
  overdue: boolean;
  dueSoon: boolean;
  onTime: boolean | null;
  supplement: { requestedAt: string; items: string[]; reason: string; phase: 'reception' | 'processing'; late: boolean; suppliedAt: string | null; acceptedAt: string | null } | null;
  apology: { issuedAt: string; reason: string; previousDueAt: string; newDueAt: string } | null;
  consultations: { id: number; unitCode: string; question: string; requestedAt: string; deadline: string; reply: string | null; repliedAt: string | null }[];
  fee: { amount: number; paid: boolean; paidAt: string | null; paidAmount: number | null; online: boolean; method: string | null; receiptNo: string | null };
  appraisal: { opinion: 'favourable' | 'unfavourable'; note: string; at: string } | null;
  outcome: 'approved' | 'refused' | null;
  reason: string | null;
  result: { signedAt: string | null; issuedAt: string | null; electronic: boolean; number: string | null };
  finishedAt: string | null;
  returnedAt: string | null;
  returnedVia: ReturnMethod | null;
  endedAt: string | null;
  rating: { score: number; comment: string | null; at: string } | null;
  availableActions: string[];
  trackingUrl: string;
  /** Who received it (not in every version of the API). */
  receivedBy?: string | null;
}

export interface DossierSummary {
  code: string;
  status: string;
  statusLabel: string;
  nationalStatus: number;
  procedureCode: string;
  procedureName: string;
  field: string;
  applicantName: string;
  channel: DossierChannel;
  receivingUnit: string;
  decidingUnit: string;
  currentUnit: string;
  step: string;
  receivedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  version: number;
  submittedAt?: string | null;
  assignee?: string | null;
}

export interface Inbox {
  items: DossierSummary[];
  total: number;
  limit: number;
  offset: number;
  counts: { total: number; new: number; in_progress: number; waiting_applicant: number; due_soon: number; overdue: number };
}

export interface TimelineEntry {
  version: number;
  action: string;
  actionLabel: string;
  fromStatus: string | null;
  toStatus: string;
  toStatusLabel: string;
  stepName: string | null;
  fromUnit: string | null;
  toUnit: string;
  actor: { kind: string; name: string; unit: string | null };
  at: string;
  note: string | null;
  stepResult: 'early' | 'on_time' | 'late' | null;
  data: Record<string, unknown>;
}

export interface TrackView {
  code: string;
  status: string;
  statusLabel: string;
  nationalStatus: { code: number; label: string };
  procedureName: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  overdue: boolean;
  details: {
    applicantName: string;
    receivingUnit: string;
    returnMethod: ReturnMethod;
    supplementItems: string[] | null;
    fee: { amount: number; paid: boolean };
    apology: { reason: string; newDueAt: string } | null;
    history: { at: string; label: string; status: string }[];
  } | null;
}

export interface AttachmentView {
  id: string;
  kind: 'document' | 'result';
  name: string;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  digitised: boolean;
  uploadedAt: string;
}

export interface PaymentInfo {
  code: string;
  amount: number;
  paid: boolean;
  paidAt: string | null;
  receiptNo: string | null;
  transferNote: string;
  vietqr: { payload: string; bankBin: string; accountNumber: string; accountName: string; demo: boolean } | null;
}
