import { fieldKey, type Principal, type ResourceColumns, type SqlCondition } from '../../../../platform/access.ts';
import type { CanContext } from '../can/can.ts';
import { RELATIONSHIP_ROLES, subjectsOf } from '../owns-resource/owns-resource.ts';
import { rolesOf } from '../roles-of/roles-of.ts';

export interface SqlFilterContext extends CanContext {
  /**
   * The inverse of `provinceOf` for codes that do not carry their province: every unit code u with
   * provinceOf(u) === province (the province's communes in force). Must come from the same data as
   * provinceOf, or the filter and `can` disagree.
   */
  unitsOfProvince: (province: string) => readonly string[];
}

/**
 * The one policy point, for queries: a SQL condition that holds for exactly the rows on which `can` allows
 * `permission`, so that lists ("my inbox") and single reads ("this dossier") never disagree.
 *
 * A row is allowed when can(principal, permission, { owner: the row's owner }) is true (the relationship),
 * or, for one of the units in its `units` column, can(principal, permission, { unitCode: that unit, field:
 * the row's field, owner: the row's owner }) is (a grant). How it works, clause by clause, mirroring can():
 *  - an API token outside its scopes, an unknown permission → `false`;
 *  - a citizen → the relationship: `owner = ANY(subjects the citizen speaks for)`, when the citizen role
 *    holds the permission (and the table has an owner column);
 *  - anyone else → one OR-branch per grant whose role holds the permission (never a relationship role):
 *      unit: '*' → any row with a unit; a code G → a unit equal to G, or a sub-unit `G.…`, or — G being a
 *            province (two digits) — a unit whose province is G (`unitsOfProvince(G)`, the units module's
 *            communes in force);
 *      field: '*' → any; a list → the row's stored `fieldKey` is one of the list's keys (the same
 *            normalisation as grantCoversField, computed in TypeScript on both sides, never SQL lower()).
 * Every value is a parameter: the SQL text holds only the trusted column names the caller passed.
 */
export function grantsSqlFilter(principal: Principal, permission: string, columns: ResourceColumns, ctx: SqlFilterContext): SqlCondition {
  return (param) => {
    if (principal.scopes && !principal.scopes.includes(permission)) return 'false';
    const roles = ctx.policy.rolesFor(permission);
    if (roles.size === 0) return 'false';
    if (principal.kind === 'citizen') {
      if (!columns.owner || !rolesOf(principal).some((r) => roles.has(r))) return 'false';
      return `${columns.owner} = ANY(${param(subjectsOf(principal))}::text[])`;
    }
    const branches = principal.grants
      .filter((g) => roles.has(g.role) && !RELATIONSHIP_ROLES.has(g.role))
      .map((g) => `(${unitClause(g.unitCode, columns.units, param, ctx)} AND ${fieldClause(g.fields, columns.fieldKey, param)})`);
    return branches.length ? `(${branches.join(' OR ')})` : 'false';
  };
}

function unitClause(grantUnit: string, units: string, param: (v: unknown) => string, ctx: SqlFilterContext): string {
  if (grantUnit === '*') return `cardinality(${units}) > 0`;
  const exact = /^\d{2}$/.test(grantUnit) ? [grantUnit, ...ctx.unitsOfProvince(grantUnit)] : [grantUnit];
  return `(${units} && ${param(exact)}::text[] OR EXISTS (SELECT 1 FROM unnest(${units}) AS reached(code) WHERE starts_with(reached.code, ${param(grantUnit + '.')})))`;
}

function fieldClause(fields: readonly string[] | '*', column: string, param: (v: unknown) => string): string {
  if (fields === '*') return 'true';
  return `${column} = ANY(${param([...new Set(fields.map(fieldKey))])}::text[])`;
}
