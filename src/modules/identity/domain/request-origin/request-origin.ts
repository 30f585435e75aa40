/**
 * Did a browser send this request from one of our own pages? The defence against login CSRF, where a
 * page elsewhere posts a sign-in form so that the visitor's browser ends up signed in as the attacker
 * (and then types a citizen's data into the attacker's account). The session's CSRF token cannot help
 * there: before signing in there is no session.
 *
 * How it works, from the headers browsers set themselves and pages cannot forge:
 *  1. `Origin` present: it must be one of the allowed origins ("null", sent by sandboxed frames and some
 *     redirects, is refused);
 *  2. else `Referer` present: its origin must be allowed;
 *  3. else `Sec-Fetch-Site` of `cross-site` or `same-site` is refused;
 *  4. else (no browser header at all: curl, a script) the request is let through — such a client is not a
 *     victim's browser, and the sign-in still needs the password.
 * Origins are compared after URL normalisation (scheme, lower-case host, default port dropped).
 */
export type OriginCheck = { ok: true } | { ok: false; reason: 'opaque-origin' | 'other-origin' | 'other-referer' | 'cross-site-fetch'; from: string | null };

export interface OriginHeaders {
  origin?: string;
  referer?: string;
  secFetchSite?: string;
}

/** The origin of a URL ("https://a.gov.vn"), or null when it is not a URL. */
export function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}

export function checkRequestOrigin(h: OriginHeaders, allowed: readonly string[]): OriginCheck {
  const ok = (o: string | null) => o !== null && allowed.includes(o);
  if (h.origin !== undefined) {
    if (h.origin.trim() === 'null') return { ok: false, reason: 'opaque-origin', from: null };
    const o = originOf(h.origin.trim());
    return ok(o) ? { ok: true } : { ok: false, reason: 'other-origin', from: o ?? h.origin.slice(0, 200) };
  }
  if (h.referer !== undefined) {
    const o = originOf(h.referer.trim());
    return ok(o) ? { ok: true } : { ok: false, reason: 'other-referer', from: o };
  }
  if (h.secFetchSite === 'cross-site' || h.secFetchSite === 'same-site') return { ok: false, reason: 'cross-site-fetch', from: null };
  return { ok: true };
}
