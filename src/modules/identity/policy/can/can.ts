import type { AccessTarget, Principal, RoleGrant } from '../../../../platform/access.ts';
import type { CompiledPolicy } from '../compile-policy/compile-policy.ts';
import { grantCoversField } from '../grant-covers-field/grant-covers-field.ts';
import { grantCoversUnit } from '../grant-covers-unit/grant-covers-unit.ts';
import { ownsResource, RELATIONSHIP_ROLES } from '../owns-resource/owns-resource.ts';
import { rolesOf } from '../roles-of/roles-of.ts';

export interface CanContext {
  policy: CompiledPolicy;
  /** The province code of a unit code (synchronous: preloaded by the caller). */
  provinceOf: (unitCode: string) => string | undefined;
}

/**
 * The single policy decision: may `principal` use `permission` on `target`?
 *
 * How it works:
 *  1. an API token is limited to its scopes: a permission outside them is refused even when the
 *     official who created the token holds it;
 *  2. the permission's roles come from the merged catalogue (an unknown permission has no roles: refused,
 *     nothing is allowed by default);
 *  3. a citizen is let in by a relationship only: the permission must be one of the citizen role's, and
 *     the target must be theirs (ownsResource: the target's `owner` is a subject they speak for). A unit or
 *     a field never lets a citizen in;
 *  4. anyone else is let in by a grant only: one grant with one of the permission's roles (never a
 *     relationship role) that reaches the target unit (grantCoversUnit) AND the target field
 *     (grantCoversField). A target that names an owner but no unit is reached by no grant.
 * With no target at all — the route-level check of the platform's onRequest hook — holding the role is
 * enough; handlers then check the resource itself with its unit, field and owner.
 * It is synchronous and does no I/O: grants and units were loaded at authentication.
 */
export function can(principal: Principal, permission: string, target: AccessTarget | undefined, ctx: CanContext): boolean {
  if (principal.scopes && !principal.scopes.includes(permission)) return false;
  const roles = ctx.policy.rolesFor(permission);
  if (roles.size === 0) return false;
  if (principal.kind === 'citizen') return rolesOf(principal).some((r) => roles.has(r)) && (target === undefined || ownsResource(principal, target.owner));
  if (target && target.unitCode === undefined && target.owner !== undefined) return false;
  return principal.grants.some((g) => grantAllows(g, roles, target, ctx));
}

/** The grants of a principal that allow the permission on the target (for explanations and tests). */
export function allowingGrants(principal: Principal, permission: string, target: AccessTarget | undefined, ctx: CanContext): RoleGrant[] {
  if (principal.kind === 'citizen' || (principal.scopes && !principal.scopes.includes(permission))) return [];
  if (target && target.unitCode === undefined && target.owner !== undefined) return [];
  const roles = ctx.policy.rolesFor(permission);
  return principal.grants.filter((g) => grantAllows(g, roles, target, ctx));
}

function grantAllows(g: RoleGrant, roles: ReadonlySet<string>, target: AccessTarget | undefined, ctx: CanContext): boolean {
  return roles.has(g.role) && !RELATIONSHIP_ROLES.has(g.role) && grantCoversUnit(g.unitCode, target?.unitCode, ctx.provinceOf) && grantCoversField(g.fields, target?.field);
}
