/**
 * Turns the merged permission catalogue (permission → roles, declared by every module) into the lookups
 * the policy point needs on every request, computed once at start-up:
 *  - `rolesFor(permission)`: the set of roles holding it (empty for an unknown permission: deny);
 *  - `permissionsOf(role)`: every permission a role holds (for GET /auth/me and the docs table);
 *  - `known(permission)`.
 */
export interface CompiledPolicy {
  rolesFor(permission: string): ReadonlySet<string>;
  permissionsOf(role: string): string[];
  known(permission: string): boolean;
  /** All permissions, sorted, with their roles: the table in docs/identity.md. */
  table(): { permission: string; roles: string[] }[];
}

const EMPTY: ReadonlySet<string> = new Set();

export function compilePolicy(catalogue: Record<string, readonly string[]>): CompiledPolicy {
  const byPermission = new Map<string, Set<string>>();
  const byRole = new Map<string, string[]>();
  for (const [permission, roles] of Object.entries(catalogue)) {
    byPermission.set(permission, new Set(roles));
    for (const r of roles) {
      const list = byRole.get(r) ?? [];
      list.push(permission);
      byRole.set(r, list);
    }
  }
  for (const list of byRole.values()) list.sort();
  return {
    rolesFor: (p) => byPermission.get(p) ?? EMPTY,
    permissionsOf: (r) => byRole.get(r) ?? [],
    known: (p) => byPermission.has(p),
    table: () => [...byPermission.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([permission, roles]) => ({ permission, roles: [...roles] })),
  };
}
