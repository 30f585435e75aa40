import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueAtOf, escalationMoment, reminderMoments, sweepSteps, vnDate, workingDaysLeft } from './deadlines.ts';
import { cal, makeTask, vn } from './testkit.ts';

describe('task deadlines on the working-day calendar', () => {
  it('a date deadline ends at 17:00, moved to the next working day when it is a day off', () => {
    assert.deepEqual(dueAtOf({ date: '2026-12-10' }, vn('2026-11-20 09:00'), cal), vn('2026-12-10 17:00'));
    assert.deepEqual(dueAtOf({ date: '2026-12-12' }, vn('2026-11-20 09:00'), cal), vn('2026-12-14 17:00'), 'Saturday → Monday');
    assert.deepEqual(dueAtOf({ date: '2026-02-16' }, vn('2026-02-02 09:00'), cal), vn('2026-02-23 17:00'), 'Tết 2026 → the Monday after');
  });

  it('a deadline in working days counts like a dossier limit', () => {
    assert.deepEqual(dueAtOf({ workingDays: 3 }, vn('2026-02-13 09:00'), cal), vn('2026-02-25 17:00'));
  });

  it('reminds at 07:30 of the 3rd and the 1st working day before the due day, skipping days off', () => {
    const r = reminderMoments(vn('2026-02-24 17:00'), cal);
    assert.deepEqual(r.map((x) => [x.key, vnDate(x.at)]), [['before:3', '2026-02-12'], ['before:1', '2026-02-23']]);
  });

  it('the sweep sends the latest reminder due once, then marks overdue, then escalates a working day later', () => {
    const t = makeTask({ dueAt: vn('2026-12-11 17:00') }); // Friday
    assert.deepEqual(sweepSteps(t, vn('2026-12-07 09:00'), cal), []);
    assert.deepEqual(sweepSteps(t, vn('2026-12-08 08:00'), cal), [{ kind: 'remind', key: 'before:3', daysBefore: 3 }]);
    assert.deepEqual(sweepSteps(t, vn('2026-12-10 08:00'), cal), [{ kind: 'remind', key: 'before:1', daysBefore: 1 }], 'a missed earlier reminder is not sent late');
    assert.deepEqual(sweepSteps({ ...t, remindersSent: ['before:1'] }, vn('2026-12-10 08:00'), cal), []);
    assert.deepEqual(sweepSteps(t, vn('2026-12-11 17:01'), cal), [{ kind: 'mark_overdue' }]);
    assert.deepEqual(escalationMoment(t.dueAt, cal), vn('2026-12-14 17:00'), 'the next working day, Monday');
    assert.deepEqual(sweepSteps({ ...t, status: 'overdue' }, vn('2026-12-14 17:00'), cal), [{ kind: 'escalate' }]);
    assert.deepEqual(sweepSteps({ ...t, status: 'overdue', escalatedAt: vn('2026-12-14 17:00') }, vn('2026-12-20 09:00'), cal), []);
    assert.deepEqual(sweepSteps(t, vn('2026-12-16 09:00'), cal), [{ kind: 'mark_overdue' }, { kind: 'escalate' }]);
  });

  it('does nothing for work reported done, approved or cancelled', () => {
    for (const status of ['reported_done', 'approved', 'cancelled'] as const) assert.deepEqual(sweepSteps(makeTask({ status, dueAt: vn('2026-01-05 17:00') }), vn('2026-12-01 09:00'), cal), []);
  });

  it('counts working days left, negative when late', () => {
    assert.equal(workingDaysLeft(vn('2026-12-11 17:00'), vn('2026-12-07 09:00'), cal), 4);
    assert.equal(workingDaysLeft(vn('2026-12-11 17:00'), vn('2026-12-11 09:00'), cal), 0);
    assert.equal(workingDaysLeft(vn('2026-12-11 17:00'), vn('2026-12-15 09:00'), cal), -2);
  });
});
