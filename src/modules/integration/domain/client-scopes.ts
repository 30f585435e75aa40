/**
 * Which scopes may a client system's access tokens carry?
 *
 * How it works: a scope is a permission name. A client may hold only the permissions that the modules
 * open to client systems — those whose roles include `api_client` in the merged catalogue
 * (ctx.permissions). Unknown names and permissions reserved to people are refused, and the answer names
 * them. Duplicates are removed and the result is sorted.
 */
export const CLIENT_ROLE = 'api_client';

export type ClientScopeCheck = { ok: true; scopes: string[] } | { ok: false; unknown: string[]; notForClients: string[] };

export function clientScopesOf(catalogue: Record<string, readonly string[]>): string[] {
  return Object.entries(catalogue)
    .filter(([, roles]) => roles.includes(CLIENT_ROLE))
    .map(([p]) => p)
    .sort();
}

export function checkClientScopes(requested: readonly string[], catalogue: Record<string, readonly string[]>): ClientScopeCheck {
  const scopes = [...new Set(requested)].sort();
  const unknown = scopes.filter((s) => !(s in catalogue));
  const notForClients = scopes.filter((s) => s in catalogue && !catalogue[s]!.includes(CLIENT_ROLE));
  return unknown.length || notForClients.length ? { ok: false, unknown, notForClients } : { ok: true, scopes };
}

/**
 * The scopes a token is issued with: those asked for (space-separated, RFC 6749 §3.3) that the client
 * holds, or all of the client's scopes when none is asked. A scope asked for but not held is an error
 * (`invalid_scope`), never silently dropped.
 */
export function grantedScopes(requested: string | undefined, held: readonly string[]): { ok: true; scopes: string[] } | { ok: false; notHeld: string[] } {
  const asked = (requested ?? '').split(/\s+/).filter(Boolean);
  if (!asked.length) return { ok: true, scopes: [...held].sort() };
  const notHeld = asked.filter((s) => !held.includes(s));
  return notHeld.length ? { ok: false, notHeld } : { ok: true, scopes: [...new Set(asked)].sort() };
}
