import { z } from 'zod';
import { CHANNELS, LEVELS, OFFERING_SCOPES } from './types.ts';

/**
 * Request and response schemas of the catalog API. The same schema validates and documents (OpenAPI).
 */

export const LevelSchema = z.enum(LEVELS).describe('Cấp thực hiện: ministry (Cấp bộ), province (Cấp tỉnh), commune (Cấp xã), other (Cơ quan khác)');
export const ChannelSchema = z.enum(CHANNELS).describe('Cách nộp: online (Trực tuyến), in_person (Trực tiếp), post (Dịch vụ bưu chính)');

const ProcessingTimeSchema = z.object({
  value: z.number().nullable(),
  unit: z.enum(['working_days', 'days', 'hours', 'months', 'years', 'minutes', 'weeks']).nullable(),
  text: z.string(),
});

export const FeeSchema = z.object({
  status: z.enum(['free', 'charged', 'unknown']),
  amount_vnd: z.number().int().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  description: z.string().nullable(),
  set_by_province: z.boolean(),
});

const ChannelOptionSchema = z.object({
  channel: ChannelSchema,
  processing_time: ProcessingTimeSchema,
  fee: FeeSchema,
  description: z.string().nullable(),
});

export const ProcedureSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    field: z.string(),
    levels: z.array(LevelSchema),
    kind: z.string().nullable(),
    agency: z.string().nullable(),
    competent_authority: z.string().nullable(),
    ministry: z.string().nullable(),
    applicant_types: z.array(z.object({ code: z.string(), label: z.string() })),
    channels: z.array(ChannelSchema),
    channel_options: z.array(ChannelOptionSchema),
    documents: z.array(
      z.object({
        name: z.string(),
        template: z.string().nullable(),
        originals: z.number().int().nullable(),
        copies: z.number().int().nullable(),
        group: z.enum(['submit', 'present']).nullable(),
        section: z.string().nullable(),
      }),
    ),
    documents_raw: z.string().nullable(),
    steps: z.array(z.object({ number: z.number().int().nullable(), text: z.string() })),
    legal_basis: z.array(z.object({ title: z.string(), number: z.string().nullable() })),
    legal_basis_raw: z.string().nullable(),
    results: z.array(z.object({ name: z.string(), code: z.string().nullable() })),
    conditions: z.string().nullable(),
    decision_number: z.string().nullable(),
    source_url: z.string().nullable(),
  })
  .describe('Thủ tục hành chính đã chuẩn hoá');

export const SearchQuerySchema = z.object({
  q: z.string().max(200).optional().describe('Từ khoá, có hoặc không dấu ("dang ky khai sinh"), hoặc mã thủ tục ("1.001193")'),
  level: LevelSchema.optional(),
  field: z.string().max(300).optional().describe('Lĩnh vực, ví dụ "Hộ tịch" (không phân biệt dấu, hoa thường)'),
  channel: ChannelSchema.optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

export const SearchResultSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      field: z.string(),
      levels: z.array(LevelSchema),
      channels: z.array(ChannelSchema),
      agency: z.string().nullable(),
      score: z.number(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
  facets: z.object({
    level: z.array(z.object({ value: LevelSchema, count: z.number().int() })),
    field: z.array(z.object({ value: z.string(), count: z.number().int() })),
  }),
  match: z.enum(['code', 'text', 'fuzzy', 'all']),
  corrected: z.string().nullable().describe('Từ khoá đã sửa lỗi chính tả (không dấu) nếu có'),
});

export const CodeParamsSchema = z.object({ code: z.string().max(60) });
export const ProvinceParamsSchema = z.object({ province: z.string().max(20) });
export const OfferingParamsSchema = z.object({ province: z.string().max(20), procedureCode: z.string().max(60) });

export const OfferingQuerySchema = z.object({
  procedure: z.string().max(60).optional().describe('Mã thủ tục'),
  unit: z.string().max(40).optional().describe('Mã xã, phường (5 chữ số) hoặc mã cơ quan (ví dụ 25.STP)'),
  q: z.string().max(200).optional().describe('Từ khoá trong tên thủ tục, có hoặc không dấu'),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(50),
});

export const OfferingSchema = z.object({
  province_code: z.string(),
  procedure_code: z.string(),
  scope: z.enum(OFFERING_SCOPES),
  commune_codes: z.array(z.string()),
  agency_code: z.string().nullable(),
  fee_override_vnd: z.number().int().nullable(),
  online: z.boolean().nullable(),
  note: z.string().nullable(),
  updated_at: z.string(),
});

const EffectiveFeeSchema = z.object({
  source: z.enum(['override', 'catalogue', 'unknown']),
  status: z.enum(['free', 'charged', 'unknown']),
  amount_vnd: z.number().int().nullable(),
  description: z.string().nullable(),
});

export const OfferingListSchema = z.object({
  items: z.array(
    OfferingSchema.extend({
      procedure_name: z.string(),
      field: z.string(),
      levels: z.array(LevelSchema),
      catalogue_fee: FeeSchema.nullable(),
      effective_fee: EffectiveFeeSchema,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
});

export const WhereOfferedSchema = z.object({
  offering: OfferingSchema,
  units: z.array(z.object({ code: z.string(), name: z.string().nullable(), kind: z.enum(['commune', 'agency']) })),
  effective_fee: EffectiveFeeSchema,
});

/** PUT body: which units receive the procedure, and local settings. Fields must match the scope. */
export const OfferingInputSchema = z
  .object({
    scope: z.enum(OFFERING_SCOPES).describe('all_communes: mọi xã, phường; communes: các xã, phường nêu tên; agency: một cơ quan cấp tỉnh'),
    commune_codes: z.array(z.string().regex(/^\d{5}$/, 'mã xã, phường gồm 5 chữ số')).min(1).max(1000).optional(),
    agency_code: z.string().regex(/^[0-9A-Z][0-9A-Z.]{0,34}$/, 'mã cơ quan gồm chữ in hoa, chữ số và dấu chấm').optional(),
    fee_override_vnd: z.number().int().min(0).max(100_000_000_000).nullable().optional().describe('Mức phí địa phương (VNĐ), thay cho mức trong danh mục'),
    online: z.boolean().nullable().optional(),
    note: z.string().max(1000).nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.scope === 'communes' && !v.commune_codes) ctx.addIssue({ code: 'custom', path: ['commune_codes'], message: 'bắt buộc khi scope là communes' });
    if (v.scope !== 'communes' && v.commune_codes) ctx.addIssue({ code: 'custom', path: ['commune_codes'], message: 'chỉ dùng khi scope là communes' });
    if (v.scope === 'agency' && !v.agency_code) ctx.addIssue({ code: 'custom', path: ['agency_code'], message: 'bắt buộc khi scope là agency' });
    if (v.scope !== 'agency' && v.agency_code) ctx.addIssue({ code: 'custom', path: ['agency_code'], message: 'chỉ dùng khi scope là agency' });
  });

const FieldReportSchema = z.object({
  ok: z.number().int(),
  empty: z.number().int(),
  partial: z.number().int(),
  failed: z.number().int(),
  issues: z.record(z.string(), z.object({ count: z.number().int(), examples: z.array(z.string()) })),
});

export const ImportReportSchema = z.object({
  id: z.number().int(),
  source_dir: z.string(),
  files: z.array(z.object({ file: z.string(), records: z.number().int() })),
  started_at: z.string(),
  finished_at: z.string(),
  duration_ms: z.number(),
  total: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ line: z.string(), reason: z.string() })),
  fields: z.record(z.string(), FieldReportSchema),
});
