import { z } from 'zod';
import type { Principal } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import { type App, problemResponses } from '../../platform/http.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { EVENTS_PERMISSIONS } from './permissions.ts';
import { webhookSubscriberName, type WebhooksService } from './webhooks.ts';

const SubscriberSchema = z.object({
  name: z.string(),
  types: z.array(z.string()),
  registered: z.boolean().describe('Còn được đăng ký trong tiến trình này (false: chỉ còn trạng thái cũ trong cơ sở dữ liệu)'),
  delivered: z.number().int(),
  retrying: z.number().int(),
  waiting: z.number().int(),
  dead: z.number().int(),
  lastDeliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const ParkedSchema = z.object({
  subscriber: z.string(),
  seq: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  aggregateType: z.string(),
  aggregateId: z.string(),
  status: z.enum(['retry', 'waiting', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  occurredAt: z.string(),
});

const DeliverySchema = z.object({
  id: z.number().int(),
  subscriber: z.string(),
  seq: z.number().int(),
  eventId: z.string(),
  type: z.string(),
  attempt: z.number().int(),
  outcome: z.enum(['delivered', 'failed', 'dead', 'replayed', 'rewound']),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  at: z.string(),
});

const WebhookSchema = z.object({
  id: z.string(),
  clientId: z.string().nullable().describe('Hệ thống kết nối sở hữu đăng ký (null: của tỉnh)'),
  url: z.string(),
  types: z.array(z.string()),
  description: z.string(),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  retrying: z.number().int(),
  dead: z.number().int(),
  lastDeliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const SubscriberName = z.string().min(1).max(140).regex(/^[a-z0-9][a-z0-9._:-]*$/i);

/**
 * Whose webhook subscriptions a caller manages: a client system its own (a relationship: the
 * subscription's client id is the caller's), an official holding the permission every one (null).
 */
function ownerScope(p: Principal): string | null {
  return p.kind === 'api_client' ? p.id : null;
}

export function eventRoutes(app: App, ctx: PlatformContext, webhooks: WebhooksService): void {
  const relay = ctx.events;
  const audit = () => requireService(ctx, 'audit', 'events');
  const admin = { access: { permission: EVENTS_PERMISSIONS.manage } };

  app.get(
    '/api/v1/events/subscribers',
    { config: admin, schema: { tags: ['events'], summary: 'Các bên nhận sự kiện (trong tiến trình, webhook, NATS) và trạng thái chuyển phát', response: { 200: z.object({ items: z.array(SubscriberSchema) }), ...problemResponses } } },
    async () => ({ items: await relay.status() }),
  );

  app.get(
    '/api/v1/events/parked',
    {
      config: admin,
      schema: {
        tags: ['events'],
        summary: 'Sự kiện chưa chuyển được: thư chết (mặc định), đang chờ thử lại, hoặc xếp sau một sự kiện lỗi',
        querystring: z.object({ subscriber: SubscriberName.optional(), status: z.enum(['dead', 'retry', 'waiting', 'all']).default('dead'), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(ParkedSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await relay.parked(request.query) }),
  );

  app.get(
    '/api/v1/events/deliveries',
    {
      config: admin,
      schema: {
        tags: ['events'],
        summary: 'Nhật ký chuyển phát sự kiện (mỗi lần thử, kết quả, thời gian), mới nhất trước',
        querystring: z.object({ subscriber: SubscriberName.optional(), eventId: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ items: z.array(DeliverySchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await relay.deliveries(request.query) }),
  );

  app.post(
    '/api/v1/events/subscribers/:name/replay',
    {
      config: admin,
      schema: {
        tags: ['events'],
        summary: 'Chuyển lại thư chết của một bên nhận (một sự kiện theo seq, hoặc tất cả); hoặc chuyển lại mọi sự kiện từ một thời điểm',
        params: z.object({ name: SubscriberName }),
        body: z.object({ seq: z.number().int().positive().optional(), from: z.string().datetime({ offset: true }).optional() }).refine((b) => !(b.seq && b.from), { message: 'Chỉ chọn một trong seq hoặc from' }),
        response: { 200: z.object({ replayed: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => {
      const { name } = request.params;
      const known = (await relay.status()).some((s) => s.name === name);
      if (!known) throw problems.notFound(`bên nhận sự kiện ${name}`, 'event-subscriber-not-found');
      const replayed = request.body.from ? await relay.rewind(name, new Date(request.body.from)) : await relay.replayDead(name, request.body.seq);
      await audit().append(ctx.db, { action: 'events.subscriber.replay', target: `event-subscriber:${name}`, ip: request.ip, requestId: request.id, before: null, after: null, meta: { seq: request.body.seq ?? null, from: request.body.from ?? null, replayed } });
      return { replayed };
    },
  );

  // ---- webhook subscriptions ------------------------------------------------------------------------
  const hooks = { access: { permission: EVENTS_PERMISSIONS.webhooks } };

  /** The subscription, if the caller manages it (else 404: a client does not learn of others'). */
  const ownedWebhook = async (p: Principal, id: string) => {
    const w = await webhooks.get(id);
    const scope = ownerScope(p);
    if (!w || (scope !== null && w.client_id !== scope)) throw problems.notFound(`đăng ký webhook ${id}`, 'webhook-not-found');
    return w;
  };

  app.get(
    '/api/v1/webhooks',
    { config: hooks, schema: { tags: ['events'], summary: 'Đăng ký webhook: của chính hệ thống kết nối gọi, hoặc tất cả (quản trị tỉnh)', response: { 200: z.object({ items: z.array(WebhookSchema) }), ...problemResponses } } },
    async (request) => {
      const p = request.authorize(EVENTS_PERMISSIONS.webhooks);
      return { items: await webhooks.list(ownerScope(p)) };
    },
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: hooks,
      schema: {
        tags: ['events'],
        summary: 'Đăng ký nhận sự kiện qua webhook (CloudEvents, ký theo Standard Webhooks); khóa ký chỉ hiện một lần',
        body: z.object({
          url: z.string().min(1).max(2000),
          types: z.array(z.string().min(1).max(200).regex(/^[a-z0-9_.]+\*?$/i)).min(1).max(50),
          description: z.string().max(500).optional(),
          clientId: z.string().min(1).max(100).optional().describe('Hệ thống kết nối sở hữu (chỉ quản trị tỉnh đặt; hệ thống kết nối luôn là chính nó)'),
        }),
        response: { 201: WebhookSchema.extend({ secret: z.string().describe('Khóa ký whsec_… — lưu lại, không hiện lại') }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const p = request.authorize(EVENTS_PERMISSIONS.webhooks);
      const scope = ownerScope(p);
      if (scope !== null && request.body.clientId && request.body.clientId !== scope)
        throw problems.forbidden('Hệ thống kết nối chỉ đăng ký webhook cho chính mình.');
      // a client receives only what it could read through the API
      if (p.kind === 'api_client')
        for (const d of ctx.events.publicTypes())
          if (request.body.types.some((t) => d.types.some((x) => t.startsWith(x.replace(/\*$/, ''))))) {
            try {
              request.authorize(d.readPermission);
            } catch {
              throw problems.forbidden(`Hệ thống kết nối cần quyền ${d.readPermission} để nhận các sự kiện này.`);
            }
          }
      const created = await webhooks.create({ ...request.body, clientId: scope ?? request.body.clientId ?? null }, p.id, (tx, v) =>
        audit().append(tx, { action: 'events.webhook.create', target: `webhook:${v.id}`, ip: request.ip, requestId: request.id, before: null, after: { url: v.url, types: v.types, clientId: v.clientId }, meta: {} }),
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      config: hooks,
      schema: { tags: ['events'], summary: 'Hủy một đăng ký webhook', params: z.object({ id: z.string().uuid() }), response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      const p = request.authorize(EVENTS_PERMISSIONS.webhooks);
      const w = await ownedWebhook(p, request.params.id);
      await webhooks.remove(w.id, (tx) =>
        audit().append(tx, { action: 'events.webhook.delete', target: `webhook:${w.id}`, ip: request.ip, requestId: request.id, before: { url: w.url, types: w.types, clientId: w.client_id }, after: null, meta: {} }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/replay',
    {
      config: hooks,
      schema: {
        tags: ['events'],
        summary: 'Chuyển lại các sự kiện của một đăng ký webhook đã thành thư chết (sau khi bên nhận đã sửa lỗi)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ replayed: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => {
      const p = request.authorize(EVENTS_PERMISSIONS.webhooks);
      const w = await ownedWebhook(p, request.params.id);
      return { replayed: await relay.replayDead(webhookSubscriberName(w.id)) };
    },
  );
}
