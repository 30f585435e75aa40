import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bankOfBin } from '../src/platform/payments/index.ts';
import { BANK_APPS, bankAppLink } from '../web/src/lib/bank-apps.ts';

describe('links that open a bank app with the transfer filled in (VietQR deeplinks)', () => {
  it('follows the documented format: app id, amount in digits, content, account@bank kept with its @', () => {
    const link = bankAppLink({ appId: 'mb' }, { accountNumber: '9999000012345', bankCode: 'VBA', amount: 8000, content: 'LT H40.27 261202 0001', accountName: 'TAI KHOAN DEMO', returnUrl: 'https://dvc.example.vn/ho-so/X/thanh-toan' });
    assert.equal(link, 'https://dl.vietqr.io/pay?app=mb&am=8000&tn=LT+H40.27+261202+0001&ba=9999000012345@vba&bn=TAI+KHOAN+DEMO&url=https://dvc.example.vn/ho-so/X/thanh-toan');
  });

  it('lists each app once, with the apps whose filling-in VietQR announces marked', () => {
    assert.equal(new Set(BANK_APPS.map((a) => a.appId)).size, BANK_APPS.length);
    assert.deepEqual(BANK_APPS.filter((a) => a.autofill).map((a) => a.appId).sort(), ['acb', 'bidv', 'icb', 'mb', 'ocb']);
  });

  it("names the receiving bank from its NAPAS BIN, with the lower-case code the link's account part needs", () => {
    assert.deepEqual(bankOfBin('970405'), { name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam', shortName: 'Agribank', code: 'vba' });
    assert.equal(bankOfBin('000000'), null);
  });
});
