import crypto from 'node:crypto';
import { z } from 'zod';
import { Problem } from '../errors.ts';

/**
 * Payment notifications from a bank or payment gateway ("biến động số dư" webhooks), authenticated
 * with a shared secret:
 *
 *   x-lt-timestamp: <unix seconds>
 *   x-lt-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>
 *
 * The receiver rejects a missing or malformed header, a timestamp more than 5 minutes old or ahead of
 * its clock (30 s of skew allowed), a wrong signature (constant-time comparison, several secrets
 * accepted during a rotation), a body that is not a notification, and an event id seen before
 * (replay). The seen-id store belongs to the caller (the dossier module's table): `seenNonce`.
 */
export const PAYMENT_HEADERS = { timestamp: 'x-lt-timestamp', signature: 'x-lt-signature' } as const;
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const DEFAULT_FUTURE_SKEW_SECONDS = 30;

export const PaymentNotificationSchema = z.object({
  /** Unique per notification; a retry of the same notification keeps it. */
  eventId: z.string().min(1).max(100),
  /** The bank's transaction reference. */
  transactionId: z.string().min(1).max(100),
  /** Amount credited, whole đồng. */
  amount: z.number().int().positive(),
  /** ISO 4217 code; the dossier's payment request is in VND (checked against it, not here). */
  currency: z.string().regex(/^[A-Z]{3}$/).default('VND'),
  bankBin: z.string().regex(/^\d{6}$/).optional(),
  accountNumber: z.string().min(1).max(19),
  /** The transfer description as the bank received it (should mention the dossier code). */
  description: z.string().max(500),
  paidAt: z.string().datetime({ offset: true }),
});
export type PaymentNotification = z.infer<typeof PaymentNotificationSchema>;

export type PaymentRejection = 'missing-headers' | 'bad-timestamp' | 'stale' | 'future' | 'bad-signature' | 'malformed-body' | 'replayed';

export type VerifyResult = { ok: true; notification: PaymentNotification } | { ok: false; reason: PaymentRejection; problem: Problem };

export interface VerifyPaymentInput {
  /** The exact bytes received (verify before parsing: re-serialised JSON would not match). */
  rawBody: string | Uint8Array;
  headers: Record<string, string | string[] | undefined>;
  /** The shared secret; several during a rotation (any one may match). */
  secret: string | string[];
  now?: Date;
  toleranceSeconds?: number;
  futureSkewSeconds?: number;
  /** True when this event id was already processed (a replay). Ideally records it atomically. */
  seenNonce: (eventId: string, notification: PaymentNotification) => boolean | Promise<boolean>;
}

const MESSAGES: Record<PaymentRejection, [number, string]> = {
  'missing-headers': [401, 'Thiếu tiêu đề xác thực x-lt-timestamp hoặc x-lt-signature.'],
  'bad-timestamp': [401, 'Tiêu đề x-lt-timestamp phải là số giây Unix.'],
  stale: [401, 'Thông báo thanh toán đã quá hạn (cũ hơn 5 phút).'],
  future: [401, 'Thời điểm của thông báo thanh toán nằm ở tương lai.'],
  'bad-signature': [401, 'Chữ ký của thông báo thanh toán không đúng.'],
  'malformed-body': [400, 'Nội dung thông báo thanh toán không đúng định dạng.'],
  replayed: [409, 'Thông báo thanh toán này đã được xử lý trước đó.'],
};

function reject(reason: PaymentRejection): VerifyResult {
  const [status, detail] = MESSAGES[reason];
  return { ok: false, reason, problem: new Problem(status, `payment-notification-${reason}`, 'Thông báo thanh toán không hợp lệ', detail) };
}

function header(headers: VerifyPaymentInput['headers'], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v[0] : v;
}

/** HMAC-SHA256 over "<timestamp>.<rawBody>", hex. */
export function paymentSignature(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody).digest('hex');
}

/** Constant-time comparison of two strings (digests first, so the lengths do not leak either). */
export function safeEqual(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const db = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, db) && a.length === b.length;
}

export async function verifyPaymentNotification(input: VerifyPaymentInput): Promise<VerifyResult> {
  const ts = header(input.headers, PAYMENT_HEADERS.timestamp);
  const sig = header(input.headers, PAYMENT_HEADERS.signature);
  if (!ts || !sig) return reject('missing-headers');
  if (!/^\d{1,12}$/.test(ts)) return reject('bad-timestamp');
  const nowS = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const age = nowS - Number(ts);
  if (age > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return reject('stale');
  if (-age > (input.futureSkewSeconds ?? DEFAULT_FUTURE_SKEW_SECONDS)) return reject('future');
  const given = sig.startsWith('sha256=') ? sig.slice(7) : '';
  const secrets = Array.isArray(input.secret) ? input.secret : [input.secret];
  let match = false;
  for (const secret of secrets) {
    if (secret && safeEqual(paymentSignature(secret, ts, input.rawBody), given.toLowerCase())) match = true;
  }
  if (!match) return reject('bad-signature');
  let parsed: PaymentNotification;
  try {
    const text = typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
    const r = PaymentNotificationSchema.safeParse(JSON.parse(text));
    if (!r.success) return reject('malformed-body');
    parsed = r.data;
  } catch {
    return reject('malformed-body');
  }
  if (await input.seenNonce(parsed.eventId, parsed)) return reject('replayed');
  return { ok: true, notification: parsed };
}

/** Signs a notification the way a bank would (tests, the demo and the bank simulator). */
export function signPaymentNotification(input: { notification: PaymentNotification | Record<string, unknown> | string; secret: string; now?: Date }): {
  rawBody: string;
  headers: Record<string, string>;
} {
  const rawBody = typeof input.notification === 'string' ? input.notification : JSON.stringify(input.notification);
  const timestamp = String(Math.floor((input.now ?? new Date()).getTime() / 1000));
  return {
    rawBody,
    headers: {
      'content-type': 'application/json',
      [PAYMENT_HEADERS.timestamp]: timestamp,
      [PAYMENT_HEADERS.signature]: `sha256=${paymentSignature(input.secret, timestamp, rawBody)}`,
    },
  };
}

/** A bank's notification for a transfer that pays a dossier's fee (the bank simulator). */
export function simulateBankTransfer(input: { dossierCode: string; amount: number; accountNumber: string; bankBin?: string; secret: string; now?: Date; eventId?: string }) {
  const now = input.now ?? new Date();
  const notification: PaymentNotification = {
    eventId: input.eventId ?? crypto.randomUUID(),
    transactionId: `FT${now.getTime()}${crypto.randomInt(1000, 9999)}`,
    amount: input.amount,
    currency: 'VND',
    ...(input.bankBin ? { bankBin: input.bankBin } : {}),
    accountNumber: input.accountNumber,
    description: `CT DEN:${crypto.randomInt(100000, 999999)} LT ${input.dossierCode}`,
    paidAt: now.toISOString(),
  };
  return { notification, ...signPaymentNotification({ notification, secret: input.secret, now }) };
}
