import type { AccessTarget, Principal, ResourceColumns, SqlCondition } from '../../platform/access.ts';
import type * as store from './store.ts';
import { apiTokenService } from './service/api-tokens.ts';
import { serviceContext, type IdentityDeps } from './service/context.ts';
import { delegationService } from './service/delegations.ts';
import { officialsAdminService } from './service/officials-admin.ts';
import { principalLoader, principalQueries } from './service/principals.ts';
import { signInLogService } from './service/sign-in-log.ts';
import { signInService } from './service/sign-in.ts';
import type { DelegationView, OfficialSummary, TokenView } from './service/views.ts';

export type { IdentityDeps } from './service/context.ts';
export type { DelegationView, OfficialSummary, TokenView } from './service/views.ts';

/** Where a request came from, for the sign-in log and the audit trail. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface SessionResult {
  /** The secret to put in the `lt_session` cookie (never stored in clear). */
  sessionToken: string;
  /** Send it back in the `x-csrf-token` header of every state-changing request made with the cookie. */
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

export interface NewOfficial {
  username: string;
  displayName: string;
  unitCode: string;
  position?: string | null;
  password: string;
  grants: { role: string; unitCode: string; fields: string[] | '*' }[];
}

/**
 * The identity service (`ctx.services.identity`): sign-in and sessions, API tokens, delegations,
 * officials, citizens, and the principal every request carries. Each state change is written together
 * with its audit record in one transaction.
 */
export interface IdentityService {
  login(username: string, password: string, meta: RequestMeta): Promise<SessionResult>;
  logout(principal: Principal, meta: RequestMeta): Promise<void>;
  /** The principal of a session cookie value, or null when unknown, expired or revoked. */
  sessionPrincipal(sessionToken: string): Promise<Principal | null>;
  /** The principal of an API token, or null. */
  tokenPrincipal(token: string): Promise<Principal | null>;
  csrfTokenFor(sessionToken: string): string;
  verifyCsrf(sessionToken: string, candidate: string | undefined): boolean;
  /** The policy decision (same as the platform's `request.authorize`, without a request). */
  can(principal: Principal, permission: string, target?: AccessTarget): boolean;
  /** Every permission the principal holds somewhere (limited by token scopes). */
  permissionsOf(principal: Principal): string[];
  /**
   * The same decision as `can`, for a query: a parameterised SQL condition true for exactly the rows the
   * principal may use `permission` on (policy/grants-sql-filter). Lists use it so they never disagree
   * with single reads.
   */
  visibleWhere(principal: Principal, permission: string, columns: ResourceColumns): SqlCondition;

  createToken(p: Principal, input: { name: string; scopes: string[]; expiresInDays: number }): Promise<TokenView & { token: string }>;
  listTokens(p: Principal): Promise<TokenView[]>;
  revokeToken(p: Principal, id: string): Promise<void>;

  createDelegation(p: Principal, input: { delegateUsername: string; unitCode: string; field: string; role: string; expiresAt: Date | null; reason: string | null }): Promise<DelegationView>;
  listDelegations(p: Principal, filter: { unitCode?: string; activeOnly: boolean }): Promise<DelegationView[]>;
  revokeDelegation(p: Principal, id: string): Promise<DelegationView>;

  createOfficial(p: Principal, input: NewOfficial): Promise<OfficialSummary>;
  listOfficials(p: Principal, filter: { unitCode?: string }): Promise<OfficialSummary[]>;
  unlockOfficial(p: Principal, username: string): Promise<OfficialSummary>;
  /** Sets an official's password (checked by the password rule); `p` null: the command line. Clears sign-in blocks. */
  setOfficialPassword(p: Principal | null, username: string, password: string): Promise<void>;

  /** A citizen authenticated by the OpenID Connect provider: remember them and open a session. */
  citizenSignIn(input: { issuer: string; subject: string; personalId: string; displayName: string }, meta: RequestMeta): Promise<SessionResult>;
  /** Records a failed citizen sign-in (the provider refused, or its answer was unusable). */
  citizenSignInFailed(reason: string, meta: RequestMeta): Promise<void>;
  signInAttempts(filter: { username?: string; success?: boolean; before?: string; limit: number }): Promise<{ items: store.AttemptRow[]; nextCursor: string | null }>;

  /** One official by id (for display in other modules). */
  official(id: string): Promise<OfficialSummary | null>;
  /**
   * The display names (full names) of officials named by username (what a dossier's assignee holds) or by
   * id, in one query, for the lists and tables of other modules (the dashboard's figures per official);
   * keyed by the ref as given, refs matching nobody are absent from the map.
   */
  officialNames(refs: readonly string[]): Promise<Map<string, string>>;
  /** The active officials who hold `role` in `unitCode` for `field` (assigned or delegated). */
  officialsWith(q: { unitCode: string; role?: string; field?: string }): Promise<OfficialSummary[]>;
  /**
   * Loads what `can` needs to decide synchronously for a principal built outside this module (a client
   * system's, from its access token): the units its grants name (a province grant: its communes).
   */
  prepare(principal: Principal): Promise<void>;
  /** The principal of an official as a session would carry it (background jobs, tests). */
  officialPrincipal(id: string, via?: string): Promise<Principal | null>;
}

/**
 * Assembles the service from its parts, one file each under ./service: who is acting (principals),
 * signing in and out (sign-in, with the throttle), API tokens, delegations, officials' accounts, and the
 * sign-in log.
 */
export function createIdentityService(deps: IdentityDeps): IdentityService {
  const sc = serviceContext(deps);
  const load = principalLoader(sc);
  return {
    ...principalQueries(sc, load),
    ...signInService(sc, load),
    ...apiTokenService(sc),
    ...delegationService(sc),
    ...officialsAdminService(sc),
    ...signInLogService(sc),
  };
}
