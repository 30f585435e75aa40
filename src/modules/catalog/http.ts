import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems } from '../../platform/errors.ts';
import { type App, ProblemSchema, problemResponses } from '../../platform/http.ts';
import {
  CodeParamsSchema,
  ImportReportSchema,
  OfferingInputSchema,
  OfferingListSchema,
  OfferingParamsSchema,
  OfferingQuerySchema,
  OfferingSchema,
  ProcedureSchema,
  ProvinceParamsSchema,
  SearchQuerySchema,
  SearchResultSchema,
  WhereOfferedSchema,
} from './schemas.ts';
import { PERMISSION_IMPORT_READ, PERMISSION_MANAGE } from './service.ts';
import type { ActorContext, CatalogService } from './types.ts';

const TAG = 'catalog';
/** Public read routes are rate-limited per client address. */
const PUBLIC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

function actorOf(request: FastifyRequest): ActorContext {
  const principal = request.principal;
  if (!principal) throw problems.unauthenticated();
  return { principal, authorize: (perm, target) => request.authorize(perm, target), ip: request.ip, requestId: request.id };
}

export function catalogRoutes(app: App, service: CatalogService): void {
  app.get(
    '/api/v1/procedures',
    {
      config: { access: { public: 'Danh mục thủ tục hành chính là thông tin công khai' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Tìm thủ tục hành chính (có hoặc không dấu, theo mã), lọc theo cấp, lĩnh vực, cách nộp',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => service.search(request.query),
  );

  app.get(
    '/api/v1/procedures/import-report',
    {
      config: { access: { permission: PERMISSION_IMPORT_READ } },
      schema: {
        tags: [TAG],
        summary: 'Báo cáo lần nhập danh mục gần nhất: những gì bộ chuẩn hoá chưa đọc được, theo trường',
        response: { 200: ImportReportSchema, ...problemResponses },
      },
    },
    async () => {
      const report = await service.latestImportReport();
      if (!report) throw problems.notFound('lần nhập danh mục nào', 'import-report-not-found');
      return report;
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: { access: { public: 'Danh mục thủ tục hành chính là thông tin công khai' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Toàn bộ thông tin đã chuẩn hoá của một thủ tục',
        params: CodeParamsSchema,
        response: { 200: ProcedureSchema, 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const p = await service.getProcedure(request.params.code);
      if (!p) throw problems.notFound(`thủ tục có mã ${request.params.code}`, 'procedure-not-found');
      return p;
    },
  );

  app.get(
    '/api/v1/provinces/:province/offerings',
    {
      config: { access: { public: 'Người dân cần biết nộp hồ sơ thủ tục ở đâu' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Các thủ tục tỉnh cung cấp, nơi tiếp nhận và mức phí áp dụng',
        params: ProvinceParamsSchema,
        querystring: OfferingQuerySchema,
        response: { 200: OfferingListSchema, 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => service.listOfferings(request.params.province, request.query),
  );

  app.get(
    '/api/v1/provinces/:province/offerings/:procedureCode',
    {
      config: { access: { public: 'Người dân cần biết nộp hồ sơ thủ tục ở đâu' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Nơi tiếp nhận một thủ tục trong tỉnh và mức phí áp dụng',
        params: OfferingParamsSchema,
        response: { 200: WhereOfferedSchema, 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => {
      const { province, procedureCode } = request.params;
      const where = await service.whereOffered(province, procedureCode);
      if (!where) throw problems.notFound(`thủ tục ${procedureCode} trong danh sách cung cấp của tỉnh, thành phố ${province}`, 'offering-not-found');
      return { ...where, effective_fee: await service.effectiveFee(province, procedureCode) };
    },
  );

  app.put(
    '/api/v1/provinces/:province/offerings/:procedureCode',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: {
        tags: [TAG],
        summary: 'Khai báo hoặc sửa nơi tiếp nhận, phí địa phương của một thủ tục (quản trị tỉnh)',
        params: OfferingParamsSchema,
        body: OfferingInputSchema,
        response: { 200: OfferingSchema, 201: OfferingSchema, ...problemResponses, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { province, procedureCode } = request.params;
      const r = await service.putOffering(province, procedureCode, request.body, actorOf(request));
      return reply.status(r.created ? 201 : 200).send(r.offering);
    },
  );

  app.delete(
    '/api/v1/provinces/:province/offerings/:procedureCode',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: {
        tags: [TAG],
        summary: 'Bỏ một thủ tục khỏi danh sách tỉnh cung cấp (quản trị tỉnh)',
        params: OfferingParamsSchema,
        response: { 204: z.null().describe('Đã xoá'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { province, procedureCode } = request.params;
      await service.deleteOffering(province, procedureCode, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
