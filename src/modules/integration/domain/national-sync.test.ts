import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acknowledgesReceipt, pushedByLocalCode, syncable } from './national-sync.ts';

describe('DVCQG status sync: what is sent, what confirms a dossier', () => {
  it('sends every status of a dossier but a draft', () => {
    assert.equal(syncable({ toStatus: 'submitted', facts: { status: 'submitted', receivedAt: null } }), true);
    assert.equal(syncable({ toStatus: 'returned', facts: { status: 'returned', receivedAt: '2026-11-02T02:00:00.000Z' } }), true);
    assert.equal(syncable({ toStatus: 'draft', facts: { status: 'draft', receivedAt: null } }), false);
    assert.equal(syncable({ facts: { status: 'draft' } }), false, 'an event without toStatus is read from its facts');
  });

  it('pushes by local code the dossiers the portal did not hand over (counter, post, the province portal)', () => {
    for (const channel of ['counter', 'post', 'province_portal']) assert.equal(pushedByLocalCode({ toStatus: 'submitted', facts: { status: 'submitted', channel } }), true, channel);
    // the intake links those by their national id; their submission is the portal's own status 1
    assert.equal(pushedByLocalCode({ toStatus: 'submitted', facts: { status: 'submitted', channel: 'national_portal' } }), false);
    assert.equal(pushedByLocalCode({ toStatus: 'draft', facts: { status: 'draft', channel: 'province_portal' } }), false);
  });

  it('confirms a dossier only from a status that carries its receipt', () => {
    // submitted online, not received yet (national status 1): the portal holds it, but not "with receipt"
    assert.equal(acknowledgesReceipt({ toStatus: 'submitted', facts: { status: 'submitted', receivedAt: null } }), false);
    // refused at reception: never received, never counted
    assert.equal(acknowledgesReceipt({ toStatus: 'refused_at_reception', facts: { status: 'refused_at_reception', receivedAt: null } }), false);
    assert.equal(acknowledgesReceipt({ toStatus: 'received', facts: { status: 'received', receivedAt: '2026-11-02T02:00:00.000Z' } }), true);
    // any later status of a received dossier (a redelivery, a status sent after a failure) confirms as well
    assert.equal(acknowledgesReceipt({ toStatus: 'in_processing', facts: { status: 'in_processing', receivedAt: '2026-11-02T02:00:00.000Z' } }), true);
    // an event without facts (from before the facts were added) cannot tell
    assert.equal(acknowledgesReceipt({ toStatus: 'received' }), false);
    assert.equal(acknowledgesReceipt({ toStatus: 'received', facts: { receivedAt: '' } }), false);
  });
});
