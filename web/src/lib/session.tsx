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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const m = await ok(api.GET('/api/v1/auth/me'));
      setCsrfToken(m.csrfToken);
      setMe(m);
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
