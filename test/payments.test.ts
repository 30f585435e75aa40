import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  buildVietQr,
  DEMO_PAYMENT_ACCOUNTS,
  demoWebhookSecretFile,
  ensureDemoWebhookSecret,
  paymentMismatch,
  paymentWebhookSecrets,
  dossierPaymentPurpose,
  loadPaymentAccounts,
  normalisePurpose,
  parseVietQr,
  paymentAccountFor,
  paymentSignature,
  purposeMentions,
  safeEqual,
  signPaymentNotification,
  simulateBankTransfer,
  stripDiacritics,
  verifyPaymentNotification,
  vietQrPayload,
  type PaymentNotification,
} from '../src/platform/payments/index.ts';

const CODE = 'H15.50.05.13-261008-0975';

describe('VietQR for fees', () => {
  it('strips Vietnamese diacritics before writing the purpose', () => {
    assert.equal(stripDiacritics('Lệ phí đăng ký khai sinh – Đinh Gia Hưng'), 'Le phi dang ky khai sinh – Dinh Gia Hung');
    assert.equal(normalisePurpose('  Lệ phí:  hộ tịch / #1 '), 'Le phi ho tich 1');
  });

  it('builds a payload that parses back with amount, account, purpose and a valid CRC', async () => {
    const qr = await buildVietQr({ bankBin: '970436', accountNumber: '0011001234567', amount: 20000, purpose: 'Lệ phí H15.50' });
    assert.equal(qr.purpose, 'Le phi H15.50');
    assert.match(qr.payload, /^000201/);
    assert.match(qr.payload, /6304[0-9A-F]{4}$/);
    const parsed = parseVietQr(qr.payload);
    assert.deepEqual(parsed, { valid: true, bankBin: '970436', accountNumber: '0011001234567', amount: 20000, purpose: 'Le phi H15.50', crc: qr.payload.slice(-4) });
    assert.match(qr.pngDataUrl, /^data:image\/png;base64,/);
    assert.ok(Buffer.from(qr.pngDataUrl.split(',')[1]!, 'base64').subarray(1, 4).toString() === 'PNG');
    assert.match(qr.svg, /^<svg/);
  });

  it('detects a corrupted payload through its CRC', () => {
    const { payload } = vietQrPayload({ bankBin: '970436', accountNumber: '0011001234567', amount: 20000, purpose: CODE });
    const tampered = payload.replace('5405200005802', '5405900005802'); // amount 20000 → 90000
    assert.notEqual(tampered, payload);
    assert.equal(parseVietQr(tampered).valid, false);
  });

  it('puts the dossier code in the purpose and fits the 25-character limit', () => {
    assert.equal(dossierPaymentPurpose(CODE), CODE, 'the 24-character code alone when the prefix does not fit');
    assert.equal(dossierPaymentPurpose('H15.50-261008-0001'), 'LT H15.50-261008-0001');
    assert.equal(dossierPaymentPurpose('H15.50.05.13.01-261008-0975'), 'H1550051301-261008-0975');
    assert.throws(() => dossierPaymentPurpose('H15.50.05.13.01.02.03-261008-0975'), /quá dài/);
    const { payload } = vietQrPayload({ bankBin: '970436', accountNumber: '0011001234567', amount: 4000, purpose: dossierPaymentPurpose(CODE) });
    assert.equal(parseVietQr(payload).purpose, CODE);
  });

  it('finds the dossier code in a bank description even without punctuation', () => {
    assert.ok(purposeMentions('CT DEN:123456 LT H15.50.05.13-261008-0975', CODE));
    assert.ok(purposeMentions('MBVCB.1234.H15 50 05 13 261008 0975.CT tu 0011', CODE));
    assert.ok(!purposeMentions('LT H15.50.05.13-261008-0976', CODE));
  });

  it('refuses bad input with Vietnamese messages', () => {
    const ok = { bankBin: '970436', accountNumber: '0011001234567', amount: 20000, purpose: 'x' };
    assert.throws(() => vietQrPayload({ ...ok, bankBin: '97043' }), /BIN/);
    assert.throws(() => vietQrPayload({ ...ok, accountNumber: '0011-00' }), /Số tài khoản/);
    assert.throws(() => vietQrPayload({ ...ok, amount: 0 }), /số nguyên dương/);
    assert.throws(() => vietQrPayload({ ...ok, amount: 1000.5 }), /số nguyên dương/);
    assert.throws(() => vietQrPayload({ ...ok, purpose: '   ' }), /không được để trống/);
    assert.throws(() => vietQrPayload({ ...ok, purpose: 'a'.repeat(26) }), /tối đa 25 ký tự/);
  });

  it('takes each unit’s account from configuration, demo accounts marked as demo', () => {
    assert.ok(DEMO_PAYMENT_ACCOUNTS.every((a) => a.demo));
    assert.equal(paymentAccountFor(loadPaymentAccounts({}), 'H15.50')?.demo, true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pay-'));
    try {
      const file = path.join(dir, 'accounts.json');
      fs.writeFileSync(file, JSON.stringify([
        { unitCode: '*', bankBin: '970418', bankName: 'BIDV', accountNumber: '1234567890', accountName: 'UBND TINH' },
        { unitCode: 'H15.50', bankBin: '970405', bankName: 'Agribank', accountNumber: '2222', accountName: 'UBND XA TAN LAC' },
      ]));
      const accounts = loadPaymentAccounts({ PAYMENT_ACCOUNTS_FILE: file });
      assert.equal(paymentAccountFor(accounts, 'H15.50')?.accountNumber, '2222');
      assert.equal(paymentAccountFor(accounts, 'H15.99')?.accountNumber, '1234567890');
      assert.equal(paymentAccountFor(accounts, 'H15.50')?.demo, false);
      fs.writeFileSync(file, JSON.stringify([{ unitCode: 'x', bankBin: '12', bankName: 'B', accountNumber: '1', accountName: 'A' }]));
      assert.throws(() => loadPaymentAccounts({ PAYMENT_ACCOUNTS_FILE: file }), /không hợp lệ: 0\.bankBin: mã BIN/);
      assert.throws(() => loadPaymentAccounts({ PAYMENT_ACCOUNTS_FILE: path.join(dir, 'none.json') }), /Không đọc được/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('payment notification webhook security', () => {
  const secret = 'bi-mat-dung-chung-0123456789';
  const now = new Date('2026-10-08T07:30:00Z');
  const notification: PaymentNotification = {
    eventId: 'evt-0001',
    transactionId: 'FT26281123456789',
    amount: 20000,
    currency: 'VND',
    bankBin: '970405',
    accountNumber: '9999000012345',
    description: `CT DEN:556677 LT ${CODE}`,
    paidAt: '2026-10-08T07:29:58+07:00',
  };
  const neverSeen = () => false;

  it('accepts a correctly signed, fresh, new notification', async () => {
    const signed = signPaymentNotification({ notification, secret, now });
    const seen: string[] = [];
    const r = await verifyPaymentNotification({ ...signed, secret, now, seenNonce: (id) => (seen.push(id), false) });
    assert.deepEqual(r, { ok: true, notification });
    assert.deepEqual(seen, ['evt-0001']);
    // header names are case-insensitive and Buffer bodies work too
    const upper = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toUpperCase(), v]));
    const r2 = await verifyPaymentNotification({ rawBody: Buffer.from(signed.rawBody), headers: upper, secret, now, seenNonce: neverSeen });
    assert.equal(r2.ok, true);
  });

  async function rejection(input: Partial<Parameters<typeof verifyPaymentNotification>[0]>) {
    const signed = signPaymentNotification({ notification, secret, now });
    const r = await verifyPaymentNotification({ ...signed, secret, now, seenNonce: neverSeen, ...input });
    assert.equal(r.ok, false);
    return r as Extract<typeof r, { ok: false }>;
  }

  it('rejects missing headers and a malformed timestamp', async () => {
    const signed = signPaymentNotification({ notification, secret, now });
    const r = await rejection({ headers: { 'x-lt-timestamp': signed.headers['x-lt-timestamp'] } });
    assert.equal(r.reason, 'missing-headers');
    assert.equal(r.problem.status, 401);
    assert.equal(r.problem.code, 'payment-notification-missing-headers');
    assert.equal((await rejection({ headers: { ...signed.headers, 'x-lt-timestamp': '2026-10-08T07:30:00Z' } })).reason, 'bad-timestamp');
  });

  it('rejects a timestamp older than 5 minutes or in the future', async () => {
    const old = signPaymentNotification({ notification, secret, now: new Date(now.getTime() - 301_000) });
    assert.equal((await rejection({ ...old })).reason, 'stale');
    const edge = signPaymentNotification({ notification, secret, now: new Date(now.getTime() - 300_000) });
    assert.equal((await verifyPaymentNotification({ ...edge, secret, now, seenNonce: neverSeen })).ok, true, 'exactly 5 minutes is still accepted');
    const future = signPaymentNotification({ notification, secret, now: new Date(now.getTime() + 60_000) });
    const r = await rejection({ ...future });
    assert.equal(r.reason, 'future');
    assert.match(r.problem.detail!, /tương lai/);
  });

  it('rejects a wrong signature: other secret, changed body, changed timestamp, bad format', async () => {
    const other = signPaymentNotification({ notification, secret: 'khac', now });
    assert.equal((await rejection({ ...other })).reason, 'bad-signature');
    const signed = signPaymentNotification({ notification, secret, now });
    assert.equal((await rejection({ headers: signed.headers, rawBody: signed.rawBody.replace('20000', '2000000') })).reason, 'bad-signature');
    const ts = String(Number(signed.headers['x-lt-timestamp']) - 1);
    assert.equal((await rejection({ headers: { ...signed.headers, 'x-lt-timestamp': ts } })).reason, 'bad-signature');
    const bare = signed.headers['x-lt-signature']!.replace('sha256=', '');
    assert.equal((await rejection({ headers: { ...signed.headers, 'x-lt-signature': bare } })).reason, 'bad-signature');
    assert.equal((await rejection({ secret: '' })).reason, 'bad-signature', 'an empty secret never matches');
  });

  it('accepts either secret during a rotation', async () => {
    const signed = signPaymentNotification({ notification, secret: 'moi', now });
    const r = await verifyPaymentNotification({ ...signed, secret: ['cu', 'moi'], now, seenNonce: neverSeen });
    assert.equal(r.ok, true);
  });

  it('rejects a signed body that is not a notification', async () => {
    for (const body of ['khong phai json', JSON.stringify({ ...notification, amount: -5 }), JSON.stringify({ ...notification, eventId: undefined })]) {
      const signed = signPaymentNotification({ notification: body, secret, now });
      const r = await rejection({ ...signed });
      assert.equal(r.reason, 'malformed-body');
      assert.equal(r.problem.status, 400);
    }
  });

  it('rejects a replay of an event id already seen (async store)', async () => {
    const store = new Set<string>();
    const seenNonce = async (id: string) => {
      const had = store.has(id);
      store.add(id);
      return had;
    };
    const signed = signPaymentNotification({ notification, secret, now });
    assert.equal((await verifyPaymentNotification({ ...signed, secret, now, seenNonce })).ok, true);
    const again = await verifyPaymentNotification({ ...signed, secret, now, seenNonce });
    assert.equal(again.ok, false);
    assert.equal((again as { reason: string }).reason, 'replayed');
    assert.equal((again as { problem: { status: number } }).problem.status, 409);
  });

  it('does not call the replay store before the signature is checked', async () => {
    let called = false;
    const other = signPaymentNotification({ notification, secret: 'khac', now });
    await verifyPaymentNotification({ ...other, secret, now, seenNonce: () => (called = true) });
    assert.equal(called, false);
  });

  it('signs as documented: HMAC-SHA256 over "timestamp.rawBody"', () => {
    // fixed vector, computed independently: echo -n '1791443400.{"a":1}' | openssl dgst -sha256 -hmac s
    const expected = 'd55bc035e36183aa7282c25fd799c602a591b26e7c386db1540d44c5504c7cfc';
    assert.equal(paymentSignature('s', '1791443400', '{"a":1}'), expected);
    assert.equal(paymentSignature('s', '1791443400', Buffer.from('{"a":1}')), expected);
    assert.ok(safeEqual('abc', 'abc'));
    assert.ok(!safeEqual('abc', 'abd'));
    assert.ok(!safeEqual('abc', 'abcd'));
  });

  it('the bank simulator produces notifications the verifier accepts and that name the dossier', async () => {
    const sim = simulateBankTransfer({ dossierCode: CODE, amount: 20000, accountNumber: '9999000012345', bankBin: '970405', secret, now });
    const r = await verifyPaymentNotification({ rawBody: sim.rawBody, headers: sim.headers, secret, now, seenNonce: neverSeen });
    assert.equal(r.ok, true);
    assert.ok(r.ok && purposeMentions(r.notification.description, CODE));
  });
});

describe('a notification pays only the payment request it matches', () => {
  const request = { account: { bankBin: '970405', accountNumber: '9999000012345' }, amount: 20000, currency: 'VND' as const };
  const n = { accountNumber: '9999000012345', bankBin: '970405', amount: 20000, currency: 'VND' };

  it('accepts the requested account, amount and currency (account numbers as banks print them)', () => {
    assert.equal(paymentMismatch(n, request), null);
    assert.equal(paymentMismatch({ ...n, accountNumber: '9999 0000 12345' }, request), null);
    assert.equal(paymentMismatch({ ...n, bankBin: undefined }, request), null, 'a bank that does not say its BIN');
  });

  it('refuses a transfer to another account, at another bank, in another currency or of another amount', () => {
    assert.equal(paymentMismatch({ ...n, accountNumber: '0011001234567' }, request), 'account-mismatch');
    assert.equal(paymentMismatch({ ...n, bankBin: '970436' }, request), 'account-mismatch');
    assert.equal(paymentMismatch({ ...n, currency: 'USD' }, request), 'currency-mismatch');
    assert.equal(paymentMismatch({ ...n, amount: 2000 }, request), 'amount-mismatch');
    assert.equal(paymentMismatch({ ...n, amount: 2_000_000 }, request), 'amount-mismatch');
  });
});

describe('the webhook secret: never built in', () => {
  it('is off without PAYMENT_WEBHOOK_SECRET and without a generated demo secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pay-secret-'));
    try {
      assert.deepEqual(paymentWebhookSecrets(dir, {}), { secrets: [], source: 'none' });
      assert.deepEqual(paymentWebhookSecrets(dir, { PAYMENT_WEBHOOK_SECRET: 'khoa-moi-0123456789, khoa-cu-0123456789' }), {
        secrets: ['khoa-moi-0123456789', 'khoa-cu-0123456789'],
        source: 'env',
      });
      assert.throws(() => paymentWebhookSecrets(dir, { PAYMENT_WEBHOOK_SECRET: 'ngan' }), /PAYMENT_WEBHOOK_SECRET: .*ít nhất 16 ký tự/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the demo generates a random one into DATA_DIR once (0600), used when the environment gives none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pay-secret-'));
    try {
      const a = ensureDemoWebhookSecret(dir);
      assert.ok(a.length >= 32);
      assert.equal(ensureDemoWebhookSecret(dir), a, 'kept on later starts');
      assert.equal(fs.statSync(demoWebhookSecretFile(dir)).mode & 0o777, 0o600);
      assert.deepEqual(paymentWebhookSecrets(dir, {}), { secrets: [a], source: 'demo' });
      assert.equal(paymentWebhookSecrets(dir, { PAYMENT_WEBHOOK_SECRET: 'khoa-that-0123456789' }).source, 'env', 'the environment wins');
      const other = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-pay-secret-'));
      assert.notEqual(ensureDemoWebhookSecret(other), a, 'every installation its own');
      fs.rmSync(other, { recursive: true, force: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
