import { z } from 'zod';
import { problems } from '../../platform/errors.ts';
import { ProblemSchema, problemResponses, type App } from '../../platform/http.ts';
import { FORM_CHANNELS } from './domain/types.ts';
import { ApplicableDocumentSchema, FormViewSchema } from './schemas.ts';
import type { FormsService } from './service.ts';

const TAG = 'forms';
const Params = z.object({ code: z.string().regex(/^\d\.\d{6}$/, 'mã thủ tục có dạng d.dddddd') });
const AnswersSchema = z.record(z.string().max(80), z.union([z.string().max(2000), z.boolean()])).describe('câu trả lời theo khóa trường; ngày dạng YYYY-MM-DD');
const PUBLIC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

export const FORMS_PERMISSIONS = {
  /** Check answers against a form and get the documents that apply (before submitting). */
  'forms.check': ['citizen', 'receiving_officer', 'api_client'],
  /** Publish a new version of a procedure's form. */
  'forms.configure': ['province_admin'],
} as const;

export function formRoutes(app: App, service: FormsService): void {
  app.get(
    '/api/v1/procedures/:code/form',
    {
      config: { access: { public: 'Biểu mẫu của thủ tục là thông tin công khai' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Biểu mẫu (tờ khai) của thủ tục: các trường, điều kiện, giấy tờ theo từng trường hợp, bố cục',
        description: 'Không có `version`: phiên bản hiện hành (biểu mẫu viết sẵn, do tỉnh ban hành, hoặc biểu mẫu chung suy ra từ danh mục, phiên bản 0).',
        params: Params,
        querystring: z.object({ version: z.coerce.number().int().min(0).max(100000).optional() }),
        response: { 200: FormViewSchema, 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const v = request.query.version;
      const form = v === undefined ? await service.current(request.params.code) : await service.version(request.params.code, v);
      return reply.header('cache-control', v === undefined ? 'public, max-age=60' : 'public, max-age=86400').send(form);
    },
  );

  app.post(
    '/api/v1/procedures/:code/form/check',
    {
      config: { access: { permission: 'forms.check' } },
      schema: {
        tags: [TAG],
        summary: 'Kiểm tra câu trả lời theo biểu mẫu (không lưu gì): lỗi từng trường và giấy tờ phải nộp',
        params: Params,
        body: z.object({
          answers: AnswersSchema,
          channel: z.enum(FORM_CHANNELS).default('online'),
          version: z.number().int().min(0).optional(),
          mode: z.enum(['submit', 'draft']).default('submit'),
        }),
        response: {
          200: z.object({
            version: z.number().int(),
            answers: AnswersSchema,
            errors: z.array(z.object({ field: z.string(), message: z.string() })),
            documents: z.array(ApplicableDocumentSchema),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => service.check({ procedureCode: request.params.code, ...request.body }),
  );

  app.get(
    '/api/v1/procedures/:code/form/prefill',
    {
      config: { access: { permission: 'forms.check' } },
      schema: {
        tags: [TAG],
        summary: 'Câu trả lời điền sẵn từ thông tin nền tảng đã biết về người dân đang đăng nhập',
        params: Params,
        response: { 200: z.object({ version: z.number().int(), answers: AnswersSchema }), ...problemResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'private, no-store').send(await service.prefill(request.params.code, request.principal)),
  );

  app.put(
    '/api/v1/procedures/:code/form',
    {
      config: { access: { permission: 'forms.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Ban hành phiên bản mới của biểu mẫu (hồ sơ đã nộp giữ phiên bản đã điền)',
        params: Params,
        body: z.record(z.string(), z.unknown()),
        response: { 201: FormViewSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      if (!p) throw problems.unauthenticated();
      return reply.status(201).send(await service.publish(request.params.code, request.body, { principal: p, ip: request.ip, requestId: request.id }));
    },
  );
}
