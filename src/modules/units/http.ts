/**
 * HTTP routes of the units module. All are public (reference data and a conversion tool), rate-limited.
 */
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { ProblemSchema, problemResponses } from '../../platform/http.ts';
import { Problem, problems } from '../../platform/errors.ts';
import type { UnitsService } from './types.ts';

export const MAX_BATCH = 1000;
const MINUTE = 60_000;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');
const LevelSchema = z.enum(['province', 'district', 'commune']);
const Ref = z.object({ code: z.string(), name: z.string() });

const Summary = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  level: LevelSchema,
  generation: z.number().int().describe('1 = trước 01/07/2025 (ba cấp), 2 = từ 01/07/2025 (hai cấp)'),
  valid_from: z.string().nullable().describe('ngày bắt đầu hiệu lực; null = trước thời điểm của dữ liệu'),
  valid_to: z.string().nullable().describe('ngày cuối cùng còn hiệu lực; null = đang hiệu lực'),
});

const AgencySchema = z.object({
  code: z.string(),
  name: z.string(),
  short_name: z.string(),
  kind: z.enum(['department', 'service_center', 'police', 'office']),
  province_code: z.string(),
  parent_code: z.string().nullable(),
  valid_from: z.string().nullable(),
  valid_to: z.string().nullable(),
});

const Detail = Summary.extend({
  valid_at: z.boolean().describe('đơn vị có hiệu lực vào ngày `at` hay không'),
  at: z.string(),
  province: Ref.nullable(),
  parent: Ref.extend({ level: LevelSchema, type: z.string() }).nullable(),
  children: z.array(Summary),
  history: z.array(Summary),
  formed_from: z.array(
    z.object({ unit: Summary, district: Ref.nullable(), province: Ref.nullable(), merge_type: z.enum(['full', 'partial']), resolution: z.string().nullable() }),
  ),
  went_into: z.array(
    z.object({
      unit: Summary,
      province: Ref.nullable(),
      merge_type: z.enum(['full', 'partial']),
      rank: z.number().int(),
      resolution: z.string().nullable(),
      resolution_text: z.string().nullable(),
    }),
  ),
  agencies: z.array(AgencySchema),
});

const Candidate = z.object({ commune: Ref, province: Ref, score: z.number() });
export const ConversionSchema = z.object({
  status: z.enum(['converted', 'partial', 'ambiguous', 'current']),
  province: Ref,
  commune: Ref,
  confidence: z.number().min(0).max(1),
  merge_type: z.enum(['full', 'partial', 'none']).describe('"none": địa chỉ đã theo đơn vị hành chính mới'),
  candidates: z.array(Candidate),
  old: z.object({ province: Ref.nullable(), district: Ref.nullable(), commune: Ref.nullable() }).nullable(),
  resolution: z.string().nullable(),
  normalized_address: z.string(),
  street: z.string().nullable(),
  notes: z.array(z.string()),
});

const Address = z.string().trim().min(1, 'địa chỉ trống').max(500, 'địa chỉ dài quá 500 ký tự');
const ConvertBody = z
  .object({
    address: Address.optional(),
    commune_code: z.string().regex(/^\d{5}$/, 'mã xã gồm 5 chữ số').optional(),
  })
  .strict()
  .refine((b) => (b.address === undefined) !== (b.commune_code === undefined), { message: 'cần đúng một trong hai trường: address hoặc commune_code' });

const BatchItem = z.union([
  z.object({ index: z.number().int(), address: z.string(), ok: z.literal(true), result: ConversionSchema }),
  z.object({ index: z.number().int(), address: z.string(), ok: z.literal(false), error: z.object({ status: z.number().int(), code: z.string(), detail: z.string() }) }),
]);

const pub = (reason: string, max: number) => ({ access: { public: reason }, rateLimit: { max, timeWindow: MINUTE } });

export function unitsRoutes(app: App, units: UnitsService): void {
  app.get(
    '/api/v1/units',
    {
      config: pub('Danh mục đơn vị hành chính là dữ liệu công khai', 300),
      schema: {
        tags: ['units'],
        summary: 'Tìm đơn vị hành chính theo tên (không phân biệt dấu, kiểu bỏ dấu thanh, chữ viết tắt)',
        querystring: z.object({
          q: z.string().max(200).optional(),
          level: LevelSchema.optional(),
          province: z.string().regex(/^\d{2}$/, 'mã tỉnh gồm 2 chữ số').optional(),
          at: Day.optional().describe('ngày xem danh mục (mặc định hôm nay); 2025-06-30 cho danh mục cũ'),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          page_size: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(Summary.extend({ province: Ref.nullable(), parent: Ref.nullable() })),
            total: z.number().int(),
            page: z.number().int(),
            page_size: z.number().int(),
          }),
          ...problemResponses,
        },
      },
    },
    async (req) => units.search({ q: req.query.q, level: req.query.level, province: req.query.province, at: req.query.at, page: req.query.page, pageSize: req.query.page_size }),
  );

  app.get(
    '/api/v1/units/:code',
    {
      config: pub('Danh mục đơn vị hành chính là dữ liệu công khai', 300),
      schema: {
        tags: ['units'],
        summary: 'Một đơn vị hành chính: cấp trên, cấp dưới, lịch sử tên, sắp xếp 2025 (mặc định có hiệu lực hôm nay)',
        params: z.object({ code: z.string().regex(/^(\d{2}|\d{3}|\d{5})$/, 'mã tỉnh 2 chữ số, huyện 3 chữ số, xã 5 chữ số') }),
        querystring: z.object({ at: Day.optional() }),
        response: { 200: Detail, ...problemResponses },
      },
    },
    async (req) => {
      const u = await units.getUnit(req.params.code, req.query.at);
      if (!u) throw problems.notFound(`đơn vị hành chính có mã ${req.params.code}`, 'unit-not-found');
      return u;
    },
  );

  app.post(
    '/api/v1/units/convert',
    {
      config: pub('Công cụ chuyển đổi địa chỉ theo đơn vị hành chính mới dành cho mọi người dân', 120),
      schema: {
        tags: ['units'],
        summary: 'Chuyển địa chỉ cũ (trước 01/07/2025) sang xã/phường và tỉnh mới',
        description:
          'Nhận `address` (văn bản tự do) hoặc `commune_code` (mã xã cũ). Trả về xã/phường mới, độ tin cậy, các ứng viên (xã cũ bị chia hoặc tên trùng), đơn vị cũ và nghị quyết. Địa chỉ đã theo đơn vị mới: status "current", merge_type "none". Không xác định được: 422 address-unknown; quá nhiều khả năng: 422 address-ambiguous.',
        body: ConvertBody,
        response: { 200: ConversionSchema, ...problemResponses, 503: ProblemSchema },
      },
    },
    async (req) => (req.body.address !== undefined ? units.convertAddress(req.body.address) : units.convertCommuneCode(req.body.commune_code!)),
  );

  app.post(
    '/api/v1/units/convert/batch',
    {
      config: pub('Công cụ chuyển đổi địa chỉ theo lô dành cho các cơ quan, doanh nghiệp', 20),
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags: ['units'],
        summary: `Chuyển đổi tối đa ${MAX_BATCH} địa chỉ một lần; mỗi địa chỉ một kết quả hoặc một lỗi`,
        body: z.object({ addresses: z.array(z.string().max(500, 'địa chỉ dài quá 500 ký tự')).min(1, 'cần ít nhất một địa chỉ') }).strict(),
        response: {
          200: z.object({
            results: z.array(BatchItem),
            summary: z.object({ converted: z.number().int(), partial: z.number().int(), ambiguous: z.number().int(), current: z.number().int(), failed: z.number().int() }),
          }),
          ...problemResponses,
          413: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (req) => {
      const list = req.body.addresses;
      if (list.length > MAX_BATCH) {
        throw new Problem(413, 'batch-too-large', 'Lô quá lớn', `Mỗi lô tối đa ${MAX_BATCH.toLocaleString('vi-VN')} địa chỉ; lô này có ${list.length.toLocaleString('vi-VN')} địa chỉ. Hãy chia nhỏ.`);
      }
      const m = await units.matcher();
      const sum = { converted: 0, partial: 0, ambiguous: 0, current: 0, failed: 0 };
      const results = list.map((address, index) => {
        const text = address.trim();
        if (!text) {
          sum.failed++;
          return { index, address, ok: false as const, error: { status: 400, code: 'address-empty', detail: 'Địa chỉ trống.' } };
        }
        const out = m.convert(text);
        if (!out.ok) {
          sum.failed++;
          return { index, address, ok: false as const, error: { status: 422, code: out.code, detail: out.detail } };
        }
        sum[out.result.status]++;
        return { index, address, ok: true as const, result: out.result };
      });
      return { results, summary: sum };
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: pub('Danh sách cơ quan, tổ chức hành chính là thông tin công khai', 300),
      schema: {
        tags: ['units'],
        summary: 'Các cơ quan (sở, trung tâm phục vụ hành chính công, công an...) của một tỉnh',
        querystring: z.object({ province: z.string().regex(/^\d{2}$/, 'mã tỉnh gồm 2 chữ số').optional() }),
        response: { 200: z.object({ items: z.array(AgencySchema) }), ...problemResponses },
      },
    },
    async (req) => ({ items: await units.agencies(req.query.province) }),
  );

  app.get(
    '/api/v1/agencies/:code',
    {
      config: pub('Danh sách cơ quan, tổ chức hành chính là thông tin công khai', 300),
      schema: {
        tags: ['units'],
        summary: 'Một cơ quan theo mã (ví dụ 25.STP)',
        params: z.object({ code: z.string().regex(/^\d{2}\.[A-Z0-9][A-Z0-9_.-]{0,31}$/, 'mã cơ quan dạng <mã tỉnh>.<chữ viết tắt>, ví dụ 25.STP') }),
        response: { 200: AgencySchema, ...problemResponses },
      },
    },
    async (req) => {
      const a = await units.agency(req.params.code);
      if (!a) throw problems.notFound(`cơ quan có mã ${req.params.code}`, 'agency-not-found');
      return a;
    },
  );
}
