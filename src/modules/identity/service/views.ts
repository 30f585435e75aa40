import type { RoleGrant } from '../../../platform/access.ts';
import type * as store from '../store.ts';

/** What the service answers about officials, tokens and delegations (never a secret or a hash). */
export interface OfficialSummary {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  position: string | null;
  active: boolean;
  /** Blocked from at least one address after too many failed sign-ins (ADR 0026). */
  locked: boolean;
  grants: RoleGrant[];
}

export interface TokenView {
  id: string;
  name: string;
  hint: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface DelegationView {
  id: string;
  delegator: string;
  delegate: { id: string; username: string; displayName: string };
  role: string;
  unitCode: string;
  field: string;
  reason: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

export function officialSummary(row: store.OfficialRow, grants: RoleGrant[], locked = false): OfficialSummary {
  return { id: row.id, username: row.username, displayName: row.display_name, unitCode: row.unit_code, position: row.position, active: row.active, locked, grants };
}

export function tokenView(t: store.TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    hint: t.token_hint,
    scopes: t.scopes,
    createdAt: t.created_at.toISOString(),
    expiresAt: t.expires_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
  };
}

export function delegationView(d: store.DelegationRow, now = new Date()): DelegationView {
  return {
    id: d.id,
    delegator: d.delegator_username,
    delegate: { id: d.delegate_id, username: d.delegate_username, displayName: d.delegate_name },
    role: d.role,
    unitCode: d.unit_code,
    field: d.field,
    reason: d.reason,
    createdAt: d.created_at.toISOString(),
    expiresAt: d.expires_at?.toISOString() ?? null,
    revokedAt: d.revoked_at?.toISOString() ?? null,
    active: !d.revoked_at && (!d.expires_at || d.expires_at > now),
  };
}
