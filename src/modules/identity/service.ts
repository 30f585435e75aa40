import crypto from 'node:crypto';
import type { AccessTarget, Principal, RoleGrant } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { maskIdNumber } from '../../platform/mask.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { IdentityConfig } from './config.ts';
import { afterFailure, afterSuccess, signInGate } from './domain/lockout/lockout.ts';
import { passwordProblems } from './domain/password-policy/password-policy.ts';
import { checkPersonalId } from './domain/personal-id/personal-id.ts';
import { OFFICIAL_ROLES } from './domain/roles.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { can, type CanContext } from './policy/can/can.ts';
import { checkDelegation } from './policy/check-delegation/check-delegation.ts';
import { checkTokenScopes } from './policy/check-token-scopes/check-token-scopes.ts';
import type { CompiledPolicy } from './policy/compile-policy/compile-policy.ts';
import { resolveGrants, type ResolvedGrant } from './policy/resolve-grants/resolve-grants.ts';
import * as store from './store.ts';
import { csrfTokenFor, newApiToken, newSecret, safeEqual, sha256 } from './tokens.ts';
import type { UnitDirectory } from './unit-directory.ts';

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

export interface OfficialSummary {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  position: string | null;
  active: boolean;
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

  createToken(p: Principal, input: { name: string; scopes: string[]; expiresInDays: number }): Promise<TokenView & { token: string }>;
  listTokens(p: Principal): Promise<TokenView[]>;
  revokeToken(p: Principal, id: string): Promise<void>;

  createDelegation(p: Principal, input: { delegateUsername: string; unitCode: string; field: string; role: string; expiresAt: Date | null; reason: string | null }): Promise<DelegationView>;
  listDelegations(p: Principal, filter: { unitCode?: string; activeOnly: boolean }): Promise<DelegationView[]>;
  revokeDelegation(p: Principal, id: string): Promise<DelegationView>;

  createOfficial(p: Principal, input: NewOfficial): Promise<OfficialSummary>;
  listOfficials(p: Principal, filter: { unitCode?: string }): Promise<OfficialSummary[]>;
  unlockOfficial(p: Principal, username: string): Promise<OfficialSummary>;

  /** A citizen authenticated by the OpenID Connect provider: remember them and open a session. */
  citizenSignIn(input: { issuer: string; subject: string; personalId: string; displayName: string }, meta: RequestMeta): Promise<SessionResult>;
  /** Records a failed citizen sign-in (the provider refused, or its answer was unusable). */
  citizenSignInFailed(reason: string, meta: RequestMeta): Promise<void>;
  signInAttempts(filter: { username?: string; success?: boolean; before?: string; limit: number }): Promise<{ items: store.AttemptRow[]; nextCursor: string | null }>;

  /** One official by id (for display in other modules). */
  official(id: string): Promise<OfficialSummary | null>;
  /** The active officials who hold `role` in `unitCode` for `field` (assigned or delegated). */
  officialsWith(q: { unitCode: string; role?: string; field?: string }): Promise<OfficialSummary[]>;
  /** The principal of an official as a session would carry it (background jobs, tests). */
  officialPrincipal(id: string, via?: string): Promise<Principal | null>;
}

export interface IdentityDeps {
  ctx: PlatformContext;
  config: IdentityConfig;
  policy: CompiledPolicy;
  units: UnitDirectory;
}

const invalidCredentials = () => new Problem(401, 'invalid-credentials', 'Đăng nhập không thành công', 'Tên đăng nhập hoặc mật khẩu không đúng.');

/** What may be written in the sign-in log for a username typed by someone: identification numbers masked. */
function loggableUsername(u: string): string {
  const t = u.trim().slice(0, 64);
  return /\d{9,}/.test(t) ? maskIdNumber(t) : t;
}

export function createIdentityService(deps: IdentityDeps): IdentityService {
  const { ctx, config, policy, units } = deps;
  const db = ctx.db;
  const canCtx: CanContext = { policy, provinceOf: units.provinceOf };
  const audit = (tx: Queryable, entry: Parameters<NonNullable<typeof ctx.services.audit>['append']>[1]) => ctx.services.audit?.append(tx, entry) ?? Promise.resolve();
  const actorOf = (p: Principal) => ({ kind: p.kind, id: p.id, subject: p.subject });

  function officialPrincipalFrom(o: NonNullable<Awaited<ReturnType<typeof store.officialWithGrants>>>, via: string, extra: Partial<Principal> = {}): Principal {
    return {
      kind: 'official',
      id: o.official.id,
      subject: o.official.username,
      displayName: o.official.display_name,
      unitCode: o.official.unit_code,
      grants: resolveGrants(o.assigned, o.delegations, new Date()),
      via,
      ...extra,
    };
  }

  async function loadOfficialPrincipal(id: string, via: string, extra: Partial<Principal> = {}): Promise<Principal | null> {
    const o = await store.officialWithGrants(db, id);
    if (!o || !o.official.active) return null;
    await units.warm([o.official.unit_code, ...o.assigned.map((g) => g.unitCode), ...o.delegations.map((d) => d.unitCode)]);
    return officialPrincipalFrom(o, via, extra);
  }

  function citizenPrincipal(c: store.CitizenRow, via: string, sessionId?: string): Principal {
    return { kind: 'citizen', id: c.id, subject: c.personal_id, displayName: c.display_name, grants: [{ role: 'citizen', unitCode: '*', fields: '*' }], via, sessionId };
  }

  async function openSession(tx: Queryable, who: { officialId?: string; citizenId?: string }, via: string, meta: RequestMeta): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newSecret();
    const id = crypto.randomUUID();
    const expiresAt = new Date(Date.now() + config.sessionTtlMs);
    await store.insertSession(tx, { id, tokenHash: sha256(token), officialId: who.officialId ?? null, citizenId: who.citizenId ?? null, via, ip: meta.ip, userAgent: meta.userAgent, expiresAt });
    return { id, token, expiresAt };
  }

  function summary(row: store.OfficialRow, grants: RoleGrant[]): OfficialSummary {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      unitCode: row.unit_code,
      position: row.position,
      active: row.active,
      locked: !!row.locked_until && row.locked_until > new Date(),
      grants,
    };
  }

  function tokenView(t: store.TokenRow): TokenView {
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

  function delegationView(d: store.DelegationRow): DelegationView {
    const now = new Date();
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

  const requireOfficial = (p: Principal) => {
    if (p.kind !== 'official') throw problems.forbidden('Chức năng này chỉ dành cho cán bộ, công chức.');
  };

  const svc: IdentityService = {
    async login(rawUsername, password, meta) {
      const username = rawUsername.trim().toLowerCase();
      const row = await store.officialByUsername(db, username);
      const now = new Date();
      const fail = async (reason: string, officialId: string | null) => {
        await db.transaction(async (tx) => {
          await store.recordAttempt(tx, { method: 'password', username: loggableUsername(username), officialId, citizenId: null, success: false, reason, ...meta });
          await audit(tx, {
            actor: officialId ? { kind: 'official', id: officialId, subject: username } : null,
            action: 'identity.sign-in.fail',
            target: officialId ? `official:${officialId}` : null,
            ip: meta.ip,
            meta: { method: 'password', reason },
          });
        });
      };
      if (row) {
        const gate = signInGate({ failedCount: row.failed_count, lastFailedAt: row.last_failed_at, lockedUntil: row.locked_until }, now);
        if (!gate.allowed) {
          await fail(gate.reason, row.id);
          throw gate.reason === 'locked'
            ? new Problem(423, 'account-locked', 'Tài khoản đang tạm khoá', `Tài khoản bị tạm khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${Math.ceil(gate.retryAfterSeconds / 60)} phút hoặc liên hệ quản trị viên.`, { retryAfter: gate.retryAfterSeconds })
            : new Problem(429, 'sign-in-throttled', 'Đăng nhập quá nhanh', `Đăng nhập sai nhiều lần liên tiếp. Vui lòng đợi ${gate.retryAfterSeconds} giây rồi thử lại.`, { retryAfter: gate.retryAfterSeconds });
        }
      }
      const ok = await verifyPassword(row?.password_hash ?? null, password);
      if (!row) {
        await fail('unknown-user', null);
        throw invalidCredentials();
      }
      if (!ok || !row.active) {
        let lockedNow = false;
        await db.transaction(async (tx) => {
          const fresh = (await store.officialByUsername(tx, username, true))!;
          if (!ok) {
            const next = afterFailure({ failedCount: fresh.failed_count, lastFailedAt: fresh.last_failed_at, lockedUntil: fresh.locked_until }, new Date());
            lockedNow = next.lockedNow;
            await store.saveLockout(tx, row.id, next);
          }
        });
        await fail(!ok ? (lockedNow ? 'wrong-password-locked' : 'wrong-password') : 'inactive', row.id);
        if (lockedNow) throw new Problem(423, 'account-locked', 'Tài khoản đang tạm khoá', 'Đăng nhập sai quá nhiều lần: tài khoản bị tạm khoá 15 phút.', { retryAfter: 15 * 60 });
        throw invalidCredentials();
      }
      const principal = await loadOfficialPrincipal(row.id, 'session');
      if (!principal) throw invalidCredentials();
      const session = await db.transaction(async (tx) => {
        await store.saveLockout(tx, row.id, afterSuccess());
        const s = await openSession(tx, { officialId: row.id }, 'session', meta);
        await store.recordAttempt(tx, { method: 'password', username, officialId: row.id, citizenId: null, success: true, reason: 'ok', ...meta });
        await audit(tx, { actor: actorOf(principal), actingUnit: principal.unitCode, action: 'identity.sign-in', target: `session:${s.id}`, ip: meta.ip, meta: { method: 'password' } });
        return s;
      });
      principal.sessionId = session.id;
      return { sessionToken: session.token, csrfToken: csrfTokenFor(config.sessionSecret, session.token), expiresAt: session.expiresAt, principal };
    },

    async logout(p, meta) {
      if (!p.sessionId) throw problems.badRequest('not-a-session', 'Yêu cầu này không dùng phiên đăng nhập (ví dụ: đang dùng mã truy cập API), nên không có gì để đăng xuất.');
      await db.transaction(async (tx) => {
        if (await store.revokeSession(tx, p.sessionId!)) {
          await audit(tx, { actor: actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.sign-out', target: `session:${p.sessionId}`, ip: meta.ip });
        }
      });
    },

    async sessionPrincipal(token) {
      if (!token || token.length > 200) return null;
      const s = await store.liveSessionByHash(db, sha256(token));
      if (!s) return null;
      if (Date.now() - s.last_seen_at.getTime() > 60_000) await store.touchSession(db, s.id);
      if (s.official_id) return loadOfficialPrincipal(s.official_id, s.via, { sessionId: s.id });
      const c = s.citizen_id ? await store.citizenById(db, s.citizen_id) : null;
      return c ? citizenPrincipal(c, s.via, s.id) : null;
    },

    async tokenPrincipal(token) {
      if (!token || token.length > 200) return null;
      const t = await store.liveTokenByHash(db, sha256(token));
      if (!t) return null;
      const p = await loadOfficialPrincipal(t.official_id, 'token', { scopes: t.scopes });
      if (p) await store.touchToken(db, t.id);
      return p;
    },

    csrfTokenFor: (sessionToken) => csrfTokenFor(config.sessionSecret, sessionToken),
    verifyCsrf: (sessionToken, candidate) => !!candidate && safeEqual(csrfTokenFor(config.sessionSecret, sessionToken), candidate),

    can: (p, permission, target) => can(p, permission, target, canCtx),

    permissionsOf(p) {
      const set = new Set<string>();
      for (const g of p.grants) for (const perm of policy.permissionsOf(g.role)) set.add(perm);
      return [...set].filter((x) => !p.scopes || p.scopes.includes(x)).sort();
    },

    async createToken(p, input) {
      requireOfficial(p);
      if (p.via === 'token') throw problems.forbidden('Không thể dùng một mã truy cập API để tạo mã truy cập khác; hãy đăng nhập bằng mật khẩu.');
      const check = checkTokenScopes(input.scopes, policy.known, (perm) => can(p, perm, undefined, canCtx));
      if (!check.ok) {
        const parts = [];
        if (check.unknown.length) parts.push(`quyền không tồn tại: ${check.unknown.join(', ')}`);
        if (check.notHeld.length) parts.push(`quyền bạn không có: ${check.notHeld.join(', ')}`);
        throw problems.unprocessable('scope-not-allowed', `Mã truy cập chỉ được mang các quyền bạn đang có (${parts.join('; ')}).`, { unknown: check.unknown, notHeld: check.notHeld });
      }
      const token = newApiToken();
      const row = await db.transaction(async (tx) => {
        const r = await store.insertToken(tx, {
          id: crypto.randomUUID(),
          officialId: p.id,
          name: input.name,
          tokenHash: sha256(token),
          tokenHint: `${token.slice(0, 7)}…`,
          scopes: check.scopes,
          expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
        });
        await audit(tx, { actor: actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.token.create', target: `api-token:${r.id}`, after: { name: r.name, scopes: r.scopes, expiresAt: r.expires_at } });
        return r;
      });
      return { ...tokenView(row), token };
    },

    async listTokens(p) {
      requireOfficial(p);
      return (await store.tokensOf(db, p.id)).map(tokenView);
    },

    async revokeToken(p, id) {
      requireOfficial(p);
      await db.transaction(async (tx) => {
        const t = await store.tokenOf(tx, p.id, id);
        if (!t) throw problems.notFound('mã truy cập này', 'token-not-found');
        if (t.revoked_at) throw problems.conflict('token-already-revoked', 'Mã truy cập này đã bị thu hồi trước đó.');
        await store.revokeToken(tx, id);
        await audit(tx, { actor: actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.token.revoke', target: `api-token:${id}`, before: { name: t.name, scopes: t.scopes } });
      });
    },

    async createDelegation(p, input) {
      requireOfficial(p);
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
          (unitCode, field) => can(p, 'identity.delegations.manage', { unitCode, field }, canCtx),
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
        await audit(tx, {
          actor: actorOf(p),
          actingUnit: input.unitCode,
          action: 'identity.delegation.create',
          target: `delegation:${row.id}`,
          after: { delegate: row.delegate_username, role: row.role, unitCode: row.unit_code, field: row.field, expiresAt: row.expires_at, reason: row.reason },
        });
        return delegationView(row);
      });
    },

    async listDelegations(p, filter) {
      requireOfficial(p);
      const led = [...new Set(p.grants.filter((g) => policy.rolesFor('identity.delegations.manage').has(g.role)).map((g) => g.unitCode))];
      if (filter.unitCode && !can(p, 'identity.delegations.manage', { unitCode: filter.unitCode }, canCtx)) {
        throw problems.forbidden(`Bạn không phải lãnh đạo của đơn vị ${filter.unitCode}.`);
      }
      const unitsToList = filter.unitCode ? [filter.unitCode] : led;
      const rows = await store.delegationsOfUnits(db, unitsToList, filter.activeOnly);
      return rows.map(delegationView);
    },

    async revokeDelegation(p, id) {
      requireOfficial(p);
      return db.transaction(async (tx) => {
        const d = await store.delegationById(tx, id);
        // someone who does not lead the unit learns nothing, not even that the delegation exists
        if (!d || !can(p, 'identity.delegations.manage', { unitCode: d.unit_code, field: d.field }, canCtx)) throw problems.notFound('phân công này', 'delegation-not-found');
        if (d.revoked_at) throw problems.conflict('delegation-already-revoked', 'Phân công này đã bị thu hồi trước đó.');
        await store.revokeDelegation(tx, id, p.id);
        await audit(tx, {
          actor: actorOf(p),
          actingUnit: d.unit_code,
          action: 'identity.delegation.revoke',
          target: `delegation:${id}`,
          before: { delegate: d.delegate_username, role: d.role, unitCode: d.unit_code, field: d.field },
        });
        return delegationView((await store.delegationById(tx, id))!);
      });
    },

    async createOfficial(p, input) {
      const username = input.username.trim().toLowerCase();
      for (const unitCode of new Set([input.unitCode, ...input.grants.map((g) => g.unitCode)])) {
        if (!can(p, 'identity.users.manage', { unitCode }, canCtx)) throw problems.forbidden(`Bạn không quản trị tài khoản của đơn vị ${unitCode}.`);
      }
      const bad = input.grants.filter((g) => !(OFFICIAL_ROLES as string[]).includes(g.role));
      if (bad.length) throw problems.unprocessable('unknown-role', `Vai trò không hợp lệ: ${bad.map((g) => g.role).join(', ')}. Các vai trò: ${OFFICIAL_ROLES.join(', ')}.`);
      const weak = passwordProblems(input.password, username);
      if (weak.length) throw problems.unprocessable('weak-password', weak.join(' '), { errors: weak.map((message) => ({ path: 'body.password', message })) });
      await units.warm([input.unitCode, ...input.grants.map((g) => g.unitCode)]);
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
        await audit(tx, {
          actor: actorOf(p),
          actingUnit: p.unitCode ?? null,
          action: 'identity.official.create',
          target: `official:${id}`,
          after: { username, unitCode: input.unitCode, position: input.position ?? null, grants: input.grants },
        });
        const row = (await store.officialById(tx, id))!;
        return summary(row, grants.map((g) => ({ role: g.role, unitCode: g.unitCode, fields: g.fields ?? '*' })));
      });
    },

    async listOfficials(p, filter) {
      if (filter.unitCode && !can(p, 'identity.users.manage', { unitCode: filter.unitCode }, canCtx)) throw problems.forbidden(`Bạn không quản trị tài khoản của đơn vị ${filter.unitCode}.`);
      const rows = await store.listOfficials(db, { unitCodes: filter.unitCode ? [filter.unitCode] : undefined, limit: 2000 });
      return rows
        .filter((r) => can(p, 'identity.users.manage', { unitCode: r.unit_code }, canCtx))
        .map((r) => summary(r, (r.grants ?? []).map((g) => ({ role: g.role, unitCode: g.unitCode, fields: g.fields ?? '*' }))));
    },

    async unlockOfficial(p, rawUsername) {
      const username = rawUsername.trim().toLowerCase();
      return db.transaction(async (tx) => {
        const row = await store.officialByUsername(tx, username, true);
        if (!row || !can(p, 'identity.users.manage', { unitCode: row.unit_code }, canCtx)) throw problems.notFound('cán bộ này', 'official-not-found');
        await store.saveLockout(tx, row.id, afterSuccess());
        await audit(tx, {
          actor: actorOf(p),
          actingUnit: p.unitCode ?? null,
          action: 'identity.official.unlock',
          target: `official:${row.id}`,
          before: { failedCount: row.failed_count, lockedUntil: row.locked_until },
        });
        const full = (await store.officialWithGrants(tx, row.id))!;
        return summary({ ...row, failed_count: 0, locked_until: null }, resolveGrants(full.assigned, [], new Date()).map(({ role, unitCode, fields }) => ({ role, unitCode, fields })));
      });
    },

    async citizenSignIn(input, meta) {
      const check = checkPersonalId(input.personalId);
      if (!check.valid) {
        await svc.citizenSignInFailed('invalid-personal-id', meta);
        throw problems.unprocessable('invalid-personal-id', 'Nhà cung cấp định danh trả về số định danh cá nhân không hợp lệ.');
      }
      return db.transaction(async (tx) => {
        const c = await store.upsertCitizen(tx, { id: crypto.randomUUID(), personalId: check.normalized, displayName: input.displayName, issuer: input.issuer, subject: input.subject });
        const s = await openSession(tx, { citizenId: c.id }, 'oidc', meta);
        await store.recordAttempt(tx, { method: 'oidc', username: maskIdNumber(c.personal_id), officialId: null, citizenId: c.id, success: true, reason: 'ok', ...meta });
        const principal = citizenPrincipal(c, 'oidc', s.id);
        await audit(tx, { actor: actorOf(principal), action: 'identity.sign-in', target: `session:${s.id}`, ip: meta.ip, meta: { method: 'oidc', issuer: input.issuer } });
        return { sessionToken: s.token, csrfToken: csrfTokenFor(config.sessionSecret, s.token), expiresAt: s.expiresAt, principal };
      });
    },

    async citizenSignInFailed(reason, meta) {
      await db.transaction(async (tx) => {
        await store.recordAttempt(tx, { method: 'oidc', username: null, officialId: null, citizenId: null, success: false, reason: reason.slice(0, 100), ...meta });
        await audit(tx, { actor: null, action: 'identity.sign-in.fail', ip: meta.ip, meta: { method: 'oidc', reason: reason.slice(0, 100) } });
      });
    },

    async signInAttempts(filter) {
      const rows = await store.listAttempts(db, { ...filter, limit: filter.limit + 1 });
      const items = rows.slice(0, filter.limit);
      return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
    },

    async official(id) {
      const o = await store.officialWithGrants(db, id);
      if (!o) return null;
      return summary(o.official, resolveGrants(o.assigned, o.delegations, new Date()));
    },

    async officialsWith(q) {
      const rows = await store.officialsOfUnit(db, q.unitCode);
      const out: OfficialSummary[] = [];
      for (const o of rows) {
        const grants: ResolvedGrant[] = resolveGrants(o.assigned, o.delegations, new Date());
        const ok = grants.some((g) => (!q.role || g.role === q.role) && g.unitCode === q.unitCode && (g.fields === '*' || !q.field || g.fields.includes(q.field)));
        if (ok) out.push(summary(o.official, grants));
      }
      return out.sort((a, b) => a.username.localeCompare(b.username));
    },

    officialPrincipal: (id, via = 'system') => loadOfficialPrincipal(id, via),
  };
  return svc;
}
