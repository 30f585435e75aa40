import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { canonicalJson, checkExchangeLinks, digest, entryHash, GENESIS, signHash, type ExchangeEntry, type SealedEntry } from './exchange-chain.ts';

const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
const keys = new Map([['k1', { publicKey, lastSeq: null as number | null }]]);

function chain(n: number): SealedEntry[] {
  const out: SealedEntry[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const entry: ExchangeEntry = { seq, id: `id-${seq}`, occurredAt: `2026-12-02T10:00:0${seq}.000Z`, system: 'dvcqg', direction: 'outbound', clientId: null, operation: 'dvcqg.dossiers.status', requestDigest: digest(`{"n":${seq}}`), responseDigest: null, status: 200 };
    const hash = entryHash(prev, entry);
    out.push({ entry, prevHash: prev, hash, keyId: 'k1', signature: signHash(hash, privateKey) });
    prev = hash;
  }
  return out;
}

describe('exchange chain', () => {
  it('canonical JSON sorts keys at every level', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
  });
  it('accepts an intact chain', () => {
    const r = checkExchangeLinks(chain(4), { seq: 0, hash: GENESIS }, keys);
    assert.equal(r.ok, true);
    assert.equal(r.checked, 4);
  });
  it('finds a removed, an edited, a re-hashed and an unknown-key entry', () => {
    const removed = chain(4).filter((l) => l.entry.seq !== 2);
    assert.deepEqual(checkExchangeLinks(removed, { seq: 0, hash: GENESIS }, keys), { ok: false, checked: 1, broken: { seq: 2, reason: 'missing-entry' } });
    const edited = chain(4);
    edited[2]!.entry.status = 500;
    assert.equal((checkExchangeLinks(edited, { seq: 0, hash: GENESIS }, keys) as { broken: { reason: string } }).broken.reason, 'hash-mismatch');
    const rehashed = chain(4);
    rehashed[2]!.entry.status = 500;
    rehashed[2]!.hash = entryHash(rehashed[2]!.prevHash, rehashed[2]!.entry);
    assert.deepEqual((checkExchangeLinks(rehashed.slice(0, 3), { seq: 0, hash: GENESIS }, keys) as { broken: unknown }).broken, { seq: 3, reason: 'bad-signature' });
    const foreign = chain(2);
    foreign[1]!.keyId = 'k2';
    assert.equal((checkExchangeLinks(foreign, { seq: 0, hash: GENESIS }, keys) as { broken: { reason: string } }).broken.reason, 'unknown-key');
  });
  it('accepts a retired key for the entries up to its last one only', () => {
    const retired = new Map([['k1', { publicKey, lastSeq: 3 }]]);
    assert.equal(checkExchangeLinks(chain(3), { seq: 0, hash: GENESIS }, retired).ok, true);
    assert.deepEqual((checkExchangeLinks(chain(4), { seq: 0, hash: GENESIS }, retired) as { broken: unknown }).broken, { seq: 4, reason: 'retired-key' });
  });
});
