import type { Priority, TaskStatus } from './states.ts';

/** A unit (and optionally one official of it) working on a task. */
export interface Assignee {
  unitCode: string;
  officialId: string | null;
}

/** A pending request to move the deadline, decided by the assigner. */
export interface ExtensionRequest {
  requestedAt: Date;
  requestedBy: string;
  newDueAt: Date;
  reason: string;
}

/** The task aggregate as the pure rules see it (store.ts maps it to rows). */
export interface Task {
  id: string;
  parentId: string | null;
  /** 0 for a task handed down by a leader; its sub-tasks 1, 2, … (any depth). */
  depth: number;
  title: string;
  content: string;
  /** The resolution, directive or programme it implements ("Nghị quyết 57-NQ/TW, mục III.2"). */
  legalSource: string | null;
  /** The unit that hands it down (its leaders decide extensions and approve completion). */
  issuingUnit: string;
  assignerId: string;
  assignerName: string;
  /** In charge (chủ trì). */
  lead: Assignee;
  /** Cooperating (phối hợp). */
  cooperating: Assignee[];
  priority: Priority;
  status: TaskStatus;
  dueAt: Date;
  progress: number;
  extension: ExtensionRequest | null;
  extensionsGranted: number;
  /** Reminder keys already sent for the current deadline ("before:3", "before:1"). */
  remindersSent: string[];
  escalatedAt: Date | null;
  reportedDoneAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
}

/** Every unit a task is handled at: who issued it, who leads, who cooperates (the policy's unit rules apply to each). */
export function unitsOf(t: Pick<Task, 'issuingUnit' | 'lead' | 'cooperating'>): string[] {
  return [...new Set([t.issuingUnit, t.lead.unitCode, ...t.cooperating.map((c) => c.unitCode)])];
}
