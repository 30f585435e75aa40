import { fastifyCookie } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AccessControl } from '../../platform/access.ts';
import { Problem } from '../../platform/errors.ts';
import type { IdentityService } from './service.ts';

export const SESSION_COOKIE = 'lt_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session cookie value of a request, read from the raw header (this runs before cookie parsing). */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return fastifyCookie.parse(header)[SESSION_COOKIE];
}

const invalidToken = () => new Problem(401, 'invalid-token', 'Mã truy cập không hợp lệ', 'Mã truy cập (API token) không hợp lệ, đã hết hạn hoặc đã bị thu hồi.');
const csrfRefused = () =>
  new Problem(403, 'csrf-token-invalid', 'Thiếu mã chống giả mạo yêu cầu', 'Trang đã mở quá lâu hoặc phiên đăng nhập đã đổi. Tải lại trang rồi thử lại.');

/**
 * The platform's policy point, as the identity module implements it (ADR 0023).
 *
 * authenticate(request), in order:
 *  1. `Authorization: Bearer lt_…` → the API token's official, limited to the token's scopes (no CSRF:
 *     a script sends the header itself, a browser never adds it on its own). A bad token on a protected
 *     route is a 401 `invalid-token`; on a public route the caller is simply anonymous.
 *  2. the `lt_session` cookie → the official or citizen of that session. A state-changing request with a
 *     cookie must carry `x-csrf-token` matching the session (double-submit, HMAC-derived): on a protected
 *     route a missing or wrong token is a 403 `csrf-token-invalid`, on a public route the cookie is ignored
 *     (so a forged cross-site form can never act as the signed-in person).
 *  3. otherwise anonymous (null).
 * can(principal, permission, target) is the synchronous decision of policy/can.
 */
export function createAccessControl(identity: IdentityService): AccessControl {
  return {
    async authenticate(request) {
      const access = request.routeOptions.config?.access;
      const isPublic = !access || 'public' in access;
      const auth = request.headers.authorization;
      if (auth) {
        const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
        const p = m ? await identity.tokenPrincipal(m[1]!) : null;
        if (!p && !isPublic) throw invalidToken();
        return p;
      }
      const token = sessionTokenOf(request);
      if (!token) return null;
      const p = await identity.sessionPrincipal(token);
      if (!p) return null;
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (!identity.verifyCsrf(token, typeof sent === 'string' ? sent : undefined)) {
          if (isPublic) return null;
          throw csrfRefused();
        }
      }
      return p;
    },
    can: (principal, permission, target) => identity.can(principal, permission, target),
  };
}
