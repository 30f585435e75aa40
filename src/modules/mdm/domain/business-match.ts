/**
 * Entity resolution for businesses — enterprises, branches and household businesses — in the same
 * Fellegi–Sunter model as persons (pure): comparisons of tax code, name (legal-form words dropped,
 * diacritics ignored), owner, address, phone and registration date; blocking on each; u from random pairs,
 * m by EM per training session, λ over the blocked pairs; thresholds; clusters by union–find. And the
 * survivorship of a business cluster into one golden record with lineage.
 */
import { fold, jaroWinkler } from './text.ts';
import type { CleanBusiness } from './business.ts';
import type { Lineage } from './golden.ts';
import {
  buildBlockIndex,
  candidatePairs,
  DEFAULT_THRESHOLDS,
  DisjointSets,
  estimateU,
  levelOf,
  levelWeights,
  probabilityOf,
  trainBySessions,
  type BlockingRule,
  type Comparison,
  type Constraints,
  type Model,
  type Thresholds,
  type WeightPart,
} from './match.ts';

export interface BusinessMatchRecord {
  /** folded name without legal-form words ("minh anh") */
  name: string;
  /** the full tax code ("0100112437-001"), the enterprise's 10 digits, or a 12-digit personal id */
  tax: string;
  /** the enterprise's 10 digits (the parent's for a branch) */
  taxBase: string;
  /** folded owner's name */
  owner: string;
  ownerId: string;
  commune: string;
  oldCommune: string;
  /** folded address as written (street and number included) */
  address: string;
  phone: string;
  /** yyyymmdd, or yyyy0000 when only the year is known; 0 when missing */
  registered: number;
}

export function toBusinessMatchRecord(b: CleanBusiness): BusinessMatchRecord {
  const r = b.registered;
  return {
    name: b.name?.key ?? '',
    tax: b.taxCode?.code ?? '',
    taxBase: b.taxCode?.base ?? '',
    owner: b.ownerName ? fold(b.ownerName) : '',
    ownerId: b.ownerId ?? '',
    commune: b.address?.newCommuneCode ?? '',
    oldCommune: b.address?.oldCommuneCode ?? '',
    address: b.address ? fold(b.address.original).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim() : '',
    phone: b.phone ?? '',
    registered: r ? r.year * 10000 + (r.month ?? 0) * 100 + (r.day ?? 0) : 0,
  };
}

/** Every word of the shorter name is in the longer one ("minh anh" in "thuong mai minh anh"). */
function containedName(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  const words = new Set(l.split(' '));
  const sw = s.split(' ');
  return sw.length >= 2 && sw.every((w) => words.has(w));
}

export const BUSINESS_COMPARISONS: readonly Comparison<BusinessMatchRecord>[] = [
  {
    name: 'tax',
    levels: ['khác mã số thuế', 'cùng doanh nghiệp, khác chi nhánh (hai đơn vị đăng ký riêng)', 'trùng mã số thuế'],
    compare(a, b) {
      if (!a.tax || !b.tax) return -1;
      if (a.tax === b.tax) return 2;
      return a.taxBase && a.taxBase === b.taxBase ? 1 : 0;
    },
  },
  {
    name: 'business_name',
    levels: ['khác hẳn', 'gần giống (Jaro–Winkler ≥ 0,80)', 'gần giống (≥ 0,92) hoặc tên này chứa tên kia', 'trùng tên (bỏ loại hình doanh nghiệp, không kể dấu)'],
    compare(a, b) {
      if (!a.name || !b.name) return -1;
      if (a.name === b.name) return 3;
      const s = jaroWinkler(a.name, b.name);
      if (s >= 0.92 || containedName(a.name, b.name)) return 2;
      return s >= 0.8 ? 1 : 0;
    },
  },
  {
    name: 'owner',
    levels: ['khác chủ', 'tên chủ gần giống', 'trùng tên chủ', 'trùng số định danh của chủ'],
    compare(a, b) {
      if (a.ownerId && b.ownerId) return a.ownerId === b.ownerId ? 3 : 0;
      if (!a.owner || !b.owner) return -1;
      if (a.owner === b.owner) return 2;
      return jaroWinkler(a.owner, b.owner) >= 0.9 ? 1 : 0;
    },
  },
  {
    name: 'address',
    levels: ['khác xã', 'cùng xã', 'trùng địa chỉ'],
    compare(a, b) {
      if (a.address && a.address === b.address) return 2;
      if (a.oldCommune && a.oldCommune === b.oldCommune) return 1;
      if (!a.commune || !b.commune) return -1;
      return a.commune === b.commune ? 1 : 0;
    },
  },
  {
    name: 'phone',
    levels: ['khác số điện thoại', 'trùng số điện thoại'],
    compare(a, b) {
      if (!a.phone || !b.phone) return -1;
      return a.phone === b.phone ? 1 : 0;
    },
  },
  {
    name: 'registered',
    levels: ['khác năm đăng ký', 'cùng năm đăng ký', 'trùng ngày đăng ký'],
    compare(a, b) {
      if (!a.registered || !b.registered) return -1;
      if (a.registered === b.registered) return 2;
      return Math.floor(a.registered / 10000) === Math.floor(b.registered / 10000) ? 1 : 0;
    },
  },
];

const nameHead = (r: BusinessMatchRecord) => r.name.split(' ').slice(0, 2).join(' ');

export const BUSINESS_BLOCKING_RULES: readonly BlockingRule<BusinessMatchRecord>[] = [
  { name: 'tax_base', key: (r) => r.taxBase || r.tax, fixes: ['tax'], train: true },
  { name: 'owner_id', key: (r) => r.ownerId, fixes: ['owner'], train: true },
  { name: 'name+commune', key: (r) => (r.name && r.commune ? `${r.name}|${r.commune}` : ''), fixes: ['business_name', 'address'], train: true },
  { name: 'phone', key: (r) => r.phone, fixes: ['phone'], train: false },
  // a household business registered under the owner's name in one place, under a shop name in another
  { name: 'owner+commune', key: (r) => (r.owner && r.commune ? `${r.owner}|${r.commune}` : ''), fixes: ['owner', 'address'], train: false },
  // a typo or a word added at the end of the name
  { name: 'name-head+commune', key: (r) => (r.name && r.commune ? `${nameHead(r)}|${r.commune}` : ''), fixes: ['address'], train: false },
];

/**
 * Two branches of one enterprise (or a branch and its parent) are separate registrations: a domain rule, not
 * learnt (the sources rarely show it), weighs that level far below any threshold.
 */
export const OTHER_BRANCH_WEIGHT = -30;

/** log2(m/u) per comparison and level, with the branch rule applied. */
export function businessLevelWeights(model: Model): Float64Array[] {
  const lw = levelWeights(model);
  lw[0]![1] = OTHER_BRANCH_WEIGHT;
  return lw;
}

/** The match weight of a business pair with each comparison's part (no term-frequency adjustment). */
export function scoreBusinessPair(model: Model, a: BusinessMatchRecord, b: BusinessMatchRecord): { weight: number; probability: number; parts: WeightPart[] } {
  let code = 0;
  for (let k = 0; k < BUSINESS_COMPARISONS.length; k++) {
    const l = BUSINESS_COMPARISONS[k]!.compare(a, b);
    code |= (l < 0 ? 15 : l) << (4 * k);
  }
  const lw = businessLevelWeights(model);
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  const parts: WeightPart[] = [];
  for (let k = 0; k < BUSINESS_COMPARISONS.length; k++) {
    const l = levelOf(code >>> 0, k);
    if (l < 0) continue;
    const w = lw[k]![l]!;
    weight += w;
    parts.push({ comparison: BUSINESS_COMPARISONS[k]!.name, level: l, label: BUSINESS_COMPARISONS[k]!.levels[l]!, weight: Math.round(w * 100) / 100 });
  }
  return { weight, probability: probabilityOf(weight), parts };
}

/**
 * Below this many records m and u are not estimated (random pairs of a few dozen records say nothing about
 * how often two businesses share a name or a commune): the default model is used instead, as Splink lets
 * one set m and u by hand.
 */
export const MIN_TRAINING_RECORDS = 500;

/** m and u learnt on 6,000 generated records of 3,000 businesses (test), rounded; λ for blocked pairs. */
export const DEFAULT_BUSINESS_MODEL: Model = {
  lambda: 0.1,
  m: [
    [0.01, 0.001, 0.989],
    [0.02, 0.05, 0.2, 0.73],
    [0.04, 0.05, 0.33, 0.58],
    [0.02, 0.3, 0.68],
    [0.05, 0.95],
    [0.05, 0.05, 0.9],
  ],
  u: [
    [0.9995, 0.0001, 0.0004],
    [0.898, 0.076, 0.024, 0.002],
    [0.996, 0.0035, 0.0004, 0.0001],
    [0.983, 0.0166, 0.0005],
    [0.9998, 0.0002],
    [0.951, 0.0485, 0.0005],
  ],
  iterations: 0,
  converged: true,
};

export interface BusinessResolveResult {
  model: Model;
  labels: Int32Array;
  review: { a: number; b: number; probability: number }[];
  stats: { pairs: number; merged: number; reviewed: number };
}

/** Block, compare, estimate (EM without labels), score, cluster — the businesses of all sources at once. */
/** `model`: a stored model to score with instead of training one (an incremental run). */
export function resolveBusinessRecords(records: readonly BusinessMatchRecord[], opts: { thresholds?: Thresholds; constraints?: Constraints; model?: Model } = {}): BusinessResolveResult {
  const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const ix = buildBlockIndex(records, BUSINESS_BLOCKING_RULES);
  const { pairs, stats } = candidatePairs(records, ix, undefined, BUSINESS_COMPARISONS);
  const model =
    opts.model ??
    (records.length < MIN_TRAINING_RECORDS
      ? DEFAULT_BUSINESS_MODEL
      : trainBySessions(records, ix, pairs, estimateU(records, Math.min(1_000_000, Math.max(50_000, records.length * 5)), 42, BUSINESS_COMPARISONS), BUSINESS_COMPARISONS));
  const lw = businessLevelWeights(model);
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const autoW = Math.log2(t.autoMerge / (1 - t.autoMerge));
  const reviewW = Math.log2(t.review / (1 - t.review));
  const ds = new DisjointSets(records.length);
  for (const [a, b] of opts.constraints?.must ?? []) ds.union(a, b);
  const review: BusinessResolveResult['review'] = [];
  let merged = 0;
  for (let p = 0; p < pairs.length; p++) {
    const a = pairs.a[p]!;
    const b = pairs.b[p]!;
    if (opts.constraints?.cannot?.has(`${a}|${b}`)) continue;
    let w = prior;
    for (let k = 0; k < lw.length; k++) {
      const l = (pairs.code[p]! >>> (4 * k)) & 15;
      if (l !== 15) w += lw[k]![l]!;
    }
    if (w >= autoW) {
      ds.union(a, b);
      merged++;
    } else if (w >= reviewW) review.push({ a, b, probability: probabilityOf(w) });
  }
  return { model, labels: ds.labels(), review, stats: { pairs: stats.pairs, merged, reviewed: review.length } };
}

export interface BusinessMember {
  sourceId: string;
  recordId: string;
  trust: number;
  business: CleanBusiness;
}

/**
 * A business cluster's golden record: per field the value of the most trusted source that has one (a valid
 * full tax code beats a missing one whatever the trust), with lineage.
 */
export function surviveBusiness(members: readonly BusinessMember[]): { data: Record<string, unknown>; lineage: Record<string, Lineage> } {
  const sorted = [...members].sort((a, b) => b.trust - a.trust || a.sourceId.localeCompare(b.sourceId) || a.recordId.localeCompare(b.recordId));
  const data: Record<string, unknown> = {};
  const lineage: Record<string, Lineage> = {};
  for (const m of sorted) {
    const b = m.business;
    const values: Record<string, unknown> = {
      name: b.name?.full ?? null,
      tax_code: b.taxCode?.code ?? null,
      owner_name: b.ownerName,
      owner_id: b.ownerId,
      address: b.address ? (b.address.normalized ?? b.address.original) : null,
      commune_code: b.address?.newCommuneCode ?? null,
      registration_date: b.registered?.iso ?? null,
      status: b.status,
      kind: b.kind,
      phone: b.phone,
    };
    for (const [f, v] of Object.entries(values)) {
      if (data[f] != null || v == null) continue;
      data[f] = v;
      const others = sorted.filter((o) => o !== m);
      lineage[f] = { value: v, sourceId: m.sourceId, recordId: m.recordId, rule: members.length === 1 ? 'only-value' : others.length && sorted.indexOf(m) > 0 ? 'completeness' : 'source-trust' };
    }
  }
  return { data, lineage };
}
