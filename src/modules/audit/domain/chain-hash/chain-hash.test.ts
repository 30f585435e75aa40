import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digestOf, GENESIS_HASH, linkHash, type ChainedRecord } from './chain-hash.ts';

const record: ChainedRecord = {
  seq: 1,
  id: '1',
  occurredAt: '2026-11-25T14:30:00.123456Z',
  actorKind: 'official',
  actorId: 'a1',
  actorSubject: 'tn.viettri',
  actingUnit: '07900',
  action: 'identity.sign-in',
  target: 'official:a1',
  ip: '127.0.0.1',
  requestId: 'r1',
  beforeDigest: null,
  afterDigest: null,
  meta: { route: '/api/v1/auth/login' },
};

describe('linkHash', () => {
  it('is a 64-hex SHA-256 that depends on the previous hash', () => {
    const h = linkHash(GENESIS_HASH, record);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.notEqual(linkHash('f'.repeat(64), record), h);
  });

  it('changes when any field of the record changes', () => {
    const h = linkHash(GENESIS_HASH, record);
    for (const [k, v] of Object.entries({ seq: 2, actorId: 'a2', action: 'x', ip: '10.0.0.1', occurredAt: '2026-11-25T14:30:00.123457Z', meta: {} })) {
      assert.notEqual(linkHash(GENESIS_HASH, { ...record, [k]: v }), h, k);
    }
  });

  it('does not depend on the order keys were written in', () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as ChainedRecord;
    assert.equal(linkHash(GENESIS_HASH, reordered), linkHash(GENESIS_HASH, record));
  });
});

describe('digestOf', () => {
  it('digests equal values equally and null as null', () => {
    assert.equal(digestOf({ a: 1, b: 2 }), digestOf({ b: 2, a: 1 }));
    assert.notEqual(digestOf({ a: 1 }), digestOf({ a: 2 }));
    assert.equal(digestOf(null), null);
    assert.equal(digestOf(undefined), null);
  });
});
