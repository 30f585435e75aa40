import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GENESIS_HASH, linkHash, type ChainedRecord } from '../chain-hash/chain-hash.ts';
import { checkAnchor, checkLinks, describeBroken, type StoredLink } from './verify-chain.ts';

function chain(n: number): StoredLink[] {
  const out: StoredLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const record: ChainedRecord = {
      seq: i, id: String(100 + i), occurredAt: `2026-11-25T14:30:0${i % 10}.000000Z`, actorKind: 'official', actorId: 'a', actorSubject: 'u',
      actingUnit: '07900', action: 'x.y.z', target: `t:${i}`, ip: null, requestId: null, beforeDigest: null, afterDigest: null, meta: {},
    };
    const hash = linkHash(prev, record);
    out.push({ record, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('checkLinks', () => {
  it('accepts an intact chain and returns the head', () => {
    const links = chain(5);
    const r = checkLinks(links, { seq: 0, hash: GENESIS_HASH });
    assert.deepEqual(r, { ok: true, checked: 5, last: { seq: 5, hash: links[4]!.hash } });
  });

  it('continues from a cursor, so long chains can be checked page by page', () => {
    const links = chain(6);
    const first = checkLinks(links.slice(0, 3), { seq: 0, hash: GENESIS_HASH });
    assert.ok(first.ok);
    const second = checkLinks(links.slice(3), first.last);
    assert.ok(second.ok);
    assert.equal(second.last.seq, 6);
  });

  it('reports an edited record as hash-mismatch at its seq', () => {
    const links = chain(5);
    links[2]!.record.target = 't:forged';
    const r = checkLinks(links, { seq: 0, hash: GENESIS_HASH });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.broken.seq, 3);
      assert.equal(r.broken.reason, 'hash-mismatch');
      assert.equal(r.checked, 2);
      assert.match(describeBroken(r.broken), /bị sửa/);
    }
  });

  it('reports a deleted record as a missing link', () => {
    const links = chain(5);
    links.splice(1, 1);
    const r = checkLinks(links, { seq: 0, hash: GENESIS_HASH });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual([r.broken.seq, r.broken.reason], [2, 'missing-link']);
  });

  it('reports a record re-hashed after an edit as a broken link to its successor', () => {
    const links = chain(4);
    // the forger edits record 2 and recomputes its own hash: record 3 still points at the old hash
    links[1]!.record.action = 'forged';
    links[1]!.hash = linkHash(links[1]!.prevHash, links[1]!.record);
    const r = checkLinks(links, { seq: 0, hash: GENESIS_HASH });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual([r.broken.seq, r.broken.reason], [3, 'prev-hash-mismatch']);
  });
});

describe('checkAnchor', () => {
  it('accepts the hash recorded at the anchor and reports a truncated or rewritten tail', () => {
    const links = chain(3);
    assert.equal(checkAnchor({ seq: 3, hash: links[2]!.hash }, links[2]!.hash), null);
    const truncated = checkAnchor({ seq: 3, hash: links[2]!.hash }, null);
    assert.equal(truncated?.reason, 'anchor-mismatch');
    assert.match(describeBroken(truncated!), /bị cắt/);
    assert.equal(checkAnchor({ seq: 3, hash: links[2]!.hash }, links[1]!.hash)?.reason, 'anchor-mismatch');
  });
});
