import { AVAILABLE_ACTIONS } from '../domain/states.ts';
import * as store from '../store.ts';
import { systemCaller, type DossiersCore } from './core.ts';

export type PaymentOutcome = 'paid' | 'duplicate' | 'unknown-dossier' | 'amount-mismatch' | 'not-payable';

/** Fees paid by bank transfer: the webhook's replay check and the payment recorded on the dossier. */
export function createPayments(core: DossiersCore) {
  const { db, now, calendar, applyInTx } = core;

  return {
    /** True when a payment notification event was processed before (the webhook's replay check). */
    paymentEventSeen: (eventId: string) => store.paymentEventSeen(db, eventId),

    /**
     * A bank confirmed a transfer (signature already verified): finds the dossier the description pays,
     * records the notification once (a replay of the same event is refused) and the payment on the dossier.
     */
    async recordBankPayment(n: { eventId: string; transactionId: string; amount: number; description: string; raw: unknown }): Promise<{ outcome: PaymentOutcome; code: string | null }> {
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
        if (d.fee.paidAt || !(AVAILABLE_ACTIONS[d.status] as readonly string[]).includes('record_payment')) return mark('not-payable');
        if (n.amount < d.fee.amount) return mark('amount-mismatch');
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
