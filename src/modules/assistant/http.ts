/** HTTP routes of the assistant module (thin: validation and access here, the rest in service.ts). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems } from '../../platform/errors.ts';
import { type App, ProblemSchema, problemResponses } from '../../platform/http.ts';
import { PERMISSION_MANAGE, PERMISSION_READ_QUESTIONS, type AssistantService } from './service.ts';

const TAG = 'assistant';
/** The assistant is public (people ask before signing in): limited per client address. */
const ASK_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };
const PUBLIC_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };

export const AskBodySchema = z.object({
  question: z.string().trim().min(1, 'Hãy nhập câu hỏi').max(500),
  session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'mã phiên không hợp lệ').optional(),
  channel: z.enum(['web', 'kiosk', 'callcenter']).optional(),
});

export const AskResultSchema = z.object({
  answer: z.string(),
  intent: z.enum(['greeting', 'thanks', 'track', 'contact', 'faq', 'find', 'property', 'choose', 'out_of_scope']),
  procedures: z.array(z.object({ code: z.string(), name: z.string(), score: z.number() })),
  confidence: z.number().min(0).max(1),
  session: z.string(),
});

const ProcedureCodeParams = z.object({ code: z.string().regex(/^\d\.\d{6}$/, 'mã thủ tục có dạng 1.001193') });
const IdParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

const FaqSchema = z.object({
  id: z.number().int(),
  question: z.string(),
  answer: z.string(),
  procedure_code: z.string().nullable(),
  status: z.enum(['draft', 'approved', 'retired']),
  created_by: z.string().nullable(),
  updated_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
const FaqInput = z.object({
  question: z.string().trim().min(3).max(500),
  answer: z.string().trim().min(3).max(4000),
  procedure_code: z.string().regex(/^\d\.\d{6}$/).nullable().optional(),
});
const FaqPatch = z.object({
  question: z.string().trim().min(3).max(500).optional(),
  answer: z.string().trim().min(3).max(4000).optional(),
  procedure_code: z.string().regex(/^\d\.\d{6}$/).nullable().optional(),
  status: z.enum(['draft', 'approved', 'retired']).optional(),
});
const VocabularySchema = z.object({
  id: z.number().int(),
  kind: z.enum(['rewrite', 'filler', 'event']),
  phrase: z.string(),
  target: z.string(),
  active: z.boolean(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
const VocabularyInput = z.object({
  kind: z.enum(['rewrite', 'filler', 'event']),
  phrase: z.string().trim().min(1).max(200),
  target: z.string().trim().max(200).optional(),
});

function actorOf(request: FastifyRequest) {
  const principal = request.principal;
  if (!principal) throw problems.unauthenticated();
  return { principal, ip: request.ip, requestId: request.id };
}

export function assistantRoutes(app: App, service: AssistantService): void {
  app.post(
    '/api/v1/assistant/ask',
    {
      config: { access: { public: 'Người dân hỏi về thủ tục trước khi đăng nhập; câu trả lời chỉ lấy từ danh mục công khai' }, rateLimit: ASK_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Hỏi trợ lý thủ tục hành chính (tìm thủ tục, phí, thời hạn, giấy tờ, nơi nộp, tra cứu hồ sơ)',
        body: AskBodySchema,
        response: { 200: AskResultSchema, 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => service.ask({ question: request.body.question, session: request.body.session }, request.body.channel ?? 'web'),
  );

  app.get(
    '/api/v1/assistant/related/:code',
    {
      config: { access: { public: 'Các thủ tục liên quan theo sự kiện cuộc sống là thông tin công khai' }, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags: [TAG],
        summary: 'Các thủ tục cùng sự kiện cuộc sống (sinh con, kết hôn, …) với một thủ tục',
        params: ProcedureCodeParams,
        response: { 200: z.array(z.object({ event: z.string(), procedures: z.array(z.object({ code: z.string(), name: z.string() })) })), 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request) => service.related(request.params.code),
  );

  app.get(
    '/api/v1/assistant/faq',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Câu hỏi thường gặp (mọi trạng thái)', response: { 200: z.array(FaqSchema), ...problemResponses } },
    },
    async () => service.listFaq(),
  );

  app.post(
    '/api/v1/assistant/faq',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Thêm câu hỏi thường gặp (bản nháp)', body: FaqInput, response: { 201: FaqSchema, ...problemResponses } },
    },
    async (request, reply) => reply.status(201).send(await service.createFaq(request.body, actorOf(request))),
  );

  app.patch(
    '/api/v1/assistant/faq/:id',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Sửa, duyệt hoặc ngừng dùng một câu hỏi thường gặp', params: IdParams, body: FaqPatch, response: { 200: FaqSchema, ...problemResponses } },
    },
    async (request) => service.updateFaq(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/v1/assistant/vocabulary',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Từ ngữ cán bộ đã thêm cho trợ lý', response: { 200: z.array(VocabularySchema), ...problemResponses } },
    },
    async () => service.listVocabulary(),
  );

  app.post(
    '/api/v1/assistant/vocabulary',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Thêm từ ngữ: cách nói của người dân → từ ngữ của danh mục, từ đệm, hoặc sự kiện', body: VocabularyInput, response: { 201: VocabularySchema, ...problemResponses } },
    },
    async (request, reply) => reply.status(201).send(await service.addVocabulary(request.body, actorOf(request))),
  );

  app.patch(
    '/api/v1/assistant/vocabulary/:id',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: { tags: [TAG], summary: 'Bật hoặc tắt một mục từ vựng', params: IdParams, body: z.object({ active: z.boolean() }), response: { 204: z.null().describe('Đã lưu'), ...problemResponses } },
    },
    async (request, reply) => {
      await service.setVocabularyActive(request.params.id, request.body.active, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/assistant/questions/top',
    {
      config: { access: { permission: PERMISSION_READ_QUESTIONS } },
      schema: {
        tags: [TAG],
        summary: 'Câu hỏi người dân hỏi nhiều mà trợ lý chưa trả lời chắc chắn (để bổ sung câu hỏi thường gặp, từ ngữ)',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.array(z.object({ folded: z.string(), example: z.string(), count: z.number().int(), unanswered: z.number().int(), avg_confidence: z.number(), last_asked: z.string(), top_code: z.string().nullable() })),
          ...problemResponses,
        },
      },
    },
    async (request) => service.topQuestions(request.query.days, request.query.limit),
  );
}
