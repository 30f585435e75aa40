import type { Task } from './model.ts';
import { isTaskActionAvailable, TASK_ACTION_LABELS, TASK_STATUS_INFO, type TaskAction, type TaskStatus } from './states.ts';

/** A refusal of the rules (mapped to a 409/422 problem by the service): a stable code and a Vietnamese sentence. */
export class TaskRuleError extends Error {
  constructor(readonly code: string, readonly detail: string, readonly status: 409 | 422 = 409) {
    super(detail);
    this.name = 'TaskRuleError';
  }
}

/** What each action carries. */
export type TaskCommand =
  | { action: 'accept'; note?: string }
  | { action: 'report_progress'; percent: number; text: string }
  | { action: 'request_extension'; newDueAt: Date; reason: string; by: string }
  | { action: 'approve_extension'; note?: string }
  | { action: 'refuse_extension'; reason: string }
  | { action: 'report_done'; text: string }
  | { action: 'approve'; note?: string }
  | { action: 'return'; reason: string }
  | { action: 'cancel'; reason: string }
  | { action: 'mark_overdue' };

export interface TaskDecision {
  task: Task;
  from: TaskStatus;
  to: TaskStatus;
  /** What the timeline shows (Vietnamese). */
  summary: string;
}

/** After work resumes (returned, extension granted): overdue when the deadline has passed, else in progress. */
function workingStatus(t: Task, now: Date): TaskStatus {
  return now > t.dueAt ? 'overdue' : 'in_progress';
}

/**
 * Decides one action on a task: checks the status table and the rules, returns the next state. Pure: the
 * caller has already checked WHO acts (assignee / assigner / system, see TASK_ACTION_ACTOR and the policy).
 */
export function decideTask(t: Task, cmd: TaskCommand, now: Date): TaskDecision {
  const a: TaskAction = cmd.action;
  if (!isTaskActionAvailable(t.status, a))
    throw new TaskRuleError('task-action-not-available', `Không thể "${TASK_ACTION_LABELS[a]}" khi nhiệm vụ ở trạng thái "${TASK_STATUS_INFO[t.status].label}".`);
  const next: Task = { ...t, version: t.version + 1 };
  let summary: string = TASK_ACTION_LABELS[a];
  switch (cmd.action) {
    case 'accept':
      next.status = 'accepted';
      break;
    case 'report_progress': {
      if (!Number.isInteger(cmd.percent) || cmd.percent < 0 || cmd.percent > 100)
        throw new TaskRuleError('progress-invalid', 'Tiến độ là số nguyên từ 0 đến 100 (%).', 422);
      if (cmd.percent < t.progress)
        throw new TaskRuleError('progress-decreasing', `Tiến độ không giảm: lần báo cáo trước đã là ${t.progress}%.`, 422);
      if (cmd.percent === 100) throw new TaskRuleError('progress-use-report-done', 'Đạt 100% thì dùng "Báo cáo hoàn thành" để trình duyệt.', 422);
      next.progress = cmd.percent;
      if (t.status !== 'overdue') next.status = 'in_progress';
      summary = `Báo cáo tiến độ: ${cmd.percent}%`;
      break;
    }
    case 'request_extension':
      if (t.extension) throw new TaskRuleError('extension-pending', 'Đã có một đề nghị gia hạn đang chờ người giao quyết định.');
      if (!(cmd.newDueAt > t.dueAt)) throw new TaskRuleError('extension-not-later', 'Hạn mới phải sau hạn hiện tại.', 422);
      if (!(cmd.newDueAt > now)) throw new TaskRuleError('extension-in-past', 'Hạn mới phải sau thời điểm hiện tại.', 422);
      next.extension = { requestedAt: now, requestedBy: cmd.by, newDueAt: cmd.newDueAt, reason: cmd.reason };
      break;
    case 'approve_extension':
      if (!t.extension) throw new TaskRuleError('extension-none', 'Không có đề nghị gia hạn nào đang chờ.');
      next.dueAt = t.extension.newDueAt;
      next.extension = null;
      next.extensionsGranted = t.extensionsGranted + 1;
      // a new deadline: reminders and escalation start again
      next.remindersSent = [];
      next.escalatedAt = null;
      if (t.status === 'overdue') next.status = workingStatus(next, now);
      break;
    case 'refuse_extension':
      if (!t.extension) throw new TaskRuleError('extension-none', 'Không có đề nghị gia hạn nào đang chờ.');
      next.extension = null;
      break;
    case 'report_done':
      next.status = 'reported_done';
      next.progress = 100;
      next.reportedDoneAt = now;
      next.extension = null;
      break;
    case 'approve':
      next.status = 'approved';
      next.closedAt = now;
      break;
    case 'return':
      next.status = workingStatus(t, now);
      if (next.status === 'in_progress') next.status = 'returned';
      next.reportedDoneAt = null;
      next.progress = Math.min(t.progress, 99);
      break;
    case 'cancel':
      next.status = 'cancelled';
      next.closedAt = now;
      next.extension = null;
      break;
    case 'mark_overdue':
      if (!(now > t.dueAt)) throw new TaskRuleError('not-overdue', 'Nhiệm vụ chưa quá hạn.');
      next.status = 'overdue';
      break;
  }
  return { task: next, from: t.status, to: next.status, summary };
}

/** On time when the completion was reported at or before the deadline in force (the index counts it so). */
export function completedOnTime(t: Pick<Task, 'reportedDoneAt' | 'dueAt' | 'status'>): boolean | null {
  if (t.status !== 'approved' || !t.reportedDoneAt) return null;
  return t.reportedDoneAt <= t.dueAt;
}

/** A parent's progress: the average of its direct sub-tasks' (cancelled ones left out), or its own when it has none. */
export function rollUpProgress(own: number, children: Pick<Task, 'progress' | 'status'>[]): number {
  const live = children.filter((c) => c.status !== 'cancelled');
  if (!live.length) return own;
  return Math.floor(live.reduce((s, c) => s + (c.status === 'approved' ? 100 : c.progress), 0) / live.length);
}

/** The most sub-task levels a task tree may have (deep enough for "any depth" in practice, bounded for the pages). */
export const MAX_DEPTH = 20;

/**
 * The status of a task handed to several units at once (the group row): derived from its units' tasks —
 * closed when all are closed (approved if any was), overdue when any is, waiting for approval when every
 * live one was reported done, otherwise in progress.
 */
export function groupStatus(children: Pick<Task, 'status'>[]): TaskStatus {
  if (!children.length) return 'assigned';
  const live = children.filter((c) => c.status !== 'cancelled');
  if (!live.length) return 'cancelled';
  if (live.every((c) => c.status === 'approved')) return 'approved';
  if (live.some((c) => c.status === 'overdue')) return 'overdue';
  if (live.every((c) => c.status === 'approved' || c.status === 'reported_done')) return 'reported_done';
  if (live.every((c) => c.status === 'assigned')) return 'assigned';
  return 'in_progress';
}
