import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../../platform/errors.ts';
import { ProblemSchema, problemResponses, type App } from '../../../platform/http.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import { bankOfBin, buildVietQr, dossierPaymentPurpose, paymentWebhookSecrets, verifyPaymentNotification } from '../../../platform/payments/index.ts';
import { PaymentInfoSchema } from '../schemas.ts';
import type { DossiersService } from '../service.ts';
import { CodeParam, TAG, callerOf } from './common.ts';

/** The webhook is off until a secret exists (PAYMENT_WEBHOOK_SECRET, or the one the demo generated). */
function webhookOff(): Problem {
  return new Problem(
    503,
    'payment-webhook-not-configured',
    'Chưa bật nhận thông báo thanh toán',
    'Máy chủ chưa có khóa xác thực thông báo thanh toán của ngân hàng: đặt PAYMENT_WEBHOOK_SECRET (bản demo tự tạo khóa trong DATA_DIR/secrets/payments.json).',
  );
}

/** The fee of a dossier with its VietQR code, and the bank's payment webhook. */
export async function dossierPaymentRoutes(app: App, ctx: PlatformContext, service: DossiersService): Promise<void> {
  // fail at start-up on a malformed PAYMENT_WEBHOOK_SECRET, not on the first notification
  paymentWebhookSecrets(ctx.config.dataDir, ctx.config.env);

  app.get(
    '/api/v1/dossiers/:code/payment',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Phí, lệ phí của hồ sơ và mã VietQR để chuyển khoản', params: CodeParam, response: { 200: PaymentInfoSchema, ...problemResponses } },
    },
    async (request) => {
      const d = await service.get(request.params.code, callerOf(request), 'payment');
      const purpose = dossierPaymentPurpose(d.code);
      const req = service.paymentRequest(d);
      const due = d.fee.amount > 0 && !d.fee.paid;
      const bank = req ? bankOfBin(req.account.bankBin) : null;
      const qr = due && req ? await buildVietQr({ bankBin: req.account.bankBin, accountNumber: req.account.accountNumber, amount: req.amount, purpose }) : null;
      return {
        code: d.code,
        amount: d.fee.amount,
        paid: d.fee.paid,
        paidAt: d.fee.paidAt,
        receiptNo: d.fee.receiptNo,
        transferNote: purpose,
        vietqr:
          qr && req
            ? {
                payload: qr.payload,
                bankBin: req.account.bankBin,
                bankName: req.account.bankName ?? bank?.shortName ?? req.account.bankBin,
                bankFullName: bank?.name ?? null,
                bankCode: bank?.code ?? null,
                accountNumber: req.account.accountNumber,
                accountName: req.account.accountName,
                demo: req.account.demo,
              }
            : null,
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
          description:
            'Chỉ ghi nhận đã nộp khi giao dịch chuyển vào đúng tài khoản, đúng số tiền và đơn vị tiền của yêu cầu thanh toán của hồ sơ; nếu không, `outcome` nêu lý do (`account-mismatch`, `amount-mismatch`, `currency-mismatch`, `unknown-dossier`, `not-payable`, `no-account`). Tắt (503 `payment-webhook-not-configured`) cho đến khi có khóa.',
          response: { 200: z.object({ outcome: z.string(), dossierCode: z.string().nullable() }), ...problemResponses, 503: ProblemSchema },
        },
      },
      async (request) => {
        const { secrets } = paymentWebhookSecrets(ctx.config.dataDir, ctx.config.env);
        if (!secrets.length) throw webhookOff();
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
        const r = await service.recordBankPayment({ ...n, raw: n });
        if (r.outcome === 'duplicate') throw new Problem(409, 'payment-notification-replayed', 'Thông báo thanh toán không hợp lệ', 'Thông báo thanh toán này đã được xử lý trước đó.');
        return { outcome: r.outcome, dossierCode: r.code };
      },
    );
  });
}
