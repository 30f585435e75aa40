import type { Principal } from '../../../../platform/access.ts';
import { RELATIONSHIP_ROLES } from '../owns-resource/owns-resource.ts';

/**
 * The roles a principal acts with: an official's granted roles (each for a unit and some fields), or a
 * citizen's relationship role (`citizen`: for their own resources, everywhere). A relationship role found
 * in an official's grants is dropped, and a citizen never holds an official's role, whatever their grants
 * say: the kind of principal decides which sort of role it can have.
 */
export function rolesOf(principal: Principal): string[] {
  if (principal.kind === 'citizen') return ['citizen'];
  return [...new Set(principal.grants.map((g) => g.role).filter((r) => !RELATIONSHIP_ROLES.has(r)))];
}
