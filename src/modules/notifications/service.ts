import crypto from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.ts';
import type { Logger } from '../../platform/logger.ts';
import { maskText } from '../../platform/mask.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { type Channel, maskRecipient, normaliseRecipient } from './domain/recipients.ts';
import { afterFailure } from './domain/retry.ts';
import { isTemplateName, renderMessage, type RenderedMessage, TEMPLATE_NAMES, type TemplateData, type TemplateName } from './domain/templates.ts';
import { seal, unseal } from '../../platform/seal.ts';
import type { NotificationSettings } from './settings.ts';
import { attachmentsOf, claimDue, insertAttachments, insertMessage, listMessages, listOwnMessages, markFailed, markRetry, markSent, type MessageRow } from './store.ts';
import type { EmailTransport, SmsProvider } from './transports.ts';

export interface EnqueueInput {
  channel: Channel;
  /** E-mail address or mobile number. Stored encrypted; listed masked. */
  to: string;
  /** One of TEMPLATE_NAMES: received, supplement_needed, result_ready, late_apology, payment_received. */
  template: string;
  /** Template data (see domain/templates.ts), stored encrypted. */
  data: Record<string, unknown>;
  dossierCode?: string;
  /** The unit the message is about (lets listings be limited to the reader's units). */
  unitCode?: string;
  /** The citizen the message is about (personal identification number): they can read it in their inbox. */
  owner?: string | null;
  /**
   * An idempotency key (e.g. "<event id>:<template>:<channel>"): enqueueing the same key again sends
   * nothing more and returns the first message. Event subscribers pass one (delivery is at least once).
   */
  key?: string;
  /** Files sent with an e-mail (ignored for SMS), e.g. a monthly report as PDF. */
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}

export interface EnqueueResult {
  id: string;
  /** 'failed' when the recipient cannot be used on this channel (recorded, never thrown). */
  status: 'pending' | 'failed';
}

export interface MessageView {
  id: string;
  channel: Channel;
  /** Masked: "n***@example.vn", "09******78". */
  recipient: string;
  template: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  dossierCode: string | null;
  unitCode: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A message as its owner reads it in the portal: the words that were sent, the recipient masked. */
export interface InboxMessage {
  id: string;
  channel: Channel;
  recipient: string;
  /** The e-mail subject (for an SMS: what it is about). */
  subject: string;
  /** The words sent (null when they can no longer be decrypted). */
  text: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  dossierCode: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for good (last attempt, permanent error, or undecryptable). */
  failed: number;
}

export interface NotificationsService {
  /** Writes a message in the caller's transaction; sending happens later, so a send failure never blocks the caller. */
  enqueue(tx: Queryable, input: EnqueueInput): Promise<EnqueueResult>;
  /** Sends the messages due at `now` (one batch); exposed for tests and the CLI. */
  deliverDue(now?: Date, limit?: number): Promise<DeliveryReport>;
  /** Messages, newest first, recipients masked. */
  list(filter?: { dossierCode?: string; limit?: number }): Promise<MessageView[]>;
  /**
   * The messages about one citizen (`owner`: their personal identification number, as the caller's
   * relationship was checked), newest first, with the words that were sent.
   */
  inbox(owner: string, limit?: number): Promise<InboxMessage[]>;
  /** Renders a template without sending (previews, tests). */
  preview(template: TemplateName, data: TemplateData, channel: Channel): RenderedMessage;
  readonly templates: readonly TemplateName[];
}

export interface NotificationsDeps {
  db: Db;
  log: Logger;
  settings: NotificationSettings;
  email: EmailTransport;
  sms: SmsProvider;
  /** The clock (tests pass a fixed one). */
  clock?: () => Date;
}

/** What a message was about, when its words cannot be decrypted any more. */
const INBOX_SUBJECTS: Record<string, string> = {
  received: 'Hồ sơ đã được tiếp nhận',
  supplement_needed: 'Hồ sơ cần bổ sung',
  result_ready: 'Hồ sơ đã có kết quả',
  late_apology: 'Thư xin lỗi vì trễ hẹn',
  payment_received: 'Đã nhận tiền phí, lệ phí',
};

/** How long a claimed message is reserved for the instance sending it. */
const LEASE_MS = 5 * 60_000;

/** SMTP replies 5xx are permanent (no mailbox, rejected): retrying would not help. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return maskText(msg).slice(0, 500);
}

function toView(r: MessageRow): MessageView {
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient_masked,
    template: r.template,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.status === 'pending' || r.status === 'sending' ? new Date(r.next_attempt_at).toISOString() : null,
    lastError: r.last_error,
    dossierCode: r.dossier_code,
    unitCode: r.unit_code,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  };
}

export function createNotificationsService(deps: NotificationsDeps): NotificationsService {
  const { db, log, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const key = settings.key;

  async function deliverOne(m: MessageRow, now: Date): Promise<'sent' | 'retrying' | 'failed'> {
    let to: string;
    let data: TemplateData;
    try {
      to = unseal(key, m.recipient_enc, m.id);
      data = JSON.parse(unseal(key, m.data_enc, m.id)) as TemplateData;
    } catch {
      await db.transaction(async (tx) => {
        await markFailed(tx, m.id, now, 'Không giải mã được người nhận: khóa NOTIFICATIONS_ENCRYPTION_KEY đã thay đổi?');
        await emitEvent(tx, { type: 'notifications.message.failed', aggregateType: 'notification', aggregateId: m.id, payload: { channel: m.channel, template: m.template, dossierCode: m.dossier_code, attempts: m.attempts } });
      });
      return 'failed';
    }
    const template = m.template as TemplateName;
    try {
      const msg = renderMessage(template, data, m.channel);
      const attachments = m.channel === 'email' ? await attachmentsOf(db, m.id) : [];
      const res =
        m.channel === 'email'
          ? await deps.email.send({ to, subject: msg.subject, text: msg.text, ...(attachments.length ? { attachments } : {}) })
          : await deps.sms.send({ to, text: msg.text });
      await db.transaction(async (tx) => {
        await markSent(tx, m.id, clock(), res.messageId ?? null);
        await emitEvent(tx, { type: 'notifications.message.sent', aggregateType: 'notification', aggregateId: m.id, payload: { channel: m.channel, template: m.template, dossierCode: m.dossier_code, attempts: m.attempts } });
      });
      return 'sent';
    } catch (err) {
      const text = errorText(err);
      const next = isPermanent(err) ? ({ status: 'failed' } as const) : afterFailure(m.attempts, now, settings.retry);
      log.warn({ notification: m.id, channel: m.channel, attempts: m.attempts, error: text, outcome: next.status }, 'gửi thông báo thất bại');
      await db.transaction(async (tx) => {
        if (next.status === 'failed') {
          await markFailed(tx, m.id, now, text);
          await emitEvent(tx, { type: 'notifications.message.failed', aggregateType: 'notification', aggregateId: m.id, payload: { channel: m.channel, template: m.template, dossierCode: m.dossier_code, attempts: m.attempts } });
        } else await markRetry(tx, m.id, now, next.nextAttemptAt, text);
      });
      return next.status === 'failed' ? 'failed' : 'retrying';
    }
  }

  return {
    templates: TEMPLATE_NAMES,

    async enqueue(tx, input) {
      if (input.channel !== 'email' && input.channel !== 'sms') throw new Error(`Kênh thông báo không hỗ trợ: ${String(input.channel)}`);
      if (!isTemplateName(input.template)) throw new Error(`Mẫu thông báo không tồn tại: ${input.template}`);
      const id = crypto.randomUUID();
      const to = normaliseRecipient(input.channel, input.to ?? '');
      const data = { ...(input.data ?? {}), ...(input.dossierCode && !input.data?.dossierCode ? { dossierCode: input.dossierCode } : {}) };
      const existing = await insertMessage(tx, {
        id,
        channel: input.channel,
        recipient_enc: seal(key, to ?? String(input.to ?? ''), id),
        recipient_masked: to ? maskRecipient(input.channel, to) : maskText(String(input.to ?? '')).slice(0, 60) || '(trống)',
        template: input.template,
        data_enc: seal(key, JSON.stringify(data), id),
        dossier_code: input.dossierCode ?? null,
        unit_code: input.unitCode ?? null,
        owner_subject: input.owner ?? null,
        status: to ? 'pending' : 'failed',
        max_attempts: settings.retry.maxAttempts,
        last_error: to ? null : input.channel === 'email' ? 'Địa chỉ thư điện tử không hợp lệ' : 'Số điện thoại di động không hợp lệ',
        next_attempt_at: clock(),
        source_key: input.key ?? null,
      });
      if (existing) return { id: existing.id, status: existing.status === 'failed' ? 'failed' : 'pending' };
      if (input.channel === 'email' && input.attachments?.length) await insertAttachments(tx, id, input.attachments);
      return { id, status: to ? 'pending' : 'failed' };
    },

    async deliverDue(now = clock(), limit = settings.batch) {
      const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
      const batch = await claimDue(db, now, new Date(now.getTime() + LEASE_MS), limit);
      for (const m of batch) report[await deliverOne(m, now)]++;
      return report;
    },

    async list(filter = {}) {
      const rows = await listMessages(db, { dossierCode: filter.dossierCode, limit: Math.min(Math.max(filter.limit ?? 50, 1), 500) });
      return rows.map(toView);
    },

    async inbox(owner, limit = 100) {
      const rows = await listOwnMessages(db, owner, Math.min(Math.max(limit, 1), 200));
      return rows.map((r) => {
        const template = r.template as TemplateName;
        let rendered: RenderedMessage | null = null;
        try {
          if (isTemplateName(template)) rendered = renderMessage(template, JSON.parse(unseal(key, r.data_enc, r.id)) as TemplateData, r.channel);
        } catch {
          rendered = null; // the key changed: the words cannot be shown, the rest still can
        }
        return {
          id: r.id,
          channel: r.channel,
          recipient: r.recipient_masked,
          subject: rendered?.subject ?? INBOX_SUBJECTS[template] ?? 'Thông báo về hồ sơ',
          text: rendered?.text ?? null,
          status: r.status,
          dossierCode: r.dossier_code,
          createdAt: new Date(r.created_at).toISOString(),
          sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
        };
      });
    },

    preview: renderMessage,
  };
}
