import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completedOnTime, decideTask, rollUpProgress, TaskRuleError } from './decide.ts';
import { unitsOf } from './model.ts';
import { makeTask, vn } from './testkit.ts';

const refused = (code: string) => (e: unknown) => e instanceof TaskRuleError && e.code === code;

describe('decideTask', () => {
  const now = vn('2026-12-01 09:00');

  it('accepts, then progress moves it in progress and never backwards', () => {
    const a = decideTask(makeTask(), { action: 'accept' }, now);
    assert.equal(a.to, 'accepted');
    const p = decideTask(a.task, { action: 'report_progress', percent: 40, text: 'Đã rà soát 12/30 thủ tục' }, now);
    assert.equal(p.to, 'in_progress');
    assert.equal(p.task.progress, 40);
    assert.equal(p.task.version, 3);
    assert.throws(() => decideTask(p.task, { action: 'report_progress', percent: 30, text: 'x' }, now), refused('progress-decreasing'));
    assert.throws(() => decideTask(p.task, { action: 'report_progress', percent: 100, text: 'x' }, now), refused('progress-use-report-done'));
    assert.throws(() => decideTask(p.task, { action: 'report_progress', percent: 50.5, text: 'x' }, now), refused('progress-invalid'));
  });

  it('keeps an overdue task overdue while progress is reported', () => {
    const t = makeTask({ status: 'overdue', dueAt: vn('2026-11-25 17:00') });
    assert.equal(decideTask(t, { action: 'report_progress', percent: 10, text: 'x' }, now).to, 'overdue');
  });

  it('grants an extension once decided: new deadline, reminders again, back in progress when overdue', () => {
    const t = makeTask({ status: 'overdue', dueAt: vn('2026-11-25 17:00'), remindersSent: ['before:3', 'before:1'], escalatedAt: vn('2026-11-26 17:00') });
    const r = decideTask(t, { action: 'request_extension', newDueAt: vn('2026-12-20 17:00'), reason: 'Chờ số liệu của Sở', by: 'u-cv' }, now);
    assert.equal(r.to, 'overdue');
    assert.equal(r.task.extension?.requestedBy, 'u-cv');
    assert.throws(() => decideTask(r.task, { action: 'request_extension', newDueAt: vn('2026-12-21 17:00'), reason: 'x', by: 'u' }, now), refused('extension-pending'));
    const ok = decideTask(r.task, { action: 'approve_extension' }, now);
    assert.equal(ok.to, 'in_progress');
    assert.deepEqual(ok.task.dueAt, vn('2026-12-20 17:00'));
    assert.deepEqual(ok.task.remindersSent, []);
    assert.equal(ok.task.escalatedAt, null);
    assert.equal(ok.task.extensionsGranted, 1);
    assert.equal(ok.task.extension, null);
  });

  it('refuses an extension that is not later, or that nobody asked for', () => {
    const t = makeTask();
    assert.throws(() => decideTask(t, { action: 'request_extension', newDueAt: vn('2026-12-09 17:00'), reason: 'x', by: 'u' }, now), refused('extension-not-later'));
    assert.throws(() => decideTask(t, { action: 'approve_extension' }, now), refused('extension-none'));
    const r = decideTask(t, { action: 'request_extension', newDueAt: vn('2026-12-15 17:00'), reason: 'x', by: 'u' }, now);
    const no = decideTask(r.task, { action: 'refuse_extension', reason: 'Không có căn cứ' }, now);
    assert.deepEqual(no.task.dueAt, t.dueAt);
    assert.equal(no.task.extension, null);
  });

  it('approves only a reported completion, and says whether it was on time', () => {
    const t = makeTask({ status: 'in_progress', progress: 60 });
    assert.throws(() => decideTask(t, { action: 'approve' }, now), refused('task-action-not-available'));
    const done = decideTask(t, { action: 'report_done', text: 'Đã xong' }, now);
    assert.equal(done.task.progress, 100);
    const ok = decideTask(done.task, { action: 'approve' }, vn('2026-12-15 09:00'));
    assert.equal(ok.to, 'approved');
    assert.equal(completedOnTime(ok.task), true, 'reported before the deadline, approved after: on time');
    const late = decideTask(decideTask(t, { action: 'report_done', text: 'x' }, vn('2026-12-11 08:00')).task, { action: 'approve' }, vn('2026-12-11 09:00'));
    assert.equal(completedOnTime(late.task), false);
  });

  it('returns a report to work: returned before the deadline, overdue after', () => {
    const done = decideTask(makeTask({ status: 'in_progress', progress: 80 }), { action: 'report_done', text: 'x' }, now).task;
    const back = decideTask(done, { action: 'return', reason: 'Thiếu số liệu' }, now);
    assert.equal(back.to, 'returned');
    assert.equal(back.task.progress, 99);
    assert.equal(decideTask(done, { action: 'return', reason: 'x' }, vn('2026-12-11 09:00')).to, 'overdue');
  });

  it('marks overdue only after the deadline, and nothing happens on a cancelled task', () => {
    assert.throws(() => decideTask(makeTask(), { action: 'mark_overdue' }, now), refused('not-overdue'));
    assert.equal(decideTask(makeTask(), { action: 'mark_overdue' }, vn('2026-12-10 17:01')).to, 'overdue');
    const c = decideTask(makeTask(), { action: 'cancel', reason: 'Trùng nhiệm vụ' }, now).task;
    assert.throws(() => decideTask(c, { action: 'report_progress', percent: 5, text: 'x' }, now), refused('task-action-not-available'));
  });

  it('rolls up progress from live sub-tasks and lists every unit of a task once', () => {
    assert.equal(rollUpProgress(10, []), 10);
    assert.equal(rollUpProgress(0, [{ progress: 40, status: 'in_progress' }, { progress: 0, status: 'approved' }, { progress: 5, status: 'cancelled' }]), 70);
    assert.deepEqual(unitsOf(makeTask({ cooperating: [{ unitCode: '07918', officialId: null }, { unitCode: '07900', officialId: 'x' }] })), ['25.SNNMT', '07900', '07918']);
  });
});

describe('groupStatus (a task handed to several units)', () => {
  it('is derived from the units’ tasks', async () => {
    const { groupStatus } = await import('./decide.ts');
    assert.equal(groupStatus([{ status: 'assigned' }, { status: 'assigned' }]), 'assigned');
    assert.equal(groupStatus([{ status: 'in_progress' }, { status: 'overdue' }]), 'overdue');
    assert.equal(groupStatus([{ status: 'reported_done' }, { status: 'approved' }, { status: 'cancelled' }]), 'reported_done');
    assert.equal(groupStatus([{ status: 'approved' }, { status: 'cancelled' }]), 'approved');
    assert.equal(groupStatus([{ status: 'cancelled' }]), 'cancelled');
    assert.equal(groupStatus([{ status: 'accepted' }, { status: 'assigned' }]), 'in_progress');
  });
});
