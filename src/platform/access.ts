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

/**
 * The resource a check is about: where it is handled (unit and field, reached by an official's grant) and
 * whose it is (reached only by a relationship: the citizen it belongs to). Roles and relationships never
 * stand in for each other: a citizen is never let in by a unit or a field, an official never by an owner.
 */
export interface AccessTarget {
  unitCode?: string;
  field?: string;
  /**
   * The person the resource belongs to (a dossier's applicant: their 12-digit personal identification
   * number). A target that names an owner but no unit is reached by the relationship only.
   */
  owner?: string | null;
}

/**
 * How a field name is compared everywhere (policy, SQL filters, stored keys): Unicode NFC, trimmed, lower
 * case in Vietnamese ("Hộ tịch" typed decomposed or in capitals is the same field).
 */
export function fieldKey(field: string): string {
  return field.normalize('NFC').trim().toLocaleLowerCase('vi');
}

/** A parameterised SQL condition: `param(value)` appends a parameter and returns its placeholder (`$3`). */
export type SqlCondition = (param: (value: unknown) => string) => string;

/** The columns of a table that say where a row is handled and whose it is, for a policy SQL filter. */
export interface ResourceColumns {
  /** A text[] column: every unit the row is handled at (a row is visible when one of them is reached). */
  units: string;
  /** A text column holding fieldKey(field). */
  fieldKey: string;
  /** A text column holding the owner's subject (null when nobody owns it). */
  owner?: string;
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

/**
 * Who is asking, as a use case sees it: the principal, a permission check through the policy point, and
 * the request's address and id for the audit trail. Modules' services take it; `callerOf` (http.ts) builds
 * it from a request.
 */
export interface Caller {
  principal: Principal | null;
  can(permission: string, target?: AccessTarget): boolean;
  ip?: string | null;
  requestId?: string | null;
}
