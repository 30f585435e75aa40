import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TASK_ACTIONS, TASK_ACTION_ACTOR, TASK_ACTION_LABELS, TASK_AVAILABLE_ACTIONS, TASK_STATUSES, TASK_STATUS_INFO, isTaskActionAvailable } from './states.ts';

describe('task status table', () => {
  it('lists every status once and uses every action', () => {
    assert.deepEqual(Object.keys(TASK_AVAILABLE_ACTIONS).sort(), [...TASK_STATUSES].sort());
    assert.deepEqual(Object.keys(TASK_STATUS_INFO).sort(), [...TASK_STATUSES].sort());
    assert.deepEqual([...new Set(Object.values(TASK_AVAILABLE_ACTIONS).flat())].sort(), [...TASK_ACTIONS].sort());
    assert.deepEqual(Object.keys(TASK_ACTION_LABELS).sort(), [...TASK_ACTIONS].sort());
    assert.deepEqual(Object.keys(TASK_ACTION_ACTOR).sort(), [...TASK_ACTIONS].sort());
  });

  it('allows nothing on a terminal task and something on every other', () => {
    for (const s of TASK_STATUSES) assert.equal(TASK_AVAILABLE_ACTIONS[s].length === 0, TASK_STATUS_INFO[s].terminal, s);
  });

  it('only the assigner approves, returns, cancels and decides extensions; the assignee reports', () => {
    for (const a of ['approve', 'return', 'cancel', 'approve_extension', 'refuse_extension'] as const) assert.equal(TASK_ACTION_ACTOR[a], 'assigner', a);
    for (const a of ['accept', 'report_progress', 'report_done', 'request_extension'] as const) assert.equal(TASK_ACTION_ACTOR[a], 'assignee', a);
  });

  it('approves only what was reported done, and never marks an overdue task overdue again', () => {
    for (const s of TASK_STATUSES) assert.equal(isTaskActionAvailable(s, 'approve'), s === 'reported_done', s);
    assert.equal(isTaskActionAvailable('overdue', 'mark_overdue'), false);
    assert.equal(isTaskActionAvailable('overdue', 'request_extension'), true);
  });
});
