import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import type { App } from '../../../platform/http.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import type { IdentityConfig } from '../config.ts';
import { checkPersonalId } from '../domain/personal-id/personal-id.ts';
import { demoPanelHtml } from '../demo/panel.ts';
import { errorSummary, esc, page, textInput, type FieldError } from '../html.ts';
import { loginRateLimit } from '../http.ts';
import { verifyPassword } from '../passwords.ts';
import { attemptSucceeded, blockedNowProblem, devIdpThrottleKey, reserveAttempt, throttleProblem } from '../service/sign-in-throttle.ts';
import * as store from '../store.ts';
import { useFormParser } from '../web.ts';
import { dbAdapterClass } from './adapter.ts';

export const DEV_PROVIDER_PREFIX = '/oidc';

/**
 * The built-in development identity provider (ADR 0021), made with the certified `oidc-provider`: it
 * stands in for VNeID in the demo and the tests. It is mounted in the same Fastify server under /oidc
 * (Fastify hands the raw request to the provider, which parses its own bodies), keeps its state in
 * identity.oidc_payload, signs with an RSA key kept in DATA_DIR, and knows the demo citizens of
 * identity.dev_idp_account (identification number + demo password). Its login page is Vietnamese and
 * served by Fastify like every other page; wrong passwords are throttled like the officials' (per account
 * and address, ADR 0026) and the form is rate-limited per address. It is disabled in production unless
 * OIDC_DEV_PROVIDER=true.
 */
export async function mountDevProvider(app: App, ctx: PlatformContext, config: IdentityConfig): Promise<Provider> {
  const db = ctx.db;
  const clientId = config.oidc.clientId;
  const provider = new Provider(config.oidc.issuer, {
    adapter: dbAdapterClass(db),
    clients: [
      {
        client_id: clientId,
        client_secret: config.oidc.clientSecret,
        redirect_uris: [config.oidc.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: config.devProviderKeys.jwks as never,
    cookies: { keys: config.devProviderKeys.cookieKeys },
    claims: { openid: ['sub'], profile: ['name', 'birthdate', 'gender', 'personal_id'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true, methods: ['S256'] },
    // short-lived artifacts: the provider only has to last through one sign-in (seconds)
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 600, IdToken: 600 },
    interactions: { url: (_ctx, interaction) => `${DEV_PROVIDER_PREFIX}/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const a = await store.devAccount(db, sub);
      if (!a) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, name: a.display_name, personal_id: a.personal_id, birthdate: a.birth_date ?? undefined, gender: a.gender ?? undefined };
        },
      };
    },
    // the platform's own portal is a first-party client: its citizens are not asked to consent
    async loadExistingGrant(kctx: KoaContextWithOIDC) {
      const grantId = kctx.oidc.result?.consent?.grantId || kctx.oidc.session!.grantIdFor(kctx.oidc.client!.clientId);
      if (grantId) return kctx.oidc.provider.Grant.find(grantId);
      if (kctx.oidc.client!.clientId !== clientId) return undefined;
      const grant = new kctx.oidc.provider.Grant({ clientId, accountId: kctx.oidc.session!.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    async renderError(kctx, out) {
      kctx.type = 'html';
      kctx.body = page(
        'Lỗi đăng nhập',
        `<p>Nhà cung cấp định danh thử nghiệm không xử lý được yêu cầu.</p><p class="hint">${esc(out.error)}${out.error_description ? `: ${esc(out.error_description)}` : ''}</p><p><a href="/dang-nhap">Quay lại trang đăng nhập</a></p>`,
      );
    },
  });
  provider.proxy = true;
  const callback = provider.callback();

  // Everything under /oidc except the interaction pages belongs to the provider: Fastify must not parse
  // the body (the provider reads the raw stream) and hands over the raw request and response.
  await app.register(async (inst) => {
    inst.removeAllContentTypeParsers();
    inst.addContentTypeParser('*', (_req, _payload, done) => done(null));
    inst.route({
      method: ['GET', 'POST'],
      url: `${DEV_PROVIDER_PREFIX}/*`,
      config: { access: { public: 'Nhà cung cấp định danh thử nghiệm (OpenID Connect) cho bản demo và kiểm thử' }, audit: false },
      schema: { hide: true },
      handler: async (request, reply) => {
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice(DEV_PROVIDER_PREFIX.length) || '/';
        await callback(raw, reply.raw);
      },
    });
  });

  await app.register(async (inst) => {
    useFormParser(inst);
    const html = (status: number, body: string) => ({ status, body });
    const loginPage = (uid: string, opts: { errors?: FieldError[]; personalId?: string } = {}) => {
      const err = (f: string) => opts.errors?.find((e) => e.field === f)?.message;
      return page(
        'Đăng nhập tài khoản định danh điện tử',
        `${errorSummary(opts.errors ?? [])}
<p class="notice">Đây là <strong>nhà cung cấp định danh thử nghiệm</strong> thay cho VNeID trong bản trình diễn.</p>
<form method="post" action="${DEV_PROVIDER_PREFIX}/interaction/${esc(uid)}/login" novalidate>
${textInput({ id: 'personalId', name: 'personalId', label: 'Số định danh cá nhân', hint: '12 chữ số, in trên thẻ căn cước', value: opts.personalId, inputmode: 'numeric', autocomplete: 'username', error: err('personalId') })}
${textInput({ id: 'password', name: 'password', label: 'Mật khẩu', type: 'password', autocomplete: 'current-password', error: err('password') })}
<button type="submit">Đăng nhập</button>
</form>
<p><a href="${DEV_PROVIDER_PREFIX}/interaction/${esc(uid)}/abort">Huỷ và quay lại</a></p>
${config.demoPasswordAllowed ? demoPanelHtml('citizens') : ''}`,
      );
    };
    const send = (reply: import('fastify').FastifyReply, r: { status: number; body: string }) =>
      reply.status(r.status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(r.body);
    const expired = () => html(400, page('Phiên đăng nhập đã hết hạn', '<p>Phiên đăng nhập với nhà cung cấp định danh đã hết hạn hoặc không hợp lệ.</p><p><a href="/dang-nhap">Bắt đầu lại</a></p>'));
    const access = { public: 'Trang đăng nhập của nhà cung cấp định danh thử nghiệm' };

    inst.get(`${DEV_PROVIDER_PREFIX}/interaction/:uid`, { config: { access, audit: false }, schema: { hide: true } }, async (request, reply) => {
      const { uid } = request.params as { uid: string };
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
      if (!details || details.uid !== uid) return send(reply, expired());
      if (details.prompt.name === 'consent') {
        // first-party client: grant what it asked for without a consent screen
        const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        grant!.addOIDCScope(String(details.params.scope ?? 'openid'));
        const grantId = await grant!.save();
        const returnTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return reply.redirect(returnTo, 303);
      }
      return send(reply, html(200, loginPage(uid)));
    });

    inst.post(`${DEV_PROVIDER_PREFIX}/interaction/:uid/login`, { config: { access, audit: false, rateLimit: loginRateLimit(config) }, schema: { hide: true } }, async (request, reply) => {
      const { uid } = request.params as { uid: string };
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
      if (!details || details.uid !== uid) return send(reply, expired());
      const form = (request.body ?? {}) as Record<string, string | undefined>;
      const check = checkPersonalId(form.personalId ?? '');
      const errors: FieldError[] = [];
      if (!form.personalId?.trim()) errors.push({ field: 'personalId', message: 'Nhập số định danh cá nhân.' });
      else if (!check.valid) errors.push({ field: 'personalId', message: check.errors[0]! });
      if (!form.password) errors.push({ field: 'password', message: 'Nhập mật khẩu.' });
      if (errors.length) return send(reply, html(400, loginPage(uid, { errors, personalId: form.personalId })));
      const account = await store.devAccount(db, check.normalized);
      const refuse = (status: number, message: string) => send(reply, html(status, loginPage(uid, { errors: [{ field: 'personalId', message }], personalId: form.personalId })));
      const wrong = 'Số định danh cá nhân hoặc mật khẩu không đúng.';
      if (!account) {
        await verifyPassword(null, form.password!);
        return refuse(401, wrong);
      }
      const throttleKey = devIdpThrottleKey(account.personal_id);
      const reservation = await reserveAttempt(db, throttleKey, request.ip);
      if (!reservation.allowed) {
        const problem = throttleProblem(reservation.refusal);
        void reply.header('retry-after', String(reservation.refusal.retryAfterSeconds));
        return refuse(problem.status, problem.detail!);
      }
      if (!(await verifyPassword(account.password_hash, form.password!))) {
        if (!reservation.blocksNow) return refuse(401, wrong);
        const problem = blockedNowProblem();
        void reply.header('retry-after', String(problem.extensions.retryAfter));
        return refuse(problem.status, problem.detail!);
      }
      await db.transaction((tx) => attemptSucceeded(tx, throttleKey, request.ip));
      const returnTo = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: account.personal_id } }, { mergeWithLastSubmission: false });
      return reply.redirect(returnTo, 303);
    });

    inst.get(`${DEV_PROVIDER_PREFIX}/interaction/:uid/abort`, { config: { access, audit: false }, schema: { hide: true } }, async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
      if (!details) return send(reply, expired());
      const returnTo = await provider.interactionResult(request.raw, reply.raw, { error: 'access_denied', error_description: 'Người dùng đã huỷ đăng nhập.' }, { mergeWithLastSubmission: false });
      return reply.redirect(returnTo, 303);
    });
  });
  return provider;
}
