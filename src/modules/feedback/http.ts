import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, problems } from '../../platform/errors.ts';
import { ProblemSchema, assertValidText, multipartProblem, problemResponses, type App } from '../../platform/http.ts';
import { checkUpload, readUploadForm, type FileStore, type UploadPart } from '../../platform/documents/index.ts';
import { PLACE_COMMUNE } from './domain/routing.ts';
import { CATEGORIES, FEEDBACK_ACTIONS, FEEDBACK_STATUSES, RATINGS, RATING_LABELS, type Category, type FeedbackAction } from './domain/states.ts';
import type { FeedbackService } from './service.ts';
import { callerOf } from '../../platform/http.ts';

const TAG = 'feedback';
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
const CATEGORY_KEYS = Object.keys(CATEGORIES) as [Category, ...Category[]];


const CodeParam = z.object({ code: z.string().regex(/^PA\d{2}-\d{6}$/, 'mã phản ánh có dạng PA26-000123') });
const KeyQuery = z.object({ k: z.string().regex(/^[A-Za-z0-9_-]{20,40}$/).optional().describe('khóa theo dõi nhận được khi gửi phản ánh') });
const UnitCode = z.string().min(2).max(40).regex(/^[0-9A-Za-z.]+$/);

const ReportViewSchema = z.object({
  code: z.string(),
  channel: z.enum(['portal', 'phone', 'letter', 'assistant', 'zalo']),
  channelLabel: z.string(),
  category: z.enum(CATEGORY_KEYS),
  categoryLabel: z.string(),
  text: z.string(),
  textPublic: z.boolean(),
  place: z.object({ address: z.string().nullable(), communeCode: z.string().nullable(), communeName: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable() }),
  dossierCode: z.string().nullable(),
  unit: z.object({ code: z.string(), name: z.string() }),
  routeReason: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  statusLabel: z.string(),
  receivedAt: z.string(),
  acceptDueAt: z.string(),
  answerDueAt: z.string(),
  answerDraft: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredOnTime: z.boolean().nullable(),
  rating: z.enum(RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  photos: z.array(z.object({ id: z.string(), contentType: z.string(), size: z.number() })),
  version: z.number().int(),
  availableActions: z.array(z.object({ action: z.enum(FEEDBACK_ACTIONS), label: z.string() })),
});
const OfficeViewSchema = ReportViewSchema.extend({
  reporter: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), signedIn: z.boolean() }),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), label: z.string(), actor: z.string(), text: z.string().nullable() })),
});
const PublicSchema = z.object({ code: z.string(), category: z.string(), communeName: z.string().nullable(), unitName: z.string(), text: z.string().nullable(), answer: z.string().nullable(), receivedAt: z.string(), answeredAt: z.string().nullable(), rating: z.string().nullable() });
const RuleSchema = z.object({ category: z.union([z.enum(CATEGORY_KEYS), z.literal('*')]), communeCode: UnitCode.nullable(), target: z.union([UnitCode, z.literal(PLACE_COMMUNE)]), answerWorkingDays: z.number().int().min(1).max(60) });

export async function feedbackRoutes(app: App, service: FeedbackService, files: () => FileStore): Promise<void> {
  app.get(
    '/api/v1/feedback-categories',
    {
      config: { access: { public: 'Danh mục lĩnh vực phản ánh và mức đánh giá hiển thị trên trang gửi phản ánh' } },
      schema: { tags: [TAG], summary: 'Lĩnh vực phản ánh, kiến nghị và mức đánh giá', response: { 200: z.object({ categories: z.array(z.object({ code: z.string(), label: z.string() })), ratings: z.array(z.object({ code: z.string(), label: z.string() })) }) } },
    },
    async () => ({ categories: Object.entries(CATEGORIES).map(([code, label]) => ({ code, label })), ratings: Object.entries(RATING_LABELS).map(([code, label]) => ({ code, label })) }),
  );

  app.post(
    '/api/v1/feedback',
    {
      config: { access: { public: 'Mọi người được gửi phản ánh (đăng nhập, hoặc không đăng nhập kèm liên hệ); cán bộ nhập phản ánh qua điện thoại, thư cần quyền feedback.enter (kiểm tra bên trong)' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: [TAG],
        summary: 'Gửi phản ánh, kiến nghị (đăng nhập, hoặc không đăng nhập kèm số điện thoại/thư điện tử); cán bộ nhập phản ánh qua điện thoại, thư (channel)',
        body: z.object({
          category: z.enum(CATEGORY_KEYS),
          text: z.string().trim().min(10).max(5000),
          textPublic: z.boolean().default(false).describe('đồng ý công khai nội dung (đã che thông tin cá nhân) khi có trả lời'),
          channel: z.enum(['portal', 'phone', 'letter']).optional(),
          address: z.string().trim().max(500).nullable().optional(),
          communeCode: UnitCode.nullable().optional(),
          lat: z.number().min(-90).max(90).nullable().optional(),
          lng: z.number().min(-180).max(180).nullable().optional(),
          dossierCode: z.string().trim().max(60).nullable().optional(),
          contact: z.object({ name: z.string().trim().max(200).nullable().optional(), email: z.email().max(200).nullable().optional(), phone: z.string().regex(/^(0|\+84)[0-9 .]{8,14}$/).nullable().optional() }).optional(),
        }),
        response: { 201: z.object({ code: z.string(), key: z.string().describe('khóa để theo dõi và đánh giá (giữ kín)'), report: ReportViewSchema }), ...problemResponses, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      assertValidText(request.body);
      return reply.status(201).send(await service.submit(request.body, callerOf(request)));
    },
  );

  app.get(
    '/api/v1/feedback/:code/track',
    {
      config: { access: { public: 'Người phản ánh theo dõi bằng khóa nhận khi gửi (hoặc đăng nhập là chủ phản ánh)' } },
      schema: { tags: [TAG], summary: 'Người phản ánh theo dõi phản ánh của mình (khóa k, hoặc đăng nhập)', params: CodeParam, querystring: KeyQuery, response: { 200: ReportViewSchema, ...problemResponses } },
    },
    async (request) => service.track(request.params.code, request.query.k, callerOf(request)),
  );

  app.post(
    '/api/v1/feedback/:code/rating',
    {
      config: { access: { public: 'Người phản ánh đánh giá bằng khóa nhận khi gửi (hoặc đăng nhập là chủ phản ánh)' } },
      schema: { tags: [TAG], summary: 'Người phản ánh đánh giá trả lời', params: CodeParam, querystring: KeyQuery, body: z.object({ rating: z.enum(RATINGS), comment: z.string().trim().max(1000).optional() }), response: { 200: ReportViewSchema, ...problemResponses } },
    },
    async (request) => {
      assertValidText(request.body);
      return service.rate(request.params.code, request.query.k, request.body, callerOf(request));
    },
  );

  app.get(
    '/api/v1/feedback/:code/photos/:photoId',
    {
      config: { access: { public: 'Người phản ánh xem ảnh bằng khóa; cán bộ đơn vị xử lý cần quyền feedback.handle (kiểm tra bên trong)' } },
      schema: { tags: [TAG], summary: 'Ảnh của phản ánh (người phản ánh hoặc đơn vị xử lý)', params: CodeParam.extend({ photoId: z.uuid() }), querystring: KeyQuery, response: { 200: z.any(), ...problemResponses } },
    },
    async (request, reply) => {
      const p = await service.photo(request.params.code, request.params.photoId, callerOf(request), files(), request.query.k);
      return reply.type(p.contentType).header('cache-control', 'private, no-store').send(p.body);
    },
  );

  app.get(
    '/api/v1/public-feedback',
    {
      config: { access: { public: 'Phản ánh đã trả lời được công khai, thông tin cá nhân đã che' } },
      schema: {
        tags: [TAG],
        summary: 'Phản ánh, kiến nghị đã trả lời (công khai, đã che thông tin cá nhân)',
        querystring: z.object({ commune: UnitCode.optional(), category: z.enum(CATEGORY_KEYS).optional(), page: z.coerce.number().int().min(1).max(10000).default(1), page_size: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(PublicSchema), total: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => service.publicList({ commune: request.query.commune, category: request.query.category, page: request.query.page, pageSize: request.query.page_size }),
  );

  app.get(
    '/api/v1/public-feedback/:code',
    { config: { access: { public: 'Một phản ánh đã trả lời, thông tin cá nhân đã che' } }, schema: { tags: [TAG], summary: 'Một phản ánh đã trả lời (công khai)', params: CodeParam, response: { 200: PublicSchema, ...problemResponses } } },
    async (request) => service.publicOne(request.params.code),
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { access: { permission: 'feedback.handle' } },
      schema: {
        tags: [TAG],
        summary: 'Phản ánh của đơn vị (lọc theo trạng thái, quá hạn)',
        querystring: z.object({ unit: UnitCode.optional(), status: z.enum(FEEDBACK_STATUSES).optional(), overdue: z.enum(['true', 'false']).optional(), page: z.coerce.number().int().min(1).max(10000).default(1), page_size: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ReportViewSchema), total: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => service.list({ unit: request.query.unit, status: request.query.status, overdue: request.query.overdue === 'true', page: request.query.page, pageSize: request.query.page_size }, callerOf(request)),
  );

  app.get(
    '/api/v1/feedback/:code',
    { config: { access: { permission: 'feedback.handle' } }, schema: { tags: [TAG], summary: 'Phản ánh (đơn vị xử lý; lượt xem được ghi lại)', params: CodeParam, response: { 200: OfficeViewSchema, ...problemResponses } } },
    async (request) => service.get(request.params.code, callerOf(request)),
  );

  app.post(
    '/api/v1/feedback/:code/actions/:action',
    {
      config: { access: { permission: 'feedback.handle' } },
      schema: {
        tags: [TAG],
        summary: 'Xử lý phản ánh: accept, transfer (toUnit, reason), refuse (reason), propose_answer (text), approve_answer (text tùy chọn; lãnh đạo), return_answer (reason; lãnh đạo)',
        params: CodeParam.extend({ action: z.enum(FEEDBACK_ACTIONS.filter((a) => a !== 'rate') as [Exclude<FeedbackAction, 'rate'>, ...Exclude<FeedbackAction, 'rate'>[]]) }),
        headers: z.object({ 'if-match': z.string().max(20).optional() }),
        body: z.object({ reason: z.string().max(2000).optional(), text: z.string().max(10000).optional(), toUnit: UnitCode.optional() }),
        response: { 200: ReportViewSchema, ...problemResponses },
      },
    },
    async (request) => {
      assertValidText(request.body);
      const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(request.headers['if-match'] ?? '');
      return service.act(request.params.code, request.params.action, request.body, callerOf(request), m ? Number(m[1]) : undefined);
    },
  );

  app.get(
    '/api/v1/feedback-routing-rules',
    { config: { access: { permission: 'feedback.configure' } }, schema: { tags: [TAG], summary: 'Quy tắc chuyển phản ánh của tỉnh (lĩnh vực + xã, phường → đơn vị, thời hạn trả lời)', response: { 200: z.object({ rules: z.array(RuleSchema) }), ...problemResponses } } },
    async () => ({ rules: (await service.rules()).map(({ category, communeCode, target, answerWorkingDays }) => ({ category, communeCode, target, answerWorkingDays })) }),
  );
  app.put(
    '/api/v1/feedback-routing-rules',
    { config: { access: { permission: 'feedback.configure' } }, schema: { tags: [TAG], summary: 'Thay bộ quy tắc chuyển phản ánh của tỉnh', body: z.object({ rules: z.array(RuleSchema).max(2000) }), response: { 200: z.object({ rules: z.array(RuleSchema) }), ...problemResponses } } },
    async (request) => ({ rules: (await service.putRules(request.body.rules, callerOf(request))).map(({ category, communeCode, target, answerWorkingDays }) => ({ category, communeCode, target, answerWorkingDays })) }),
  );

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: PHOTO_MAX_BYTES, files: 2, fields: 4, parts: 6, fieldSize: 200, fieldNameSize: 50 } });
    scope.post(
      '/api/v1/feedback/:code/photos',
      {
        config: { access: { public: 'Người phản ánh thêm ảnh bằng khóa nhận khi gửi (hoặc đăng nhập là chủ phản ánh), trong 24 giờ' } },
        schema: { tags: [TAG], summary: 'Thêm ảnh cho phản ánh vừa gửi (multipart: file; JPEG hoặc PNG, tối đa 10 MB, tối đa 5 ảnh)', params: CodeParam, querystring: KeyQuery, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.string(), contentType: z.string(), size: z.number() }), ...problemResponses, 413: ProblemSchema, 415: ProblemSchema } },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Gửi ảnh bằng multipart/form-data.');
        const f = await readUploadForm(request.parts() as AsyncIterable<UploadPart>, { maxBytes: PHOTO_MAX_BYTES, fields: {} }).catch((err: unknown) => {
          throw multipartProblem(err);
        });
        assertValidText({ filename: f.file.filename });
        if (!f.file.bytes.length) throw problems.badRequest('file-empty', 'Ảnh không có nội dung.');
        return reply.status(201).send(await service.addPhoto(request.params.code, request.query.k, { bytes: f.file.bytes, filename: f.file.filename }, callerOf(request), files(), checkUpload));
      },
    );
  });
}
