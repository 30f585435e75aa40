import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, problems } from '../../../platform/errors.ts';
import { ProblemSchema, problemResponses, type App } from '../../../platform/http.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import { buildVietQr, dossierPaymentPurpose, loadPaymentAccounts, paymentAccountFor, verifyPaymentNotification } from '../../../platform/payments/index.ts';
import { PaymentInfoSchema } from '../schemas.ts';
import type { DossiersService } from '../service.ts';
import { CodeParam, TAG, callerOf } from './common.ts';

function webhookSecrets(ctx: PlatformContext): string[] {
  const env = process.env.PAYMENT_WEBHOOK_SECRET;
  if (env) return env.split(',').map((s) => s.trim()).filter(Boolean);
  if (ctx.config.production) return [];
  return [DEMO_WEBHOOK_SECRET];
}

/** Demo secret of the bank webhook (never used in production: set PAYMENT_WEBHOOK_SECRET). */
export const DEMO_WEBHOOK_SECRET = 'lienthong-demo-webhook-secret';

/** The fee of a dossier with its VietQR code, and the bank's payment webhook. */
export async function dossierPaymentRoutes(app: App, ctx: PlatformContext, service: DossiersService): Promise<void> {
  // ---------------------------------------------------------------- payments
  app.get(
    '/api/v1/dossiers/:code/payment',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Phí, lệ phí của hồ sơ và mã VietQR để chuyển khoản', params: CodeParam, response: { 200: PaymentInfoSchema, ...problemResponses } },
    },
    async (request) => {
      const d = await service.get(request.params.code, callerOf(request));
      const purpose = dossierPaymentPurpose(d.code);
      const account = paymentAccountFor(loadPaymentAccounts(), d.decidingUnit);
      const due = d.fee.amount > 0 && !d.fee.paid;
      const qr = due && account ? await buildVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: d.fee.amount, purpose }) : null;
      return {
        code: d.code,
        amount: d.fee.amount,
        paid: d.fee.paid,
        paidAt: d.fee.paidAt,
        receiptNo: d.fee.receiptNo,
        transferNote: purpose,
        vietqr: qr && account ? { payload: qr.payload, bankBin: account.bankBin, accountNumber: account.accountNumber, accountName: account.accountName, demo: account.demo } : null,
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
          response: { 200: z.object({ outcome: z.string(), dossierCode: z.string().nullable() }), ...problemResponses, 503: ProblemSchema },
        },
      },
      async (request) => {
        const secrets = webhookSecrets(ctx);
        if (!secrets.length) throw problems.unavailable('Chưa cấu hình PAYMENT_WEBHOOK_SECRET.');
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
        const r = await service.recordBankPayment({ eventId: n.eventId, transactionId: n.transactionId, amount: n.amount, description: n.description, raw: n });
        if (r.outcome === 'duplicate') throw new Problem(409, 'payment-notification-replayed', 'Thông báo thanh toán không hợp lệ', 'Thông báo thanh toán này đã được xử lý trước đó.');
        return { outcome: r.outcome, dossierCode: r.code };
      },
    );
  });

}
