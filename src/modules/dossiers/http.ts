import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, problems } from '../../platform/errors.ts';
import { ProblemSchema, problemResponses, type App } from '../../platform/http.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { checkUpload, openLocalFileStore, type FileStore } from '../../platform/documents/index.ts';
import { buildVietQr, dossierPaymentPurpose, loadPaymentAccounts, paymentAccountFor, verifyPaymentNotification } from '../../platform/payments/index.ts';
import { ACTION_INPUT } from './domain/commands.ts';
import { DOSSIER_CODE_PATTERN } from './domain/code.ts';
import { ProcessBodySchema } from './domain/process.ts';
import { ACTIONS, ACTION_LABELS } from './domain/states.ts';
import { PAPER_FORMS, PAPER_LABELS, renderPaper, type PaperForm } from './papers-map.ts';
import { renderRegisterCsv, renderRegisterXlsx } from './papers/index.ts';
import {
  AttachmentViewSchema,
  CreateDossierSchema,
  DossierViewSchema,
  InboxQuerySchema,
  InboxSchema,
  PaymentInfoSchema,
  ProcessDefinitionViewSchema,
  TimelineEntrySchema,
  TrackViewSchema,
} from './schemas.ts';
import type { Caller, DossiersService } from './service.ts';
import * as store from './store.ts';

/**
 * Routes of the one-stop dossier engine. Every route declares its permission (or why it is public); the
 * dossier's own unit and field are checked in the service (an official of another commune gets 403).
 */

const TAG = 'dossiers';
const CodeParam = z.object({ code: z.string().regex(DOSSIER_CODE_PATTERN, 'mã hồ sơ có dạng <mã định danh>-<YYMMDD>-<4 chữ số>') });

function callerOf(request: FastifyRequest): Caller {
  return {
    principal: request.principal,
    can: (permission, target) => {
      try {
        request.authorize(permission, target);
        return true;
      } catch {
        return false;
      }
    },
    ip: request.ip,
    requestId: request.id,
  };
}

const etag = (version: number) => `"${version}"`;

/** `If-Match: "3"` (or W/"3", or 3) → 3; `*` or absent → undefined. */
function parseIfMatch(v: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(v) ? v[0] : v;
  if (!raw || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw problems.badRequest('if-match-invalid', 'Tiêu đề If-Match phải là ETag của hồ sơ, ví dụ "3".');
  return Number(m[1]);
}

function webhookSecrets(ctx: PlatformContext): string[] {
  const env = process.env.PAYMENT_WEBHOOK_SECRET;
  if (env) return env.split(',').map((s) => s.trim()).filter(Boolean);
  if (ctx.config.production) return [];
  return [DEMO_WEBHOOK_SECRET];
}

/** Demo secret of the bank webhook (never used in production: set PAYMENT_WEBHOOK_SECRET). */
export const DEMO_WEBHOOK_SECRET = 'lienthong-demo-webhook-secret';

export async function dossierRoutes(app: App, ctx: PlatformContext, service: DossiersService, files: () => FileStore): Promise<void> {
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
    '/api/v1/dossiers/:code/timeline',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Dòng thời gian: ai, khi nào, từ đâu đến đâu, ghi chú', params: CodeParam, response: { 200: z.array(TimelineEntrySchema), ...problemResponses } },
    },
    async (request) => service.timeline(request.params.code, callerOf(request)),
  );

  // ---------------------------------------------------------------- papers
  app.get(
    '/api/v1/dossiers/:code/papers/:form',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Giấy tờ của hồ sơ (PDF): receipt.pdf, supplement-request.pdf, refusal.pdf, apology.pdf, control-sheet.pdf, result.pdf, fee-receipt.pdf',
        description: PAPER_FORMS.map((f) => `\`${f}.pdf\`: ${PAPER_LABELS[f]}`).join('; '),
        params: CodeParam.extend({ form: z.enum(PAPER_FORMS.map((f) => `${f}.pdf`) as [string, ...string[]]) }),
        response: { 200: z.any().describe('application/pdf'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const form = request.params.form.replace(/\.pdf$/, '') as PaperForm;
      const caller = callerOf(request);
      const { dossier, def, trackingSecret } = await service.load(request.params.code, caller);
      const rows = await store.listTransitions(ctx.db, dossier.code);
      const pdf = await renderPaper(form, dossier, def, rows, {
        units: service.ports().units,
        dataDir: ctx.config.dataDir,
        trackingUrl: service.trackingUrl(dossier.code, trackingSecret),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${dossier.code}-${form}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );

  app.get(
    '/api/v1/dossier-register/:format',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Sổ theo dõi hồ sơ (mẫu 06) của một đơn vị tiếp nhận, theo lĩnh vực và kỳ: register.csv hoặc register.xlsx',
        params: z.object({ format: z.enum(['register.csv', 'register.xlsx']) }),
        querystring: z.object({
          unit: z.string().min(2).max(40),
          field: z.string().max(200).optional(),
          from: z.iso.date(),
          to: z.iso.date().describe('ngày cuối cùng (tính cả ngày này)'),
        }),
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const from = new Date(`${q.from}T00:00:00+07:00`);
      const to = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86400_000);
      if (!(to > from) || to.getTime() - from.getTime() > 400 * 86400_000) throw problems.badRequest('period-invalid', 'Kỳ của sổ phải từ 1 ngày đến 400 ngày.');
      const reg = await service.register({ unit: q.unit, field: q.field, from, to }, callerOf(request));
      const input = {
        agency: { name: reg.unitName, place: reg.unitName.replace(/^(Xã|Phường|Đặc khu)\s+/, '') },
        field: q.field ?? 'Tất cả lĩnh vực',
        period: `Từ ${q.from.split('-').reverse().join('/')} đến ${q.to.split('-').reverse().join('/')}`,
        rows: reg.rows,
        generatedAt: service.now(),
      };
      const name = `so-theo-doi-${q.unit}-${q.from}-${q.to}`;
      if (request.params.format === 'register.csv')
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(renderRegisterCsv(input));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(Buffer.from(await renderRegisterXlsx(input)));
    },
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

  // ---------------------------------------------------------------- payments
  app.get(
    '/api/v1/dossiers/:code/payment',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Phí, lệ phí của hồ sơ và mã VietQR để chuyển khoản', params: CodeParam, response: { 200: PaymentInfoSchema, ...problemResponses } },
    },
    async (request) => {
      const d = await service.get(request.params.code, callerOf(request));
      const purpose = dossierPaymentPurpose(d.code);
      const account = paymentAccountFor(loadPaymentAccounts(), d.decidingUnit);
      const due = d.fee.amount > 0 && !d.fee.paid;
      const qr = due && account ? await buildVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: d.fee.amount, purpose }) : null;
      return {
        code: d.code,
        amount: d.fee.amount,
        paid: d.fee.paid,
        paidAt: d.fee.paidAt,
        receiptNo: d.fee.receiptNo,
        transferNote: purpose,
        vietqr: qr && account ? { payload: qr.payload, bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName, demo: account.demo } : null,
      };
    },
  );

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // the signature covers the exact bytes: keep the raw body
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/payments/notify',
      {
        config: { access: { public: 'Thông báo thanh toán từ ngân hàng: xác thực bằng chữ ký HMAC, có dấu thời gian và chống phát lại' }, rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: [TAG],
          summary: 'Webhook ngân hàng báo đã nhận tiền phí, lệ phí (HMAC-SHA256, x-lt-timestamp, x-lt-signature)',
          response: { 200: z.object({ outcome: z.string(), dossierCode: z.string().nullable() }), ...problemResponses, 503: ProblemSchema },
        },
      },
      async (request) => {
        const secrets = webhookSecrets(ctx);
        if (!secrets.length) throw problems.unavailable('Chưa cấu hình PAYMENT_WEBHOOK_SECRET.');
        const raw = typeof request.body === 'string' ? request.body : '';
        const v = await verifyPaymentNotification({
          rawBody: raw,
          headers: request.headers as Record<string, string | string[] | undefined>,
          secret: secrets,
          now: service.now(),
          seenNonce: (eventId) => service.paymentEventSeen(eventId),
        });
        if (!v.ok) throw v.problem;
        const n = v.notification;
        const r = await service.recordBankPayment({ eventId: n.eventId, transactionId: n.transactionId, amount: n.amount, description: n.description, raw: n });
        if (r.outcome === 'duplicate') throw new Problem(409, 'payment-notification-replayed', 'Thông báo thanh toán không hợp lệ', 'Thông báo thanh toán này đã được xử lý trước đó.');
        return { outcome: r.outcome, dossierCode: r.code };
      },
    );
  });

  // ---------------------------------------------------------------- attachments
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10 } });
    scope.post(
      '/api/v1/dossiers/:code/attachments',
      {
        config: { access: { permission: 'dossiers.act' } },
        schema: {
          tags: [TAG],
          summary: 'Đính kèm giấy tờ (multipart: file, name, digitised=true khi quét tại quầy, kind=result cho tệp kết quả)',
          params: CodeParam,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentViewSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Gửi tệp bằng multipart/form-data.');
        const part = await request.file();
        if (!part) throw problems.badRequest('file-missing', 'Thiếu tệp (trường "file").');
        const bytes = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new Problem(413, 'file-too-large', 'Tệp quá lớn', 'Tệp vượt quá dung lượng cho phép (tối đa 10 MB).');
          throw err;
        });
        const field = (n: string) => {
          const f = part.fields[n] as { value?: unknown } | undefined;
          return typeof f?.value === 'string' ? f.value : undefined;
        };
        const a = await service.attach(
          request.params.code,
          { bytes, filename: part.filename, name: field('name'), digitised: field('digitised') === 'true', kind: field('kind') === 'result' ? 'result' : 'document' },
          callerOf(request),
          files(),
          checkUpload,
        );
        return reply.status(201).send(a);
      },
    );
  });

  app.get(
    '/api/v1/dossiers/:code/attachments',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Danh sách tệp đính kèm', params: CodeParam, response: { 200: z.array(AttachmentViewSchema), ...problemResponses } },
    },
    async (request) => service.attachments(request.params.code, callerOf(request)),
  );

  app.get(
    '/api/v1/dossiers/:code/attachments/:id',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Tải tệp đính kèm', params: CodeParam.extend({ id: z.uuid() }), response: { 200: z.any(), ...problemResponses } },
    },
    async (request, reply) => {
      const { row, body } = await service.download(request.params.code, request.params.id, callerOf(request), files());
      return reply
        .type(row.content_type)
        .header('content-disposition', `attachment; filename="${encodeURIComponent(row.filename ?? row.name)}"`)
        .header('x-content-sha256', row.sha256)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  // ---------------------------------------------------------------- configuration
  app.get(
    '/api/v1/process-definitions/:procedureCode',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Quy trình nội bộ đang áp dụng cho một thủ tục (mặc định suy ra từ danh mục, hoặc do tỉnh ban hành)',
        params: z.object({ procedureCode: z.string().regex(/^\d\.\d{6}$/) }),
        response: { 200: ProcessDefinitionViewSchema, ...problemResponses },
      },
    },
    async (request) => service.getProcessDefinition(request.params.procedureCode),
  );

  app.put(
    '/api/v1/process-definitions/:procedureCode',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Ban hành phiên bản mới của quy trình nội bộ (hồ sơ đang giải quyết giữ phiên bản cũ)',
        params: z.object({ procedureCode: z.string().regex(/^\d\.\d{6}$/) }),
        body: ProcessBodySchema,
        response: { 200: ProcessDefinitionViewSchema, ...problemResponses },
      },
    },
    async (request) => service.putProcessDefinition(request.params.procedureCode, request.body, callerOf(request)),
  );

  app.get(
    '/api/v1/dossier-identifiers',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Mã định danh điện tử của các đơn vị tiếp nhận (dùng trong mã hồ sơ)',
        querystring: z.object({ province: z.string().regex(/^\d{2}$/).optional() }),
        response: { 200: z.array(z.object({ unit_code: z.string(), province_code: z.string(), identifier: z.string(), demo: z.boolean() })), ...problemResponses },
      },
    },
    async (request) => service.listIdentifiers(request.query.province),
  );

  app.put(
    '/api/v1/dossier-identifiers/:unitCode',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Gán mã định danh điện tử (Quyết định 20/2020/QĐ-TTg) cho một đơn vị',
        params: z.object({ unitCode: z.string().min(2).max(40) }),
        body: z.object({ identifier: z.string().max(35) }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await service.setIdentifier(request.params.unitCode, request.body.identifier, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

export { openLocalFileStore };
