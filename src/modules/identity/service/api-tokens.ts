import crypto from 'node:crypto';
import { problems } from '../../../platform/errors.ts';
import { checkTokenScopes } from '../policy/check-token-scopes/check-token-scopes.ts';
import * as store from '../store.ts';
import { newApiToken, sha256 } from '../tokens.ts';
import type { IdentityService } from '../service.ts';
import type { ServiceContext } from './context.ts';
import { tokenView } from './views.ts';

/** Officials' own API tokens for scripts: scoped to permissions they hold, shown once, revocable (ADR 0020). */
export function apiTokenService(sc: ServiceContext): Pick<IdentityService, 'createToken' | 'listTokens' | 'revokeToken'> {
  const { db, policy } = sc;
  return {
    async createToken(p, input) {
      sc.requireOfficial(p);
      if (p.via === 'token') throw problems.forbidden('Không thể dùng một mã truy cập API để tạo mã truy cập khác; hãy đăng nhập bằng mật khẩu.');
      const check = checkTokenScopes(input.scopes, policy.known, (perm) => sc.allows(p, perm));
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
        await sc.audit(tx, { actor: sc.actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.token.create', target: `api-token:${r.id}`, after: { name: r.name, scopes: r.scopes, expiresAt: r.expires_at } });
        return r;
      });
      return { ...tokenView(row), token };
    },

    async listTokens(p) {
      sc.requireOfficial(p);
      return (await store.tokensOf(db, p.id)).map((t) => tokenView(t));
    },

    async revokeToken(p, id) {
      sc.requireOfficial(p);
      await db.transaction(async (tx) => {
        const t = await store.tokenOf(tx, p.id, id);
        if (!t) throw problems.notFound('mã truy cập này', 'token-not-found');
        if (t.revoked_at) throw problems.conflict('token-already-revoked', 'Mã truy cập này đã bị thu hồi trước đó.');
        await store.revokeToken(tx, id);
        await sc.audit(tx, { actor: sc.actorOf(p), actingUnit: p.unitCode ?? null, action: 'identity.token.revoke', target: `api-token:${id}`, before: { name: t.name, scopes: t.scopes } });
      });
    },
  };
}
