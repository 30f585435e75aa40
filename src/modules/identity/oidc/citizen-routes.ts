import { z } from 'zod';
import { Problem } from '../../../platform/errors.ts';
import { ProblemSchema, type App } from '../../../platform/http.ts';
import { loginRateLimit, metaOf, setSessionCookie, type IdentityHttpDeps } from '../http.ts';
import { CitizenRelyingParty, type PendingLogin } from './relying-party.ts';
import { returnPathFor, safeReturnPath } from '../return-path.ts';

const PENDING_COOKIE = 'lt_oidc';
const PENDING_PATH = '/api/v1/auth/citizen';
const PENDING_TTL_MS = 10 * 60_000;

/** What the pending-login cookie keeps: the PKCE/state/nonce, and where to go back (checked again on use). */
type PendingReturn = PendingLogin & { returnTo?: string | null; who?: string | null };

/**
 * Citizen sign-in through OpenID Connect: `/login` sends the browser to the provider with a fresh PKCE
 * verifier, state and nonce remembered in a signed HTTP-only cookie; `/callback` checks them, exchanges
 * the code, opens a platform session (cookie `lt_session`) and sends the citizen back where they were
 * (`return_to`, a same-site path kept in the signed cookie; followed only when `who` — the account that
 * lost its session there — is absent or is this citizen; otherwise their dossiers, /ho-so). Every
 * failure is recorded as a failed sign-in and the browser goes back to /dang-nhap with a Vietnamese message.
 */
export function citizenRoutes(app: App, deps: IdentityHttpDeps, allowHttp: boolean): CitizenRelyingParty {
  const { identity, config } = deps;
  const rp = new CitizenRelyingParty(config.oidc, allowHttp);
  const cookieOpts = { httpOnly: true, secure: config.secureCookies, sameSite: 'lax' as const, path: PENDING_PATH, signed: true };

  app.get(
    '/api/v1/auth/citizen/login',
    {
      config: { access: { public: 'Bắt đầu đăng nhập công dân qua nhà cung cấp định danh (VNeID)' }, rateLimit: loginRateLimit(config) },
      schema: {
        tags: ['identity'],
        summary: 'Chuyển trình duyệt sang nhà cung cấp định danh (OpenID Connect, mã xác thực + PKCE)',
        description: '`return_to` (hoặc `next`): trang của cổng để quay về sau khi đăng nhập (chỉ đường dẫn cùng trang, không phải /api); `who`: tài khoản vừa mất phiên ở trang đó — người khác đăng nhập thì về trang của chính họ.',
        querystring: z.looseObject({ return_to: z.string().max(1000).optional(), next: z.string().max(1000).optional(), who: z.string().max(100).optional() }),
        response: { 302: z.null(), 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      try {
        const { url, pending } = await rp.start();
        const returnTo = safeReturnPath(request.query.return_to ?? request.query.next);
        const kept: PendingReturn = { ...pending, returnTo, who: request.query.who ?? null };
        void reply.setCookie(PENDING_COOKIE, JSON.stringify(kept), { ...cookieOpts, maxAge: PENDING_TTL_MS / 1000 });
        return reply.redirect(url, 302);
      } catch (err) {
        if (err instanceof Problem && /text\/html/.test(String(request.headers.accept ?? ''))) return reply.redirect('/dang-nhap?loi=khong-ket-noi', 303);
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/auth/citizen/callback',
    {
      config: { access: { public: 'Nhà cung cấp định danh chuyển công dân về sau khi đăng nhập' }, rateLimit: loginRateLimit(config) },
      schema: {
        tags: ['identity'],
        summary: 'Nhận mã xác thực từ nhà cung cấp định danh, mở phiên đăng nhập cho công dân',
        querystring: z.looseObject({
          code: z.string().max(2048).optional(),
          state: z.string().max(512).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
          iss: z.string().max(500).optional(),
        }),
        response: { 303: z.null(), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const meta = metaOf(request);
      const fail = async (reason: string, loi: string) => {
        await identity.citizenSignInFailed(reason, meta);
        void reply.clearCookie(PENDING_COOKIE, cookieOpts);
        return reply.redirect(`/dang-nhap?loi=${loi}`, 303);
      };
      const raw = request.cookies?.[PENDING_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      let pending: PendingReturn | null = null;
      try {
        pending = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as PendingReturn) : null;
      } catch {
        pending = null;
      }
      if (request.query.error) return fail(`provider:${request.query.error}`, request.query.error === 'access_denied' ? 'da-huy' : 'that-bai');
      if (!pending || Date.now() - pending.createdAt > PENDING_TTL_MS) return fail('state-missing', 'het-han');
      let claims;
      try {
        claims = await rp.finish(new URLSearchParams(request.query as Record<string, string>).toString(), pending);
      } catch (err) {
        request.log.warn({ err: (err as Error).message }, 'citizen sign-in failed at the token exchange');
        return fail(err instanceof Problem ? 'provider-unavailable' : 'code-exchange-failed', err instanceof Problem ? 'khong-ket-noi' : 'that-bai');
      }
      if (!claims.personalId) return fail('no-personal-id', 'that-bai');
      const s = await identity.citizenSignIn(
        { issuer: claims.issuer, subject: claims.subject, personalId: claims.personalId, displayName: claims.displayName ?? 'Công dân' },
        meta,
      ).catch(() => null);
      if (!s) return reply.redirect('/dang-nhap?loi=that-bai', 303);
      void reply.clearCookie(PENDING_COOKIE, cookieOpts);
      setSessionCookie(reply, config, s);
      const signedIn = await identity.sessionPrincipal(s.sessionToken).catch(() => null);
      return reply.redirect(returnPathFor(safeReturnPath(pending.returnTo), pending.who, signedIn?.id ?? '', '/ho-so'), 303);
    },
  );
  return rp;
}
