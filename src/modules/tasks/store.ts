import type { Queryable } from '../../platform/db.ts';
import type { Assignee, Task } from './domain/model.ts';
import { unitsOf } from './domain/model.ts';
import type { Priority, TaskStatus } from './domain/states.ts';

/** SQL of schema `tasks` only. */

export interface TaskRow {
  id: string;
  code: string;
  parent_id: string | null;
  depth: number;
  is_group: boolean;
  province_code: string;
  title: string;
  content: string;
  legal_source: string | null;
  issuing_unit: string;
  assigner_id: string;
  assigner_name: string;
  lead_unit: string;
  lead_official: string | null;
  cooperating: Assignee[];
  units: string[];
  priority: Priority;
  status: TaskStatus;
  due_at: Date;
  progress: number;
  extension: { requestedAt: string; requestedBy: string; newDueAt: string; reason: string } | null;
  extensions_granted: number;
  reminders_sent: string[];
  escalated_at: Date | null;
  reported_done_at: Date | null;
  closed_at: Date | null;
  import_batch: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface StoredTask extends Task {
  code: string;
  isGroup: boolean;
  provinceCode: string;
  importBatch: string | null;
  updatedAt: Date;
}

export function fromRow(r: TaskRow): StoredTask {
  return {
    id: r.id,
    code: r.code,
    parentId: r.parent_id,
    depth: r.depth,
    isGroup: r.is_group,
    provinceCode: r.province_code,
    title: r.title,
    content: r.content,
    legalSource: r.legal_source,
    issuingUnit: r.issuing_unit,
    assignerId: r.assigner_id,
    assignerName: r.assigner_name,
    lead: { unitCode: r.lead_unit, officialId: r.lead_official },
    cooperating: r.cooperating,
    priority: r.priority,
    status: r.status,
    dueAt: new Date(r.due_at),
    progress: r.progress,
    extension: r.extension ? { ...r.extension, requestedAt: new Date(r.extension.requestedAt), newDueAt: new Date(r.extension.newDueAt) } : null,
    extensionsGranted: r.extensions_granted,
    remindersSent: r.reminders_sent,
    escalatedAt: r.escalated_at ? new Date(r.escalated_at) : null,
    reportedDoneAt: r.reported_done_at ? new Date(r.reported_done_at) : null,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    importBatch: r.import_batch,
    version: r.version,
  };
}

export async function nextCode(q: Queryable, at: Date): Promise<string> {
  const r = await q.query<{ n: string }>(`SELECT nextval('tasks.task_number') AS n`);
  return `NV${String(at.getUTCFullYear()).slice(2)}-${String(r.rows[0]!.n).padStart(6, '0')}`;
}

export async function insertTask(q: Queryable, t: StoredTask, demo = false): Promise<void> {
  await q.query(
    `INSERT INTO tasks.task (id, code, parent_id, depth, is_group, province_code, title, content, legal_source, issuing_unit, assigner_id, assigner_name,
       lead_unit, lead_official, cooperating, units, priority, status, due_at, progress, extension, extensions_granted, reminders_sent, escalated_at,
       reported_done_at, closed_at, import_batch, demo, created_at, updated_at, version)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31)`,
    [
      t.id, t.code, t.parentId, t.depth, t.isGroup, t.provinceCode, t.title, t.content, t.legalSource, t.issuingUnit, t.assignerId, t.assignerName,
      t.lead.unitCode, t.lead.officialId, JSON.stringify(t.cooperating), unitsOf(t), t.priority, t.status, t.dueAt, t.progress,
      t.extension ? JSON.stringify(t.extension) : null, t.extensionsGranted, t.remindersSent, t.escalatedAt, t.reportedDoneAt, t.closedAt,
      t.importBatch, demo, t.createdAt, t.updatedAt, t.version,
    ],
  );
}

/** Saves a changed task if nobody changed it meanwhile (its version is the one read + 1); false otherwise. */
export async function updateTask(q: Queryable, t: StoredTask): Promise<boolean> {
  const r = await q.query(
    `UPDATE tasks.task SET status = $2, due_at = $3, progress = $4, extension = $5, extensions_granted = $6, reminders_sent = $7, escalated_at = $8,
       reported_done_at = $9, closed_at = $10, updated_at = $11, version = $12
     WHERE id = $1 AND version = $12 - 1`,
    [t.id, t.status, t.dueAt, t.progress, t.extension ? JSON.stringify(t.extension) : null, t.extensionsGranted, t.remindersSent, t.escalatedAt, t.reportedDoneAt, t.closedAt, t.updatedAt, t.version],
  );
  return r.rowCount === 1;
}

export async function getTask(q: Queryable, idOrCode: string, forUpdate = false): Promise<StoredTask | null> {
  const byId = /^[0-9a-f-]{36}$/i.test(idOrCode);
  const r = await q.query<TaskRow>(`SELECT * FROM tasks.task WHERE ${byId ? 'id = $1' : 'code = $1'}${forUpdate ? ' FOR UPDATE' : ''}`, [idOrCode]);
  return r.rows[0] ? fromRow(r.rows[0]) : null;
}

export async function children(q: Queryable, parentId: string): Promise<StoredTask[]> {
  const r = await q.query<TaskRow>(`SELECT * FROM tasks.task WHERE parent_id = $1 ORDER BY code`, [parentId]);
  return r.rows.map(fromRow);
}

/** The whole sub-tree under a task (any depth), parents before children. */
export async function subtree(q: Queryable, rootId: string): Promise<StoredTask[]> {
  const r = await q.query<TaskRow>(
    `WITH RECURSIVE sub AS (SELECT * FROM tasks.task WHERE parent_id = $1 UNION ALL SELECT t.* FROM tasks.task t JOIN sub ON t.parent_id = sub.id)
     SELECT * FROM sub ORDER BY depth, code`,
    [rootId],
  );
  return r.rows.map(fromRow);
}

export interface ListFilter {
  view: 'mine' | 'assigned' | 'unit';
  officialId: string;
  /** mine: the units where the caller works on tasks; unit: the one unit asked for. */
  units: string[];
  status?: TaskStatus[];
  overdue?: boolean;
  q?: string;
  priority?: Priority;
  limit: number;
  offset: number;
}

export async function listTasks(q: Queryable, f: ListFilter): Promise<{ rows: StoredTask[]; total: number }> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where: string[] = [];
  if (f.view === 'mine') where.push(`NOT is_group AND (lead_official = ${p(f.officialId)} OR (lead_official IS NULL AND lead_unit = ANY(${p(f.units)}::text[])))`);
  else if (f.view === 'assigned') {
    // what I handed down: top-level items (a group of units' tasks counts once), not my own tasks' sub-tasks twice
    const me = p(f.officialId);
    where.push(`assigner_id = ${me} AND (parent_id IS NULL OR parent_id NOT IN (SELECT id FROM tasks.task WHERE assigner_id = ${me}))`);
  }
  else where.push(`units && ${p(f.units)}::text[] AND NOT is_group`);
  if (f.status?.length) where.push(`status = ANY(${p(f.status)}::text[])`);
  if (f.overdue) where.push(`status = 'overdue'`);
  if (f.priority) where.push(`priority = ${p(f.priority)}`);
  if (f.q) where.push(`(title ILIKE ${p(`%${f.q.replace(/[\\%_]/g, (m) => '\\' + m)}%`)} OR code = ${p(f.q.trim().toUpperCase())})`);
  const w = where.length ? `WHERE (${where.join(') AND (')})` : '';
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks.task ${w}`, params);
  const rows = await q.query<TaskRow>(`SELECT * FROM tasks.task ${w} ORDER BY (status IN ('approved','cancelled')), due_at, code LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`, params);
  return { rows: rows.rows.map(fromRow), total: total.rows[0]!.n };
}

export interface EventRow {
  id: string;
  task_id: string;
  at: Date;
  action: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  actor_unit: string | null;
  from_status: string | null;
  to_status: string | null;
  percent: number | null;
  text: string | null;
  data: Record<string, unknown>;
}

export async function insertEvent(
  q: Queryable,
  e: { taskId: string; at: Date; action: string; actor: { kind: string; id: string; name: string; unitCode: string | null }; from: string | null; to: string | null; percent?: number | null; text?: string | null; data?: Record<string, unknown> },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO tasks.task_event (task_id, at, action, actor_kind, actor_id, actor_name, actor_unit, from_status, to_status, percent, text, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
    [e.taskId, e.at, e.action, e.actor.kind, e.actor.id, e.actor.name, e.actor.unitCode, e.from, e.to, e.percent ?? null, e.text ?? null, JSON.stringify(e.data ?? {})],
  );
  return String(r.rows[0]!.id);
}

export async function events(q: Queryable, taskId: string): Promise<EventRow[]> {
  return (await q.query<EventRow>(`SELECT * FROM tasks.task_event WHERE task_id = $1 ORDER BY id`, [taskId])).rows;
}

export interface FileRow {
  id: string;
  task_id: string;
  kind: 'attachment' | 'evidence';
  name: string;
  filename: string | null;
  file_key: string;
  content_type: string;
  size: string;
  sha256: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: Date;
  event_id: string | null;
}

export async function insertFile(q: Queryable, f: Omit<FileRow, 'event_id' | 'size'> & { size: number }): Promise<void> {
  await q.query(
    `INSERT INTO tasks.task_file (id, task_id, kind, name, filename, file_key, content_type, size, sha256, uploaded_by, uploaded_by_name, uploaded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [f.id, f.task_id, f.kind, f.name, f.filename, f.file_key, f.content_type, f.size, f.sha256, f.uploaded_by, f.uploaded_by_name, f.uploaded_at],
  );
}

export async function files(q: Queryable, taskId: string): Promise<FileRow[]> {
  return (await q.query<FileRow>(`SELECT * FROM tasks.task_file WHERE task_id = $1 ORDER BY uploaded_at, id`, [taskId])).rows;
}

/** Open tasks due before `horizon` (the sweep's candidates). */
export async function openDueBefore(q: Queryable, horizon: Date): Promise<StoredTask[]> {
  const r = await q.query<TaskRow>(
    `SELECT * FROM tasks.task WHERE NOT is_group AND status IN ('assigned','accepted','in_progress','returned','overdue') AND due_at < $1 ORDER BY due_at LIMIT 2000`,
    [horizon],
  );
  return r.rows.map(fromRow);
}
