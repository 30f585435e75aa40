/**
 * Which of the scopes requested for a new API token may it carry?
 *
 * How it works: a token can only narrow what its official may do. Every requested scope must be a known
 * permission (`known`) and one the official holds somewhere (`holds`, the policy point without a target);
 * the token is refused when one is not, and the answer names the offending scopes. Duplicates are removed.
 */
export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; unknown: string[]; notHeld: string[] };

export function checkTokenScopes(requested: readonly string[], known: (p: string) => boolean, holds: (p: string) => boolean): ScopeCheck {
  const scopes = [...new Set(requested)].sort();
  const unknown = scopes.filter((s) => !known(s));
  const notHeld = scopes.filter((s) => known(s) && !holds(s));
  return unknown.length || notHeld.length ? { ok: false, unknown, notHeld } : { ok: true, scopes };
}
