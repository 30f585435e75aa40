import type { PaymentAccount } from './accounts.ts';
import type { PaymentNotification } from './webhook.ts';

/**
 * What a dossier asked to be paid (the VietQR it showed): into which account, how much, in which currency.
 * A bank notification pays it only when it credits that very account with that very amount: a signed
 * notice of a transfer to another account (another unit's, or the attacker's own) pays nothing.
 */
export interface PaymentRequest {
  account: Pick<PaymentAccount, 'bankBin' | 'accountNumber'>;
  amount: number;
  currency: 'VND';
}

export type PaymentMismatch = 'account-mismatch' | 'currency-mismatch' | 'amount-mismatch';

/** Account numbers as banks print them (spaces, dots or dashes between groups of digits). */
function accountKey(s: string): string {
  return s.replace(/[\s.-]/g, '').toUpperCase();
}

/** Checks a verified notification against the payment request: null when it pays it, else why not. */
export function paymentMismatch(n: Pick<PaymentNotification, 'accountNumber' | 'bankBin' | 'amount' | 'currency'>, req: PaymentRequest): PaymentMismatch | null {
  if (accountKey(n.accountNumber) !== accountKey(req.account.accountNumber)) return 'account-mismatch';
  if (n.bankBin && n.bankBin !== req.account.bankBin) return 'account-mismatch';
  if ((n.currency ?? 'VND') !== req.currency) return 'currency-mismatch';
  if (n.amount !== req.amount) return 'amount-mismatch';
  return null;
}
