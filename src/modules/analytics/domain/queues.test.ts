import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queueTotals } from './queues.ts';

describe('counter queue totals', () => {
  it('sums the numbers and weighs the average wait by the people served', () => {
    const t = queueTotals([
      { unit: '25.TTPVHCC', waiting: 4, served: 10, issued: 14, averageWaitMinutes: 6, longestWaitMinutes: 12.5 },
      { unit: '07900', waiting: 1, served: 30, issued: 31, averageWaitMinutes: 10, longestWaitMinutes: 3 },
    ]);
    assert.deepEqual(t, { waiting: 5, served: 40, issued: 45, averageWaitMinutes: 9, longestWaitMinutes: 12.5 });
  });

  it('has no average or longest wait when nobody was served or is waiting', () => {
    assert.deepEqual(queueTotals([]), { waiting: 0, served: 0, issued: 0, averageWaitMinutes: null, longestWaitMinutes: null });
    assert.deepEqual(queueTotals([{ unit: '07900', waiting: 0, served: 0, issued: 2, averageWaitMinutes: null, longestWaitMinutes: null }]).averageWaitMinutes, null);
  });
});
