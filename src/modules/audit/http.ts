import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { problemResponses } from '../../platform/http.ts';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { Queryable } from '../../platform/db.ts';
import { maskDeep } from '../../platform/mask.ts';
import { auditRequestContext, type AuditRequestContext } from './request-context.ts';
import type { AuditService } from './service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: this route's requests are not recorded by the request-level audit hook (e.g. the dev identity provider). */
    audit?: false;
  }
  interface FastifyRequest {
    auditContext: AuditRequestContext | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The request-level safety net: every state-changing request that succeeded and did not append its own
 * audit record gets a generic one (who, acting unit, route, parameters, status, address, request id and
 * a digest of the body), so that no change escapes the trail even when a service forgot to audit.
 * The request context travels with AsyncLocalStorage, so `append` called deep inside a service knows
 * which request it serves; it is re-entered after body parsing, where streams can lose it. The generic
 * record is written in onSend, before the response leaves: a client that saw a success can rely on the
 * record existing.
 */
export function registerAuditHooks(app: App, audit: AuditService, ctx: PlatformContext): void {
  app.decorateRequest('auditContext', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const c: AuditRequestContext = { requestId: request.id, ip: request.ip ?? null, principal: request.principal, appended: false };
    request.auditContext = c;
    auditRequestContext.run(c, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const c = request.auditContext;
    if (!c) return done();
    c.principal = request.principal;
    auditRequestContext.run(c, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const c = request.auditContext;
    if (!c || c.appended || !UNSAFE.has(request.method) || reply.statusCode >= 400) return payload;
    if (request.routeOptions.config?.audit === false) return payload;
    const p = request.principal;
    try {
      await audit.append(ctx.db, {
        actor: p ? { kind: p.kind, id: p.id, subject: p.subject } : null,
        actingUnit: p?.unitCode ?? null,
        action: `http.${request.method.toLowerCase()}`,
        target: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        ip: request.ip ?? null,
        requestId: request.id,
        after: request.body ?? undefined,
        meta: { method: request.method, route: request.routeOptions.url ?? null, params: maskDeep({ ...(request.params as Record<string, unknown>) }), status: reply.statusCode },
      });
    } catch (err) {
      request.log.error({ err }, 'generic audit record failed');
    }
    return payload;
  });
}

const ActorSchema = z.object({ kind: z.string().nullable(), id: z.string().nullable(), subject: z.string().nullable() }).nullable();
const RecordSchema = z.object({
  id: z.string(),
  seq: z.number().int().nullable().describe('Số thứ tự trong chuỗi; null khi chưa niêm phong'),
  occurredAt: z.string(),
  actor: ActorSchema,
  actingUnit: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  hash: z.string().nullable(),
});
const CursorSchema = z.object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/, 'phải là mã SHA-256 dạng hex (64 ký tự)') });
const VerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  unsealed: z.number().int(),
  sealed: z.number().int().describe('Số bản ghi vừa được niêm phong trước khi kiểm tra'),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  broken: z
    .object({ seq: z.number().int(), recordId: z.string().nullable(), reason: z.string(), expected: z.string(), found: z.string(), message: z.string() })
    .optional(),
});

export function auditRoutes(app: App, audit: AuditService, db: Queryable): void {
  app.get(
    '/api/v1/audit/records',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'Tra cứu nhật ký kiểm toán (mới nhất trước, phân trang bằng con trỏ)',
        querystring: z.object({
          actorId: z.string().max(100).optional(),
          unitCode: z.string().max(40).optional(),
          action: z.string().max(200).optional().describe('Hành động chính xác, hoặc tiền tố kết thúc bằng * (ví dụ identity.*)'),
          target: z.string().max(300).optional(),
          requestId: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          cursor: z.string().regex(/^\d{1,19}$/, 'con trỏ không hợp lệ').optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(RecordSchema), nextCursor: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from && q.to && new Date(q.from) >= new Date(q.to)) throw problems.badRequest('invalid-range', 'Thời điểm "from" phải trước "to".');
      return audit.list({
        actorId: q.actorId,
        actingUnit: q.unitCode,
        action: q.action,
        target: q.target,
        requestId: q.requestId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        before: q.cursor,
        limit: q.limit,
      });
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { access: { permission: 'audit.verify' } },
      schema: {
        tags: ['audit'],
        summary: 'Niêm phong các bản ghi đang chờ rồi kiểm tra toàn bộ chuỗi băm; báo mắt xích hỏng đầu tiên',
        body: z
          .object({
            seal: z.boolean().default(true).describe('Niêm phong các bản ghi chưa niêm phong trước khi kiểm tra'),
            anchor: CursorSchema.optional().describe('Mốc (seq, hash) đã ghi lại bên ngoài cơ sở dữ liệu, để phát hiện việc cắt phần cuối chuỗi'),
          })
          .nullish(),
        response: { 200: VerifySchema, ...problemResponses },
      },
    },
    async (request) => {
      const body = request.body ?? { seal: true };
      const sealed = body.seal === false ? 0 : (await audit.seal()).sealed;
      const report = await audit.verify({ anchor: body.anchor });
      await audit.append(db, {
        action: 'audit.chain.verify',
        target: 'audit:chain',
        meta: { ok: report.ok, checked: report.checked, sealed, brokenSeq: report.broken?.seq ?? null, headSeq: report.head?.seq ?? null },
      });
      return { ...report, sealed };
    },
  );
}
