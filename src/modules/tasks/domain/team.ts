/**
 * Case teams (tổ công tác liên ngành): a leader forms a team of officials from several units for one case —
 * a dossier or a task. Membership is a relationship between an official and the team, checked as one: a
 * role in a unit never makes anyone a member, and being a member gives access to the team's documents and
 * thread only, never to the units' other work.
 */
export const CASE_KINDS = ['task', 'dossier'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export interface TeamMember {
  officialId: string;
  unitCode: string;
  displayName: string;
  /** The leader who formed the team, or a member. */
  role: 'leader' | 'member';
}

export interface CaseTeam {
  id: string;
  caseKind: CaseKind;
  caseRef: string;
  name: string;
  members: TeamMember[];
  dissolvedAt: Date | null;
}

/** The relationship: the official is a member (or the leader) of a team that is still active. */
export function isTeamMember(team: Pick<CaseTeam, 'members' | 'dissolvedAt'>, officialId: string | null | undefined): boolean {
  if (!officialId || team.dissolvedAt) return false;
  return team.members.some((m) => m.officialId === officialId);
}

/** A team must bring together at least two units (otherwise it is the unit's ordinary work). */
export function teamProblems(members: Pick<TeamMember, 'officialId' | 'unitCode'>[]): string[] {
  const problems: string[] = [];
  if (new Set(members.map((m) => m.officialId)).size !== members.length) problems.push('Một cán bộ được chọn hai lần.');
  if (new Set(members.map((m) => m.unitCode)).size < 2) problems.push('Tổ công tác gồm cán bộ của ít nhất hai đơn vị.');
  if (members.length > 50) problems.push('Tổ công tác có tối đa 50 thành viên.');
  return problems;
}

/** A team dissolves when its case closes: an approved or cancelled task, a dossier whose result was returned, withdrawn or stopped. */
export function caseClosed(kind: CaseKind, status: string): boolean {
  return kind === 'task' ? status === 'approved' || status === 'cancelled' : ['returned', 'withdrawn', 'stopped', 'refused_at_reception'].includes(status);
}
