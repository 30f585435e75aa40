import crypto from 'node:crypto';
import type { FieldStatus, Procedure } from '../../types.ts';
import { parseApplicantTypes } from './applicants.ts';
import { parseChannelTable } from './channels.ts';
import { parseConditions } from './conditions.ts';
import { parseDocuments } from './documents.ts';
import { parseLegalBasis } from './legal-basis.ts';
import { parseLevels } from './levels.ts';
import type { ParseIssue } from './result.ts';
import { parseResults } from './results.ts';
import { parseSteps } from './steps.ts';
import { cleanText, isNoInformation, oneLine, searchFold } from './text.ts';

/** A record of the portal catalogue as shipped in reference/procedures/*.jsonl (fields used here). */
export interface RawProcedure {
  ma_thu_tuc?: unknown;
  ten_thu_tuc?: unknown;
  linh_vuc?: unknown;
  cap_thuc_hien?: unknown;
  loai_thu_tuc?: unknown;
  doi_tuong_thuc_hien?: unknown;
  co_quan_thuc_hien?: unknown;
  co_quan_co_tham_quyen?: unknown;
  cach_thuc_thuc_hien?: unknown;
  thanh_phan_ho_so?: unknown;
  trinh_tu_thuc_hien?: unknown;
  can_cu_phap_ly?: unknown;
  yeu_cau_dieu_kien?: unknown;
  ket_qua_xu_ly?: unknown;
  so_quyet_dinh?: unknown;
  detail_url?: unknown;
  bo_nganh_folder?: unknown;
}

/** National procedure code d.dddddd, optionally with a province's localised suffix (REGULATIONS §5). */
export const PROCEDURE_CODE = /^\d{1,2}\.\d{6}(?:-[A-Z0-9.]{1,35})?$/;

/** The fields the import report covers, in display order. */
export const REPORT_FIELDS = [
  'name',
  'field',
  'levels',
  'agency',
  'applicant_types',
  'channels',
  'processing_time',
  'fees',
  'documents',
  'steps',
  'legal_basis',
  'results',
  'conditions',
  'decision_number',
  'source_url',
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export interface Normalised {
  procedure: Procedure;
  status: Record<ReportField, FieldStatus>;
  issues: Partial<Record<ReportField, ParseIssue[]>>;
  /** Folded text for search: the name, the field, and other words (agency, results, applicants). */
  search: { name: string; field: string; extra: string };
  /** Digest of the normalised record: an import that changes nothing leaves the row untouched. */
  hash: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const orNull = (s: string): string | null => (isNoInformation(s) ? null : s);

/**
 * Turns one raw portal record into the clean model, with a status per field and what could not be read.
 * Returns an error string when the record cannot be used at all (no valid code or no name).
 */
export function normaliseProcedure(raw: RawProcedure): Normalised | { error: string } {
  const code = oneLine(str(raw.ma_thu_tuc));
  if (!PROCEDURE_CODE.test(code)) return { error: `mã thủ tục không hợp lệ: "${code.slice(0, 40)}"` };
  const name = oneLine(str(raw.ten_thu_tuc)).replace(/\.$/, '');
  if (!name) return { error: `thủ tục ${code} không có tên` };

  const field = oneLine(str(raw.linh_vuc));
  const levels = parseLevels(str(raw.cap_thuc_hien));
  const applicants = parseApplicantTypes(str(raw.doi_tuong_thuc_hien));
  const table = parseChannelTable(str(raw.cach_thuc_thuc_hien));
  const documents = parseDocuments(str(raw.thanh_phan_ho_so));
  const steps = parseSteps(str(raw.trinh_tu_thuc_hien));
  const legal = parseLegalBasis(str(raw.can_cu_phap_ly));
  const results = parseResults(str(raw.ket_qua_xu_ly));
  const conditions = parseConditions(str(raw.yeu_cau_dieu_kien));
  const agency = orNull(oneLine(str(raw.co_quan_thuc_hien)));
  const authority = orNull(oneLine(str(raw.co_quan_co_tham_quyen)));
  const decision = orNull(oneLine(str(raw.so_quyet_dinh)));
  const url = oneLine(str(raw.detail_url));
  const sourceUrl = /^https?:\/\//.test(url) ? url : null;
  const documentsRaw = cleanText(str(raw.thanh_phan_ho_so));
  const legalRaw = cleanText(str(raw.can_cu_phap_ly));

  const procedure: Procedure = {
    code,
    name,
    field,
    levels: levels.value,
    kind: orNull(oneLine(str(raw.loai_thu_tuc))),
    agency,
    competent_authority: authority,
    ministry: orNull(oneLine(str(raw.bo_nganh_folder))),
    applicant_types: applicants.value,
    channels: table.channels.value.channels,
    channel_options: table.channels.value.options,
    documents: documents.value,
    documents_raw: isNoInformation(documentsRaw) ? null : documentsRaw,
    steps: steps.value,
    legal_basis: legal.value,
    legal_basis_raw: isNoInformation(legalRaw) ? null : legalRaw,
    results: results.value,
    conditions: conditions.value,
    decision_number: decision,
    source_url: sourceUrl,
  };
  const present = (v: unknown): FieldStatus => (v ? 'ok' : 'empty');
  const status: Record<ReportField, FieldStatus> = {
    name: 'ok',
    field: present(field),
    levels: levels.status,
    agency: present(agency ?? authority),
    applicant_types: applicants.status,
    channels: table.channels.status,
    processing_time: table.processingTime.status,
    fees: table.fees.status,
    documents: documents.status,
    steps: steps.status,
    legal_basis: legal.status,
    results: results.status,
    conditions: conditions.status,
    decision_number: present(decision),
    source_url: url && !sourceUrl ? 'failed' : present(sourceUrl),
  };
  const issues: Partial<Record<ReportField, ParseIssue[]>> = {
    levels: levels.issues,
    applicant_types: applicants.issues,
    channels: table.channels.issues,
    processing_time: table.processingTime.issues,
    fees: table.fees.issues,
    documents: documents.issues,
    legal_basis: legal.issues,
    results: results.issues,
    ...(url && !sourceUrl ? { source_url: [{ kind: 'not-a-url', detail: url.slice(0, 80) }] } : {}),
  };
  const search = {
    name: searchFold(name),
    field: searchFold(field),
    extra: searchFold(
      [agency, authority, ...results.value.map((r) => r.name), ...applicants.value.map((a) => a.label)].filter(Boolean).join(' '),
    ),
  };
  const hash = crypto.createHash('sha256').update(JSON.stringify(procedure)).digest('hex');
  return { procedure, status, issues, search, hash };
}
