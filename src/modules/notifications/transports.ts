import { createTransport } from 'nodemailer';
import type { Logger } from '../../platform/logger.ts';
import { maskText } from '../../platform/mask.ts';
import { maskRecipient } from './domain/recipients.ts';

/**
 * Delivery channels. E-mail goes over SMTP (nodemailer) when SMTP_URL is set, otherwise to the log
 * (development); SMS goes through a provider adapter — the only one shipped writes to the log
 * (development). Log lines never hold a recipient or personal data in clear.
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the message (a report as PDF…). */
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
}
export interface SmsMessage {
  to: string;
  text: string;
}
export interface SendResult {
  messageId?: string;
}
export interface EmailTransport {
  readonly name: string;
  send(m: EmailMessage): Promise<SendResult>;
  close?(): void;
}
/** An SMS gateway adapter (a brand-name SMS provider implements this). */
export interface SmsProvider {
  readonly name: string;
  send(m: SmsMessage): Promise<SendResult>;
}

export function smtpTransport(url: string, from: string): EmailTransport {
  // short timeouts keep a dead server from holding the sender loop: fail fast, retry later
  const t = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as Parameters<typeof createTransport>[0], { from });
  return {
    name: 'smtp',
    async send(m) {
      const attachments = m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) }));
      const info = await t.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...(attachments ? { attachments } : {}) });
      return { messageId: info.messageId };
    },
    close: () => t.close(),
  };
}

/** Development e-mail transport: writes a masked copy to the log instead of sending. */
export function logEmailTransport(log: Logger): EmailTransport {
  return {
    name: 'log',
    async send(m) {
      const attachments = m.attachments?.map((a) => `${a.filename} (${a.content.byteLength} byte)`);
      log.info({ channel: 'email', to: maskRecipient('email', m.to), subject: m.subject, text: maskText(m.text), ...(attachments ? { attachments } : {}) }, 'thư điện tử (môi trường phát triển: ghi vào nhật ký, không gửi)');
      return {};
    },
  };
}

/** Development SMS provider: writes a masked copy to the log instead of sending. */
export function logSmsProvider(log: Logger): SmsProvider {
  return {
    name: 'log',
    async send(m) {
      log.info({ channel: 'sms', to: maskRecipient('sms', m.to), text: maskText(m.text) }, 'tin nhắn SMS (môi trường phát triển: ghi vào nhật ký, không gửi)');
      return {};
    },
  };
}
