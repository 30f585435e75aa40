import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { notificationRoutes } from './http.ts';
import { createNotificationsService, type NotificationsService } from './service.ts';
import { loadNotificationSettings } from './settings.ts';
import { logEmailTransport, logSmsProvider, smtpTransport, type EmailTransport, type SmsProvider } from './transports.ts';
import { runEvery } from '../../platform/schedule.ts';

export type { NotificationsService, EnqueueInput, EnqueueResult, MessageView, InboxMessage, DeliveryReport } from './service.ts';
export type { TemplateName, TemplateData, RenderedMessage } from './domain/templates.ts';
export { TEMPLATE_NAMES, renderMessage } from './domain/templates.ts';
export type { EmailTransport, SmsProvider, EmailMessage, SmsMessage } from './transports.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    notifications: NotificationsService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Transports chosen at creation (kept to close them on shutdown). */
const transports = new WeakMap<object, { email: EmailTransport; sms: SmsProvider; pollMs: number }>();

/**
 * Module `notifications`: e-mail (SMTP) and SMS messages from Vietnamese templates, written to an outbox
 * table in the caller's transaction (`ctx.services.notifications.enqueue(tx, …)`) and delivered by a
 * sender loop with retries and exponential back-off. See docs/notifications.md.
 */
export const notificationsModule: AppModule = {
  name: 'notifications',
  provides: 'notifications',
  migrationsDir: path.join(here, 'migrations'),
  permissions: {
    'notifications.read': ['receiving_officer', 'leader', 'security_officer'],
    /** My own inbox: what was sent to me about my dossiers (a relationship: the citizen's own messages). */
    'notifications.inbox.read': ['citizen'],
  },
  create(ctx) {
    const settings = loadNotificationSettings(ctx.config.dataDir, ctx.config.env);
    const email = settings.smtpUrl ? smtpTransport(settings.smtpUrl, settings.mailFrom) : logEmailTransport(ctx.log);
    const sms = logSmsProvider(ctx.log);
    ctx.services.notifications = createNotificationsService({ db: ctx.db, log: ctx.log, settings, email, sms });
    transports.set(ctx.services.notifications, { email, sms, pollMs: settings.pollMs });
  },
  routes(app, ctx) {
    notificationRoutes(app, ctx.services.notifications!);
  },
  async startupNotes(ctx) {
    const t = transports.get(ctx.services.notifications!);
    if (!t) return [];
    const notes: string[] = [];
    if (t.email.name === 'log') notes.push('Thông báo: chưa đặt SMTP_URL, thư điện tử được ghi vào nhật ký (đã che thông tin cá nhân) thay vì gửi.');
    if (t.sms.name === 'log') notes.push('Thông báo: SMS được ghi vào nhật ký (môi trường phát triển), chưa nối nhà cung cấp SMS.');
    return notes;
  },
  async start(ctx) {
    const service = ctx.services.notifications!;
    const t = transports.get(service);
    let stopped = false;
    const stop = runEvery({
      everyMs: t?.pollMs ?? 5000,
      immediately: true,
      // drain what is due, one batch at a time (a round started before stop() finishes its batch)
      job: async () => {
        for (let i = 0; i < 50; i++) {
          const r = await service.deliverDue();
          if (stopped || r.sent + r.retrying + r.failed === 0) break;
        }
      },
      onError: (err) => ctx.log.error({ err }, 'vòng gửi thông báo gặp lỗi'),
    });
    return async () => {
      stopped = true;
      await stop();
      t?.email.close?.();
    };
  },
};
