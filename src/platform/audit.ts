import type { Queryable } from './db.ts';
import type { Principal } from './access.ts';

/**
 * The contract of the tamper-evident audit trail (implemented by the `audit` module). Services append
 * an entry inside the same transaction as the change they record, so that a change without its audit
 * record (or the reverse) cannot exist.
 */
export interface AuditEntry {
  actor: Pick<Principal, 'kind' | 'id' | 'subject'> | null;
  /** The unit the actor acted for. */
  actingUnit?: string | null;
  /** What happened, "<module>.<thing>.<verb>", e.g. "catalog.offering.update". */
  action: string;
  /** What it happened to, e.g. "procedure:1.001193@25" or "dossier:H25.01-261125-0001". */
  target?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** The state before and after; only their SHA-256 digests are chained (no personal data in the chain). */
  before?: unknown;
  after?: unknown;
}

export interface AuditTrail {
  append(tx: Queryable, entry: AuditEntry): Promise<void>;
}
