import fs from 'node:fs';
import { z } from 'zod';

/**
 * The bank account that receives each unit's fees is configuration, not data entered in the app:
 * a JSON file named by PAYMENT_ACCOUNTS_FILE (a list of accounts), or the demo accounts below, which
 * are marked `demo: true` and must never receive real money.
 */
export const PaymentAccountSchema = z.object({
  /** The unit's code, or "*" for the province-wide default. */
  unitCode: z.string().min(1),
  bankBin: z.string().regex(/^\d{6}$/, 'mã BIN ngân hàng gồm 6 chữ số'),
  bankName: z.string().min(1),
  accountNumber: z.string().regex(/^[A-Za-z0-9]{1,19}$/, 'số tài khoản gồm chữ và số, tối đa 19 ký tự'),
  /** The account holder as the bank shows it (upper case, no diacritics). */
  accountName: z.string().min(1),
  demo: z.boolean().default(false),
});
export type PaymentAccount = z.infer<typeof PaymentAccountSchema>;

/** Demo accounts (fictitious numbers at a real bank's BIN so that banking apps parse the QR). */
export const DEMO_PAYMENT_ACCOUNTS: PaymentAccount[] = [
  { unitCode: '*', bankBin: '970405', bankName: 'Agribank (DEMO)', accountNumber: '9999000012345', accountName: 'TAI KHOAN DEMO LIEN THONG', demo: true },
];

/** Reads the accounts file (zod-validated, Vietnamese errors) or returns the demo accounts. */
export function loadPaymentAccounts(env: Readonly<Record<string, string | undefined>>): PaymentAccount[] {
  const file = env.PAYMENT_ACCOUNTS_FILE;
  if (!file) return DEMO_PAYMENT_ACCOUNTS;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Không đọc được tệp tài khoản thu phí PAYMENT_ACCOUNTS_FILE=${file}: ${(err as Error).message}`);
  }
  const r = z.array(PaymentAccountSchema).min(1).safeParse(raw);
  if (!r.success) throw new Error(`Tệp tài khoản thu phí không hợp lệ: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The account of a unit, falling back to the province-wide default ("*"); null when there is none. */
export function paymentAccountFor(accounts: PaymentAccount[], unitCode: string): PaymentAccount | null {
  return accounts.find((a) => a.unitCode === unitCode) ?? accounts.find((a) => a.unitCode === '*') ?? null;
}
