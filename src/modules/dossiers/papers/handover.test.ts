import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HANDOVER_RESULT_LABELS, handoverResult } from './handover.ts';

describe('hand-over result (form 05)', () => {
  const due = new Date('2026-10-13T09:00:00Z'); // 16:00 on 13/10 in Vietnam
  it('is late after the due instant', () => {
    assert.equal(handoverResult(new Date('2026-10-13T09:00:01Z'), due), 'late');
    assert.equal(handoverResult(new Date('2026-10-14T01:00:00Z'), due), 'late');
  });
  it('is on time on the due day, up to the due instant', () => {
    assert.equal(handoverResult(new Date('2026-10-13T09:00:00Z'), due), 'on_time');
    assert.equal(handoverResult(new Date('2026-10-12T17:30:00Z'), due), 'on_time'); // 00:30 on 13/10 in Vietnam
  });
  it('is early on an earlier day', () => {
    assert.equal(handoverResult(new Date('2026-10-12T16:59:00Z'), due), 'early'); // 23:59 on 12/10 in Vietnam
  });
  it('is not classified without a due time', () => {
    assert.equal(handoverResult(new Date(), null), null);
  });
  it('has the three labels of the form', () => {
    assert.deepEqual(Object.values(HANDOVER_RESULT_LABELS), ['Trước hạn', 'Đúng hạn', 'Quá hạn']);
  });
});
