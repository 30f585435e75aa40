import type { Principal } from '../../../platform/access.ts';
import * as store from '../store.ts';
import { resolveGrants, type ResolvedGrant } from '../policy/resolve-grants/resolve-grants.ts';
import { rolesOf } from '../policy/roles-of/roles-of.ts';
import { csrfTokenFor, safeEqual, sha256 } from '../tokens.ts';
import type { IdentityService } from '../service.ts';
import type { ServiceContext } from './context.ts';
import { officialThrottleKey } from './sign-in-throttle.ts';
import { officialSummary, type OfficialSummary } from './views.ts';

type OfficialWithGrants = NonNullable<Awaited<ReturnType<typeof store.officialWithGrants>>>;

/** Building the principal a request carries, from an official's or a citizen's row. */
export interface PrincipalLoader {
  official(id: string, via: string, extra?: Partial<Principal>): Promise<Principal | null>;
  citizen(c: store.CitizenRow, via: string, sessionId?: string): Principal;
}

export function principalLoader(sc: ServiceContext): PrincipalLoader {
  const fromRow = (o: OfficialWithGrants, via: string, extra: Partial<Principal>): Principal => ({
    kind: 'official',
    id: o.official.id,
    subject: o.official.username,
    displayName: o.official.display_name,
    unitCode: o.official.unit_code,
    grants: resolveGrants(o.assigned, o.delegations, new Date()),
    via,
    ...extra,
  });
  return {
    async official(id, via, extra = {}) {
      const o = await store.officialWithGrants(sc.db, id);
      if (!o || !o.official.active) return null;
      await sc.units.warm([o.official.unit_code, ...o.assigned.map((g) => g.unitCode), ...o.delegations.map((d) => d.unitCode)]);
      return fromRow(o, via, extra);
    },
    // no grants: a citizen is let in by their relationship to a resource (policy/owns-resource), never by a unit
    citizen: (c, via, sessionId) => ({ kind: 'citizen', id: c.id, subject: c.personal_id, displayName: c.display_name, grants: [], via, sessionId }),
  };
}

/** Summaries of officials, with whether each is blocked from some address. */
export async function summariesOf(sc: ServiceContext, rows: { official: store.OfficialRow; grants: OfficialSummary['grants'] }[]): Promise<OfficialSummary[]> {
  const blocked = await store.blockedAccounts(sc.db, rows.map((r) => officialThrottleKey(r.official.id)));
  return rows.map((r) => officialSummary(r.official, r.grants, blocked.has(officialThrottleKey(r.official.id))));
}

/** Who is acting: sessions, API tokens, the policy decision, and officials as other modules see them. */
export function principalQueries(
  sc: ServiceContext,
  load: PrincipalLoader,
): Pick<IdentityService, 'sessionPrincipal' | 'tokenPrincipal' | 'csrfTokenFor' | 'verifyCsrf' | 'can' | 'visibleWhere' | 'permissionsOf' | 'official' | 'officialNames' | 'officialsWith' | 'officialPrincipal' | 'prepare'> {
  const { db, config, policy } = sc;
  return {
    async sessionPrincipal(token) {
      if (!token || token.length > 200) return null;
      const s = await store.liveSessionByHash(db, sha256(token));
      if (!s) return null;
      if (Date.now() - s.last_seen_at.getTime() > 60_000) await store.touchSession(db, s.id);
      if (s.official_id) return load.official(s.official_id, s.via, { sessionId: s.id });
      const c = s.citizen_id ? await store.citizenById(db, s.citizen_id) : null;
      return c ? load.citizen(c, s.via, s.id) : null;
    },

    async tokenPrincipal(token) {
      if (!token || token.length > 200) return null;
      const t = await store.liveTokenByHash(db, sha256(token));
      if (!t) return null;
      const p = await load.official(t.official_id, 'token', { scopes: t.scopes });
      if (p) await store.touchToken(db, t.id);
      return p;
    },

    csrfTokenFor: (sessionToken) => csrfTokenFor(config.sessionSecret, sessionToken),
    verifyCsrf: (sessionToken, candidate) => !!candidate && safeEqual(csrfTokenFor(config.sessionSecret, sessionToken), candidate),

    can: (p, permission, target) => sc.allows(p, permission, target),
    visibleWhere: (p, permission, columns) => sc.visibleWhere(p, permission, columns),

    permissionsOf(p) {
      const set = new Set<string>();
      for (const role of rolesOf(p)) for (const perm of policy.permissionsOf(role)) set.add(perm);
      return [...set].filter((x) => !p.scopes || p.scopes.includes(x)).sort();
    },

    async official(id) {
      const o = await store.officialWithGrants(db, id);
      if (!o) return null;
      return (await summariesOf(sc, [{ official: o.official, grants: resolveGrants(o.assigned, o.delegations, new Date()) }]))[0]!;
    },

    officialNames: (refs) => store.officialNames(db, refs),

    async officialsWith(q) {
      const rows = await store.officialsOfUnit(db, q.unitCode);
      const matching: { official: store.OfficialRow; grants: ResolvedGrant[] }[] = [];
      for (const o of rows) {
        const grants = resolveGrants(o.assigned, o.delegations, new Date());
        const ok = grants.some((g) => (!q.role || g.role === q.role) && g.unitCode === q.unitCode && (g.fields === '*' || !q.field || g.fields.includes(q.field)));
        if (ok) matching.push({ official: o.official, grants });
      }
      return (await summariesOf(sc, matching)).sort((a, b) => a.username.localeCompare(b.username));
    },

    officialPrincipal: (id, via = 'system') => load.official(id, via),

    prepare: (p) => sc.units.warm(p.grants.map((g) => g.unitCode)),
  };
}
