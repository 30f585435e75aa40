/** Fixtures of the pure task tests (no I/O). */
import { referenceCalendar } from '../../calendar/testing.ts';
import type { Task } from './model.ts';

export const cal = referenceCalendar();

/** A moment in Vietnam time: vn('2026-11-24 09:00'). */
export function vn(s: string): Date {
  return new Date(s.replace(' ', 'T') + ':00+07:00');
}

export function makeTask(over: Partial<Task> = {}): Task {
  return {
    id: 't-1',
    parentId: null,
    depth: 0,
    title: 'Rà soát thủ tục hành chính cấp xã',
    content: 'Rà soát, đề xuất cắt giảm thủ tục.',
    legalSource: 'Nghị quyết 66/NQ-CP',
    issuingUnit: '25.SNNMT',
    assignerId: 'u-ld',
    assignerName: 'Lê Văn Duyệt',
    lead: { unitCode: '07900', officialId: null },
    cooperating: [{ unitCode: '07918', officialId: null }],
    priority: 'normal',
    status: 'assigned',
    dueAt: vn('2026-12-10 17:00'),
    progress: 0,
    extension: null,
    extensionsGranted: 0,
    remindersSent: [],
    escalatedAt: null,
    reportedDoneAt: null,
    closedAt: null,
    createdAt: vn('2026-11-20 09:00'),
    version: 1,
    ...over,
  };
}
