import type { FastifyRequest } from 'fastify';

/**
 * The contract of the single policy point. The platform enforces it on every route; the identity module
 * supplies the implementation (who is asking, and what their roles allow).
 */

/** A role held in one unit, for some fields ('*' = every field of that unit). */
export interface RoleGrant {
  role: string;
  unitCode: string;
  fields: string[] | '*';
}

export interface Principal {
  kind: 'official' | 'citizen' | 'api_client' | 'system';
  id: string;
  /** Official's username, citizen's identification number (never logged in clear), or client id. */
  subject: string;
  displayName: string;
  /** The unit the official belongs to (the unit a request acts for unless stated otherwise). */
  unitCode?: string;
  grants: RoleGrant[];
  /** For API tokens and clients: the permissions the token was limited to. */
  scopes?: string[];
  /** How the principal authenticated: 'session' | 'token' | 'oidc' | ... */
  via: string;
  sessionId?: string;
}

/** What a route needs: a permission, or nothing at all (with the reason it is public). */
export type RouteAccess = { public: string } | { permission: string };

export interface AccessTarget {
  unitCode?: string;
  field?: string;
}

export interface AccessControl {
  /** Resolves the principal from the request (session cookie, bearer token...), or null when anonymous. */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** True when the principal holds the permission for the target (any unit and field when target is omitted). */
  can(principal: Principal, permission: string, target?: AccessTarget): boolean;
}

/** Until an identity module is installed nobody is authenticated: every protected route answers 401. */
export const denyAll: AccessControl = {
  authenticate: async () => null,
  can: () => false,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Throws 401/403 problems unless the principal holds the permission for this target. */
    authorize(permission: string, target?: AccessTarget): Principal;
  }
}
