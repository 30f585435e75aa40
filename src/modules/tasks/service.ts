import crypto from 'node:crypto';
import type { AccessTarget, Principal } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { DEFAULT_UPLOAD_POLICY, type CheckedUpload, type FileStore, type UploadPolicy } from '../../platform/documents/index.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { completedOnTime, decideTask, groupStatus, MAX_DEPTH, rollUpProgress, TaskRuleError, type TaskCommand } from './domain/decide.ts';
import { dueAtOf, sweepSteps, vnDate, workingDaysLeft, type DeadlineInput } from './domain/deadlines.ts';
import { checkImportRows, EXPORT_HEADER, unitNameIndex, type ImportedTask, type RowError } from './domain/import-rows.ts';
import { unitsOf, type Assignee } from './domain/model.ts';
import {
  PRIORITY_LABELS,
  TASK_ACTION_ACTOR,
  TASK_ACTION_LABELS,
  TASK_AVAILABLE_ACTIONS,
  TASK_STATUS_INFO,
  type Priority,
  type TaskAction,
  type TaskStatus,
} from './domain/states.ts';
import { readSpreadsheet } from './spreadsheet.ts';
import * as store from './store.ts';

/** Who is calling and what the policy lets them do (request.principal + the policy's `can`). */
import type { Caller } from '../../platform/access.ts';
export type { Caller };

export function systemCaller(): Caller {
  return { principal: { kind: 'system', id: 'system', subject: 'system', displayName: 'Hệ thống Liên Thông', grants: [], via: 'system' }, can: () => true };
}

export const TASK_PERMISSIONS = {
  /** Read the tasks of one's units (issuing, in charge or cooperating). */
  'tasks.read': ['leader', 'specialist', 'clerk', 'receiving_officer', 'province_admin'],
  /** Work on the tasks one's unit is in charge of: accept, report progress and completion, ask for more time. */
  'tasks.work': ['leader', 'specialist', 'clerk', 'receiving_officer'],
  /** Hand tasks down (create, import, sub-tasks), decide extensions, approve or return completion, cancel. */
  'tasks.assign': ['leader'],
  /** Form and dissolve case teams. */
  'tasks.teams.manage': ['leader'],
  /** Run the reminders and escalation now (they also run every minute). */
  'tasks.sweep': ['province_admin'],
} as const;

export interface TaskView {
  id: string;
  code: string;
  parentId: string | null;
  depth: number;
  isGroup: boolean;
  title: string;
  content: string;
  legalSource: string | null;
  issuingUnit: { code: string; name: string };
  assigner: { id: string; name: string };
  lead: { unitCode: string; unitName: string; officialId: string | null };
  cooperating: { unitCode: string; unitName: string; officialId: string | null }[];
  priority: Priority;
  priorityLabel: string;
  status: TaskStatus;
  statusLabel: string;
  dueAt: string;
  workingDaysLeft: number;
  progress: number;
  extension: { requestedAt: string; newDueAt: string; reason: string } | null;
  extensionsGranted: number;
  escalatedAt: string | null;
  reportedDoneAt: string | null;
  closedAt: string | null;
  onTime: boolean | null;
  createdAt: string;
  version: number;
  availableActions: { action: TaskAction; label: string }[];
}

export interface TaskDetail extends TaskView {
  subtasks: TaskView[];
  timeline: { id: string; at: string; action: string; label: string; actor: { name: string; unitCode: string | null }; fromStatus: string | null; toStatus: string | null; percent: number | null; text: string | null; evidence: string[] }[];
  files: FileView[];
  teams: { id: string; name: string; dissolvedAt: string | null }[];
}

export interface FileView {
  id: string;
  kind: 'attachment' | 'evidence';
  name: string;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface CreateTaskInput {
  title: string;
  content?: string;
  legalSource?: string | null;
  issuingUnit: string;
  /** One unit in charge per entry; more than one makes a group with one task per unit. */
  leadUnits: string[];
  leadOfficialId?: string | null;
  cooperating?: { unitCode: string; officialId?: string | null }[];
  deadline: DeadlineInput;
  priority?: Priority;
  parentId?: string | null;
}

export interface ActionInput {
  percent?: number;
  text?: string;
  reason?: string;
  note?: string;
  newDueDate?: string;
  evidence?: string[];
}

export interface ImportPreview {
  batchId: string | null;
  filename: string | null;
  tasks: ImportedTask[];
  errors: RowError[];
  warnings: RowError[];
}

/** Per-unit completion facts for the leaders' dashboard (analytics reads them through this contract). */
export interface TaskCompletionFacts {
  unitCode: string;
  assigned: number;
  approved: number;
  approvedOnTime: number;
  overdueOpen: number;
  open: number;
}

const taskProblem = (e: unknown): never => {
  if (e instanceof TaskRuleError) throw e.status === 422 ? problems.unprocessable(e.code, e.detail) : problems.conflict(e.code, e.detail);
  throw e;
};

export function createTasksService(ctx: PlatformContext, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());
  const db = ctx.db;
  const by = 'tasks';
  const units = () => requireService(ctx, 'units', by);
  const audit = () => requireService(ctx, 'audit', by);
  const identity = () => requireService(ctx, 'identity', by);
  const calendar = (): Promise<WorkingCalendar> => requireService(ctx, 'calendar', by).calendar();
  /** The province this deployment serves (README: unset → the demo province 25). */
  const province = ctx.config.provinceCode ?? '25';

  const unitNames = new Map<string, string>();
  async function unitName(code: string): Promise<string> {
    if (!unitNames.has(code)) unitNames.set(code, (await units().resolveOrgUnit(code))?.name ?? code);
    return unitNames.get(code)!;
  }
  async function provinceUnitList(): Promise<{ code: string; name: string }[]> {
    const [communes, agencies] = await Promise.all([units().listCommunes(province), units().listAgencies(province)]);
    return [...communes, ...agencies].map((u) => ({ code: u.code, name: u.name }));
  }
  async function provinceUnits(): Promise<Set<string>> {
    return new Set([province, ...(await provinceUnitList()).map((u) => u.code)]);
  }

  const actorOf = (c: Caller) => {
    const p = c.principal;
    if (!p) throw problems.unauthenticated();
    return { kind: p.kind, id: p.id, name: p.displayName || p.subject, unitCode: p.unitCode ?? null, subject: p.subject };
  };

  // ------------------------------------------------------------------ who may do what
  /** Is the official a member of an open case team of this case (a task by id, a dossier by code)? */
  async function isTeamMemberOf(caseRef: string, officialId: string, kind: 'task' | 'dossier' = 'task', q: Queryable = db): Promise<boolean> {
    const r = await q.query(
      `SELECT 1 FROM tasks.case_team t JOIN tasks.case_team_member m ON m.team_id = t.id
        WHERE t.case_kind = $3 AND t.case_ref = $1 AND t.dissolved_at IS NULL AND m.official_id = $2 LIMIT 1`,
      [caseRef, officialId, kind],
    );
    return r.rows.length > 0;
  }

  /** Read: a grant on one of the task's units, or the relationship of a case team member (never a role elsewhere). */
  async function mayRead(t: store.StoredTask, c: Caller): Promise<boolean> {
    const p = c.principal;
    if (!p) return false;
    if (p.kind === 'system') return true;
    if (p.kind === 'citizen') return false;
    if (unitsOf(t).some((u) => c.can('tasks.read', { unitCode: u }))) return true;
    return p.kind === 'official' && (await isTeamMemberOf(t.id, p.id));
  }

  function mayAct(t: store.StoredTask, a: TaskAction, c: Caller): boolean {
    const p = c.principal;
    if (!p || p.kind === 'citizen' || t.isGroup) return false;
    switch (TASK_ACTION_ACTOR[a]) {
      case 'system':
        return p.kind === 'system';
      case 'assigner':
        return p.kind === 'system' || c.can('tasks.assign', { unitCode: t.issuingUnit });
      case 'assignee':
        if (p.kind === 'system') return true;
        // a task given to one official: that official, or a leader of the unit; otherwise anyone working on the unit's tasks
        if (t.lead.officialId) return p.id === t.lead.officialId || c.can('tasks.assign', { unitCode: t.lead.unitCode });
        return c.can('tasks.work', { unitCode: t.lead.unitCode });
    }
  }

  async function load(id: string, c: Caller): Promise<store.StoredTask> {
    const t = await store.getTask(db, id);
    if (!t || !(await mayRead(t, c))) throw problems.notFound('nhiệm vụ', 'task-not-found');
    return t;
  }

  async function view(t: store.StoredTask, c: Caller, cal: WorkingCalendar): Promise<TaskView> {
    const at = now();
    return {
      id: t.id,
      code: t.code,
      parentId: t.parentId,
      depth: t.depth,
      isGroup: t.isGroup,
      title: t.title,
      content: t.content,
      legalSource: t.legalSource,
      issuingUnit: { code: t.issuingUnit, name: await unitName(t.issuingUnit) },
      assigner: { id: t.assignerId, name: t.assignerName },
      lead: { unitCode: t.lead.unitCode, unitName: await unitName(t.lead.unitCode), officialId: t.lead.officialId },
      cooperating: await Promise.all(t.cooperating.map(async (x) => ({ unitCode: x.unitCode, unitName: await unitName(x.unitCode), officialId: x.officialId }))),
      priority: t.priority,
      priorityLabel: PRIORITY_LABELS[t.priority],
      status: t.status,
      statusLabel: TASK_STATUS_INFO[t.status].label,
      dueAt: t.dueAt.toISOString(),
      workingDaysLeft: workingDaysLeft(t.dueAt, at, cal),
      progress: t.progress,
      extension: t.extension ? { requestedAt: t.extension.requestedAt.toISOString(), newDueAt: t.extension.newDueAt.toISOString(), reason: t.extension.reason } : null,
      extensionsGranted: t.extensionsGranted,
      escalatedAt: t.escalatedAt?.toISOString() ?? null,
      reportedDoneAt: t.reportedDoneAt?.toISOString() ?? null,
      closedAt: t.closedAt?.toISOString() ?? null,
      onTime: completedOnTime(t),
      createdAt: t.createdAt.toISOString(),
      version: t.version,
      availableActions: (TASK_AVAILABLE_ACTIONS[t.status] as readonly TaskAction[])
        .filter((a) => TASK_ACTION_ACTOR[a] !== 'system' && mayAct(t, a, c))
        .filter((a) => (a === 'approve_extension' || a === 'refuse_extension' ? !!t.extension : a === 'request_extension' ? !t.extension : true))
        .map((a) => ({ action: a, label: TASK_ACTION_LABELS[a] })),
    };
  }

  // ------------------------------------------------------------------ writing: the one way a change is saved
  async function record(
    tx: Queryable,
    t: store.StoredTask,
    e: { action: string; actor: ReturnType<typeof actorOf>; from: TaskStatus | null; to: TaskStatus | null; percent?: number | null; text?: string | null; data?: Record<string, unknown> },
    c: Caller,
    notice: { text: string; audience: { officialIds?: string[]; units?: { unitCode: string; role?: string }[] } },
    before: unknown,
  ): Promise<string> {
    const eventId = await store.insertEvent(tx, { taskId: t.id, at: now(), action: e.action, actor: e.actor, from: e.from, to: e.to, percent: e.percent, text: e.text, data: e.data });
    await audit().append(tx, {
      actor: { kind: e.actor.kind, id: e.actor.id, subject: e.actor.subject },
      actingUnit: e.actor.unitCode,
      action: `tasks.task.${e.action}`,
      target: `task:${t.code}`,
      ip: c.ip ?? null,
      requestId: c.requestId ?? null,
      before,
      after: { status: t.status, dueAt: t.dueAt.toISOString(), progress: t.progress, version: t.version },
    });
    await emitEvent(tx, {
      type: `tasks.task.${e.action}`,
      aggregateType: 'task',
      aggregateId: t.id,
      payload: {
        taskId: t.id,
        code: t.code,
        title: t.title,
        action: e.action,
        fromStatus: e.from,
        toStatus: e.to,
        status: t.status,
        dueAt: t.dueAt.toISOString(),
        progress: t.progress,
        provinceCode: t.provinceCode,
        issuingUnit: t.issuingUnit,
        leadUnit: t.lead.unitCode,
        units: unitsOf(t),
        parentId: t.parentId,
        onTime: completedOnTime(t),
        actorId: e.actor.id,
        notice,
      },
    });
    return eventId;
  }

  const assigneeAudience = (t: store.StoredTask) => (t.lead.officialId ? { officialIds: [t.lead.officialId] } : { units: [{ unitCode: t.lead.unitCode }] });
  const assignerAudience = (t: store.StoredTask) => ({ officialIds: [t.assignerId] });

  /** After a unit's task changes, its group row follows (status and progress derived, same transaction). */
  async function refreshGroup(tx: Queryable, parentId: string | null): Promise<void> {
    if (!parentId) return;
    const parent = await store.getTask(tx, parentId, true);
    if (!parent?.isGroup) return;
    const kids = await store.children(tx, parent.id);
    const status = groupStatus(kids);
    const progress = rollUpProgress(parent.progress, kids);
    if (status === parent.status && progress === parent.progress) return;
    const next = { ...parent, status, progress, version: parent.version + 1, updatedAt: now(), closedAt: status === 'approved' || status === 'cancelled' ? now() : null };
    await store.updateTask(tx, next);
  }

  // ------------------------------------------------------------------ creating
  async function resolveDeadline(d: DeadlineInput, from: Date, cal: WorkingCalendar, allowPast: boolean): Promise<Date> {
    const due = dueAtOf(d, from, cal);
    if (!allowPast && due <= from) throw problems.unprocessable('deadline-in-past', 'Thời hạn phải sau thời điểm giao nhiệm vụ.');
    return due;
  }

  async function checkOfficial(officialId: string | null | undefined, unitCode: string): Promise<string | null> {
    if (!officialId) return null;
    const o = await identity().official(officialId);
    if (!o || !o.active || o.unitCode !== unitCode) throw problems.unprocessable('official-not-in-unit', `Cán bộ được chọn không thuộc đơn vị ${await unitName(unitCode)}.`);
    return o.id;
  }

  /**
   * Checks a new task and returns the writing step. Every lookup in another module (units, calendar,
   * identity) happens here, BEFORE the transaction: on PGlite's single connection a query made while a
   * transaction is open would wait for it forever.
   */
  async function prepareCreate(input: CreateTaskInput, c: Caller, o: { allowPast?: boolean; importBatch?: string | null; demo?: boolean; known?: Set<string> } = {}): Promise<(tx: Queryable) => Promise<store.StoredTask[]>> {
    const actor = actorOf(c);
    const cal = await calendar();
    let depth = 0;
    let issuing = input.issuingUnit;
    let parent: store.StoredTask | null = null;
    if (input.parentId) {
      parent = await load(input.parentId, c);
      if (parent.isGroup) throw problems.unprocessable('parent-is-group', 'Nhiệm vụ giao cho nhiều đơn vị: hãy tạo nhiệm vụ con dưới nhiệm vụ của từng đơn vị.');
      if (!TASK_STATUS_INFO[parent.status].open) throw problems.conflict('parent-closed', 'Nhiệm vụ cha không còn đang thực hiện.');
      // a sub-task is handed down by the unit in charge of its parent
      issuing = parent.lead.unitCode;
      depth = parent.depth + 1;
      if (depth > MAX_DEPTH) throw problems.unprocessable('task-too-deep', `Nhiệm vụ có tối đa ${MAX_DEPTH} cấp nhiệm vụ con.`);
    }
    if (!c.can('tasks.assign', { unitCode: issuing })) throw problems.forbidden(`Chỉ lãnh đạo ${await unitName(issuing)} giao nhiệm vụ của đơn vị này.`);
    const known = o.known ?? (await provinceUnits());
    for (const u of [issuing, ...input.leadUnits, ...(input.cooperating ?? []).map((x) => x.unitCode)])
      if (!known.has(u)) throw problems.unprocessable('unit-unknown', `Không có đơn vị mã "${u}" trong tỉnh.`);
    const leads = [...new Set(input.leadUnits)];
    if (!leads.length) throw problems.unprocessable('lead-missing', 'Chọn đơn vị chủ trì.');
    if (input.leadOfficialId && leads.length > 1) throw problems.unprocessable('lead-official-many-units', 'Chỉ chọn cán bộ chủ trì khi giao cho một đơn vị.');
    const leadOfficial = await checkOfficial(input.leadOfficialId, leads[0]!);
    const cooperating: Assignee[] = [];
    for (const x of input.cooperating ?? []) if (!leads.includes(x.unitCode) || x.officialId) cooperating.push({ unitCode: x.unitCode, officialId: await checkOfficial(x.officialId, x.unitCode) });
    const at = now();
    const dueAt = await resolveDeadline(input.deadline, at, cal, !!o.allowPast);
    if (parent && dueAt > parent.dueAt) throw problems.unprocessable('deadline-after-parent', 'Thời hạn của nhiệm vụ con không được sau thời hạn của nhiệm vụ cha.');
    const base = {
      parentId: parent?.id ?? null,
      depth,
      provinceCode: province,
      title: input.title.trim(),
      content: (input.content ?? '').trim(),
      legalSource: input.legalSource?.trim() || null,
      issuingUnit: issuing,
      assignerId: actor.id,
      assignerName: actor.name,
      cooperating,
      priority: input.priority ?? 'normal',
      status: 'assigned' as TaskStatus,
      dueAt,
      progress: 0,
      extension: null,
      extensionsGranted: 0,
      remindersSent: [],
      escalatedAt: null,
      reportedDoneAt: null,
      closedAt: null,
      createdAt: at,
      updatedAt: at,
      importBatch: o.importBatch ?? null,
      version: 1,
    };
    const work = async (tx: Queryable) => {
      const created: store.StoredTask[] = [];
      let groupId: string | null = null;
      if (leads.length > 1) {
        const group: store.StoredTask = { ...base, id: crypto.randomUUID(), code: await store.nextCode(tx, at), isGroup: true, lead: { unitCode: issuing, officialId: null } };
        await store.insertTask(tx, group, o.demo);
        await record(tx, group, { action: 'created', actor, from: null, to: 'assigned', text: `Giao cho ${leads.length} đơn vị` }, c, { text: '', audience: {} }, null);
        groupId = group.id;
        created.push(group);
      }
      for (const lead of leads) {
        const t: store.StoredTask = {
          ...base,
          id: crypto.randomUUID(),
          code: await store.nextCode(tx, at),
          parentId: groupId ?? base.parentId,
          depth: groupId ? depth + 1 : depth,
          isGroup: false,
          lead: { unitCode: lead, officialId: leadOfficial },
        };
        await store.insertTask(tx, t, o.demo);
        await record(
          tx,
          t,
          { action: 'created', actor, from: null, to: 'assigned' },
          c,
          { text: `Nhiệm vụ mới được giao: ${t.title} (hạn ${vnDate(t.dueAt).split('-').reverse().join('/')}).`, audience: { ...assigneeAudience(t), units: [...(assigneeAudience(t).units ?? []), ...cooperating.map((x) => ({ unitCode: x.unitCode }))] } },
          null,
        );
        created.push(t);
      }
      return created;
    };
    return work;
  }

  async function create(input: CreateTaskInput, c: Caller, o: { allowPast?: boolean; demo?: boolean } = {}): Promise<store.StoredTask[]> {
    // the demo seeds late tasks on purpose; a request never may
    const write = await prepareCreate(input, c, o);
    return db.transaction(write);
  }

  // ------------------------------------------------------------------ acting
  function commandOf(a: TaskAction, input: ActionInput, actorId: string): TaskCommand {
    const need = (v: string | undefined, what: string): string => {
      const s = v?.trim();
      if (!s) throw problems.validation([{ path: what, message: 'Bắt buộc.' }], `Thiếu ${what === 'reason' ? 'lý do' : 'nội dung'}.`);
      return s;
    };
    switch (a) {
      case 'accept':
      case 'approve':
      case 'approve_extension':
        return { action: a, note: input.note };
      case 'report_progress':
        if (input.percent === undefined) throw problems.validation([{ path: 'percent', message: 'Bắt buộc.' }], 'Thiếu tiến độ (%).');
        return { action: a, percent: input.percent, text: need(input.text, 'text') };
      case 'report_done':
        return { action: a, text: need(input.text, 'text') };
      case 'request_extension':
        if (!input.newDueDate) throw problems.validation([{ path: 'newDueDate', message: 'Bắt buộc.' }], 'Thiếu hạn mới đề nghị.');
        return { action: a, newDueAt: new Date(0), reason: need(input.reason, 'reason'), by: actorId };
      case 'refuse_extension':
      case 'return':
      case 'cancel':
        return { action: a, reason: need(input.reason, 'reason') };
      case 'mark_overdue':
        return { action: a };
    }
  }

  async function act(id: string, a: TaskAction, input: ActionInput, c: Caller, expectedVersion?: number): Promise<TaskView> {
    const actor = actorOf(c);
    const t0 = await load(id, c);
    if (TASK_ACTION_ACTOR[a] === 'system' && c.principal?.kind !== 'system') throw problems.forbidden('Thao tác này do hệ thống thực hiện.');
    if (!mayAct(t0, a, c)) throw problems.forbidden(TASK_ACTION_ACTOR[a] === 'assigner' ? 'Chỉ lãnh đạo đơn vị giao nhiệm vụ thực hiện thao tác này.' : 'Chỉ đơn vị (cán bộ) chủ trì thực hiện thao tác này.');
    const cal = await calendar();
    const cmd = commandOf(a, input, actor.id);
    if (cmd.action === 'request_extension') cmd.newDueAt = dueAtOf({ date: input.newDueDate! }, now(), cal);
    const evidence = [...new Set(input.evidence ?? [])];
    const saved = await db.transaction(async (tx) => {
      const t = await store.getTask(tx, t0.id, true);
      if (!t) throw problems.notFound('nhiệm vụ', 'task-not-found');
      if (expectedVersion !== undefined && t.version !== expectedVersion)
        throw problems.conflict('version-conflict', `Nhiệm vụ đã được cập nhật (phiên bản hiện tại ${t.version}); hãy tải lại rồi thực hiện lại.`);
      let d;
      try {
        d = decideTask(t, cmd, now());
      } catch (e) {
        return taskProblem(e);
      }
      const next: store.StoredTask = { ...t, ...d.task, updatedAt: now() };
      if (!(await store.updateTask(tx, next))) throw problems.conflict('version-conflict', 'Nhiệm vụ vừa được người khác cập nhật; hãy tải lại rồi thực hiện lại.');
      if (evidence.length) {
        const r = await tx.query<{ id: string }>(`SELECT id FROM tasks.task_file WHERE task_id = $1 AND id = ANY($2::uuid[]) AND event_id IS NULL`, [t.id, evidence]);
        if (r.rows.length !== evidence.length) throw problems.unprocessable('evidence-unknown', 'Tệp minh chứng không thuộc nhiệm vụ này hoặc đã được dùng cho một báo cáo khác.');
      }
      const audienceOf = TASK_ACTION_ACTOR[a] === 'assignee' ? assignerAudience(t) : assigneeAudience(t);
      const text =
        a === 'request_extension'
          ? `Đề nghị gia hạn nhiệm vụ ${t.code} đến ${vnDate(cmd.action === 'request_extension' ? cmd.newDueAt : t.dueAt).split('-').reverse().join('/')}: ${input.reason}`
          : `${TASK_ACTION_LABELS[a]}: ${t.code} — ${t.title}`;
      const eventId = await record(
        tx,
        next,
        { action: a, actor, from: d.from, to: d.to, percent: cmd.action === 'report_progress' ? cmd.percent : a === 'report_done' ? 100 : null, text: input.text ?? input.reason ?? input.note ?? null, data: a === 'request_extension' ? { newDueAt: next.extension?.newDueAt.toISOString() } : a === 'approve_extension' ? { newDueAt: next.dueAt.toISOString() } : {} },
        c,
        { text, audience: audienceOf },
        { status: t.status, dueAt: t.dueAt.toISOString(), progress: t.progress, version: t.version },
      );
      if (evidence.length) await tx.query(`UPDATE tasks.task_file SET event_id = $1, kind = 'evidence' WHERE task_id = $2 AND id = ANY($3::uuid[])`, [eventId, t.id, evidence]);
      await refreshGroup(tx, t.parentId);
      return next;
    });
    return view(saved, c, cal);
  }

  // ------------------------------------------------------------------ the sweep: reminders, overdue, escalation
  async function sweep(at: Date = now()): Promise<{ reminded: number; overdue: number; escalated: number }> {
    const cal = await calendar();
    const out = { reminded: 0, overdue: 0, escalated: 0 };
    const sys = systemCaller();
    const actor = { kind: 'system' as const, id: 'system', name: 'Hệ thống Liên Thông', unitCode: null, subject: 'system' };
    // candidates: open tasks due within the next 10 working days' reach (two calendar weeks and a half)
    for (const t0 of await store.openDueBefore(db, new Date(at.getTime() + 18 * 86400_000))) {
      const steps = sweepSteps(t0, at, cal);
      if (!steps.length) continue;
      const leadName = await unitName(t0.lead.unitCode);
      await db.transaction(async (tx) => {
        let t = await store.getTask(tx, t0.id, true);
        if (!t) return;
        for (const s of steps) {
          const before = { status: t.status, version: t.version };
          if (s.kind === 'remind') {
            t = { ...t, remindersSent: [...t.remindersSent, s.key], version: t.version + 1, updatedAt: at };
            await store.updateTask(tx, t);
            await record(tx, t, { action: 'reminded', actor, from: t.status, to: t.status, data: { key: s.key } }, sys, { text: `Còn ${s.daysBefore} ngày làm việc đến hạn nhiệm vụ ${t.code} — ${t.title}.`, audience: assigneeAudience(t) }, before);
            out.reminded++;
          } else if (s.kind === 'mark_overdue') {
            const d = decideTask(t, { action: 'mark_overdue' }, at);
            t = { ...t, ...d.task, updatedAt: at };
            await store.updateTask(tx, t);
            await record(tx, t, { action: 'mark_overdue', actor, from: d.from, to: d.to }, sys, { text: `Nhiệm vụ ${t.code} đã quá hạn — ${t.title}.`, audience: { ...assigneeAudience(t), officialIds: [...(assigneeAudience(t).officialIds ?? []), t.assignerId] } }, before);
            out.overdue++;
          } else {
            t = { ...t, escalatedAt: at, version: t.version + 1, updatedAt: at };
            await store.updateTask(tx, t);
            await record(
              tx,
              t,
              { action: 'escalated', actor, from: t.status, to: t.status },
              sys,
              { text: `Báo cáo lãnh đạo: nhiệm vụ ${t.code} giao ${leadName} quá hạn chưa hoàn thành — ${t.title}.`, audience: { officialIds: [t.assignerId], units: [{ unitCode: t.issuingUnit, role: 'leader' }, { unitCode: t.lead.unitCode, role: 'leader' }] } },
              before,
            );
            out.escalated++;
          }
        }
        await refreshGroup(tx, t.parentId);
      });
    }
    return out;
  }

  // ------------------------------------------------------------------ reading
  async function get(id: string, c: Caller): Promise<TaskDetail> {
    const t = await load(id, c);
    const cal = await calendar();
    const [sub, evs, fs, teams] = await Promise.all([store.subtree(db, t.id), store.events(db, t.id), store.files(db, t.id), db.query<{ id: string; name: string; dissolved_at: Date | null }>(`SELECT id, name, dissolved_at FROM tasks.case_team WHERE case_kind = 'task' AND case_ref = $1 ORDER BY formed_at`, [t.id])]);
    const evidenceOf = new Map<string, string[]>();
    for (const f of fs) if (f.event_id) evidenceOf.set(String(f.event_id), [...(evidenceOf.get(String(f.event_id)) ?? []), f.id]);
    const labels: Record<string, string> = { ...TASK_ACTION_LABELS, created: 'Giao nhiệm vụ', reminded: 'Nhắc hạn', escalated: 'Báo cáo lãnh đạo (quá hạn)' };
    return {
      ...(await view(t, c, cal)),
      subtasks: await Promise.all(sub.map((s) => view(s, c, cal))),
      timeline: evs.map((e) => ({
        id: String(e.id),
        at: new Date(e.at).toISOString(),
        action: e.action,
        label: labels[e.action] ?? e.action,
        actor: { name: e.actor_name, unitCode: e.actor_unit },
        fromStatus: e.from_status,
        toStatus: e.to_status,
        percent: e.percent,
        text: e.text,
        evidence: evidenceOf.get(String(e.id)) ?? [],
      })),
      files: fs.map(fileView),
      teams: teams.rows.map((r) => ({ id: r.id, name: r.name, dissolvedAt: r.dissolved_at ? new Date(r.dissolved_at).toISOString() : null })),
    };
  }

  const fileView = (f: store.FileRow): FileView => ({
    id: f.id,
    kind: f.kind,
    name: f.name,
    filename: f.filename,
    contentType: f.content_type,
    size: Number(f.size),
    sha256: f.sha256,
    uploadedBy: f.uploaded_by_name,
    uploadedAt: new Date(f.uploaded_at).toISOString(),
  });

  async function list(
    q: { view: 'mine' | 'assigned' | 'unit'; unit?: string; status?: TaskStatus[]; overdue?: boolean; q?: string; priority?: Priority; page: number; pageSize: number },
    c: Caller,
  ): Promise<{ items: TaskView[]; total: number; page: number; pageSize: number }> {
    const p = c.principal;
    if (!p || p.kind === 'citizen') throw problems.forbidden();
    let unitsFilter: string[] = [];
    if (q.view === 'unit') {
      const u = q.unit ?? p.unitCode;
      if (!u) throw problems.validation([{ path: 'unit', message: 'Bắt buộc.' }], 'Chọn đơn vị.');
      if (!c.can('tasks.read', { unitCode: u })) throw problems.forbidden('Bạn không xem được nhiệm vụ của đơn vị này.');
      unitsFilter = [u];
    } else if (q.view === 'mine') {
      unitsFilter = [...new Set(p.grants.map((g) => g.unitCode))].filter((u) => c.can('tasks.work', { unitCode: u }));
    }
    const r = await store.listTasks(db, { view: q.view, officialId: p.id, units: unitsFilter, status: q.status, overdue: q.overdue, q: q.q, priority: q.priority, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const cal = await calendar();
    return { items: await Promise.all(r.rows.map((t) => view(t, c, cal))), total: r.total, page: q.page, pageSize: q.pageSize };
  }

  // ------------------------------------------------------------------ files (the dossier uploads' store and checks)
  async function attach(
    id: string,
    f: { bytes: Uint8Array; filename?: string; name?: string; kind: 'attachment' | 'evidence' },
    c: Caller,
    fileStore: FileStore,
    check: (bytes: Uint8Array, o: { filename?: string; policy?: UploadPolicy }) => Promise<CheckedUpload>,
  ): Promise<FileView> {
    const actor = actorOf(c);
    const t = await load(id, c);
    const allowed = f.kind === 'evidence' ? mayAct(t, 'report_progress', c) || mayAct(t, 'report_done', c) : c.can('tasks.assign', { unitCode: t.issuingUnit }) || mayAct(t, 'report_progress', c);
    if (!allowed || !TASK_STATUS_INFO[t.status].open && t.status !== 'reported_done') throw problems.forbidden('Bạn không đính kèm được tệp vào nhiệm vụ này.');
    const checked = await check(f.bytes, { filename: f.filename, policy: { ...DEFAULT_UPLOAD_POLICY, subject: 'Nhiệm vụ' } });
    const stored = await fileStore.put(f.bytes, { contentType: checked.mime, filename: f.filename });
    const row = {
      id: crypto.randomUUID(),
      task_id: t.id,
      kind: f.kind,
      name: f.name?.trim() || f.filename || 'Tệp đính kèm',
      filename: f.filename ?? null,
      file_key: stored.key,
      content_type: checked.mime,
      size: checked.size,
      sha256: checked.sha256,
      uploaded_by: actor.id,
      uploaded_by_name: actor.name,
      uploaded_at: now(),
    };
    try {
      await db.transaction(async (tx) => {
        await store.insertFile(tx, row);
        await audit().append(tx, { actor: { kind: actor.kind, id: actor.id, subject: actor.subject }, actingUnit: actor.unitCode, action: 'tasks.file.attach', target: `task:${t.code}`, ip: c.ip ?? null, requestId: c.requestId ?? null, after: { file: row.id, sha256: row.sha256, kind: row.kind } });
        await emitEvent(tx, { type: 'tasks.file.attached', aggregateType: 'task', aggregateId: t.id, payload: { taskId: t.id, code: t.code, fileId: row.id, kind: row.kind, notice: { text: '', audience: {} } } });
      });
    } catch (e) {
      await fileStore.delete(stored.key);
      throw e;
    }
    return fileView({ ...row, size: String(row.size), event_id: null });
  }

  async function download(id: string, fileId: string, c: Caller, fileStore: FileStore): Promise<{ row: FileView; body: Buffer }> {
    const t = await load(id, c);
    const r = await db.query<store.FileRow>(`SELECT * FROM tasks.task_file WHERE task_id = $1 AND id = $2`, [t.id, fileId]);
    const row = r.rows[0];
    const got = row ? await fileStore.get(row.file_key) : null;
    if (!row || !got) throw problems.notFound('tệp', 'file-not-found');
    return { row: fileView(row), body: got.body };
  }

  // ------------------------------------------------------------------ import and export
  async function importPreview(bytes: Uint8Array, filename: string | undefined, issuingUnit: string, c: Caller): Promise<ImportPreview> {
    const actor = actorOf(c);
    if (!c.can('tasks.assign', { unitCode: issuingUnit })) throw problems.forbidden(`Chỉ lãnh đạo ${await unitName(issuingUnit)} nhập danh sách nhiệm vụ của đơn vị này.`);
    const rows = await readSpreadsheet(bytes, filename);
    const list = await provinceUnitList();
    const known = new Set([province, ...list.map((u) => u.code)]);
    const r = checkImportRows(rows, { unitKnown: (u) => known.has(u), unitByName: unitNameIndex(list), today: vnDate(now()) });
    if (r.errors.length) return { batchId: null, filename: filename ?? null, tasks: r.tasks, errors: r.errors, warnings: r.warnings };
    const batchId = crypto.randomUUID();
    await db.query(`INSERT INTO tasks.import_batch (id, created_by, issuing_unit, filename, tasks, warnings, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [
      batchId,
      actor.id,
      issuingUnit,
      filename ?? null,
      JSON.stringify(r.tasks),
      JSON.stringify(r.warnings),
      now(),
    ]);
    return { batchId, filename: filename ?? null, tasks: r.tasks, errors: [], warnings: r.warnings };
  }

  async function importConfirm(batchId: string, c: Caller): Promise<{ created: number; tasks: TaskView[] }> {
    const actor = actorOf(c);
    const b = (await db.query<{ created_by: string; issuing_unit: string; tasks: ImportedTask[]; confirmed_at: Date | null }>(`SELECT * FROM tasks.import_batch WHERE id = $1`, [batchId])).rows[0];
    if (!b || b.created_by !== actor.id) throw problems.notFound('bản xem trước danh sách nhiệm vụ', 'import-not-found');
    if (b.confirmed_at) throw problems.conflict('import-already-confirmed', 'Danh sách này đã được nhập.');
    const cal = await calendar();
    const known = await provinceUnits();
    const writes: ((tx: Queryable) => Promise<store.StoredTask[]>)[] = [];
    for (const it of b.tasks)
      writes.push(
        await prepareCreate(
          { title: it.title, content: it.content, legalSource: it.legalSource, issuingUnit: b.issuing_unit, leadUnits: it.leadUnits, cooperating: it.cooperatingUnits.map((u) => ({ unitCode: u })), deadline: { date: it.deadline }, priority: it.priority },
          c,
          { allowPast: true, importBatch: batchId, known },
        ),
      );
    const created = await db.transaction(async (tx) => {
      const ok = await tx.query(`UPDATE tasks.import_batch SET confirmed_at = $2 WHERE id = $1 AND confirmed_at IS NULL`, [batchId, now()]);
      if (ok.rowCount !== 1) throw problems.conflict('import-already-confirmed', 'Danh sách này đã được nhập.');
      const all: store.StoredTask[] = [];
      for (const w of writes) all.push(...(await w(tx)));
      return all;
    });
    // tasks that arrive already late are marked and escalated at once
    if (created.some((t) => t.dueAt < now())) await sweep();
    const fresh = await Promise.all(created.filter((t) => t.isGroup || !t.parentId || !created.some((g) => g.id === t.parentId)).map(async (t) => (await store.getTask(db, t.id))!));
    return { created: created.filter((t) => !t.isGroup).length, tasks: await Promise.all(fresh.map((t) => view(t, c, cal))) };
  }

  async function exportRows(q: Parameters<typeof list>[0], c: Caller): Promise<string[][]> {
    const r = await list({ ...q, page: 1, pageSize: 5000 }, c);
    return r.items.map((t) => [
      t.code,
      t.title,
      t.content,
      t.legalSource ?? '',
      t.issuingUnit.name,
      t.lead.unitName,
      t.cooperating.map((x) => x.unitName).join('; '),
      vnDate(new Date(t.dueAt)).split('-').reverse().join('/'),
      t.priorityLabel,
      t.statusLabel,
      String(t.progress),
      t.onTime === null ? '' : t.onTime ? 'Đúng hạn' : 'Quá hạn',
    ]);
  }

  // ------------------------------------------------------------------ facts for the dashboard (analytics)
  async function completionFacts(q: { provinceCode?: string; from?: string; to?: string } = {}): Promise<TaskCompletionFacts[]> {
    const r = await db.query<{ unit: string; assigned: number; approved: number; approved_on_time: number; overdue_open: number; open: number }>(
      `SELECT lead_unit AS unit, count(*)::int AS assigned,
              count(*) FILTER (WHERE status = 'approved')::int AS approved,
              count(*) FILTER (WHERE status = 'approved' AND reported_done_at <= due_at)::int AS approved_on_time,
              count(*) FILTER (WHERE status = 'overdue')::int AS overdue_open,
              count(*) FILTER (WHERE status IN ('assigned','accepted','in_progress','returned','overdue','reported_done'))::int AS open
         FROM tasks.task
        WHERE NOT is_group AND province_code = $1 AND ($2::date IS NULL OR created_at >= $2::date) AND ($3::date IS NULL OR created_at < $3::date + 1)
        GROUP BY lead_unit ORDER BY lead_unit`,
      [q.provinceCode ?? province, q.from ?? null, q.to ?? null],
    );
    return r.rows.map((x) => ({ unitCode: x.unit, assigned: x.assigned, approved: x.approved, approvedOnTime: x.approved_on_time, overdueOpen: x.overdue_open, open: x.open }));
  }

  return { create, act, get, list, attach, download, importPreview, importConfirm, exportRows, sweep, completionFacts, mayRead, isTeamMemberOf, load, view, unitName, calendar, actorOf, now };
}

export type TasksCore = ReturnType<typeof createTasksService>;
export { EXPORT_HEADER, Problem };
