import { z } from 'zod';
import { Problem } from '../../platform/errors.ts';
import { type App, problemResponses } from '../../platform/http.ts';
import type { NotificationsService } from './service.ts';

const InboxMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string().describe('Số điện thoại hoặc thư điện tử đã che'),
  subject: z.string(),
  text: z.string().nullable().describe('Nội dung đã gửi (null khi không còn giải mã được)'),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  dossierCode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});


const MessageSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string().describe('Người nhận đã che (ví dụ n***@example.vn, 09******78)'),
  template: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  dossierCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function notificationRoutes(app: App, service: NotificationsService): void {
  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: { permission: 'notifications.inbox.read' } },
      schema: {
        tags: ['notifications'],
        summary: 'Hộp thư của tôi: tin nhắn SMS và thư điện tử đã gửi cho tôi về hồ sơ của tôi (chỉ người dân, chỉ thư của chính mình)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(100) }),
        response: { 200: z.object({ items: z.array(InboxMessageSchema) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      // the relationship, decided by the policy point: the messages whose owner is the caller (a citizen
      // speaks for themself; an official owns nothing and is refused here)
      const principal = request.authorize('notifications.inbox.read', { owner: request.principal?.subject ?? null });
      const items = await service.inbox(principal.subject, request.query.limit);
      return reply.header('cache-control', 'private, no-store').send({ items });
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      config: { access: { permission: 'notifications.read' } },
      schema: {
        tags: ['notifications'],
        summary: 'Danh sách thông báo (thư điện tử, SMS) đã gửi hoặc đang chờ gửi, người nhận được che',
        querystring: z.object({
          dossier: z.string().min(1).max(60).optional().describe('Mã hồ sơ'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(MessageSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const items = await service.list({ dossierCode: request.query.dossier, limit: request.query.limit });
      // a message tied to a unit is shown only to readers who hold the permission in that unit
      const visible = items.filter((m) => {
        if (!m.unitCode) return true;
        try {
          request.authorize('notifications.read', { unitCode: m.unitCode });
          return true;
        } catch (err) {
          if (err instanceof Problem && err.status === 403) return false;
          throw err;
        }
      });
      return { items: visible };
    },
  );
}
