import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmNationalSync, NATIONAL_SYNC_ACTION, onlyConfirmationsSince } from './national-sync.ts';
import { act, makeDossier, officer, vn } from './testkit.ts';

describe('the national portal confirms a dossier as synchronised', () => {
  const submitted = makeDossier({ channel: 'province_portal' });
  const received = act(submitted, 'receive', {}, officer, vn('2025-11-24 09:30')).next;
  const ack = (version: number) => ({ version, at: vn('2025-11-24 09:31'), nationalId: null });

  it('makes a received dossier synced as a version of its own, changing nothing else', () => {
    const r = confirmNationalSync(received, ack(received.version))!;
    assert.ok(r);
    assert.equal(r.next.syncedToNational, true);
    assert.equal(r.next.version, received.version + 1);
    assert.deepEqual({ ...r.next, syncedToNational: false, version: received.version }, received, 'status, step, clock and the rest stay');
    assert.equal(r.record.action, NATIONAL_SYNC_ACTION);
    assert.equal(r.record.fromStatus, 'received');
    assert.equal(r.record.toStatus, 'received');
    assert.equal(r.record.stepResult, null);
    assert.equal(r.record.data.acknowledgedVersion, received.version);
  });

  it('changes nothing on a dossier already synced, or not received yet (a later acknowledgement will do it)', () => {
    const once = confirmNationalSync(received, ack(received.version))!.next;
    assert.equal(confirmNationalSync(once, ack(once.version)), null);
    assert.equal(submitted.receivedAt, null);
    assert.equal(confirmNationalSync(submitted, ack(submitted.version)), null);
    assert.equal(confirmNationalSync(makeDossier({ draft: true }), ack(1)), null, 'a draft is never synchronised');
  });

  it('refuses an acknowledgement of a version the dossier never had', () => {
    assert.throws(() => confirmNationalSync(received, ack(received.version + 1)), /national-sync-version-invalid|không có trên hồ sơ/);
    assert.throws(() => confirmNationalSync(received, ack(0)));
    assert.throws(() => confirmNationalSync(received, ack(1.5)));
  });

  it('keeps an official’s If-Match good only when the versions since are confirmations', () => {
    assert.equal(onlyConfirmationsSince([NATIONAL_SYNC_ACTION]), true);
    assert.equal(onlyConfirmationsSince([]), false, 'nothing since: not a stale version at all');
    assert.equal(onlyConfirmationsSince([NATIONAL_SYNC_ACTION, 'forward']), false);
    assert.equal(onlyConfirmationsSince(['forward', NATIONAL_SYNC_ACTION]), false);
  });
});
