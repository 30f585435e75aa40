import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskRecipient, normaliseEmail, normalisePhone, normaliseRecipient } from './recipients.ts';

describe('notification recipients', () => {
  it('normalises Vietnamese mobile numbers', () => {
    assert.equal(normalisePhone('0912 345 678'), '0912345678');
    assert.equal(normalisePhone('+84 912-345-678'), '0912345678');
    assert.equal(normalisePhone('84912345678'), '0912345678');
    assert.equal(normalisePhone('01662345678'), '0362345678', 'old 11-digit prefix renumbered');
    assert.equal(normalisePhone('01992345678'), '0592345678');
    assert.equal(normalisePhone('0612345678'), '0612345678', 'an unknown prefix is not rejected');
    assert.equal(normalisePhone('01012345678'), null, 'not an old mobile prefix');
    assert.equal(normalisePhone('12345'), null);
    assert.equal(normalisePhone('0012345678'), null);
  });
  it('accepts plausible e-mail addresses only', () => {
    assert.equal(normaliseEmail(' nhung.nguyen@example.vn '), 'nhung.nguyen@example.vn');
    assert.equal(normaliseEmail('khong-phai-email'), null);
    assert.equal(normaliseEmail('a@b'), null);
    assert.equal(normaliseEmail('a b@example.vn'), null);
    assert.equal(normaliseRecipient('sms', 'nhung@example.vn'), null);
  });
  it('masks recipients for listings', () => {
    assert.equal(maskRecipient('email', 'nhung.nguyen@example.vn'), 'n***@example.vn');
    assert.equal(maskRecipient('sms', '0912345678'), '09******78');
  });
});
