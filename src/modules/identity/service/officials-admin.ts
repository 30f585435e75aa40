import crypto from 'node:crypto';
import type { Principal } from '../../../platform/access.ts';
import { problems } from '../../../platform/errors.ts';
import { DEMO_PASSWORD } from '../demo/people.ts';
import { passwordProblems } from '../domain/password-policy/password-policy.ts';
import { OFFICIAL_ROLES } from '../domain/roles.ts';
import { hashPassword } from '../passwords.ts';
import { resolveGrants } from '../policy/resolve-grants/resolve-grants.ts';
import * as store from '../store.ts';
import type { IdentityService } from '../service.ts';
import type { ServiceContext } from './context.ts';
import { summariesOf } from './principals.ts';
import { officialThrottleKey } from './sign-in-throttle.ts';

/**
 * Officials' accounts, managed by the province administrator within the province: create (with roles per
 * unit and field), list, unlock after failed sign-ins, set a password. Every new password passes the
 * password rule (domain/password-policy, with the strength estimator).
 */
export function officialsAdminService(sc: ServiceContext): Pick<IdentityService, 'createOfficial' | 'listOfficials' | 'unlockOfficial' | 'setOfficialPassword'> {
  const { db, ctx, units } = sc;
  const grantsOf = (rows: { role: string; unitCode: string; fields: string[] | null }[] | null) => (rows ?? []).map((g) => ({ role: g.role, unitCode: g.unitCode, fields: g.fields ?? ('*' as const) }));

  /** 422 `weak-password` with every reason, or nothing. */
  function requireGoodPassword(password: string, username: string, userInputs: string[]): void {
    const weak = passwordProblems(password, { username, userInputs, demoPassword: DEMO_PASSWORD, estimate: sc.strength });
    if (weak.length) throw problems.unprocessable('weak-password', weak.join(' '), { errors: weak.map((message) => ({ path: 'body.password', message })) });
  }

  const requireManages = (p: Principal | null, unitCode: string) => {
    if (p && !sc.allows(p, 'identity.users.manage', { unitCode })) throw problems.forbidden(`Bạn không quản trị tài khoản của đơn vị ${unitCode}.`);
  };

  return {
    async createOfficial(p, input) {
      const username = input.username.trim().toLowerCase();
      for (const unitCode of new Set([input.unitCode, ...input.grants.map((g) => g.unitCode)])) requireManages(p, unitCode);
      const bad = input.grants.filter((g) => !(OFFICIAL_ROLES as string[]).includes(g.role));
      if (bad.length) throw problems.unprocessable('unknown-role', `Vai trò không hợp lệ: ${bad.map((g) => g.role).join(', ')}. Các vai trò: ${OFFICIAL_ROLES.join(', ')}.`);
      await units.warm([input.unitCode, ...input.grants.map((g) => g.unitCode)]);
      requireGoodPassword(input.password, username, [input.displayName, units.name(input.unitCode) ?? '', input.position ?? '']);
      const unitsSvc = ctx.services.units;
      if (unitsSvc) {
        for (const code of new Set([input.unitCode, ...input.grants.map((g) => g.unitCode)])) {
          if (!(await unitsSvc.resolveOrgUnit(code).catch(() => null))) throw problems.unprocessable('unknown-unit', `Không có đơn vị mã ${code}.`);
        }
      }
      const passwordHash = await hashPassword(input.password);
      const id = crypto.randomUUID();
      return db.transaction(async (tx) => {
        const inserted = await store.insertOfficial(tx, { id, username, displayName: input.displayName.trim(), unitCode: input.unitCode, position: input.position?.trim() || null, passwordHash, demo: false });
        if (!inserted) throw problems.conflict('username-taken', `Tên đăng nhập "${username}" đã được dùng.`);
        const grants = input.grants.map((g) => ({ id: crypto.randomUUID(), role: g.role, unitCode: g.unitCode, fields: g.fields === '*' ? null : g.fields }));
        await store.insertGrants(tx, id, grants);
        await sc.audit(tx, {
          actor: sc.actorOf(p),
          actingUnit: p.unitCode ?? null,
          action: 'identity.official.create',
          target: `official:${id}`,
          after: { username, unitCode: input.unitCode, position: input.position ?? null, grants: input.grants },
        });
        const row = (await store.officialById(tx, id))!;
        return { id: row.id, username: row.username, displayName: row.display_name, unitCode: row.unit_code, position: row.position, active: row.active, locked: false, grants: grantsOf(grants) };
      });
    },

    async listOfficials(p, filter) {
      if (filter.unitCode) requireManages(p, filter.unitCode);
      const rows = await store.listOfficials(db, { unitCodes: filter.unitCode ? [filter.unitCode] : undefined, limit: 2000 });
      return summariesOf(
        sc,
        rows.filter((r) => sc.allows(p, 'identity.users.manage', { unitCode: r.unit_code })).map((r) => ({ official: r, grants: grantsOf(r.grants) })),
      );
    },

    async unlockOfficial(p, rawUsername) {
      const username = rawUsername.trim().toLowerCase();
      const row = await db.transaction(async (tx) => {
        const r = await store.officialByUsername(tx, username, true);
        if (!r || !sc.allows(p, 'identity.users.manage', { unitCode: r.unit_code })) throw problems.notFound('cán bộ này', 'official-not-found');
        const cleared = await store.clearThrottle(tx, officialThrottleKey(r.id));
        await sc.audit(tx, { actor: sc.actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.official.unlock', target: `official:${r.id}`, before: { blockedAddresses: cleared.blocked, recentFailures: cleared.failures } });
        return r;
      });
      const full = (await store.officialWithGrants(db, row.id))!;
      return (await summariesOf(sc, [{ official: row, grants: resolveGrants(full.assigned, [], new Date()).map(({ role, unitCode, fields }) => ({ role, unitCode, fields })) }]))[0]!;
    },

    async setOfficialPassword(p, rawUsername, password) {
      const username = rawUsername.trim().toLowerCase();
      const row = await store.officialByUsername(db, username);
      if (!row || (p && !sc.allows(p, 'identity.users.manage', { unitCode: row.unit_code }))) throw problems.notFound('cán bộ này', 'official-not-found');
      await units.warm([row.unit_code]);
      requireGoodPassword(password, username, [row.display_name, units.name(row.unit_code) ?? '', row.position ?? '']);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await store.setPasswordHash(tx, row.id, passwordHash);
        await store.clearThrottle(tx, officialThrottleKey(row.id));
        await sc.audit(tx, { actor: p ? sc.actorOf(p) : null, actingUnit: p?.unitCode ?? null, action: 'identity.official.password-set', target: `official:${row.id}` });
      });
    },
  };
}
