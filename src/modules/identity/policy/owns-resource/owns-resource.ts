import type { Principal } from '../../../../platform/access.ts';

/**
 * The roles that are relationships, not positions: held by who a person is to a resource, never granted
 * for a unit or a field. A grant carrying one of them is ignored by every check.
 */
export const RELATIONSHIP_ROLES: ReadonlySet<string> = new Set(['citizen']);

/**
 * The subjects a principal speaks for: a citizen for themself. (A recorded proxy — a parent for a child,
 * a representative for an organisation — will add the subjects it was recorded for, here and only here.)
 */
export function subjectsOf(principal: Principal): string[] {
  return principal.kind === 'citizen' ? [principal.subject] : [];
}

/**
 * Does the principal own the resource whose owner is `owner`?
 *
 * How it works: only a citizen owns anything; the resource must name its owner (a dossier typed at the
 * counter without the applicant's identification number belongs to nobody), and the owner must be one of
 * the subjects the citizen speaks for. Units and fields play no part: a relationship is not a role.
 */
export function ownsResource(principal: Principal, owner: string | null | undefined): boolean {
  if (!owner) return false;
  return subjectsOf(principal).includes(owner);
}
