/**
 * Who is signed in (GET /api/v1/auth/me), shared by every page through a React context. The CSRF
 * token that the identity module hands out with the session is kept for state-changing requests.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, answer, ok, setCsrfToken } from './api.ts';
import type { Me } from '../api/types.ts';

export type { Me } from '../api/types.ts';

interface SessionValue {
  me: Me | null;
  loading: boolean;
  refresh: () => Promise<Me | null>;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Who was last signed in in this tab (their account id), kept in sessionStorage: a page that lost its
 * session sends it to the sign-in page as `who`, and the return address is followed only when the same
 * person signs in again — the next official at a shared counter PC starts at their own inbox, not at the
 * previous official's dossier. Signing out forgets it.
 */
const WHO_KEY = 'lt.who';
function remember(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(WHO_KEY, id);
    else sessionStorage.removeItem(WHO_KEY);
  } catch {
    /* storage refused (private mode): the return address is then followed without the check */
  }
}
export function lastSignedIn(): string | null {
  try {
    return sessionStorage.getItem(WHO_KEY);
  } catch {
    return null;
  }
}

/** The query of a sign-in page that brings this person back to `path` (and nobody else). */
export function returnQuery(path: string): string {
  const who = lastSignedIn();
  return `next=${encodeURIComponent(path)}${who ? `&who=${encodeURIComponent(who)}` : ''}`;
}

/** Where to go after `me` signed in: `next` when it is a same-site page and was left by `me` (or by nobody known). */
export function afterSignIn(params: URLSearchParams, me: { id: string }, fallback: string): string {
  const next = params.get('next');
  const who = params.get('who');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.startsWith('/api/')) return fallback;
  if (who && who !== me.id) return fallback;
  return next;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const m = await ok(api.GET('/api/v1/auth/me'));
      setCsrfToken(m.csrfToken);
      setMe(m);
      remember(m.id);
      return m;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401 || err.status === 404) {
        setMe(null);
        return null;
      }
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
  }, [refresh]);

  const signIn = useCallback(async (username: string, password: string) => {
    const { principal } = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
    setCsrfToken(principal.csrfToken);
    // /auth/me is the reference (and settles a first read that was still on its way)
    const m = (await refresh()) ?? principal;
    setMe(m);
    return m;
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await answer(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken(null);
      setMe(null);
      // a signed-out computer carries nobody's return address to the next person
      remember(null);
    }
  }, []);

  const value = useMemo(() => ({ me, loading, refresh, signIn, signOut }), [me, loading, refresh, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** Roles held, for showing only the pages the official may use. */
export function hasRole(me: Me | null, ...roles: string[]): boolean {
  return !!me && me.grants.some((r) => roles.includes(r.role));
}
