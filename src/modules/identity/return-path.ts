/**
 * Where the browser goes after signing in: only a path of this site (no open redirect), never the API.
 * Accepts "/thu-tuc/1.001193/nop?x=1#y"; refuses "https://evil.example", "//evil.example", "/\\evil",
 * "javascript:…", control characters, paths under /api/, and anything over 500 characters.
 */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 500) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw, 'http://same.site');
  } catch {
    return null;
  }
  if (u.origin !== 'http://same.site') return null;
  if (u.pathname === '/api' || u.pathname.startsWith('/api/') || u.pathname.startsWith('/oidc')) return null;
  return `${u.pathname}${u.search}${u.hash}`;
}

/**
 * The return path is followed only by the person it was made for: a page that lost its session names who
 * was signed in there (`who`, their account id); when someone else signs in at that computer (a shared
 * counter PC), they start at their own home page instead of the previous person's dossier.
 */
export function returnPathFor(returnTo: string | null, who: string | null | undefined, signedIn: string, fallback: string): string {
  if (!returnTo) return fallback;
  if (who && who !== signedIn) return fallback;
  return returnTo;
}
