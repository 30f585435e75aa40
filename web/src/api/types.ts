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

// ---- dossiers ----------------------------------------------------------------------------------
export interface DossierSummary {
  code: string;
  status: string;
  status_label?: string;
  procedure: { code: string; name: string; field?: string };
  applicant?: { name: string } | null;
  unit?: UnitRef | null;
  submitted_at?: string | null;
  received_at?: string | null;
  due_at?: string | null;
  step?: { name: string } | null;
  assignee?: { name: string } | null;
  overdue?: boolean;
}

export interface DossierDocument {
  id: string;
  name: string;
  file_name?: string | null;
  size?: number | null;
  content_type?: string | null;
  sha256?: string | null;
  url?: string | null;
}

export interface DossierEvent {
  at: string;
  action: string;
  label?: string;
  from?: string | null;
  to?: string | null;
  by?: string | null;
  note?: string | null;
}

export interface Dossier extends DossierSummary {
  channel?: string;
  applicant?: { name: string; id_number?: string | null; phone?: string | null; email?: string | null; address?: string | null } | null;
  documents?: DossierDocument[];
  actions?: string[];
  fee?: { amount_vnd: number; paid: boolean; paid_at?: string | null } | null;
  papers?: string[];
  supplement?: { items: string[]; note?: string | null; requested_at?: string } | null;
  apology?: { new_due_at: string; note?: string | null } | null;
  rating?: { score: number; comment?: string | null } | null;
  received_by?: { id?: string; name: string } | null;
  result?: { available: boolean; url?: string | null } | null;
}

export interface Inbox {
  items: DossierSummary[];
  total: number;
  page?: number;
  page_size?: number;
  counts: { new: number; in_progress: number; due_soon: number; overdue: number };
}

export interface TrackResult {
  code: string;
  status: string;
  status_label?: string;
  procedure?: { code: string; name: string };
  unit?: UnitRef | null;
  received_at?: string | null;
  due_at?: string | null;
  new_due_at?: string | null;
  applicant?: { name: string } | null;
  timeline?: DossierEvent[];
}

export interface PaymentInfo {
  amount_vnd: number;
  status: 'pending' | 'paid';
  qr_data_url?: string;
  qr_payload?: string;
  account?: { bank: string; number: string; name: string };
  content?: string;
  receipt_url?: string | null;
}
