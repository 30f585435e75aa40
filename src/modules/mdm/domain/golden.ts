/**
 * Golden records by survivorship (pure): for each field, the value of the cluster's source records that
 * wins on validity, completeness, agreement, source trust and recency, in that order — with lineage: which
 * source record it came from and which rule decided. Disagreements that matter to officials (marital status,
 * date of birth, personal id) are listed as conflicts for the data stewards.
 */
import type { Issue } from './issues.ts';
import type { CleanPerson } from './person.ts';
import { MARITAL_LABELS } from './marital.ts';

export interface ClusterMember {
  sourceId: string;
  recordId: string;
  /** 0..1 from the source's mapping */
  trust: number;
  /** ISO time the source last changed the record (or when it was read) */
  updatedAt: string | null;
  person: CleanPerson;
  issues: Issue[];
}

export type SurvivorshipRule = 'only-value' | 'all-agree' | 'validity' | 'completeness' | 'agreement' | 'source-trust' | 'recency' | 'steward';

export interface Lineage {
  value: unknown;
  sourceId: string;
  recordId: string;
  rule: SurvivorshipRule;
  /** other values seen for the field, with their sources */
  others?: { value: unknown; sourceId: string; recordId: string }[];
}

export type GoldenPerson = {
  full_name: string | null;
  birth_date: string | null;
  sex: string | null;
  personal_id: string | null;
  old_id: string | null;
  phone: string | null;
  email: string | null;
  permanent_address: string | null;
  permanent_commune_code: string | null;
  current_address: string | null;
  current_commune_code: string | null;
  marital_status: string | null;
};

export interface Conflict {
  field: keyof GoldenPerson;
  /** Vietnamese */
  message: string;
  values: { value: unknown; sourceId: string; recordId: string }[];
}

interface Candidate {
  value: unknown;
  key: string;
  member: ClusterMember;
  doubtful: boolean;
  completeness: number;
}

/** The issue field names that concern a golden field. */
const ISSUE_FIELDS: Record<keyof GoldenPerson, string[]> = {
  full_name: ['full_name'],
  birth_date: ['birth_date'],
  sex: ['sex'],
  personal_id: ['personal_id'],
  old_id: ['old_id', 'personal_id'],
  phone: ['phone'],
  email: ['email'],
  permanent_address: ['permanent_address'],
  permanent_commune_code: ['permanent_address'],
  current_address: ['current_address'],
  current_commune_code: ['current_address'],
  marital_status: ['marital_status'],
};

function extract(p: CleanPerson): Record<keyof GoldenPerson, { value: unknown; completeness: number }> {
  const addr = (a: CleanPerson['permanentAddress']) => (a ? (a.normalized ?? a.original) : null);
  return {
    full_name: { value: p.name?.full ?? null, completeness: p.name ? (p.name.noMarks ? 1 : 2) + (p.name.middle ? 0.5 : 0) : 0 },
    birth_date: { value: p.birth?.iso ?? null, completeness: p.birth ? { day: 3, month: 2, year: 1 }[p.birth.precision] : 0 },
    sex: { value: p.sex, completeness: 1 },
    personal_id: { value: p.pid, completeness: 1 },
    old_id: { value: p.oldId, completeness: 1 },
    phone: { value: p.phone, completeness: 1 },
    email: { value: p.email, completeness: 1 },
    permanent_address: { value: addr(p.permanentAddress), completeness: p.permanentAddress?.newCommuneCode ? 2 : 1 },
    permanent_commune_code: { value: p.permanentAddress?.newCommuneCode ?? null, completeness: 1 },
    current_address: { value: addr(p.currentAddress), completeness: p.currentAddress?.newCommuneCode ? 2 : 1 },
    current_commune_code: { value: p.currentAddress?.newCommuneCode ?? null, completeness: 1 },
    marital_status: { value: p.marital, completeness: 1 },
  };
}

const FIELDS = Object.keys(ISSUE_FIELDS) as (keyof GoldenPerson)[];

/** Chooses one value per field with its lineage; `overrides` are a steward's choices (rule "steward"). */
export function survive(members: readonly ClusterMember[], overrides: Partial<Record<keyof GoldenPerson, Lineage>> = {}): { golden: GoldenPerson; lineage: Record<string, Lineage>; conflicts: Conflict[] } {
  const golden = {} as GoldenPerson;
  const lineage: Record<string, Lineage> = {};
  const conflicts: Conflict[] = [];
  const extracted = members.map((m) => ({ m, x: extract(m.person) }));
  for (const field of FIELDS) {
    const o = overrides[field];
    if (o) {
      (golden as unknown as Record<string, unknown>)[field] = o.value;
      lineage[field] = o;
      continue;
    }
    const cands: Candidate[] = [];
    for (const { m, x } of extracted) {
      const v = x[field];
      if (v.value === null || v.value === undefined || v.value === '') continue;
      const doubtful = m.issues.some((i) => i.severity === 'doubtful' && ISSUE_FIELDS[field].includes(i.field));
      cands.push({ value: v.value, key: typeof v.value === 'string' ? v.value : JSON.stringify(v.value), member: m, doubtful, completeness: v.completeness });
    }
    if (cands.length === 0) {
      (golden as unknown as Record<string, unknown>)[field] = null;
      continue;
    }
    const freq = new Map<string, number>();
    for (const c of cands) freq.set(c.key, (freq.get(c.key) ?? 0) + 1);
    const criteria: [SurvivorshipRule, (c: Candidate) => number][] = [
      ['validity', (c) => (c.doubtful ? 0 : 1)],
      ['completeness', (c) => c.completeness],
      ['agreement', (c) => freq.get(c.key)!],
      ['source-trust', (c) => c.member.trust],
      ['recency', (c) => (c.member.updatedAt ? Date.parse(c.member.updatedAt) || 0 : 0)],
    ];
    const sorted = [...cands].sort((a, b) => {
      for (const [, f] of criteria) {
        const d = f(b) - f(a);
        if (d !== 0) return d;
      }
      return a.member.sourceId.localeCompare(b.member.sourceId) || a.member.recordId.localeCompare(b.member.recordId);
    });
    const win = sorted[0]!;
    let rule: SurvivorshipRule = cands.length === 1 ? 'only-value' : freq.size === 1 ? 'all-agree' : 'source-trust';
    if (freq.size > 1) {
      const runnerUp = sorted.find((c) => c.key !== win.key)!;
      for (const [name, f] of criteria) {
        if (f(win) !== f(runnerUp)) {
          rule = name;
          break;
        }
      }
    }
    const others = freq.size > 1 ? sorted.filter((c) => c.key !== win.key).map((c) => ({ value: c.value, sourceId: c.member.sourceId, recordId: c.member.recordId })) : undefined;
    (golden as unknown as Record<string, unknown>)[field] = win.value;
    lineage[field] = { value: win.value, sourceId: win.member.sourceId, recordId: win.member.recordId, rule, ...(others ? { others } : {}) };
    // a year or month that the chosen full date agrees with is less precise, not in conflict
    const conflicting = others?.filter((o) => !(field === 'birth_date' && String(win.value).startsWith(String(o.value))));
    if (conflicting?.length && (field === 'marital_status' || field === 'personal_id' || field === 'birth_date' || field === 'sex')) {
      const label = (v: unknown) => (field === 'marital_status' ? (MARITAL_LABELS[v as keyof typeof MARITAL_LABELS] ?? String(v)) : String(v));
      const names: Record<string, string> = { marital_status: 'tình trạng hôn nhân', personal_id: 'số định danh', birth_date: 'ngày sinh', sex: 'giới tính' };
      conflicts.push({
        field,
        message: `Các nguồn ghi ${names[field]} khác nhau: ${[win, ...sorted.filter((c) => conflicting.some((o) => o.value === c.value))]
          .filter((c, i, a) => a.findIndex((x) => x.key === c.key) === i)
          .map((c) => `"${label(c.value)}" (${c.member.sourceId})`)
          .join(', ')}`,
        values: [{ value: win.value, sourceId: win.member.sourceId, recordId: win.member.recordId }, ...conflicting],
      });
    }
  }
  return { golden, lineage, conflicts };
}
