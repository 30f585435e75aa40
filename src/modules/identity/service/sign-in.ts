import crypto from 'node:crypto';
import type { Queryable } from '../../../platform/db.ts';
import { Problem, problems } from '../../../platform/errors.ts';
import { maskIdNumber } from '../../../platform/mask.ts';
import { DEMO_PASSWORD } from '../demo/people.ts';
import { checkPersonalId } from '../domain/personal-id/personal-id.ts';
import { verifyPassword } from '../passwords.ts';
import * as store from '../store.ts';
import { csrfTokenFor, newSecret, sha256 } from '../tokens.ts';
import type { IdentityService, RequestMeta } from '../service.ts';
import type { ServiceContext } from './context.ts';
import type { PrincipalLoader } from './principals.ts';
import { attemptSucceeded, blockedNowProblem, officialThrottleKey, refusalReason, reserveAttempt, throttleProblem } from './sign-in-throttle.ts';

const invalidCredentials = () => new Problem(401, 'invalid-credentials', 'Đăng nhập không thành công', 'Tên đăng nhập hoặc mật khẩu không đúng.');
const demoPasswordRefused = () =>
  new Problem(403, 'demo-password-refused', 'Không dùng được mật khẩu demo', 'Mật khẩu chung của bản demo đã được công bố nên không được dùng trên máy chủ này. Vui lòng liên hệ quản trị viên để đặt mật khẩu mới.');

/** What may be written in the sign-in log for a username typed by someone: identification numbers masked. */
function loggableUsername(u: string): string {
  const t = u.trim().slice(0, 64);
  return /\d{9,}/.test(t) ? maskIdNumber(t) : t;
}

/**
 * Signing in and out: officials with a password (throttled by account and address, ADR 0026), citizens
 * after the OpenID Connect provider vouched for them, sessions opened and revoked. Every attempt goes to
 * the sign-in log and the audit trail, never the password.
 */
export function signInService(sc: ServiceContext, load: PrincipalLoader): Pick<IdentityService, 'login' | 'logout' | 'citizenSignIn' | 'citizenSignInFailed'> {
  const { db, config } = sc;

  async function openSession(tx: Queryable, who: { officialId?: string; citizenId?: string }, via: string, meta: RequestMeta): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newSecret();
    const id = crypto.randomUUID();
    const expiresAt = new Date(Date.now() + config.sessionTtlMs);
    await store.insertSession(tx, { id, tokenHash: sha256(token), officialId: who.officialId ?? null, citizenId: who.citizenId ?? null, via, ip: meta.ip, userAgent: meta.userAgent, expiresAt });
    return { id, token, expiresAt };
  }

  async function recordFailure(username: string, officialId: string | null, reason: string, meta: RequestMeta): Promise<void> {
    await db.transaction(async (tx) => {
      await store.recordAttempt(tx, { method: 'password', username: loggableUsername(username), officialId, citizenId: null, success: false, reason, ...meta });
      await sc.audit(tx, {
        actor: officialId ? { kind: 'official', id: officialId, subject: username } : null,
        action: 'identity.sign-in.fail',
        target: officialId ? `official:${officialId}` : null,
        ip: meta.ip,
        meta: { method: 'password', reason },
      });
    });
  }

  const svc: Pick<IdentityService, 'login' | 'logout' | 'citizenSignIn' | 'citizenSignInFailed'> = {
    async login(rawUsername, password, meta) {
      const username = rawUsername.trim().toLowerCase();
      const row = await store.officialByUsername(db, username);
      if (!row) {
        await verifyPassword(null, password); // as slow as a real check: the answer does not tell who exists
        await recordFailure(username, null, 'unknown-user', meta);
        throw invalidCredentials();
      }
      const throttleKey = officialThrottleKey(row.id);
      const reservation = await reserveAttempt(db, throttleKey, meta.ip);
      if (!reservation.allowed) {
        await recordFailure(username, row.id, refusalReason(reservation.refusal), meta);
        throw throttleProblem(reservation.refusal);
      }
      const ok = await verifyPassword(row.password_hash, password);
      if (!ok) {
        await recordFailure(username, row.id, reservation.blocksNow ? 'wrong-password-locked' : 'wrong-password', meta);
        throw reservation.blocksNow ? blockedNowProblem() : invalidCredentials();
      }
      if (!row.active) {
        await recordFailure(username, row.id, 'inactive', meta);
        throw invalidCredentials();
      }
      if (!config.demoPasswordAllowed && password === DEMO_PASSWORD) {
        await recordFailure(username, row.id, 'demo-password', meta);
        throw demoPasswordRefused();
      }
      const principal = await load.official(row.id, 'session');
      if (!principal) throw invalidCredentials();
      const session = await db.transaction(async (tx) => {
        await attemptSucceeded(tx, throttleKey, meta.ip);
        const s = await openSession(tx, { officialId: row.id }, 'session', meta);
        await store.recordAttempt(tx, { method: 'password', username, officialId: row.id, citizenId: null, success: true, reason: 'ok', ...meta });
        await sc.audit(tx, { actor: sc.actorOf(principal), actingUnit: principal.unitCode, action: 'identity.sign-in', target: `session:${s.id}`, ip: meta.ip, meta: { method: 'password' } });
        return s;
      });
      principal.sessionId = session.id;
      return { sessionToken: session.token, csrfToken: csrfTokenFor(config.sessionSecret, session.token), expiresAt: session.expiresAt, principal };
    },

    async logout(p, meta) {
      if (!p.sessionId) throw problems.badRequest('not-a-session', 'Yêu cầu này không dùng phiên đăng nhập (ví dụ: đang dùng mã truy cập API), nên không có gì để đăng xuất.');
      await db.transaction(async (tx) => {
        if (await store.revokeSession(tx, p.sessionId!)) {
          await sc.audit(tx, { actor: sc.actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.sign-out', target: `session:${p.sessionId}`, ip: meta.ip });
        }
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
        const principal = load.citizen(c, 'oidc', s.id);
        await sc.audit(tx, { actor: sc.actorOf(principal), action: 'identity.sign-in', target: `session:${s.id}`, ip: meta.ip, meta: { method: 'oidc', issuer: input.issuer } });
        return { sessionToken: s.token, csrfToken: csrfTokenFor(config.sessionSecret, s.token), expiresAt: s.expiresAt, principal };
      });
    },

    async citizenSignInFailed(reason, meta) {
      await db.transaction(async (tx) => {
        await store.recordAttempt(tx, { method: 'oidc', username: null, officialId: null, citizenId: null, success: false, reason: reason.slice(0, 100), ...meta });
        await sc.audit(tx, { actor: null, action: 'identity.sign-in.fail', ip: meta.ip, meta: { method: 'oidc', reason: reason.slice(0, 100) } });
      });
    },
  };
  return svc;
}
