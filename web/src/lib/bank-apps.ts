/**
 * Links that open a Vietnamese bank's app with the transfer filled in, for a citizen paying on the same
 * phone (a QR code cannot be scanned by the phone showing it).
 *
 * Source: VietQR.io's deeplink service (https://www.vietqr.io/deeplink, "Deeplink App ngân hàng"):
 *   https://dl.vietqr.io/pay?app={appId}&am={amount}&tn={content}&ba={account}@{bankCode}&bn={name}&url={return}
 * `app` is the app id of VietQR's app directories (https://api.vietqr.io/v2/android-app-deeplinks and
 * .../ios-app-deeplinks), not the bank's code; `ba` keeps its '@' unencoded; `url` is left as written.
 * `autofill` marks the apps whose filling-in VietQR's changelog announces (https://www.vietqr.io/changelog:
 * OCB OMNI 2.12, ACB ONE 2.15, BIDV SmartBanking 2.16, VietinBank iPay 2.17, MB Bank 2.18); the other
 * apps listed open on their transfer screen and the citizen pastes the account and content (the page's
 * copy buttons). The list is the most used apps of that directory; docs/web.md says how to extend it.
 */
export interface BankApp {
  appId: string;
  name: string;
  autofill: boolean;
}

export const BANK_APPS: readonly BankApp[] = [
  { appId: 'vba', name: 'Agribank', autofill: false },
  { appId: 'bidv', name: 'BIDV SmartBanking', autofill: true },
  { appId: 'vcb', name: 'Vietcombank', autofill: false },
  { appId: 'icb', name: 'VietinBank iPay', autofill: true },
  { appId: 'mb', name: 'MB Bank', autofill: true },
  { appId: 'tcb', name: 'Techcombank', autofill: false },
  { appId: 'acb', name: 'ACB ONE', autofill: true },
  { appId: 'ocb', name: 'OCB OMNI', autofill: true },
];

/** Query encoding as the deeplink service expects it: spaces as '+', everything else percent-encoded. */
function q(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+');
}

/** The deeplink that opens `app` with the transfer filled in. */
export function bankAppLink(app: Pick<BankApp, 'appId'>, t: { accountNumber: string; bankCode: string; amount: number; content: string; accountName?: string; returnUrl?: string }): string {
  const parts = [`app=${q(app.appId)}`, `am=${Math.round(t.amount)}`, `tn=${q(t.content)}`, `ba=${q(t.accountNumber)}@${q(t.bankCode.toLowerCase())}`];
  if (t.accountName) parts.push(`bn=${q(t.accountName)}`);
  if (t.returnUrl) parts.push(`url=${t.returnUrl}`);
  return `https://dl.vietqr.io/pay?${parts.join('&')}`;
}
