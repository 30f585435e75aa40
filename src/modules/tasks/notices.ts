import { requireService, type PlatformContext } from '../../platform/modules.ts';
import type { StoredEvent } from '../../platform/outbox.ts';
import { caseClosed } from './domain/team.ts';
import type { Teams } from './teams.ts';
import { systemCaller } from './service.ts';

/**
 * Cross-module effects of the tasks module, as outbox subscribers (idempotent: a notice is keyed on the
 * event and the official, so an event delivered twice writes nothing new):
 *  - every `tasks.*` event carries a notice (text + audience: officials, or units with an optional role);
 *    the subscriber resolves the units to their officials (identity service) and writes the officials'
 *    in-app notices;
 *  - a task or a dossier that closes dissolves its case teams.
 */
export interface NoticePayload {
  text: string;
  link?: string;
  audience: { officialIds?: string[]; units?: { unitCode: string; role?: string }[] };
}

export interface NoticeView {
  id: string;
  at: string;
  kind: string;
  text: string;
  link: string | null;
  read: boolean;
}

export function noticeHandlers(ctx: PlatformContext, teams: () => Teams) {
  const db = ctx.db;

  async function writeNotices(event: StoredEvent): Promise<void> {
    const n = (event.payload as { notice?: NoticePayload }).notice;
    if (!n?.text) return;
    const ids = new Set(n.audience.officialIds ?? []);
    for (const u of n.audience.units ?? []) for (const o of await requireService(ctx, 'identity', 'tasks').officialsWith({ unitCode: u.unitCode, role: u.role })) if (o.active) ids.add(o.id);
    const actorId = (event.payload as { actorId?: string }).actorId;
    if (actorId) ids.delete(actorId);
    const taskId = (event.payload as { taskId?: string }).taskId;
    const link = n.link ?? (taskId ? `/can-bo/nhiem-vu/${taskId}` : null);
    for (const id of ids)
      await db.query(`INSERT INTO tasks.notice (event_id, official_id, at, kind, text, link) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (event_id, official_id) DO NOTHING`, [event.eventId, id, event.occurredAt, event.type, n.text, link]);
  }

  async function onTaskEvent(event: StoredEvent): Promise<void> {
    await writeNotices(event);
    const p = event.payload as { taskId?: string; toStatus?: string };
    if (event.type.startsWith('tasks.task.') && p.taskId && p.toStatus && caseClosed('task', p.toStatus)) await teams().dissolveWhere({ caseKind: 'task', caseRef: p.taskId }, 'Nhiệm vụ đã kết thúc.', systemCaller());
  }

  async function onDossierEvent(event: StoredEvent): Promise<void> {
    const p = event.payload as { code?: string; toStatus?: string };
    if (p.code && p.toStatus && caseClosed('dossier', p.toStatus)) await teams().dissolveWhere({ caseKind: 'dossier', caseRef: p.code }, 'Hồ sơ đã kết thúc.', systemCaller());
  }

  async function list(officialId: string, unreadOnly: boolean): Promise<{ items: NoticeView[]; unread: number }> {
    const r = await db.query<{ id: string; at: Date; kind: string; text: string; link: string | null; read_at: Date | null }>(
      `SELECT id, at, kind, text, link, read_at FROM tasks.notice WHERE official_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT 100`,
      [officialId],
    );
    const u = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks.notice WHERE official_id = $1 AND read_at IS NULL`, [officialId]);
    return { items: r.rows.map((x) => ({ id: String(x.id), at: new Date(x.at).toISOString(), kind: x.kind, text: x.text, link: x.link, read: !!x.read_at })), unread: u.rows[0]!.n };
  }

  /** Marks the official's own notices read (a notice of someone else is never touched). */
  async function markRead(officialId: string, ids: string[] | 'all'): Promise<number> {
    const r =
      ids === 'all'
        ? await db.query(`UPDATE tasks.notice SET read_at = now() WHERE official_id = $1 AND read_at IS NULL`, [officialId])
        : await db.query(`UPDATE tasks.notice SET read_at = now() WHERE official_id = $1 AND id = ANY($2::bigint[]) AND read_at IS NULL`, [officialId, ids]);
    return r.rowCount;
  }

  return { onTaskEvent, onDossierEvent, list, markRead };
}
