import { z } from 'zod';
import { sealKeyFrom } from '../../platform/seal.ts';
import type { RetryPolicy } from './domain/retry.ts';

/**
 * Settings of the notifications module, from the environment (validated, Vietnamese errors):
 *  - SMTP_URL                        smtp://host:port (or smtps://user:pass@host:465); unset → development log transport
 *  - MAIL_FROM                       sender address, default "Liên Thông <no-reply@lienthong.local>"
 *  - SMS_PROVIDER                    'log' (development: writes masked SMS to the log)
 *  - NOTIFY_MAX_ATTEMPTS             default 5
 *  - NOTIFY_RETRY_BASE_SECONDS       first retry delay, doubled each time, default 30
 *  - NOTIFY_RETRY_MAX_SECONDS        cap of the delay, default 3600
 *  - NOTIFY_POLL_MS                  how often the sender loop looks for due messages, default 5000
 *  - NOTIFY_BATCH                    messages per round, default 20
 *  - NOTIFICATIONS_ENCRYPTION_KEY    32 bytes, base64 or hex; unset → generated once in DATA_DIR/secrets/notifications.json
 *    (every instance of a deployment must share it: set it explicitly when running several instances)
 */
const Env = z.object({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'phải là một URL smtp:// hoặc smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('"Liên Thông" <no-reply@lienthong.local>'),
  SMS_PROVIDER: z.enum(['log']).default('log'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().min(0.001).max(86_400).default(30),
  NOTIFY_RETRY_MAX_SECONDS: z.coerce.number().min(0.001).max(7 * 86_400).default(3600),
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  NOTIFY_BATCH: z.coerce.number().int().min(1).max(1000).default(20),
  NOTIFICATIONS_ENCRYPTION_KEY: z.string().optional(),
});

export interface NotificationSettings {
  smtpUrl: string | null;
  mailFrom: string;
  smsProvider: 'log';
  retry: RetryPolicy;
  pollMs: number;
  batch: number;
  key: Buffer;
}

export function loadNotificationSettings(dataDir: string, env: Readonly<Record<string, string | undefined>>): NotificationSettings {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const r = Env.safeParse(clean);
  if (!r.success) {
    throw new Error(`Cấu hình thông báo không hợp lệ:\n${r.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = r.data;
  const key = sealKeyFrom(clean, 'NOTIFICATIONS_ENCRYPTION_KEY', dataDir, 'notifications.json');
  return {
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    smsProvider: e.SMS_PROVIDER,
    retry: { maxAttempts: e.NOTIFY_MAX_ATTEMPTS, baseDelayMs: e.NOTIFY_RETRY_BASE_SECONDS * 1000, maxDelayMs: e.NOTIFY_RETRY_MAX_SECONDS * 1000 },
    pollMs: e.NOTIFY_POLL_MS,
    batch: e.NOTIFY_BATCH,
    key,
  };
}
