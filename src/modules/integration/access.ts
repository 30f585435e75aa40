import type { AccessControl } from '../../platform/access.ts';
import { Problem } from '../../platform/errors.ts';
import type { ClientsService } from './clients.ts';

/** A compact JWS (header.payload.signature, base64url): a client access token, never an "lt_" API token. */
export function looksLikeJwt(s: string): boolean {
  return /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/.test(s) && s.length <= 4096;
}

const invalidToken = () => new Problem(401, 'invalid-token', 'Mã truy cập không hợp lệ', 'Mã truy cập của hệ thống kết nối không hợp lệ, đã hết hạn, hoặc hệ thống đã bị thu hồi; hãy lấy mã mới tại POST /api/v1/oauth/token.');

/**
 * The platform's policy point with client systems added (ADR 0075): a bearer JWT is a client access token,
 * verified here (signature by a published key, issuer, audience, expiry; the client still active) and
 * counted against the client's limits; it becomes an `api_client` principal holding the `api_client` role in
 * the province, limited to its scopes. Everything else — sessions, "lt_" API tokens — and every decision
 * (`can`) stays with the identity module's policy point, so scopes are checked the same way for both.
 */
export function withClientTokens(inner: AccessControl, clients: () => ClientsService): AccessControl {
  return {
    async authenticate(request) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (m && looksLikeJwt(m[1]!)) {
        const access = request.routeOptions.config?.access;
        const isPublic = !access || 'public' in access;
        const p = await clients().principalOf(m[1]!);
        if (!p && !isPublic) throw invalidToken();
        return p;
      }
      return inner.authenticate(request);
    },
    can: (principal, permission, target) => inner.can(principal, permission, target),
  };
}
