import { loadPaymentAccounts, paymentAccountFor, paymentMismatch, type PaymentAccount, type PaymentMismatch, type PaymentRequest } from '../../../platform/payments/index.ts';
import { AVAILABLE_ACTIONS } from '../domain/states.ts';
import * as store from '../store.ts';
import { systemCaller, type DossiersCore } from './core.ts';

export type PaymentOutcome = 'paid' | 'duplicate' | 'unknown-dossier' | 'not-payable' | 'no-account' | PaymentMismatch;

/** Fees paid by bank transfer: the payment request a dossier shows, the webhook's replay check and the payment recorded on the dossier. */
export function createPayments(core: DossiersCore) {
  const { db, now, calendar, applyInTx } = core;
  let accounts: PaymentAccount[] | null = null;
  /** The receiving accounts (configuration, read once: PAYMENT_ACCOUNTS_FILE or the demo account). */
  const paymentAccounts = () => (accounts ??= loadPaymentAccounts(core.ctx.config.env));

  /** What the dossier asks to be paid: the deciding unit's account, the fee, in VND (null when no account is configured). */
  function paymentRequest(d: { decidingUnit: string; fee: { amount: number } }): (PaymentRequest & { account: PaymentAccount }) | null {
    const account = paymentAccountFor(paymentAccounts(), d.decidingUnit);
    return account ? { account, amount: d.fee.amount, currency: 'VND' } : null;
  }

  return {
    paymentRequest,

    /** True when a payment notification event was processed before (the webhook's replay check). */
    paymentEventSeen: (eventId: string) => store.paymentEventSeen(db, eventId),

    /**
     * A bank confirmed a transfer (signature already verified): finds the dossier the description pays,
     * records the notification once (a replay of the same event is refused) and — only when it credits the
     * account the dossier's payment request names, with its amount and currency — the payment on the
     * dossier. Any other notification is kept with the reason it paid nothing.
     */
    async recordBankPayment(n: {
      eventId: string;
      transactionId: string;
      amount: number;
      currency?: string;
      accountNumber: string;
      bankBin?: string;
      description: string;
      raw: unknown;
    }): Promise<{ outcome: PaymentOutcome; code: string | null }> {
      const cal = await calendar();
      const at = now();
      const caller = systemCaller('Cổng thanh toán (VietQR)', 'payment-gateway');
      return db.transaction(async (tx) => {
        const fresh = await store.recordPaymentNotification(tx, { eventId: n.eventId, transactionId: n.transactionId, dossierCode: null, amount: n.amount, outcome: 'received', payload: n.raw });
        if (!fresh) return { outcome: 'duplicate' as const, code: null };
        const written = findDossierCode(n.description);
        const code = (written && (await store.loadDossier(tx, written)) ? written : null) ?? (await store.findPayableDossier(tx, n.description));
        const mark = async (outcome: PaymentOutcome) => {
          await store.setPaymentOutcome(tx, n.eventId, code, outcome);
          return { outcome, code };
        };
        const stored = code ? await store.loadDossier(tx, code) : null;
        if (!stored) return mark('unknown-dossier');
        const d = stored.dossier;
        if (d.fee.paidAt || !(d.fee.amount > 0) || !(AVAILABLE_ACTIONS[d.status] as readonly string[]).includes('record_payment')) return mark('not-payable');
        const request = paymentRequest(d);
        if (!request) return mark('no-account');
        const mismatch = paymentMismatch({ accountNumber: n.accountNumber, bankBin: n.bankBin, amount: n.amount, currency: n.currency ?? 'VND' }, request);
        if (mismatch) return mark(mismatch);
        await applyInTx(tx, d, 'record_payment', { amount: n.amount, method: 'vietqr', reference: n.transactionId }, caller, at, cal);
        return mark('paid');
      });
    },
  };
}

/** The dossier code inside a transfer note (banks upper-case and may strip the dashes' spacing). */
export function findDossierCode(content: string): string | null {
  const m = /([A-Z][0-9]{2}(?:\.[0-9A-Z]{1,10})*)[-\s]?([0-9]{6})[-\s]?([0-9]{4})/.exec(content.toUpperCase());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
