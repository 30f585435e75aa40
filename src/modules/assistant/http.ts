/** HTTP routes of the assistant module (thin: validation and access here, the rest in service.ts). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Problem, problems } from '../../platform/errors.ts';
import { type App, ProblemSchema, assertValidText, callerOf, problemResponses } from '../../platform/http.ts';
import type { SubmitInput } from '../feedback/index.ts';
import { sendZaloText, verifyZalo, zaloSession, type ZaloSettings } from './zalo.ts';
import { PERMISSION_CALLS, PERMISSION_MANAGE, PERMISSION_POSTERS, PERMISSION_QUEUE_CALL, PERMISSION_READ_QUESTIONS, type AssistantService } from './service.ts';

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
  intent: z.enum(['greeting', 'thanks', 'track', 'contact', 'faq', 'find', 'property', 'choose', 'report', 'out_of_scope']),
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

function zaloSettings(service: AssistantService): ZaloSettings | null {
  const s = service.settings;
  if (!s.ZALO_OA_SECRET || !s.ZALO_OA_APP_ID) return null;
  return { appId: s.ZALO_OA_APP_ID, secret: s.ZALO_OA_SECRET, apiUrl: s.ZALO_OA_API_URL, accessToken: s.ZALO_OA_ACCESS_TOKEN ?? null };
}

export async function assistantRoutes(app: App, service: AssistantService): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // the signature covers the exact bytes: keep the raw body
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/assistant/zalo/webhook',
      {
        config: { access: { public: 'Webhook của Zalo OA: xác thực bằng chữ ký X-ZEvent-Signature (SHA-256 với khoá bí mật của OA), chống phát lại theo dấu thời gian' }, rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: [TAG],
          summary: 'Nhận tin nhắn người dân gửi Zalo OA, trả lời bằng trợ lý qua API của OA',
          response: { 200: z.object({ ok: z.boolean(), replied: z.boolean() }), 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (request) => {
        const zs = zaloSettings(service);
        if (!zs) throw problems.notFound('kênh Zalo OA (chưa cấu hình ZALO_OA_APP_ID, ZALO_OA_SECRET)', 'zalo-not-configured');
        const raw = typeof request.body === 'string' ? request.body : '';
        const sig = request.headers['x-zevent-signature'];
        const v = verifyZalo(raw, Array.isArray(sig) ? sig[0] : sig, zs, new Date());
        if (!v.ok) {
          if (v.reason === 'bad-body') throw problems.badRequest('zalo-bad-body', 'Nội dung webhook Zalo không phải JSON hợp lệ.');
          throw new Problem(401, 'zalo-bad-signature', 'Chữ ký không hợp lệ', 'Chữ ký X-ZEvent-Signature không khớp, sai ứng dụng hoặc sự kiện đã quá cũ.');
        }
        const e = v.event;
        const text = e.message?.text?.trim();
        const user = e.sender?.id;
        if (e.event_name !== 'user_send_text' || !text || !user) return { ok: true, replied: false };
        // delivered twice (Zalo's retry, a replay inside the time window): answered once
        if (e.message?.msg_id && !(await service.firstZaloDelivery(String(e.message.msg_id)))) return { ok: true, replied: false };
        const a = await service.ask({ question: text.slice(0, 500), session: zaloSession(zs.secret, user) }, 'zalo');
        return { ok: true, replied: await sendZaloText(zs, user, a.answer) };
      },
    );
  });

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

  const UnitParams = z.object({ unit: z.string().regex(/^[0-9A-Za-z.]{2,20}$/, 'mã đơn vị không hợp lệ') });
  const QueueState = z.object({ calling: z.number().int().nullable(), counter: z.number().int().nullable(), waiting: z.number().int(), issued: z.number().int() });
  app.post(
    '/api/v1/assistant/queue/:unit/tickets',
    {
      config: { access: { public: 'Người dân lấy số thứ tự tại ki-ốt của trung tâm phục vụ hành chính công (không cần đăng nhập, không ghi thông tin cá nhân)' }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: [TAG],
        summary: 'Lấy số thứ tự cho một quầy (ki-ốt)',
        params: UnitParams,
        body: z.object({ counter: z.number().int().min(0).max(9) }),
        response: { 201: z.object({ number: z.number().int(), counter: z.number().int(), waiting: z.number().int() }), 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const t = await service.queue.take(request.params.unit, request.body.counter);
      return reply.status(201).send({ ...t, counter: request.body.counter });
    },
  );

  app.get(
    '/api/v1/assistant/queue/:unit',
    {
      config: { access: { public: 'Màn hình quầy hiển thị số đang mời và số người chờ (không có thông tin cá nhân)' }, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags: [TAG], summary: 'Số đang được mời và số người chờ hôm nay', params: UnitParams, response: { 200: QueueState, 400: ProblemSchema, 429: ProblemSchema } },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await service.queue.state(request.params.unit)),
  );

  app.post(
    '/api/v1/assistant/queue/:unit/call',
    {
      config: { access: { permission: PERMISSION_QUEUE_CALL } },
      schema: {
        tags: [TAG],
        summary: 'Gọi số tiếp theo (cán bộ tiếp nhận của đơn vị)',
        params: UnitParams,
        response: { 200: z.object({ number: z.number().int().nullable(), counter: z.number().int().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      request.authorize(PERMISSION_QUEUE_CALL, { unitCode: request.params.unit });
      const n = await service.queue.callNext(request.params.unit, actorOf(request).principal);
      return { number: n?.number ?? null, counter: n?.counter ?? null };
    },
  );

  app.post(
    '/api/v1/assistant/calls',
    {
      config: { access: { permission: PERMISSION_CALLS } },
      schema: {
        tags: [TAG],
        summary: 'Ghi nhanh một cuộc gọi đường dây nóng (chủ đề, mã hồ sơ nếu có, ghi chú); người gọi phản ánh một vấn đề: kèm feedback để tạo phản ánh (kênh điện thoại, cần quyền feedback.enter)',
        body: z.object({
          topic: z.enum(['procedure', 'dossier', 'complaint', 'other']),
          dossier_code: z.string().regex(/^[A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*-[0-9]{6}-[0-9]{4}$/, 'mã hồ sơ không đúng dạng').nullable().optional(),
          procedure_code: z.string().regex(/^\d\.\d{6}$/).nullable().optional(),
          note: z.string().max(2000).nullable().optional(),
          feedback: z
            .object({
              category: z.string().regex(/^[a-z_]{2,40}$/, 'mã lĩnh vực phản ánh (xem /api/v1/feedback-categories)'),
              text: z.string().trim().min(10).max(5000),
              textPublic: z.boolean().default(false),
              address: z.string().trim().max(500).nullable().optional(),
              communeCode: z.string().regex(/^[0-9A-Za-z.]{2,40}$/).nullable().optional(),
              contact: z.object({ name: z.string().trim().max(200).nullable().optional(), phone: z.string().regex(/^(0|\+84)[0-9 .]{8,14}$/, 'số điện thoại không đúng dạng').nullable().optional(), email: z.email().max(200).nullable().optional() }),
            })
            .nullable()
            .optional()
            .describe('người gọi phản ánh một vấn đề: phản ánh được tạo qua module phản ánh (kênh điện thoại)'),
        }),
        response: {
          201: z.object({
            id: z.number().int(),
            at: z.string(),
            operator: z.string(),
            topic: z.string(),
            dossier_code: z.string().nullable(),
            procedure_code: z.string().nullable(),
            note: z.string().nullable(),
            feedback_code: z.string().nullable(),
            feedback: z.object({ code: z.string(), unitName: z.string(), answerDueAt: z.string() }).nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      assertValidText(request.body);
      const { feedback, ...call } = request.body;
      return reply.status(201).send(await service.logCall({ ...call, feedback: feedback ? { ...feedback, category: feedback.category as SubmitInput['category'] } : null }, actorOf(request), callerOf(request)));
    },
  );

  app.get(
    '/api/v1/assistant/posters/:code',
    {
      config: { access: { public: 'Tờ thông tin thủ tục (A4, có mã QR) in từ danh mục công khai' }, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: [TAG],
        summary: 'Tờ áp phích A4 (PDF) của một thủ tục: thông tin chính và mã QR tới trang thủ tục',
        params: ProcedureCodeParams,
        response: { 200: z.any().describe('application/pdf'), 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const pdf = await service.poster(request.params.code);
      if (!pdf) throw problems.notFound(`thủ tục có mã ${request.params.code}`, 'procedure-not-found');
      return reply.type('application/pdf').header('content-disposition', `inline; filename="thu-tuc-${request.params.code}.pdf"`).send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/v1/assistant/posters',
    {
      config: { access: { permission: PERMISSION_POSTERS }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: [TAG],
        summary: 'Bộ áp phích (PDF) các thủ tục tiếp nhận tại một trung tâm phục vụ hành chính công hoặc xã, phường',
        querystring: z.object({ unit: z.string().regex(/^[0-9A-Za-z.]{2,20}$/, 'mã đơn vị không hợp lệ'), limit: z.coerce.number().int().min(1).max(300).default(50) }),
        response: { 200: z.any().describe('application/pdf'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const pdf = await service.postersForUnit(request.query.unit, request.query.limit);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="ap-phich-${request.query.unit}.pdf"`).send(Buffer.from(pdf));
    },
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

  app.get(
    '/api/v1/assistant/life-events',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: {
        tags: [TAG],
        summary: 'Các sự kiện cuộc sống trợ lý biết (để thêm cách nói dẫn tới một sự kiện) và thủ tục của từng sự kiện',
        response: { 200: z.array(z.object({ id: z.string(), name: z.string(), procedures: z.array(z.object({ code: z.string(), name: z.string() })) })), ...problemResponses },
      },
    },
    async () => service.lifeEvents(),
  );

  app.patch(
    '/api/v1/assistant/vocabulary/:id',
    {
      config: { access: { permission: PERMISSION_MANAGE } },
      schema: {
        tags: [TAG],
        summary: 'Sửa từ ngữ của một mục từ vựng, hoặc bật, tắt mục đó',
        params: IdParams,
        body: z.object({ phrase: z.string().trim().min(1).max(200).optional(), target: z.string().trim().max(200).optional(), active: z.boolean().optional() }),
        response: { 204: z.null().describe('Đã lưu'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      if (b.phrase === undefined && b.target === undefined && b.active === undefined) throw problems.badRequest('nothing-to-change', 'Cần ít nhất một trong: phrase, target, active.');
      await service.updateVocabulary(request.params.id, b, actorOf(request));
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
