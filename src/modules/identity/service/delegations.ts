import crypto from 'node:crypto';
import { Problem, problems } from '../../../platform/errors.ts';
import { checkDelegation } from '../policy/check-delegation/check-delegation.ts';
import * as store from '../store.ts';
import type { IdentityService } from '../service.ts';
import type { ServiceContext } from './context.ts';
import { delegationView } from './views.ts';

/** A leader hands one field of the unit to an officer of the unit; stored, revocable, audited (ADR 0023). */
export function delegationService(sc: ServiceContext): Pick<IdentityService, 'createDelegation' | 'listDelegations' | 'revokeDelegation'> {
  const { db, policy } = sc;
  return {
    async createDelegation(p, input) {
      sc.requireOfficial(p);
      return db.transaction(async (tx) => {
        const delegate = await store.officialByUsername(tx, input.delegateUsername.trim().toLowerCase());
        const duplicate = delegate ? await store.activeDelegationExists(tx, { delegateId: delegate.id, role: input.role, unitCode: input.unitCode, field: input.field }) : false;
        const decision = checkDelegation(
          {
            delegatorId: p.id,
            unitCode: input.unitCode,
            field: input.field,
            role: input.role,
            expiresAt: input.expiresAt,
            delegate: delegate ? { id: delegate.id, unitCode: delegate.unit_code, active: delegate.active } : null,
            duplicate,
          },
          (unitCode, field) => sc.allows(p, 'identity.delegations.manage', { unitCode, field }),
          new Date(),
        );
        if (!decision.ok) {
          if (decision.status === 403) throw problems.forbidden(decision.detail);
          if (decision.status === 404) throw new Problem(404, decision.code, 'Không tìm thấy', decision.detail);
          if (decision.status === 409) throw problems.conflict(decision.code, decision.detail);
          throw problems.unprocessable(decision.code, decision.detail);
        }
        const row = await store.insertDelegation(tx, {
          id: crypto.randomUUID(),
          delegatorId: p.id,
          delegateId: delegate!.id,
          role: input.role,
          unitCode: input.unitCode,
          field: input.field,
          reason: input.reason,
          expiresAt: input.expiresAt,
        });
        await sc.audit(tx, {
          actor: sc.actorOf(p),
          actingUnit: input.unitCode,
          action: 'identity.delegation.create',
          target: `delegation:${row.id}`,
          after: { delegate: row.delegate_username, role: row.role, unitCode: row.unit_code, field: row.field, expiresAt: row.expires_at, reason: row.reason },
        });
        return delegationView(row);
      });
    },

    async listDelegations(p, filter) {
      sc.requireOfficial(p);
      const led = [...new Set(p.grants.filter((g) => policy.rolesFor('identity.delegations.manage').has(g.role)).map((g) => g.unitCode))];
      if (filter.unitCode && !sc.allows(p, 'identity.delegations.manage', { unitCode: filter.unitCode })) {
        throw problems.forbidden(`Bạn không phải lãnh đạo của đơn vị ${filter.unitCode}.`);
      }
      const rows = await store.delegationsOfUnits(db, filter.unitCode ? [filter.unitCode] : led, filter.activeOnly);
      return rows.map((d) => delegationView(d));
    },

    async revokeDelegation(p, id) {
      sc.requireOfficial(p);
      return db.transaction(async (tx) => {
        const d = await store.delegationById(tx, id);
        // someone who does not lead the unit learns nothing, not even that the delegation exists
        if (!d || !sc.allows(p, 'identity.delegations.manage', { unitCode: d.unit_code, field: d.field })) throw problems.notFound('phân công này', 'delegation-not-found');
        if (d.revoked_at) throw problems.conflict('delegation-already-revoked', 'Phân công này đã bị thu hồi trước đó.');
        await store.revokeDelegation(tx, id, p.id);
        await sc.audit(tx, {
          actor: sc.actorOf(p),
          actingUnit: d.unit_code,
          action: 'identity.delegation.revoke',
          target: `delegation:${id}`,
          before: { delegate: d.delegate_username, role: d.role, unitCode: d.unit_code, field: d.field },
        });
        return delegationView((await store.delegationById(tx, id))!);
      });
    },
  };
}
