import type { RoleGrant } from '../../../../platform/access.ts';

/** A grant as the principal carries it: where it came from, so /auth/me can show it. */
export interface ResolvedGrant extends RoleGrant {
  source: 'assigned' | 'delegation';
  /** The delegations that gave this grant's fields. */
  delegationIds?: string[];
}

export interface AssignedGrant {
  role: string;
  unitCode: string;
  /** null = every field. */
  fields: string[] | null;
}

export interface ActiveDelegation {
  id: string;
  role: string;
  unitCode: string;
  field: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The grants a principal acts with: the roles assigned to them plus the fields leaders delegated to them.
 *
 * How it works: assigned grants are taken as they are (null fields = '*'); delegations that are neither
 * revoked nor expired at `now` are grouped by (role, unit) into one grant listing their fields — unless
 * an assigned grant with the same role and unit already covers every field, which makes them redundant.
 * Duplicated assigned grants are merged. The order is stable (assigned first), so /auth/me reads well.
 */
export function resolveGrants(assigned: AssignedGrant[], delegations: ActiveDelegation[], now: Date): ResolvedGrant[] {
  const out: ResolvedGrant[] = [];
  const seen = new Set<string>();
  for (const g of assigned) {
    const fields: string[] | '*' = g.fields === null ? '*' : [...new Set(g.fields)].sort();
    const key = `${g.role}|${g.unitCode}|${fields === '*' ? '*' : fields.join('\u0001')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role: g.role, unitCode: g.unitCode, fields, source: 'assigned' });
  }
  const groups = new Map<string, { role: string; unitCode: string; fields: Set<string>; ids: string[] }>();
  for (const d of delegations) {
    if (d.revokedAt && d.revokedAt <= now) continue;
    if (d.expiresAt && d.expiresAt <= now) continue;
    if (out.some((g) => g.role === d.role && g.unitCode === d.unitCode && g.fields === '*')) continue;
    const key = `${d.role}|${d.unitCode}`;
    const grp = groups.get(key) ?? { role: d.role, unitCode: d.unitCode, fields: new Set<string>(), ids: [] };
    grp.fields.add(d.field);
    grp.ids.push(d.id);
    groups.set(key, grp);
  }
  for (const g of groups.values()) out.push({ role: g.role, unitCode: g.unitCode, fields: [...g.fields].sort(), source: 'delegation', delegationIds: g.ids });
  return out;
}
