import { DELEGABLE_ROLES } from '../../domain/roles.ts';

export interface DelegationRequest {
  delegatorId: string;
  unitCode: string;
  field: string;
  role: string;
  expiresAt: Date | null;
  /** The officer receiving the field, as found by username (null when there is none). */
  delegate: { id: string; unitCode: string; active: boolean } | null;
  /** An active delegation of the same role, unit and field to the same officer already exists. */
  duplicate: boolean;
}

export type DelegationDecision = { ok: true } | { ok: false; status: 403 | 404 | 409 | 422; code: string; detail: string };

/**
 * May this leader hand this field of this unit to this officer?
 *
 * How it works, in an order that leaks nothing: first whether the caller leads the unit for that field
 * (`leads`, the policy point's answer for identity.delegations.manage on {unit, field}) — a stranger learns
 * nothing about who exists; then the role (only receiving_officer or specialist can be delegated, so
 * nobody can be made a leader or an admin this way); then the officer (exists, active, not the leader,
 * belongs to the same unit); then the expiry (in the future) and duplicates.
 */
export function checkDelegation(req: DelegationRequest, leads: (unitCode: string, field: string) => boolean, now: Date): DelegationDecision {
  if (!leads(req.unitCode, req.field)) {
    return { ok: false, status: 403, code: 'forbidden', detail: `Bạn không phải lãnh đạo của đơn vị ${req.unitCode} cho lĩnh vực "${req.field}", nên không thể phân công lĩnh vực này.` };
  }
  if (!(DELEGABLE_ROLES as readonly string[]).includes(req.role)) {
    return { ok: false, status: 422, code: 'role-not-delegable', detail: `Chỉ có thể phân công vai trò ${DELEGABLE_ROLES.join(' hoặc ')}.` };
  }
  if (!req.delegate) return { ok: false, status: 404, code: 'official-not-found', detail: 'Không tìm thấy cán bộ được phân công.' };
  if (!req.delegate.active) return { ok: false, status: 422, code: 'official-inactive', detail: 'Tài khoản cán bộ được phân công đang bị vô hiệu hoá.' };
  if (req.delegate.id === req.delegatorId) return { ok: false, status: 422, code: 'self-delegation', detail: 'Không thể tự phân công cho chính mình.' };
  if (req.delegate.unitCode !== req.unitCode) {
    return { ok: false, status: 422, code: 'delegate-other-unit', detail: `Cán bộ được phân công không thuộc đơn vị ${req.unitCode}.` };
  }
  if (req.expiresAt && req.expiresAt <= now) return { ok: false, status: 422, code: 'expiry-in-past', detail: 'Thời hạn phân công phải ở tương lai.' };
  if (req.duplicate) return { ok: false, status: 409, code: 'delegation-exists', detail: 'Cán bộ này đã được phân công lĩnh vực này với cùng vai trò.' };
  return { ok: true };
}
