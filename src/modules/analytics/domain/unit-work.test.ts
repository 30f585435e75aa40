import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedbackWorkOf, taskCompletionOf } from './unit-work.ts';

describe('per-unit work beside the index', () => {
  it('tasks completed on time: approved on time / approved, summed over units', () => {
    // unit A: 10 assigned, 6 approved (5 on time), 1 overdue of 4 open; unit B: 2 assigned, 2 approved (1 on time)
    const t = taskCompletionOf([
      { unitCode: 'A', assigned: 10, approved: 6, approvedOnTime: 5, overdueOpen: 1, open: 4 },
      { unitCode: 'B', assigned: 2, approved: 2, approvedOnTime: 1, overdueOpen: 0, open: 0 },
    ]);
    assert.deepEqual(t, { assigned: 12, approved: 8, approvedOnTime: 6, overdueOpen: 1, open: 4, onTimeRate: 0.75 });
    assert.equal(taskCompletionOf([{ unitCode: 'A', assigned: 3, approved: 0, approvedOnTime: 0, overdueOpen: 0, open: 3 }]).onTimeRate, null);
  });
  it('feedback: closed on time / closed; satisfied = (very satisfied + satisfied) / rated', () => {
    // 20 received: 14 answered (12 on time), 2 refused (1 on time), 4 open (1 overdue); 8 ratings: 2 very, 3 satisfied, 3 unsatisfied
    const w = feedbackWorkOf([{ unitCode: 'A', received: 20, answered: 14, answeredOnTime: 12, refused: 2, refusedOnTime: 1, open: 4, overdueOpen: 1, ratings: { count: 8, verySatisfied: 2, satisfied: 3, unsatisfied: 3 } }]);
    assert.deepEqual([w.closed, w.closedOnTime, w.onTimeRate, w.satisfiedRate], [16, 13, 0.8125, 0.625]);
    assert.deepEqual([feedbackWorkOf([]).onTimeRate, feedbackWorkOf([]).satisfiedRate, feedbackWorkOf([]).received], [null, null, 0]);
  });
});
