import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../../platform/access.ts';

/**
 * What the audit trail knows about the HTTP request being served, carried through async calls so that
 * `audit.append(tx, entry)` can fill in the request id, address and actor a service did not pass, and
 * mark the request as audited (then the request-level hook does not add a generic record).
 */
export interface AuditRequestContext {
  requestId: string;
  ip: string | null;
  principal: Principal | null;
  /** Set by every append made while serving this request. */
  appended: boolean;
}

export const auditRequestContext = new AsyncLocalStorage<AuditRequestContext>();
