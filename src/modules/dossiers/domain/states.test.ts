import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTIONS,
  ACTION_LABELS,
  AVAILABLE_ACTIONS,
  CHANNEL_INFO,
  DOSSIER_STATUSES,
  NATIONAL_STATUS_LABELS,
  STATUS_INFO,
  isActionAvailable,
  nationalStatus,
} from './states.ts';

describe('dossier status table', () => {
  it('lists every status exactly once, and nothing else', () => {
    assert.deepEqual(Object.keys(AVAILABLE_ACTIONS).sort(), [...DOSSIER_STATUSES].sort());
    assert.deepEqual(Object.keys(STATUS_INFO).sort(), [...DOSSIER_STATUSES].sort());
  });

  it('uses every action somewhere, each at most once per status', () => {
    const used = new Set(Object.values(AVAILABLE_ACTIONS).flat());
    assert.deepEqual([...used].sort(), [...ACTIONS].sort());
    for (const [status, actions] of Object.entries(AVAILABLE_ACTIONS)) assert.equal(new Set(actions).size, actions.length, status);
    assert.deepEqual(Object.keys(ACTION_LABELS).sort(), [...ACTIONS].sort());
  });

  it('allows nothing on a terminal dossier but rating a returned one', () => {
    for (const s of DOSSIER_STATUSES) {
      if (!STATUS_INFO[s].terminal) {
        assert.ok(AVAILABLE_ACTIONS[s].length > 0, `${s} must have a way forward`);
        continue;
      }
      assert.deepEqual([...AVAILABLE_ACTIONS[s]], s === 'returned' ? ['rate'] : [], s);
    }
  });

  it('lets the applicant withdraw until a decision is taken, and not after', () => {
    for (const s of ['draft', 'submitted', 'received', 'supplement_requested', 'supplemented', 'awaiting_payment', 'in_processing', 'in_consultation', 'appraised'] as const)
      assert.ok(isActionAvailable(s, 'withdraw'), s);
    for (const s of ['approved', 'refused', 'result_signed', 'result_issued', 'returned'] as const) assert.ok(!isActionAvailable(s, 'withdraw'), s);
  });

  it('pauses the clock exactly while the applicant owes something', () => {
    const paused = DOSSIER_STATUSES.filter((s) => STATUS_INFO[s].clockPaused);
    assert.deepEqual(paused, ['supplement_requested', 'supplemented', 'awaiting_payment']);
  });

  it('maps every status to a DVCQG status code, and uses all ten codes', () => {
    assert.deepEqual(nationalStatus('submitted'), { code: 1, label: 'Mới đăng ký' });
    assert.equal(nationalStatus('received').code, 2);
    assert.equal(nationalStatus('refused_at_reception').code, 3);
    assert.equal(nationalStatus('in_processing').code, 4);
    assert.equal(nationalStatus('supplement_requested').code, 5);
    assert.equal(nationalStatus('awaiting_payment').code, 6);
    assert.equal(nationalStatus('withdrawn').code, 7);
    assert.equal(nationalStatus('stopped').code, 8);
    assert.equal(nationalStatus('result_signed').code, 9);
    assert.equal(nationalStatus('returned').code, 10);
    const codes = new Set(DOSSIER_STATUSES.map((s) => STATUS_INFO[s].national));
    assert.deepEqual([...codes].sort((a, b) => a - b), Object.keys(NATIONAL_STATUS_LABELS).map(Number));
    assert.equal(STATUS_INFO.draft.synced, false, 'a draft is never sent to DVCQG');
  });

  it('maps channels to KenhThucHien 1/2/3', () => {
    assert.equal(CHANNEL_INFO.counter.kenhThucHien, 1);
    assert.equal(CHANNEL_INFO.province_portal.kenhThucHien, 2);
    assert.equal(CHANNEL_INFO.national_portal.kenhThucHien, 2);
    assert.equal(CHANNEL_INFO.post.kenhThucHien, 3);
  });
});
