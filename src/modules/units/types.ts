/**
 * Public types of the `units` module: what other modules see through `ctx.services.units`.
 */
import type { AddressMatcher } from './domain/matcher.ts';

export type Level = 'province' | 'district' | 'commune';
/** 1 = the three-tier units in force until 30 June 2025; 2 = the two-tier units from 1 July 2025. */
export type Generation = 1 | 2;
export type MergeType = 'full' | 'partial';
export type AgencyKind = 'department' | 'service_center' | 'police' | 'office';

export interface UnitRef {
  code: string;
  name: string;
}

/** An organisation that can own work: a province, a commune or an agency (today's name). */
export interface OrgUnit {
  code: string;
  name: string;
  kind: 'province' | 'commune' | 'agency';
  provinceCode: string;
  /** Administrative type ("Tỉnh", "Thành phố", "Xã", "Phường", "Đặc khu") or the agency kind. */
  type?: string;
}

/** One validity period of an administrative unit (a renamed or re-typed unit has one period per name). */
export interface UnitPeriod {
  code: string;
  level: Level;
  generation: Generation;
  name: string;
  /** The name without its type word ("Phúc Xá"). */
  shortName: string;
  type: string;
  /** Province code for a commune after 2025 and for an old district; district code for an old commune; null for a province. */
  parentCode: string | null;
  provinceCode: string;
  /** First day of validity; null = in force since before the data's snapshot (date unknown). */
  validFrom: string | null;
  /** Last day of validity (inclusive); null = still in force. */
  validTo: string | null;
}

export interface UnitSummary {
  code: string;
  name: string;
  type: string;
  level: Level;
  generation: Generation;
  valid_from: string | null;
  valid_to: string | null;
}

export interface MergeSource {
  /** The old unit (commune or province) that went into this one. */
  unit: UnitSummary;
  district: UnitRef | null;
  province: UnitRef | null;
  merge_type: MergeType;
  resolution: string | null;
}

export interface MergeTarget {
  unit: UnitSummary;
  province: UnitRef | null;
  merge_type: MergeType;
  /** For a split (partial) old commune: 1 = the most likely new commune, then 2, 3... */
  rank: number;
  resolution: string | null;
  resolution_text: string | null;
}

export interface UnitDetail extends UnitSummary {
  /** True when the unit is in force at the date asked (`at`); false when the code only existed at another time. */
  valid_at: boolean;
  at: string;
  province: UnitRef | null;
  parent: (UnitRef & { level: Level; type: string }) | null;
  children: UnitSummary[];
  /** Every period of this code at this level and generation (names and types over time). */
  history: UnitSummary[];
  /** For a unit after 2025: the old units that formed it, wholly or in part. */
  formed_from: MergeSource[];
  /** For a unit before 2025: the new unit(s) it went into. */
  went_into: MergeTarget[];
  /** Agencies of a province (today). */
  agencies: Agency[];
}

export interface Agency {
  code: string;
  name: string;
  short_name: string;
  kind: AgencyKind;
  province_code: string;
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface ConversionCandidate {
  commune: UnitRef;
  province: UnitRef;
  /** 0..1, comparable across candidates of one result. */
  score: number;
}

export type ConversionStatus =
  /** An old address, converted to exactly one new commune. */
  | 'converted'
  /** An old commune that was split: `commune` is the most likely new one, `candidates` lists them all. */
  | 'partial'
  /** Several old communes fit the address equally well and went to different new communes. */
  | 'ambiguous'
  /** The address already names a unit in force after 1 July 2025 (merge_type "none"). */
  | 'current';

export interface ConversionResult {
  status: ConversionStatus;
  province: UnitRef;
  commune: UnitRef;
  /** 0..1: how sure the match is (lower when the district is missing, a name is ambiguous, a commune was split). */
  confidence: number;
  /** full / partial for an old address; "none" when the address is already a new one. */
  merge_type: MergeType | 'none';
  candidates: ConversionCandidate[];
  old: { province: UnitRef | null; district: UnitRef | null; commune: UnitRef | null } | null;
  resolution: string | null;
  /** "<street part>, <new commune>, <new province>" with today's names. */
  normalized_address: string;
  /** The part of the address before the commune (house number, street, village), as written. */
  street: string | null;
  /** Remarks in Vietnamese (why confidence is lower, which segment was not recognised...). */
  notes: string[];
}

export interface UnitSearchQuery {
  q?: string;
  level?: Level;
  province?: string;
  at?: string | Date;
  page?: number;
  pageSize?: number;
}

export interface UnitSearchItem extends UnitSummary {
  province: UnitRef | null;
  parent: UnitRef | null;
}

export interface UnitSearchResult {
  items: UnitSearchItem[];
  total: number;
  page: number;
  page_size: number;
}

export interface ImportReport {
  units: { inserted: number; updated: number; deleted: number; total: number };
  links: { inserted: number; updated: number; deleted: number; total: number };
  /** True when the dataset was identical to the one already imported (nothing written). */
  unchanged: boolean;
  ms: number;
  warnings: string[];
}

export interface UnitsService {
  /** A unit by code, valid at `at` (default today); falls back to the nearest period when none is valid then. Agencies too. */
  getUnit(code: string, at?: string | Date): Promise<UnitDetail | null>;
  /** Communes of a province (new codes) in force at `at` (default today), by name. */
  listCommunes(provinceCode: string, at?: string | Date): Promise<{ code: string; name: string; type: string }[]>;
  /** Agencies of a province in force today. */
  listAgencies(provinceCode: string): Promise<OrgUnit[]>;
  /** A commune, province or agency code → the org unit (today's name), or null. */
  resolveOrgUnit(code: string): Promise<OrgUnit | null>;
  /** Converts a free-text (old or new) address; throws Problem 422 (address-unknown / address-ambiguous) when it cannot. */
  convertAddress(input: string): Promise<ConversionResult>;
  /** Converts an old commune code (pre-2025); throws Problem 404 when the code is unknown. */
  convertCommuneCode(code: string): Promise<ConversionResult>;
  /** Search by name (diacritics-, tone-placement- and abbreviation-insensitive), paginated. */
  search(query: UnitSearchQuery): Promise<UnitSearchResult>;
  /** Agencies, by province (all provinces when omitted). */
  agencies(provinceCode?: string): Promise<Agency[]>;
  agency(code: string): Promise<Agency | null>;
  /** The in-memory matcher (built on first use from the database, rebuilt after an import). */
  matcher(): Promise<AddressMatcher>;
  /** Imports the reference data from a directory (default: REFERENCE_DIR/admin-units); idempotent. */
  importFrom(dir?: string): Promise<ImportReport>;
}
