import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coveredBy, natsStream, natsSubject, provinceOf, toCloudEvent } from './cloudevents.ts';
import { checkTarget, isInternalAddress } from './targets.ts';

describe('CloudEvents shape', () => {
  const event = { seq: 42, eventId: '0b6f7f3c-1111-4a4a-9b9b-000000000001', type: 'dossiers.dossier.received', aggregateType: 'dossier', aggregateId: 'H25.1-250301-0001', payload: { provinceCode: '25', applicant: { name: 'x' } }, occurredAt: new Date('2026-03-01T01:02:03Z') };

  it('carries ids, type, subject, time and only the given data', () => {
    const ce = toCloudEvent(event, { code: 'H25.1-250301-0001', toStatus: 'received' }, provinceOf(event, undefined));
    assert.deepEqual(ce, {
      specversion: '1.0',
      id: event.eventId,
      source: '/lienthong/25/dossiers',
      type: 'vn.lienthong.dossiers.dossier.received',
      subject: 'dossier/H25.1-250301-0001',
      time: '2026-03-01T01:02:03.000Z',
      datacontenttype: 'application/json',
      lienthongseq: '42',
      data: { code: 'H25.1-250301-0001', toStatus: 'received' },
    });
    assert.ok(!JSON.stringify(ce).includes('applicant'));
  });

  it('takes the province from the payload, else the deployment, else 00', () => {
    assert.equal(provinceOf({ payload: { provinceCode: '25' } }, '01'), '25');
    assert.equal(provinceOf({ payload: {} }, '01'), '01');
    assert.equal(provinceOf({ payload: { provinceCode: 'x' } }, undefined), '00');
  });

  it('names NATS subjects and streams per province', () => {
    assert.equal(natsSubject('25', 'dossiers.dossier.received'), 'lienthong.25.dossiers.dossier.received');
    assert.equal(natsSubject('25', 'a.b c.*'), 'lienthong.25.a.b_c._');
    assert.deepEqual(natsStream('25'), { name: 'LIENTHONG_25', subjects: ['lienthong.25.>'] });
  });

  it('accepts subscriptions only to types declared public', () => {
    const declared = ['dossiers.dossier.*'];
    assert.ok(coveredBy('dossiers.dossier.*', declared));
    assert.ok(coveredBy('dossiers.dossier.received', declared));
    assert.ok(!coveredBy('dossiers.*', declared));
    assert.ok(!coveredBy('notifications.message.sent', declared));
    assert.ok(coveredBy('a.b', ['a.b']) && !coveredBy('a.b.c', ['a.b']));
  });
});

describe('webhook targets', () => {
  it('takes http and https only, without credentials', () => {
    assert.equal(checkTarget('ftp://example.vn/x', { allowPrivate: true }), 'scheme');
    assert.equal(checkTarget('khong phai url', { allowPrivate: true }), 'invalid-url');
    assert.equal(checkTarget('https://u:p@example.vn/x', { allowPrivate: true }), 'credentials');
    assert.equal(checkTarget('https://example.vn/hook', { allowPrivate: false, addresses: ['203.0.113.5'] }), null);
  });

  it('refuses loopback and private targets unless allowed', () => {
    for (const url of ['http://127.0.0.1:8080/h', 'http://localhost/h', 'http://10.1.2.3/h', 'http://192.168.1.1/h', 'http://172.20.0.1/h', 'http://[::1]/h', 'http://169.254.169.254/latest', 'http://[fd00::1]/h'])
      assert.equal(checkTarget(url, { allowPrivate: false }), 'private-address', url);
    assert.equal(checkTarget('http://127.0.0.1:8080/h', { allowPrivate: true }), null);
    assert.equal(checkTarget('https://hook.example.vn/h', { allowPrivate: false, addresses: ['10.0.0.7'] }), 'private-address', 'a name resolving to a private address');
  });

  it('classifies addresses', () => {
    assert.ok(isInternalAddress('100.64.0.1') && isInternalAddress('0.0.0.0') && isInternalAddress('::ffff:127.0.0.1'));
    assert.ok(!isInternalAddress('8.8.8.8') && !isInternalAddress('2001:db8::1') && !isInternalAddress('172.32.0.1'));
  });
});
