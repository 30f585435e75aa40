/**
 * Payments: VietQR payloads for fees, the bank accounts per unit, and authenticated payment
 * notifications (webhooks). See docs/papers.md ("Thanh toán").
 */
export {
  buildVietQr,
  vietQrPayload,
  parseVietQr,
  stripDiacritics,
  normalisePurpose,
  dossierPaymentPurpose,
  purposeMentions,
  compactReference,
  isKnownBankBin,
  bankOfBin,
  MAX_PURPOSE_LENGTH,
  type VietQrInput,
  type VietQr,
  type ParsedVietQr,
} from './vietqr.ts';
export {
  verifyPaymentNotification,
  signPaymentNotification,
  simulateBankTransfer,
  paymentSignature,
  safeEqual,
  PAYMENT_HEADERS,
  PaymentNotificationSchema,
  DEFAULT_TOLERANCE_SECONDS,
  DEFAULT_FUTURE_SKEW_SECONDS,
  type PaymentNotification,
  type PaymentRejection,
  type VerifyResult,
  type VerifyPaymentInput,
} from './webhook.ts';
export { loadPaymentAccounts, paymentAccountFor, DEMO_PAYMENT_ACCOUNTS, PaymentAccountSchema, type PaymentAccount } from './accounts.ts';
export { paymentMismatch, type PaymentRequest, type PaymentMismatch } from './request.ts';
export {
  paymentWebhookSecrets,
  parseWebhookSecretEnv,
  readDemoWebhookSecret,
  ensureDemoWebhookSecret,
  demoWebhookSecretFile,
  MIN_WEBHOOK_SECRET_LENGTH,
  type WebhookSecrets,
} from './secret.ts';
