/**
 * Declarative mapping of one legacy source (JSON or YAML, validated with zod): where the records come from,
 * which column is the record id, and which source column(s) feed each canonical field, with transforms.
 * Errors are reported in Vietnamese with the path of the offending setting. Pure.
 */
import { z } from 'zod';
import { PERSON_FIELDS } from './person.ts';

export const BUSINESS_FIELDS = ['name', 'tax_code', 'owner_name', 'owner_id', 'address', 'registration_date', 'status', 'kind', 'phone'] as const;
export type BusinessField = (typeof BUSINESS_FIELDS)[number];

const Transform = z.union([
  z.enum(['trim', 'upper', 'lower', 'digits', 'collapse_spaces'], { error: 'Phép biến đổi phải là trim, upper, lower, digits, collapse_spaces hoặc một đối tượng {map}/{replace}/{null_if}' }),
  z.object({ map: z.record(z.string(), z.string().nullable()), otherwise: z.enum(['keep', 'null']).optional() }).strict(),
  z.object({ replace: z.string().min(1), with: z.string() }).strict(),
  z.object({ null_if: z.array(z.string()).min(1) }).strict(),
]);
export type Transform = z.infer<typeof Transform>;

const FieldSpec = z.union([
  z.string({ error: 'Tên cột phải là chuỗi' }).min(1, { error: 'Tên cột không được rỗng' }),
  z
    .object({
      column: z.string().min(1).optional(),
      columns: z.array(z.string().min(1)).min(1).optional(),
      join: z.string().optional(),
      transform: z.array(Transform).optional(),
      default: z.string().optional(),
    })
    .strict()
    .refine((f) => Boolean(f.column) !== Boolean(f.columns), { error: 'Mỗi trường cần đúng một trong "column" hoặc "columns"' }),
]);
export type FieldSpec = z.infer<typeof FieldSpec>;

export const ConnectorSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('csv'), path: z.string().min(1), delimiter: z.string().length(1).optional(), encoding: z.enum(['utf8', 'utf-8', 'latin1']).optional() }).strict(),
    z.object({ kind: z.literal('jsonl'), path: z.string().min(1) }).strict(),
    z.object({ kind: z.literal('xlsx'), path: z.string().min(1), sheet: z.string().optional(), headerRow: z.number().int().min(1).optional() }).strict(),
    z.object({ kind: z.literal('postgres'), url: z.string().min(1), query: z.string().min(1), batchSize: z.number().int().min(1).max(100_000).optional() }).strict(),
    z.object({ kind: z.literal('mysql'), url: z.string().min(1), query: z.string().min(1) }).strict(),
  ],
  { error: 'connector.kind phải là csv, jsonl, xlsx, postgres hoặc mysql' },
);
export type ConnectorSpec = z.infer<typeof ConnectorSchema>;

export const MappingSchema = z
  .object({
    source: z.string({ error: 'Thiếu mã nguồn "source"' }).regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'Mã nguồn chỉ gồm chữ thường không dấu, số, "-" và "_" (tối đa 64 ký tự)' }),
    name: z.string().min(1).max(200).optional(),
    entity: z.enum(['person', 'business'], { error: 'entity phải là person hoặc business' }),
    recordId: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'Thiếu cột mã bản ghi "recordId"' }),
    /** 0..1: how much this source is trusted when sources disagree (survivorship) */
    trust: z.number().min(0, { error: 'trust phải từ 0 đến 1' }).max(1, { error: 'trust phải từ 0 đến 1' }).default(0.5),
    dateOrder: z.enum(['dmy', 'mdy', 'unknown']).default('dmy'),
    /** column holding when the source last changed the record (recency in survivorship, "live" in quality) */
    updatedAt: z.string().min(1).optional(),
    connector: ConnectorSchema.optional(),
    fields: z.record(z.string(), FieldSpec),
  })
  .strict()
  .superRefine((m, ctx) => {
    const allowed: readonly string[] = m.entity === 'person' ? PERSON_FIELDS : BUSINESS_FIELDS;
    for (const f of Object.keys(m.fields)) {
      if (!allowed.includes(f)) ctx.addIssue({ code: 'custom', path: ['fields', f], message: `Trường "${f}" không thuộc thực thể ${m.entity}; các trường hợp lệ: ${allowed.join(', ')}` });
    }
    const required = m.entity === 'person' ? 'full_name' : 'name';
    if (!m.fields[required]) ctx.addIssue({ code: 'custom', path: ['fields', required], message: `Thiếu ánh xạ cho trường bắt buộc "${required}"` });
  });
export type Mapping = z.infer<typeof MappingSchema>;

export interface MappingProblem {
  path: string;
  message: string;
}

export class MappingError extends Error {
  constructor(
    readonly problems: MappingProblem[],
    where = 'ánh xạ',
    /** 'mdm-config-invalid' when the run configuration itself has no list of sources */
    readonly code: 'mdm-mapping-invalid' | 'mdm-config-invalid' = 'mdm-mapping-invalid',
  ) {
    super(`Cấu hình ${where} không hợp lệ:\n${problems.map((p) => `  - ${p.path || '(gốc)'}: ${p.message}`).join('\n')}`);
    this.name = 'MappingError';
  }
}

const VI_MESSAGES: Record<string, string> = {
  invalid_type: 'sai kiểu dữ liệu',
  unrecognized_keys: 'có khoá không được hỗ trợ',
  too_small: 'quá ngắn hoặc quá nhỏ',
  too_big: 'quá dài hoặc quá lớn',
};

/** zod issues → Vietnamese problems with their path. */
export function problemsOf(error: z.ZodError): MappingProblem[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    // zod's own English messages get a Vietnamese one
    if (/^(Invalid|Unrecognized|Too|Expected|Required)/i.test(message)) {
      message = VI_MESSAGES[i.code] ?? 'giá trị không hợp lệ';
      if (i.code === 'unrecognized_keys') message += `: ${(i as { keys?: string[] }).keys?.join(', ')}`;
      if (i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined) message = 'thiếu giá trị bắt buộc';
    }
    return { path, message };
  });
}

/** Parses and validates a mapping (already-parsed JSON/YAML); throws MappingError with every problem. */
export function parseMapping(input: unknown): Mapping {
  const r = MappingSchema.safeParse(input);
  if (!r.success) throw new MappingError(problemsOf(r.error));
  return r.data;
}

/**
 * Validates a whole run configuration `{ sources: [mapping…] }`: every mapping, each with a connector, source
 * ids unique. Throws one MappingError listing every problem with its path (`sources.2.fields.sex`).
 */
export function parseRunConfig(config: unknown): Mapping[] {
  const sources = config && typeof config === 'object' ? (config as { sources?: unknown }).sources : undefined;
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new MappingError([{ path: 'sources', message: 'Cấu hình chạy cần danh sách "sources" có ít nhất một nguồn.' }], 'chạy', 'mdm-config-invalid');
  }
  const mappings: Mapping[] = [];
  const problems: MappingProblem[] = [];
  sources.forEach((s, i) => {
    const r = MappingSchema.safeParse(s);
    if (!r.success) {
      problems.push(...problemsOf(r.error).map((p) => ({ path: p.path ? `sources.${i}.${p.path}` : `sources.${i}`, message: p.message })));
      return;
    }
    if (!r.data.connector) problems.push({ path: `sources.${i}.connector`, message: 'Thiếu "connector" (nguồn đọc từ đâu)' });
    mappings.push(r.data);
  });
  const dup = mappings.map((m) => m.source).filter((s, i, a) => a.indexOf(s) !== i);
  if (dup.length) problems.push({ path: 'sources', message: `Mã nguồn bị trùng: ${[...new Set(dup)].join(', ')}` });
  if (problems.length) throw new MappingError(problems, 'chạy');
  return mappings;
}

function applyTransform(v: string | null, t: Transform): string | null {
  if (v === null) return null;
  if (typeof t === 'string') {
    switch (t) {
      case 'trim':
        return v.trim();
      case 'upper':
        return v.toLocaleUpperCase('vi');
      case 'lower':
        return v.toLocaleLowerCase('vi');
      case 'digits':
        return v.replace(/\D/g, '');
      case 'collapse_spaces':
        return v.replace(/\s+/g, ' ').trim();
    }
  }
  if ('map' in t) {
    const hit = Object.prototype.hasOwnProperty.call(t.map, v.trim()) ? t.map[v.trim()]! : undefined;
    if (hit !== undefined) return hit;
    return t.otherwise === 'null' ? null : v;
  }
  if ('replace' in t) return v.split(t.replace).join(t.with);
  if ('null_if' in t) return t.null_if.includes(v.trim()) ? null : v;
  return v;
}

function cell(row: Record<string, unknown>, column: string): string | null {
  const v = row[column];
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The value of one canonical field from a source row (null when absent). Dates keep their JS Date. */
export function fieldValue(row: Record<string, unknown>, spec: FieldSpec): unknown {
  if (typeof spec === 'string') {
    const v = row[spec];
    return v === undefined ? null : v;
  }
  let v: string | null;
  if (spec.column) {
    const raw = row[spec.column];
    if (raw instanceof Date || typeof raw === 'number') {
      if (!spec.transform?.length) return raw;
    }
    v = cell(row, spec.column);
  } else {
    const parts = spec.columns!.map((c) => cell(row, c)).filter((x): x is string => x !== null && x.trim() !== '');
    v = parts.length ? parts.join(spec.join ?? ' ') : null;
  }
  for (const t of spec.transform ?? []) v = applyTransform(v, t);
  if ((v === null || v === '') && spec.default !== undefined) v = spec.default;
  return v;
}

/** The record id of a row (several columns joined with "|"); null when a part is missing. */
export function recordIdOf(row: Record<string, unknown>, m: Mapping): string | null {
  const cols = Array.isArray(m.recordId) ? m.recordId : [m.recordId];
  const parts = cols.map((c) => cell(row, c)?.trim() ?? '');
  if (parts.some((p) => p === '')) return null;
  return parts.join('|');
}

/** The canonical (raw, not yet standardised) fields of a row. */
export function mapRow(row: Record<string, unknown>, m: Mapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(m.fields)) out[field] = fieldValue(row, spec);
  return out;
}

/** Columns the mapping reads (to report those missing from a source before reading it). */
export function columnsUsed(m: Mapping): string[] {
  const cols = new Set<string>(Array.isArray(m.recordId) ? m.recordId : [m.recordId]);
  if (m.updatedAt) cols.add(m.updatedAt);
  for (const spec of Object.values(m.fields)) {
    if (typeof spec === 'string') cols.add(spec);
    else if (spec.column) cols.add(spec.column);
    else for (const c of spec.columns ?? []) cols.add(c);
  }
  return [...cols];
}
