/**
 * A task's life as ONE checked table, like the dossier states (src/modules/dossiers/domain/states.ts):
 * every status lists the actions that may happen in it, `as const satisfies Record<TaskStatus, …>` so that
 * a status added without deciding its actions does not compile. Who may take an action (the assignee unit,
 * the assigner, the system's sweep) is a second table; rules that depend on more than the status (an
 * extension request must be pending to be decided) are in rules.ts.
 */

export const TASK_STATUSES = ['assigned', 'accepted', 'in_progress', 'reported_done', 'approved', 'returned', 'overdue', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_ACTIONS = [
  'accept',
  'report_progress',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'report_done',
  'approve',
  'return',
  'cancel',
  'mark_overdue',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

const WORKING = ['report_progress', 'request_extension', 'approve_extension', 'refuse_extension', 'report_done', 'cancel', 'mark_overdue'] as const;

/** The status → allowed-actions table. The compiler proves it complete; states.test.ts proves it sane. */
export const TASK_AVAILABLE_ACTIONS = {
  assigned: ['accept', ...WORKING],
  accepted: WORKING,
  in_progress: WORKING,
  returned: WORKING,
  // overdue: still workable, but it cannot become overdue twice
  overdue: ['report_progress', 'request_extension', 'approve_extension', 'refuse_extension', 'report_done', 'cancel'],
  reported_done: ['approve', 'return', 'cancel'],
  approved: [],
  cancelled: [],
} as const satisfies Record<TaskStatus, readonly TaskAction[]>;

/** Who takes each action: the unit (or official) in charge, the assigner's side, or the system's sweep. */
export type TaskActor = 'assignee' | 'assigner' | 'system';
export const TASK_ACTION_ACTOR = {
  accept: 'assignee',
  report_progress: 'assignee',
  request_extension: 'assignee',
  report_done: 'assignee',
  approve_extension: 'assigner',
  refuse_extension: 'assigner',
  approve: 'assigner',
  return: 'assigner',
  cancel: 'assigner',
  mark_overdue: 'system',
} as const satisfies Record<TaskAction, TaskActor>;

export interface TaskStatusInfo {
  label: string;
  terminal: boolean;
  /** Counts as open work in "my tasks" and for reminders. */
  open: boolean;
}

export const TASK_STATUS_INFO = {
  assigned: { label: 'Đã giao, chờ tiếp nhận', terminal: false, open: true },
  accepted: { label: 'Đã tiếp nhận', terminal: false, open: true },
  in_progress: { label: 'Đang thực hiện', terminal: false, open: true },
  reported_done: { label: 'Đã báo cáo hoàn thành, chờ duyệt', terminal: false, open: false },
  approved: { label: 'Đã duyệt hoàn thành', terminal: true, open: false },
  returned: { label: 'Bị trả lại, thực hiện tiếp', terminal: false, open: true },
  overdue: { label: 'Quá hạn', terminal: false, open: true },
  cancelled: { label: 'Đã hủy', terminal: true, open: false },
} as const satisfies Record<TaskStatus, TaskStatusInfo>;

export const TASK_ACTION_LABELS = {
  accept: 'Tiếp nhận nhiệm vụ',
  report_progress: 'Báo cáo tiến độ',
  request_extension: 'Xin gia hạn',
  approve_extension: 'Đồng ý gia hạn',
  refuse_extension: 'Không đồng ý gia hạn',
  report_done: 'Báo cáo hoàn thành',
  approve: 'Duyệt hoàn thành',
  return: 'Trả lại, yêu cầu thực hiện tiếp',
  cancel: 'Hủy nhiệm vụ',
  mark_overdue: 'Chuyển quá hạn',
} as const satisfies Record<TaskAction, string>;

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS = { normal: 'Bình thường', high: 'Quan trọng', urgent: 'Khẩn' } as const satisfies Record<Priority, string>;

export function isTaskActionAvailable(status: TaskStatus, action: TaskAction): boolean {
  return (TASK_AVAILABLE_ACTIONS[status] as readonly TaskAction[]).includes(action);
}

export function isTaskStatus(v: string): v is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(v);
}

export function isTaskAction(v: string): v is TaskAction {
  return (TASK_ACTIONS as readonly string[]).includes(v);
}
