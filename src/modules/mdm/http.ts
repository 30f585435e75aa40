/** HTTP routes of the mdm module: real-time match, golden records, the stewards' review queue, quality, runs, export. */
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { problemResponses } from '../../platform/http.ts';
import type { Queryable } from '../../platform/db.ts';
import { Problem, problems } from '../../platform/errors.ts';
import type { ActionMeta, MdmService } from './types.ts';

export const PERMISSIONS = {
  match: 'mdm.golden.match',
  read: 'mdm.golden.read',
  review: 'mdm.review.manage',
  quality: 'mdm.quality.read',
  run: 'mdm.run.manage',
  export: 'mdm.golden.export',
} as const;

function meta(request: FastifyRequest): ActionMeta {
  return { actor: request.principal, ip: request.ip, requestId: request.id };
}

const text = (max: number) => z.string().max(max).nullable().optional();

const MatchBody = z
  .object({
    full_name: text(200),
    birth_date: text(40),
    sex: text(20),
    personal_id: text(20),
    old_id: text(20),
    phone: text(40),
    email: text(200),
    permanent_address: text(500),
    current_address: text(500),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => typeof v === 'string' && v.trim() !== ''), { error: 'Cần ít nhất một thông tin để tìm (họ tên, ngày sinh, số định danh, số điện thoại…)' });

const Part = z.object({ comparison: z.string(), level: z.number(), label: z.string(), weight: z.number(), tfAdjusted: z.boolean().optional() });
const GoldenPersonSchema = z.record(z.string(), z.unknown());
const IssueSchema = z.object({ field: z.string(), code: z.string(), severity: z.string(), message: z.string() });

const MatchAnswer = z.object({
  candidates: z.array(
    z.object({
      goldenId: z.string(),
      probability: z.number(),
      weight: z.number(),
      decision: z.enum(['merge', 'review', 'distinct']),
      golden: GoldenPersonSchema,
      parts: z.array(Part),
    }),
  ),
  issues: z.array(IssueSchema),
});

const Side = z.object({ sourceId: z.string(), recordId: z.string(), raw: z.record(z.string(), z.unknown()), clean: z.record(z.string(), z.unknown()), goldenId: z.string().nullable() });
const ReviewSchema = z.object({ id: z.number(), entity: z.enum(['person', 'business']), probability: z.number(), weight: z.number(), status: z.enum(['open', 'merged', 'distinct']), parts: z.array(Part), a: Side, b: Side });
const ActionAnswer = z.object({ actionId: z.number(), goldenIds: z.array(z.string()) });
const Paging = { page: z.coerce.number().int().min(1).max(10_000).default(1), page_size: z.coerce.number().int().min(1).max(100).default(20) };
const IdParam = z.object({ id: z.string().uuid({ error: 'Mã bản ghi gốc không hợp lệ' }) });
const NumParam = z.object({ id: z.coerce.number({ error: 'Mã phải là số' }).int().min(1).max(Number.MAX_SAFE_INTEGER) });

export function mdmRoutes(app: App, service: MdmService, db: Queryable): void {
  app.post(
    '/api/v1/mdm/persons/match',
    {
      config: { access: { permission: PERMISSIONS.match }, rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        tags: ['mdm'],
        summary: 'Tìm bản ghi gốc (golden record) của một công dân theo thông tin đang nhập, theo thời gian thực',
        body: MatchBody,
        response: { 200: MatchAnswer, ...problemResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await service.matchPerson(request.body, meta(request))),
  );

  app.get(
    '/api/v1/mdm/golden',
    {
      config: { access: { permission: PERMISSIONS.read } },
      schema: {
        tags: ['mdm'],
        summary: 'Danh sách bản ghi gốc về công dân (có xung đột giữa các nguồn xếp trước)',
        querystring: z.object({ q: z.string().max(100).optional(), ...Paging }),
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), full_name: z.string().nullable(), birth_date: z.string().nullable(), members: z.number(), conflicts: z.number() })), total: z.number() }),
          ...problemResponses,
        },
      },
    },
    async (request) => service.listGolden({ q: request.query.q, page: request.query.page, pageSize: request.query.page_size }),
  );

  app.get(
    '/api/v1/mdm/golden/:id',
    {
      config: { access: { permission: PERMISSIONS.read } },
      schema: {
        tags: ['mdm'],
        summary: 'Một bản ghi gốc với nguồn gốc từng giá trị (lineage), xung đột và các bản ghi nguồn',
        params: IdParam,
        response: {
          200: z.object({
            id: z.string(),
            entity: z.enum(['person', 'business']),
            data: z.record(z.string(), z.unknown()),
            lineage: z.record(z.string(), z.unknown()),
            conflicts: z.array(z.unknown()),
            members: z.array(z.object({ sourceId: z.string(), recordId: z.string() })),
            updatedAt: z.string(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const g = await service.golden(request.params.id, meta(request));
      if (!g) throw problems.notFound('bản ghi gốc', 'mdm-golden-not-found');
      return reply.header('cache-control', 'no-store').send(g);
    },
  );

  app.post(
    '/api/v1/mdm/golden/:id/split',
    {
      config: { access: { permission: PERMISSIONS.review } },
      schema: {
        tags: ['mdm'],
        summary: 'Tách một bản ghi nguồn ra khỏi bản ghi gốc (ghi nhật ký, hoàn tác được)',
        params: IdParam,
        body: z.object({ sourceId: z.string().min(1).max(64), recordId: z.string().min(1).max(200) }).strict(),
        response: { 200: ActionAnswer, ...problemResponses },
      },
    },
    async (request) => service.split(request.params.id, request.body.sourceId, request.body.recordId, meta(request)),
  );

  app.get(
    '/api/v1/mdm/reviews',
    {
      config: { access: { permission: PERMISSIONS.review } },
      schema: {
        tags: ['mdm'],
        summary: 'Hàng đợi xem xét: các cặp bản ghi có thể là một người, đặt cạnh nhau, kèm trọng số so khớp',
        querystring: z.object({ status: z.enum(['open', 'merged', 'distinct']).default('open'), ...Paging }),
        response: { 200: z.object({ items: z.array(ReviewSchema), total: z.number() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await service.reviews({ status: request.query.status, page: request.query.page, pageSize: request.query.page_size }, meta(request))),
  );

  app.post(
    '/api/v1/mdm/reviews/:id/decision',
    {
      config: { access: { permission: PERMISSIONS.review } },
      schema: {
        tags: ['mdm'],
        summary: 'Quyết định một cặp: hợp nhất (merge) hoặc là hai người khác nhau (distinct)',
        params: NumParam,
        body: z.object({ decision: z.enum(['merge', 'distinct'], { error: 'decision phải là merge hoặc distinct' }) }).strict(),
        response: { 200: ActionAnswer, ...problemResponses },
      },
    },
    async (request) => service.decide(request.params.id, request.body.decision, meta(request)),
  );

  app.post(
    '/api/v1/mdm/actions/:id/undo',
    {
      config: { access: { permission: PERMISSIONS.review } },
      schema: { tags: ['mdm'], summary: 'Hoàn tác một thao tác của cán bộ quản lý dữ liệu (hợp nhất, tách, khác người)', params: NumParam, response: { 200: ActionAnswer, ...problemResponses } },
    },
    async (request) => service.undo(request.params.id, meta(request)),
  );

  app.get(
    '/api/v1/mdm/quality',
    {
      config: { access: { permission: PERMISSIONS.quality } },
      schema: {
        tags: ['mdm'],
        summary: 'Báo cáo chất lượng dữ liệu (đúng, đủ, sạch, sống) theo nguồn và trường, với xu hướng qua các lần chạy',
        response: { 200: z.object({ latest: z.unknown().nullable(), trend: z.array(z.object({ runId: z.number(), finishedAt: z.string(), overall: z.record(z.string(), z.number()) })) }), ...problemResponses },
      },
    },
    async () => service.quality(),
  );

  app.post(
    '/api/v1/mdm/runs',
    {
      config: { access: { permission: PERMISSIONS.run } },
      schema: {
        tags: ['mdm'],
        summary: 'Chạy lại hợp nhất với các nguồn đã đăng ký (bằng lệnh lienthong mdm run); toàn bộ hoặc chỉ bản ghi thay đổi',
        body: z.object({ mode: z.enum(['full', 'incremental']).default('incremental') }).strict(),
        response: { 200: z.record(z.string(), z.unknown()), ...problemResponses },
      },
    },
    async (request) => {
      // only the sources registered by an operator (file paths and database addresses never come from the API)
      const r = await db.query<{ mapping: unknown }>(`SELECT mapping FROM mdm.source ORDER BY id`);
      const sources = r.rows.map((x) => x.mapping);
      if (!sources.length) throw new Problem(409, 'mdm-no-sources', 'Xung đột dữ liệu', 'Chưa có nguồn nào được đăng ký; hãy chạy lienthong mdm run --config <tệp> trước.');
      return service.run({ sources }, { mode: request.body.mode, meta: meta(request) }) as unknown as Record<string, unknown>;
    },
  );

  const EXPORTS = {
    csv: { type: 'text/csv; charset=utf-8', summary: 'Xuất các bản ghi gốc kèm nguồn gốc từng giá trị (CSV, UTF-8)' },
    parquet: { type: 'application/vnd.apache.parquet', summary: 'Xuất các bản ghi gốc kèm nguồn gốc từng giá trị (Parquet)' },
  } as const;
  for (const format of ['csv', 'parquet'] as const) {
    app.get(
      `/api/v1/mdm/export.${format}`,
      {
        config: { access: { permission: PERMISSIONS.export } },
        schema: {
          tags: ['mdm'],
          summary: EXPORTS[format].summary,
          querystring: z.object({ entity: z.enum(['person', 'business'], { error: 'entity phải là person hoặc business' }).default('person') }).strict(),
          response: { 200: z.string(), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { entity } = request.query;
        const out = new PassThrough();
        void service.exportGolden(out, { format, entity }).catch((e) => out.destroy(e as Error));
        const file = `${entity === 'person' ? 'ban-ghi-goc-cong-dan' : 'ban-ghi-goc-doanh-nghiep'}.${format}`;
        return reply.header('content-type', EXPORTS[format].type).header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store').send(out as unknown as string);
      },
    );
  }
}
