import crypto from 'node:crypto';
import { problems } from '../../platform/errors.ts';
import { requireService, type PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { DEFAULT_UPLOAD_POLICY, type CheckedUpload, type FileStore, type UploadPolicy } from '../../platform/documents/index.ts';
import { caseClosed, isTeamMember, teamProblems, type CaseKind, type CaseTeam, type TeamMember } from './domain/team.ts';
import type { Caller, TasksCore } from './service.ts';

/**
 * Case teams: formed by a leader for one case (a task the leader's unit can read, or a dossier the leader
 * can read through the dossier module's service); members — officials of several units — share the team's
 * documents and a discussion thread, and are notified of every message. Membership is the relationship
 * checked for every team read and write (isTeamMember), never a role; the team dissolves when its case
 * closes (outbox events of the task or the dossier), or when its leader dissolves it.
 */

export interface TeamView {
  id: string;
  caseKind: CaseKind;
  caseRef: string;
  name: string;
  formedAt: string;
  dissolvedAt: string | null;
  members: { officialId: string; unitCode: string; displayName: string; role: 'leader' | 'member' }[];
  messages: { id: string; at: string; author: string; text: string; file: { name: string; contentType: string } | null }[];
}

export function createTeams(ctx: PlatformContext, core: TasksCore) {
  const db = ctx.db;
  const audit = () => requireService(ctx, 'audit', 'tasks');
  const identity = () => requireService(ctx, 'identity', 'tasks');

  async function loadTeam(id: string): Promise<CaseTeam & { formedAt: Date; formedBy: string }> {
    const t = (await db.query<{ id: string; case_kind: CaseKind; case_ref: string; name: string; formed_by: string; formed_at: Date; dissolved_at: Date | null }>(`SELECT * FROM tasks.case_team WHERE id = $1`, [id])).rows[0];
    if (!t) throw problems.notFound('tổ công tác', 'team-not-found');
    const m = await db.query<{ official_id: string; unit_code: string; display_name: string; role: 'leader' | 'member' }>(`SELECT * FROM tasks.case_team_member WHERE team_id = $1 ORDER BY role, display_name`, [id]);
    return {
      id: t.id,
      caseKind: t.case_kind,
      caseRef: t.case_ref,
      name: t.name,
      formedBy: t.formed_by,
      formedAt: new Date(t.formed_at),
      dissolvedAt: t.dissolved_at ? new Date(t.dissolved_at) : null,
      members: m.rows.map((r) => ({ officialId: r.official_id, unitCode: r.unit_code, displayName: r.display_name, role: r.role })),
    };
  }

  /** Reading a team: its members (the relationship), and nobody else — a dissolved team stays readable by its members. */
  async function memberTeam(id: string, c: Caller, active: boolean) {
    const team = await loadTeam(id);
    const pid = c.principal?.id;
    const member = active ? isTeamMember(team, pid) : team.members.some((m) => m.officialId === pid);
    if (!member) throw problems.notFound('tổ công tác', 'team-not-found');
    return team;
  }

  /** The case's name for notices, after checking the leader can read the case. */
  async function checkCase(kind: CaseKind, ref: string, c: Caller): Promise<{ ref: string; label: string; unit: string }> {
    if (kind === 'task') {
      const t = await core.load(ref, c);
      if (!TASK_OPEN(t.status)) throw problems.conflict('case-closed', 'Nhiệm vụ đã kết thúc.');
      return { ref: t.id, label: `nhiệm vụ ${t.code}`, unit: t.issuingUnit };
    }
    const d = await requireService(ctx, 'dossiers', 'tasks').get(ref, { principal: c.principal, can: c.can, ip: c.ip, requestId: c.requestId });
    if (caseClosed('dossier', d.status)) throw problems.conflict('case-closed', 'Hồ sơ đã kết thúc.');
    return { ref: d.code, label: `hồ sơ ${d.code}`, unit: c.principal?.unitCode ?? '' };
  }
  const TASK_OPEN = (s: string) => !caseClosed('task', s);

  async function form(input: { caseKind: CaseKind; caseRef: string; name: string; memberIds: string[] }, c: Caller): Promise<TeamView> {
    const actor = core.actorOf(c);
    const p = c.principal!;
    if (p.kind !== 'official' || !p.unitCode || !c.can('tasks.teams.manage', { unitCode: p.unitCode })) throw problems.forbidden('Chỉ lãnh đạo đơn vị lập tổ công tác.');
    const kase = await checkCase(input.caseKind, input.caseRef, c);
    const members: TeamMember[] = [{ officialId: p.id, unitCode: p.unitCode, displayName: actor.name, role: 'leader' }];
    for (const id of [...new Set(input.memberIds)].filter((x) => x !== p.id)) {
      const o = await identity().official(id);
      if (!o || !o.active) throw problems.unprocessable('official-unknown', 'Có cán bộ được chọn không tồn tại hoặc đã ngừng hoạt động.');
      members.push({ officialId: o.id, unitCode: o.unitCode, displayName: o.displayName, role: 'member' });
    }
    const errs = teamProblems(members);
    if (errs.length) throw problems.unprocessable('team-invalid', errs.join(' '));
    const id = crypto.randomUUID();
    const at = core.now();
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tasks.case_team (id, case_kind, case_ref, name, formed_by, formed_by_unit, formed_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [id, input.caseKind, kase.ref, input.name.trim(), p.id, p.unitCode, at]);
      for (const m of members) await tx.query(`INSERT INTO tasks.case_team_member (team_id, official_id, unit_code, display_name, role) VALUES ($1,$2,$3,$4,$5)`, [id, m.officialId, m.unitCode, m.displayName, m.role]);
      await audit().append(tx, { actor: { kind: actor.kind, id: actor.id, subject: actor.subject }, actingUnit: actor.unitCode, action: 'tasks.team.form', target: `team:${id}`, ip: c.ip ?? null, requestId: c.requestId ?? null, after: { case: `${input.caseKind}:${kase.ref}`, members: members.map((m) => m.officialId) } });
      await emitEvent(tx, {
        type: 'tasks.team.formed',
        aggregateType: 'case_team',
        aggregateId: id,
        payload: { teamId: id, caseKind: input.caseKind, caseRef: kase.ref, notice: { text: `Bạn được cử vào tổ công tác "${input.name.trim()}" xử lý ${kase.label}.`, audience: { officialIds: members.filter((m) => m.role === 'member').map((m) => m.officialId) }, link: `/can-bo/to-cong-tac/${id}` } },
      });
    });
    return get(id, c);
  }

  async function get(id: string, c: Caller): Promise<TeamView> {
    const team = await memberTeam(id, c, false);
    const msgs = await db.query<{ id: string; at: Date; author_name: string; text: string; file_name: string | null; content_type: string | null }>(`SELECT * FROM tasks.case_team_message WHERE team_id = $1 ORDER BY id`, [id]);
    return {
      id: team.id,
      caseKind: team.caseKind,
      caseRef: team.caseRef,
      name: team.name,
      formedAt: team.formedAt.toISOString(),
      dissolvedAt: team.dissolvedAt?.toISOString() ?? null,
      members: team.members,
      messages: msgs.rows.map((m) => ({ id: String(m.id), at: new Date(m.at).toISOString(), author: m.author_name, text: m.text, file: m.file_name ? { name: m.file_name, contentType: m.content_type! } : null })),
    };
  }

  async function mine(c: Caller): Promise<{ id: string; name: string; caseKind: CaseKind; caseRef: string; dissolvedAt: string | null }[]> {
    const r = await db.query<{ id: string; name: string; case_kind: CaseKind; case_ref: string; dissolved_at: Date | null }>(
      `SELECT t.id, t.name, t.case_kind, t.case_ref, t.dissolved_at FROM tasks.case_team t JOIN tasks.case_team_member m ON m.team_id = t.id WHERE m.official_id = $1 ORDER BY t.dissolved_at NULLS FIRST, t.formed_at DESC LIMIT 200`,
      [c.principal?.id ?? ''],
    );
    return r.rows.map((x) => ({ id: x.id, name: x.name, caseKind: x.case_kind, caseRef: x.case_ref, dissolvedAt: x.dissolved_at ? new Date(x.dissolved_at).toISOString() : null }));
  }

  async function post(
    id: string,
    input: { text: string; file?: { bytes: Uint8Array; filename?: string } },
    c: Caller,
    files?: FileStore,
    check?: (b: Uint8Array, o: { filename?: string; policy?: UploadPolicy }) => Promise<CheckedUpload>,
  ): Promise<TeamView> {
    const actor = core.actorOf(c);
    const team = await memberTeam(id, c, true);
    let stored: { key: string; name: string; mime: string } | null = null;
    if (input.file && files && check) {
      const checked = await check(input.file.bytes, { filename: input.file.filename, policy: { ...DEFAULT_UPLOAD_POLICY, subject: 'Tổ công tác' } });
      const s = await files.put(input.file.bytes, { contentType: checked.mime, filename: input.file.filename });
      stored = { key: s.key, name: input.file.filename ?? 'Tệp đính kèm', mime: checked.mime };
    }
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tasks.case_team_message (team_id, at, author_id, author_name, text, file_key, file_name, content_type) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [id, core.now(), actor.id, actor.name, input.text.trim(), stored?.key ?? null, stored?.name ?? null, stored?.mime ?? null]);
      await audit().append(tx, { actor: { kind: actor.kind, id: actor.id, subject: actor.subject }, actingUnit: actor.unitCode, action: 'tasks.team.message', target: `team:${id}`, ip: c.ip ?? null, requestId: c.requestId ?? null });
      await emitEvent(tx, {
        type: 'tasks.team.message',
        aggregateType: 'case_team',
        aggregateId: id,
        payload: { teamId: id, notice: { text: `${actor.name} viết trong tổ công tác "${team.name}".`, audience: { officialIds: team.members.map((m) => m.officialId).filter((m) => m !== actor.id) }, link: `/can-bo/to-cong-tac/${id}` } },
      });
    });
    return get(id, c);
  }

  async function download(id: string, messageId: string, c: Caller, files: FileStore): Promise<{ body: Buffer; name: string; contentType: string }> {
    await memberTeam(id, c, false);
    const m = (await db.query<{ file_key: string | null; file_name: string | null; content_type: string | null }>(`SELECT file_key, file_name, content_type FROM tasks.case_team_message WHERE team_id = $1 AND id = $2`, [id, messageId])).rows[0];
    const got = m?.file_key ? await files.get(m.file_key) : null;
    if (!m || !got) throw problems.notFound('tệp', 'file-not-found');
    return { body: got.body, name: m.file_name ?? 'tep', contentType: m.content_type ?? 'application/octet-stream' };
  }

  async function dissolveWhere(where: { teamId?: string; caseKind?: CaseKind; caseRef?: string }, reason: string, c: Caller): Promise<number> {
    const actor = core.actorOf(c);
    return db.transaction(async (tx) => {
      const r = await tx.query<{ id: string; name: string }>(
        where.teamId
          ? `UPDATE tasks.case_team SET dissolved_at = $2, dissolved_reason = $3 WHERE id = $1 AND dissolved_at IS NULL RETURNING id, name`
          : `UPDATE tasks.case_team SET dissolved_at = $2, dissolved_reason = $3 WHERE case_kind = $4 AND case_ref = $1 AND dissolved_at IS NULL RETURNING id, name`,
        where.teamId ? [where.teamId, core.now(), reason] : [where.caseRef, core.now(), reason, where.caseKind],
      );
      for (const t of r.rows) {
        const members = await tx.query<{ official_id: string }>(`SELECT official_id FROM tasks.case_team_member WHERE team_id = $1`, [t.id]);
        await audit().append(tx, { actor: { kind: actor.kind, id: actor.id, subject: actor.subject }, actingUnit: actor.unitCode, action: 'tasks.team.dissolve', target: `team:${t.id}`, ip: c.ip ?? null, requestId: c.requestId ?? null, after: { reason } });
        await emitEvent(tx, { type: 'tasks.team.dissolved', aggregateType: 'case_team', aggregateId: t.id, payload: { teamId: t.id, notice: { text: `Tổ công tác "${t.name}" đã giải thể: ${reason}`, audience: { officialIds: members.rows.map((m) => m.official_id) } } } });
      }
      return r.rowCount;
    });
  }

  async function dissolve(id: string, reason: string, c: Caller): Promise<TeamView> {
    const team = await memberTeam(id, c, true);
    if (team.formedBy !== c.principal?.id) throw problems.forbidden('Chỉ lãnh đạo đã lập tổ công tác giải thể tổ.');
    await dissolveWhere({ teamId: id }, reason.trim() || 'Lãnh đạo giải thể tổ.', c);
    return get(id, c);
  }

  /** Officials of a unit of the province a leader may put on a team (names and positions, no personal data). */
  async function candidates(unitCode: string, c: Caller): Promise<{ id: string; displayName: string; unitCode: string; position: string | null }[]> {
    const p = c.principal;
    if (!p || p.kind !== 'official' || !p.unitCode || !c.can('tasks.teams.manage', { unitCode: p.unitCode })) throw problems.forbidden('Chỉ lãnh đạo đơn vị lập tổ công tác.');
    const list = await identity().officialsWith({ unitCode });
    return list.filter((o) => o.active).map((o) => ({ id: o.id, displayName: o.displayName, unitCode: o.unitCode, position: o.position }));
  }

  return { form, get, mine, post, download, dissolve, dissolveWhere, candidates };
}

export type Teams = ReturnType<typeof createTeams>;
