/**
 * Public types of the `catalog` module: the normalised procedure record, search, the province offering
 * and the service other modules use through `ctx.services.catalog`.
 *
 * JSON field names are snake_case because the same objects are returned by the HTTP API unchanged.
 */
import type { UnitsService } from '../units/index.ts';
import type { Principal } from '../../platform/access.ts';

// ---------------------------------------------------------------------------------------------------
// The normalised procedure
// ---------------------------------------------------------------------------------------------------

/** Which tier performs a procedure ("Cấp bộ", "Cấp tỉnh", "Cấp xã", "Cơ quan khác"). */
export type Level = 'ministry' | 'province' | 'commune' | 'other';
export const LEVELS = ['ministry', 'province', 'commune', 'other'] as const satisfies readonly Level[];

/** How a dossier is submitted ("Trực tuyến", "Trực tiếp", "Dịch vụ bưu chính"). */
export type Channel = 'online' | 'in_person' | 'post';
export const CHANNELS = ['online', 'in_person', 'post'] as const satisfies readonly Channel[];

/** Units of a processing time as the portal states them; null when the portal gives a bare number. */
export type TimeUnit = 'working_days' | 'days' | 'hours' | 'months' | 'years' | 'minutes' | 'weeks';

export interface ProcessingTime {
  /** The number of units, or null when the portal gives no number. */
  value: number | null;
  /** null when the portal shows a bare number ("1") or no time at all: never guessed. */
  unit: TimeUnit | null;
  /** The cell as published (e.g. "1", "7 Ngày làm việc", "Không có thông tin"). */
  text: string;
}

export interface Fee {
  /** free ("Miễn phí"), charged (an amount), unknown ("Không có thông tin" or unreadable). */
  status: 'free' | 'charged' | 'unknown';
  /** The amount in VNĐ as an integer, when the portal states one in VNĐ. */
  amount_vnd: number | null;
  /** The amount in its own currency (VND or a foreign currency such as USD). */
  amount: number | null;
  currency: string | null;
  /** The portal's explanation of the fee (the parenthesised text after the amount), kept verbatim. */
  description: string | null;
  /** True when the description says the rate is set by the provincial People's Council (HĐND tỉnh). */
  set_by_province: boolean;
}

/** One row of the portal's "Cách thức thực hiện" table: a channel with its time limit and fee. */
export interface ChannelOption {
  channel: Channel;
  processing_time: ProcessingTime;
  fee: Fee;
  /** The row's free-text description (often the case it applies to, or where to submit). */
  description: string | null;
}

export interface ApplicantType {
  /** Stable code, e.g. 'citizen', 'enterprise'; 'other' for a label outside the known list. */
  code: string;
  label: string;
}

/** "Giấy tờ phải nộp" (submit) or "Giấy tờ phải xuất trình" (present); null when the portal gives no group. */
export type DocumentGroup = 'submit' | 'present';

export interface RequiredDocument {
  name: string;
  /** The template / form file name published with the document (e.g. "Mẫu số 05.docx"), if any. */
  template: string | null;
  /** Number of originals ("bản chính") and copies ("bản sao"); null when the portal states none. */
  originals: number | null;
  copies: number | null;
  group: DocumentGroup | null;
  /** The heading of the sub-list the document belongs to (a case such as "a) Đối với xe ô tô..."). */
  section: string | null;
}

export interface Step {
  /** "Bước 2" → 2; null for unnumbered paragraphs. */
  number: number | null;
  text: string;
}

export interface LegalBasis {
  title: string;
  /** The document number ("123/2015/NĐ-CP"); null when the row carries none. */
  number: string | null;
}

export interface ResultDocument {
  name: string;
  /** The portal's result code (e.g. "KQ.G15.000031"), when published. */
  code: string | null;
}

export interface Procedure {
  /** National procedure code, d.dddddd (e.g. "1.001193"). */
  code: string;
  name: string;
  /** Lĩnh vực (e.g. "Hộ tịch"). */
  field: string;
  levels: Level[];
  /** Loại thủ tục as published ("TTHC được giao luật quy định chi tiết"...), or null. */
  kind: string | null;
  /** Cơ quan thực hiện (the performing body), or null. */
  agency: string | null;
  /** Cơ quan có thẩm quyền (the deciding body), or null. */
  competent_authority: string | null;
  /** The ministry whose list contained the procedure (source folder, e.g. "bo-tu-phap"). */
  ministry: string | null;
  applicant_types: ApplicantType[];
  /** Distinct channels available. */
  channels: Channel[];
  /** Every row of the channel table (a channel may appear several times, for different cases). */
  channel_options: ChannelOption[];
  documents: RequiredDocument[];
  /** The published "Thành phần hồ sơ" text, kept because the split is best effort. */
  documents_raw: string | null;
  steps: Step[];
  legal_basis: LegalBasis[];
  legal_basis_raw: string | null;
  results: ResultDocument[];
  /** Yêu cầu, điều kiện; null when none or not published. */
  conditions: string | null;
  /** Số quyết định công bố (decision that published the procedure). */
  decision_number: string | null;
  source_url: string | null;
}

/** A procedure in a search result: the fields a list needs. */
export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  channels: Channel[];
  agency: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Import report
// ---------------------------------------------------------------------------------------------------

/** Per record and field: parsed fully, nothing published, parsed in part, or not parsed. */
export type FieldStatus = 'ok' | 'empty' | 'partial' | 'failed';

export interface FieldReport {
  ok: number;
  empty: number;
  partial: number;
  failed: number;
  /** What went wrong, by kind: how many records and a few example codes. */
  issues: Record<string, { count: number; examples: string[] }>;
}

export interface ImportReport {
  id: number;
  source_dir: string;
  files: { file: string; records: number }[];
  started_at: string;
  finished_at: string;
  duration_ms: number;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records that could not be read at all (bad JSON, no code). */
  rejected: { line: string; reason: string }[];
  fields: Record<string, FieldReport>;
}

// ---------------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------------

export interface SearchParams {
  q?: string;
  level?: Level;
  field?: string;
  channel?: Channel;
  page?: number;
  page_size?: number;
}

export interface SearchResult {
  items: (ProcedureSummary & { score: number })[];
  total: number;
  page: number;
  page_size: number;
  /** Counts over the whole filtered set (all filters and q applied). */
  facets: { level: { value: Level; count: number }[]; field: { value: string; count: number }[] };
  /**
   * How the query was matched: 'code', 'text', 'fuzzy' (no procedure had every word: typos corrected
   * against the catalogue's words, else trigram similarity of the name), or 'all' (no query).
   */
  match: 'code' | 'text' | 'fuzzy' | 'all';
  /** The (folded) query actually searched after correcting typos, or null. */
  corrected: string | null;
}

/** A procedure as an outside ranker indexes it (see CatalogService.indexRows). */
export interface SearchIndexRow extends ProcedureSummary {
  /** Result documents and applicant labels, as extra words. */
  extra: string;
  /** Whether the province offers it. */
  offered: boolean;
  /** Whether citizens (not only organisations) can apply. */
  citizens: boolean;
}

/**
 * A ranker for text queries, registered by a module that understands people's wording (the assistant's
 * engine, ADR 0110). It returns every matching procedure, best first, with the filters applied; the
 * catalogue pages it and counts the facets. Null when it has no index yet (the SQL search answers then).
 */
export interface SearchRanker {
  rank(q: string, filters: { level?: Level; channel?: Channel; field?: string }): Promise<{ items: (ProcedureSummary & { score: number })[]; corrected: string | null } | null>;
}

// ---------------------------------------------------------------------------------------------------
// Province offering
// ---------------------------------------------------------------------------------------------------

export type OfferingScope = 'all_communes' | 'communes' | 'agency';
export const OFFERING_SCOPES = ['all_communes', 'communes', 'agency'] as const satisfies readonly OfferingScope[];

export interface Offering {
  province_code: string;
  procedure_code: string;
  scope: OfferingScope;
  /** Only for scope 'communes'. */
  commune_codes: string[];
  /** Only for scope 'agency'. */
  agency_code: string | null;
  /** Local fee in VNĐ replacing the catalogue fee on every channel; null = the catalogue fee. */
  fee_override_vnd: number | null;
  /** Whether the province accepts it online; null = as the catalogue says. */
  online: boolean | null;
  note: string | null;
  updated_at: string;
}

export interface OfferingInput {
  scope: OfferingScope;
  commune_codes?: string[];
  agency_code?: string;
  fee_override_vnd?: number | null;
  online?: boolean | null;
  note?: string | null;
}

/** An offering with the procedure's name and the resolved fee, as listed to citizens. */
export interface OfferingView extends Offering {
  procedure_name: string;
  field: string;
  levels: Level[];
  catalogue_fee: Fee | null;
  effective_fee: EffectiveFee;
}

export interface EffectiveFee {
  /** 'override' when the province set a local fee, else 'catalogue'; 'unknown' when neither says. */
  source: 'override' | 'catalogue' | 'unknown';
  status: Fee['status'];
  amount_vnd: number | null;
  description: string | null;
}

/** Where a procedure can be submitted in a province. */
export interface WhereOffered {
  offering: Offering;
  /** The units that receive it (communes, or the agency); names null when the units service is absent. */
  units: { code: string; name: string | null; kind: 'commune' | 'agency' }[];
}

export interface OfferingFilter {
  procedure?: string;
  unit?: string;
  q?: string;
  page?: number;
  page_size?: number;
}

/** Who changes an offering, for the authorisation check and the audit record. */
export interface ActorContext {
  principal: Principal;
  /** Throws 401/403 unless the principal holds the permission for the target (request.authorize). */
  authorize: (permission: string, target?: { unitCode?: string; field?: string }) => unknown;
  ip?: string | null;
  requestId?: string | null;
}

// ---------------------------------------------------------------------------------------------------
// The service other modules use: ctx.services.catalog
// ---------------------------------------------------------------------------------------------------

export interface CatalogService {
  /** The whole normalised record, or null. Throws a 400 problem for a malformed code. */
  getProcedure(code: string): Promise<Procedure | null>;
  search(params: SearchParams): Promise<SearchResult>;
  /** Offerings received at a unit: a commune (all_communes + named), an agency, or a whole province. */
  offeringsAt(unitCode: string): Promise<Offering[]>;
  /** Where a procedure is offered in a province, or null when the province does not offer it. */
  whereOffered(provinceCode: string, procedureCode: string): Promise<WhereOffered | null>;
  /** The fee a province charges for a procedure on a channel (default in person): override, else catalogue. */
  effectiveFee(provinceCode: string, procedureCode: string, channel?: Channel): Promise<EffectiveFee>;
  listOfferings(provinceCode: string, filter: OfferingFilter): Promise<{ items: OfferingView[]; total: number; page: number; page_size: number }>;
  putOffering(provinceCode: string, procedureCode: string, input: OfferingInput, actor: ActorContext): Promise<{ offering: Offering; created: boolean }>;
  deleteOffering(provinceCode: string, procedureCode: string, actor: ActorContext): Promise<void>;
  latestImportReport(): Promise<ImportReport | null>;
  /** Every procedure with what an outside index needs, and whether the province offers it. */
  indexRows(provinceCode: string): Promise<SearchIndexRow[]>;
  /** Changes when indexRows would change (a new import, an offering changed). */
  indexVersion(provinceCode: string): Promise<string>;
  /**
   * Routes text searches through a ranker (the assistant module registers its engine at start-up), so the
   * portal, the assistant, the kiosk and Zalo rank alike. Without one, the SQL full-text search answers.
   */
  useRanker(ranker: SearchRanker | null): void;
  /** The catalogue's own SQL full-text search, whatever ranker is registered (the benchmark's baseline). */
  searchSql(params: SearchParams): Promise<SearchResult>;
}

// ---------------------------------------------------------------------------------------------------
// What this module uses of the units module's contract (ctx.services.units, required)
// ---------------------------------------------------------------------------------------------------

export type UnitsLookup = Pick<UnitsService, 'getUnit' | 'listCommunes' | 'listAgencies' | 'resolveOrgUnit'>;
