import type { AccessTarget, Principal, RoleGrant } from '../../../../platform/access.ts';
import type { CompiledPolicy } from '../compile-policy/compile-policy.ts';
import { grantCoversField } from '../grant-covers-field/grant-covers-field.ts';
import { grantCoversUnit } from '../grant-covers-unit/grant-covers-unit.ts';

export interface CanContext {
  policy: CompiledPolicy;
  /** The province code of a unit code (synchronous: preloaded by the caller). */
  provinceOf: (unitCode: string) => string | undefined;
}

/**
 * The single policy decision: may `principal` use `permission` on `target` (a unit and a field)?
 *
 * How it works:
 *  1. an API token is limited to its scopes: a permission outside them is refused even when the
 *     official who created the token holds it;
 *  2. the permission's roles come from the merged catalogue (an unknown permission has no roles: refused,
 *     nothing is allowed by default);
 *  3. the answer is yes when one grant of the principal has one of those roles AND reaches the target unit
 *     (grantCoversUnit) AND the target field (grantCoversField). With no target, holding the role anywhere
 *     is enough — the route-level check; handlers then check the resource's own unit and field.
 * It is synchronous and allocation-free on the hot path: grants were resolved at authentication.
 */
export function can(principal: Principal, permission: string, target: AccessTarget | undefined, ctx: CanContext): boolean {
  if (principal.scopes && !principal.scopes.includes(permission)) return false;
  const roles = ctx.policy.rolesFor(permission);
  if (roles.size === 0) return false;
  return principal.grants.some((g) => grantAllows(g, roles, target, ctx));
}

/** The grants of a principal that allow the permission on the target (for explanations and tests). */
export function allowingGrants(principal: Principal, permission: string, target: AccessTarget | undefined, ctx: CanContext): RoleGrant[] {
  if (principal.scopes && !principal.scopes.includes(permission)) return [];
  const roles = ctx.policy.rolesFor(permission);
  return principal.grants.filter((g) => grantAllows(g, roles, target, ctx));
}

function grantAllows(g: RoleGrant, roles: ReadonlySet<string>, target: AccessTarget | undefined, ctx: CanContext): boolean {
  return roles.has(g.role) && grantCoversUnit(g.unitCode, target?.unitCode, ctx.provinceOf) && grantCoversField(g.fields, target?.field);
}
