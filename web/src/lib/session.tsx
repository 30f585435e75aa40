/**
 * Who is signed in (GET /api/v1/auth/me), shared by every page through a React context. The CSRF
 * token that the identity module hands out with the session is kept for state-changing requests.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api.ts';

export interface RoleGrant {
  role: string;
  unitCode: string;
  unitName?: string;
  fields: string[] | '*';
}

export interface Me {
  kind: 'official' | 'citizen' | 'other';
  id: string;
  name: string;
  username?: string;
  unitCode?: string;
  unitName?: string;
  roles: RoleGrant[];
  /** Every permission held somewhere (GET /api/v1/auth/me). */
  permissions: string[];
  /** A citizen's profile, used to prefill forms. */
  profile: {
    fullName?: string;
    idNumber?: string;
    birthDate?: string;
    phone?: string;
    email?: string;
    address?: string;
    gender?: string;
  };
}

type Raw = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Reads the identity module's answer (tolerant of camelCase and snake_case). */
export function toMe(raw: Raw): Me {
  const p = ((raw.principal as Raw | undefined) ?? (raw.user as Raw | undefined) ?? raw) as Raw;
  const profile = ((p.profile as Raw | undefined) ?? (p.person as Raw | undefined) ?? {}) as Raw;
  const rolesRaw = (p.roles ?? p.grants ?? []) as Raw[];
  const roles: RoleGrant[] = Array.isArray(rolesRaw)
    ? rolesRaw.map((r) => ({
        role: String(r.role ?? ''),
        unitCode: String(r.unitCode ?? r.unit_code ?? ''),
        unitName: str(r.unitName ?? r.unit_name),
        fields: r.fields === '*' ? '*' : Array.isArray(r.fields) ? (r.fields as string[]) : '*',
      }))
    : [];
  const kindRaw = String(p.kind ?? p.type ?? (roles.some((r) => r.role === 'citizen') ? 'citizen' : 'official'));
  const kind = kindRaw === 'citizen' || kindRaw === 'official' ? kindRaw : kindRaw === 'person' ? 'citizen' : 'other';
  const unit = (p.unit as Raw | undefined) ?? {};
  return {
    kind,
    id: String(p.id ?? p.sub ?? ''),
    name: str(p.name ?? p.display_name ?? p.displayName ?? p.full_name ?? profile.full_name) ?? str(p.username) ?? '',
    username: str(p.username),
    unitCode: str(p.unitCode ?? p.unit_code ?? unit.code) ?? roles[0]?.unitCode,
    unitName: str(p.unitName ?? p.unit_name ?? unit.name) ?? roles[0]?.unitName,
    roles,
    permissions: Array.isArray(p.permissions) ? (p.permissions as string[]) : [],
    profile: {
      fullName: str(profile.full_name ?? profile.fullName ?? p.name ?? p.full_name),
      idNumber: str(profile.id_number ?? profile.idNumber ?? profile.pin ?? p.id_number ?? p.pin) ?? (kind === 'citizen' && /^\d{12}$/.test(String(p.subject ?? '')) ? String(p.subject) : undefined),
      birthDate: str(profile.birth_date ?? profile.birthDate ?? p.birth_date),
      phone: str(profile.phone ?? p.phone),
      email: str(profile.email ?? p.email),
      address: str(profile.address ?? p.address),
      gender: str(profile.gender ?? p.gender),
    },
  };
}

function csrfOf(raw: Raw): string | undefined {
  return str(raw.csrfToken ?? raw.csrf_token ?? raw.csrf);
}

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
      const raw = await api.get<Raw>('/api/v1/auth/me');
      setCsrfToken(csrfOf(raw));
      const m = toMe(raw);
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
    const raw = await api.post<Raw>('/api/v1/auth/login', { username, password });
    setCsrfToken(csrfOf(raw));
    // The login answer may carry the principal; /auth/me is the reference either way.
    const m = (await refresh()) ?? toMe(raw);
    setMe(m);
    return m;
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
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

/** Roles held, for showing only what the official may do. */
export function hasRole(me: Me | null, ...roles: string[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r.role));
}
