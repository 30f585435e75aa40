import { z } from 'zod';
import { ProblemSchema, problemResponses, type App } from '../../../platform/http.ts';
import { ACTION_INPUT } from '../domain/commands.ts';
import { ACTIONS, ACTION_LABELS } from '../domain/states.ts';
import { CreateDossierSchema, DossierViewSchema, InboxQuerySchema, InboxSchema, ReadEntrySchema, TimelineEntrySchema, TrackViewSchema } from '../schemas.ts';
import type { DossiersService } from '../service.ts';
import { CodeParam, TAG, callerOf, etag, parseIfMatch } from './common.ts';

/** Submit, inbox, one dossier, its actions and timeline, public tracking. */
export function dossierCoreRoutes(app: App, service: DossiersService): void {
  // ---------------------------------------------------------------- submit and inbox
  app.post(
    '/api/v1/dossiers',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: {
        tags: [TAG],
        summary: 'Nộp hồ sơ (trực tuyến) hoặc tiếp nhận hồ sơ tại quầy',
        description:
          'Người dân nộp trực tuyến; cán bộ tiếp nhận tạo hồ sơ tại quầy (mặc định tiếp nhận ngay, có giấy hẹn). Gửi lại cùng `Idempotency-Key` trả về đúng hồ sơ đã tạo (200, `Idempotent-Replayed: true`).',
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
        body: CreateDossierSchema,
        response: { 200: DossierViewSchema, 201: DossierViewSchema, ...problemResponses, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const r = await service.create(request.body, callerOf(request), { idempotencyKey: typeof key === 'string' ? key : undefined });
      void reply.header('etag', etag(r.dossier.version)).header('location', `/api/v1/dossiers/${encodeURIComponent(r.dossier.code)}`);
      if (!r.created) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.created ? 201 : 200).send(r.dossier);
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Hộp hồ sơ của cán bộ (theo đơn vị và lĩnh vực được giao) hoặc hồ sơ của người dân, kèm số đếm',
        description: 'Số đếm: new (mới, chờ tiếp nhận/chuyển), in_progress (đang xử lý), waiting_applicant (chờ người dân), due_soon (sắp đến hạn), overdue (quá hạn).',
        querystring: InboxQuerySchema,
        response: { 200: InboxSchema, ...problemResponses },
      },
    },
    async (request) => service.list(request.query, callerOf(request)),
  );

  app.get(
    '/api/v1/dossiers/:code',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Chi tiết hồ sơ (kèm ETag)', params: CodeParam, response: { 200: DossierViewSchema, ...problemResponses } },
    },
    async (request, reply) => {
      const d = await service.get(request.params.code, callerOf(request));
      return reply.header('etag', etag(d.version)).send(d);
    },
  );

  app.post(
    '/api/v1/dossiers/:code/actions/:action',
    {
      config: { access: { permission: 'dossiers.act' } },
      schema: {
        tags: [TAG],
        summary: 'Thực hiện một thao tác trên hồ sơ (gửi If-Match là ETag đã đọc)',
        description: `Thao tác: ${ACTIONS.map((a) => `\`${a}\` (${ACTION_LABELS[a]})`).join(', ')}. Dữ liệu của từng thao tác: GET /api/v1/dossier-actions. Hai người cùng thao tác: một người thành công, người kia nhận 409 version-conflict.`,
        params: CodeParam.extend({ action: z.enum(ACTIONS) }),
        headers: z.object({ 'if-match': z.string().max(40).optional() }),
        body: z.record(z.string(), z.unknown()).optional(),
        response: { 200: DossierViewSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const d = await service.act(request.params.code, request.params.action, request.body ?? {}, callerOf(request), { ifMatch: parseIfMatch(request.headers['if-match']) });
      return reply.header('etag', etag(d.version)).send(d);
    },
  );

  app.get(
    '/api/v1/dossier-actions',
    {
      config: { access: { public: 'Mô tả công khai các thao tác và dữ liệu đầu vào cho nhà tích hợp' } },
      schema: {
        tags: [TAG],
        summary: 'Các thao tác trên hồ sơ và lược đồ dữ liệu của từng thao tác',
        response: { 200: z.array(z.object({ action: z.string(), label: z.string(), input: z.record(z.string(), z.unknown()) })) },
      },
    },
    async () => ACTIONS.map((a) => ({ action: a, label: ACTION_LABELS[a], input: z.toJSONSchema(ACTION_INPUT[a], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> })),
  );

  app.get(
    '/api/v1/dossiers/:code/reads',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Ai đã xem hồ sơ của tôi: những lần cán bộ, hệ thống khác đọc hồ sơ, giấy tờ, tệp đính kèm (chỉ người nộp hồ sơ)',
        params: CodeParam,
        response: { 200: z.array(ReadEntrySchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const r = await service.reads(request.params.code, callerOf(request));
      return reply.header('cache-control', 'private, no-store').send(r);
    },
  );

  app.get(
    '/api/v1/dossiers/:code/timeline',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Dòng thời gian: ai, khi nào, từ đâu đến đâu, ghi chú', params: CodeParam, response: { 200: z.array(TimelineEntrySchema), ...problemResponses } },
    },
    async (request) => service.timeline(request.params.code, callerOf(request)),
  );

  // ---------------------------------------------------------------- internal comments between officials
  const CommentSchema = z.object({ id: z.string(), at: z.string(), author: z.object({ name: z.string(), unit: z.string().nullable() }), body: z.string(), mine: z.boolean() });
  app.get(
    '/api/v1/dossiers/:code/comments',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Trao đổi nội bộ giữa các cán bộ về hồ sơ (cán bộ được xem hồ sơ; không bao giờ hiện cho người dân)', params: CodeParam, response: { 200: z.array(CommentSchema), ...problemResponses } },
    },
    async (request, reply) => reply.header('cache-control', 'private, no-store').send(await service.comments(request.params.code, callerOf(request))),
  );
  app.post(
    '/api/v1/dossiers/:code/comments',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Ghi một trao đổi nội bộ về hồ sơ (cán bộ được xem hồ sơ)',
        params: CodeParam,
        body: z.object({ body: z.string().trim().min(1, 'nhập nội dung trao đổi').max(4000, 'tối đa 4.000 ký tự') }).strict(),
        response: { 201: CommentSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.addComment(request.params.code, request.body.body, callerOf(request))),
  );

  // ---------------------------------------------------------------- public tracking
  app.get(
    '/api/v1/track/:code',
    {
      config: { access: { public: 'Tra cứu công khai tình trạng hồ sơ (chỉ trạng thái và hạn; thông tin cá nhân cần mã bí mật trên giấy hẹn hoặc đăng nhập)' }, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: [TAG],
        summary: 'Tra cứu hồ sơ công khai',
        params: CodeParam,
        querystring: z.object({ k: z.string().max(64).optional(), s: z.string().max(64).optional(), secret: z.string().max(64).optional() }),
        response: { 200: TrackViewSchema, ...problemResponses, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const r = await service.track(request.params.code, { secret: request.query.k ?? request.query.s ?? request.query.secret, principal: request.principal });
      return reply.header('cache-control', 'no-store').send(r);
    },
  );

}
