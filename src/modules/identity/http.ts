import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/access.ts';
import { Problem, problems } from '../../platform/errors.ts';
import { ProblemSchema, problemResponses, type App } from '../../platform/http.ts';
import type { IdentityConfig } from './config.ts';
import { SESSION_COOKIE, sessionTokenOf } from './access-control.ts';
import { checkRequestOrigin, originOf, type OriginCheck } from './domain/request-origin/request-origin.ts';
import { DELEGABLE_ROLES, OFFICIAL_ROLES, ROLE_LABELS, ROLES, isRole } from './domain/roles.ts';
import type { CompiledPolicy } from './policy/compile-policy/compile-policy.ts';
import type { ResolvedGrant } from './policy/resolve-grants/resolve-grants.ts';
import type { IdentityService, RequestMeta, SessionResult } from './service.ts';
import type { UnitDirectory } from './unit-directory.ts';

export const metaOf = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip ?? null,
  userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
});

const FieldsSchema = z.union([z.literal('*'), z.array(z.string().min(1).max(200)).max(100)]);
const GrantSchema = z.object({
  role: z.string(),
  roleLabel: z.string().optional(),
  unitCode: z.string(),
  unitName: z.string().nullable().optional(),
  fields: FieldsSchema,
  source: z.enum(['assigned', 'delegation']).optional(),
});
export const MeSchema = z.object({
  kind: z.enum(['official', 'citizen', 'api_client', 'system']),
  id: z.string(),
  subject: z.string().describe('Tên đăng nhập của cán bộ, hoặc số định danh cá nhân của công dân'),
  displayName: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  grants: z.array(GrantSchema),
  permissions: z.array(z.string()).describe('Mọi quyền người này có ở ít nhất một đơn vị (đã giới hạn theo phạm vi của mã truy cập)'),
  scopes: z.array(z.string()).nullable(),
  via: z.string(),
  csrfToken: z.string().nullable().describe('Gửi lại trong tiêu đề x-csrf-token với mọi yêu cầu thay đổi dữ liệu dùng cookie phiên'),
});
const LoginResponse = z.object({ principal: MeSchema, csrfToken: z.string(), expiresAt: z.string() });
const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string().describe('Vài ký tự đầu của mã, để nhận ra'),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const DelegationSchema = z.object({
  id: z.string(),
  delegator: z.string(),
  delegate: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
  role: z.string(),
  unitCode: z.string(),
  field: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
});
const OfficialSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitCode: z.string(),
  position: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  grants: z.array(GrantSchema),
});
const IdParam = z.object({ id: z.uuid('mã không hợp lệ (phải là UUID)') });
const UnitCode = z.string().regex(/^(\d{2}|\d{5}|\d{2}\.[A-Z0-9][A-Z0-9_.-]{0,31})$/, 'mã đơn vị không hợp lệ (ví dụ: 25, 07900, 25.STP)');
const Username = z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, 'chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới');

const withRetryAfter = async <T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Problem && typeof err.extensions.retryAfter === 'number') void reply.header('retry-after', String(err.extensions.retryAfter));
    throw err;
  }
};

/**
 * Per-address rate limit of the sign-in routes. The error is built as a Problem so that the platform's
 * error handler renders it as a 429 problem+json (the plugin throws whatever the builder returns).
 */
export function loginRateLimit(config: IdentityConfig) {
  return { max: config.loginRateLimitPerMinute, timeWindow: '1 minute', errorResponseBuilder: () => problems.tooMany() };
}

/** Our own origins: the public URL's, and the one the request was addressed to (Host). */
function ownOrigins(request: FastifyRequest, config: IdentityConfig): string[] {
  return [originOf(config.publicUrl), originOf(`${request.protocol}://${request.host}`)].filter((o): o is string => !!o);
}

/** Was this sign-in sent from one of our own pages (domain/request-origin: Origin, else Referer, else Sec-Fetch-Site)? */
export function signInOrigin(request: FastifyRequest, config: IdentityConfig): OriginCheck {
  const h = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
  return checkRequestOrigin({ origin: h('origin'), referer: h('referer'), secFetchSite: h('sec-fetch-site') }, ownOrigins(request, config));
}

/** 403 for a sign-in posted from another site (login CSRF). */
export function crossSiteSignIn(config: IdentityConfig): Problem {
  return new Problem(
    403,
    'cross-site-request',
    'Yêu cầu đến từ trang khác',
    `Chỉ được đăng nhập từ trang của cổng dịch vụ công (${config.publicUrl}/dang-nhap). Yêu cầu này được gửi từ một trang khác nên đã bị từ chối để bảo vệ tài khoản của bạn.`,
  );
}

export interface IdentityHttpDeps {
  identity: IdentityService;
  config: IdentityConfig;
  policy: CompiledPolicy;
  units: UnitDirectory;
}

/** What GET /api/v1/auth/me answers: the principal, readable, with its unit names and permissions. */
export function describePrincipal(p: Principal, deps: IdentityHttpDeps, csrfToken: string | null): z.infer<typeof MeSchema> {
  return {
    kind: p.kind,
    id: p.id,
    subject: p.subject,
    displayName: p.displayName,
    unitCode: p.unitCode ?? null,
    unitName: p.unitCode ? (deps.units.name(p.unitCode) ?? null) : null,
    grants: p.grants.map((g) => ({
      role: g.role,
      roleLabel: isRole(g.role) ? ROLE_LABELS[g.role] : g.role,
      unitCode: g.unitCode,
      unitName: g.unitCode === '*' ? null : (deps.units.name(g.unitCode) ?? null),
      fields: g.fields,
      source: (g as ResolvedGrant).source ?? 'assigned',
    })),
    permissions: deps.identity.permissionsOf(p),
    scopes: p.scopes ?? null,
    via: p.via,
    csrfToken,
  };
}

export function setSessionCookie(reply: FastifyReply, config: IdentityConfig, s: SessionResult): void {
  void reply.setCookie(SESSION_COOKIE, s.sessionToken, {
    httpOnly: true,
    secure: config.secureCookies,
    sameSite: 'lax',
    path: '/',
    expires: s.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: IdentityConfig): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: config.secureCookies, sameSite: 'lax', path: '/' });
}

export function identityApiRoutes(app: App, deps: IdentityHttpDeps): void {
  const { identity, config, policy } = deps;

  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: { public: 'Cán bộ đăng nhập bằng tên đăng nhập và mật khẩu' },
        rateLimit: loginRateLimit(config),
      },
      schema: {
        tags: ['identity'],
        summary: 'Cán bộ đăng nhập; trả về cookie phiên lt_session (HttpOnly) và mã chống giả mạo CSRF',
        description:
          'Trình duyệt phải gửi từ trang của chính cổng (tiêu đề Origin hoặc Referer cùng nguồn với PUBLIC_URL hoặc với máy chủ được gọi); yêu cầu từ trang khác bị từ chối 403 cross-site-request. ' +
          'Sai mật khẩu nhiều lần bị làm chậm rồi tạm khoá theo từng tài khoản và địa chỉ (429 sign-in-throttled, 423 account-locked, kèm Retry-After).',
        body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: LoginResponse, ...problemResponses, 423: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!signInOrigin(request, config).ok) throw crossSiteSignIn(config);
      const s = await withRetryAfter(reply, () => identity.login(request.body.username, request.body.password, metaOf(request)));
      setSessionCookie(reply, config, s);
      return { principal: describePrincipal(s.principal, deps, s.csrfToken), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: { permission: 'identity.session.end' } },
      schema: { tags: ['identity'], summary: 'Đăng xuất: thu hồi phiên hiện tại và xoá cookie', response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await identity.logout(request.principal!, metaOf(request));
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: { permission: 'identity.session.read' } },
      schema: { tags: ['identity'], summary: 'Ai đang đăng nhập: loại, đơn vị, vai trò theo đơn vị và lĩnh vực, quyền', response: { 200: MeSchema, ...problemResponses } },
    },
    async (request) => {
      const p = request.principal!;
      const token = p.via !== 'token' ? sessionTokenOf(request) : undefined;
      return describePrincipal(p, deps, token ? identity.csrfTokenFor(token) : null);
    },
  );

  app.post(
    '/api/v1/auth/tokens',
    {
      config: { access: { permission: 'identity.tokens.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Tạo mã truy cập API cho kịch bản (chỉ hiện một lần), giới hạn trong các quyền đã chọn',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          scopes: z.array(z.string().min(1).max(100)).min(1).max(100).describe('Các quyền mã được dùng, phải là quyền bạn đang có'),
          expiresInDays: z.number().int().min(1).max(365).default(90),
        }),
        response: { 201: TokenSchema.extend({ token: z.string().describe('Gửi trong tiêu đề Authorization: Bearer <token>. Không hiện lại lần nữa.') }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const t = await identity.createToken(request.principal!, request.body);
      return reply.status(201).send(t);
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      config: { access: { permission: 'identity.tokens.manage' } },
      schema: { tags: ['identity'], summary: 'Các mã truy cập API của tôi (không kèm mã bí mật)', response: { 200: z.object({ items: z.array(TokenSchema) }), ...problemResponses } },
    },
    async (request) => ({ items: await identity.listTokens(request.principal!) }),
  );

  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      config: { access: { permission: 'identity.tokens.manage' } },
      schema: { tags: ['identity'], summary: 'Thu hồi một mã truy cập API của tôi', params: IdParam, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await identity.revokeToken(request.principal!, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/identity/roles',
    {
      config: { access: { public: 'Danh mục vai trò và quyền được công khai để minh bạch và cho nhà tích hợp' } },
      schema: {
        tags: ['identity'],
        summary: 'Các vai trò, nhãn tiếng Việt, và quyền của từng vai trò (tổng hợp từ mọi phân hệ)',
        response: {
          200: z.object({
            roles: z.array(z.object({ role: z.string(), label: z.string(), permissions: z.array(z.string()) })),
            permissions: z.array(z.object({ permission: z.string(), roles: z.array(z.string()) })),
          }),
        },
      },
    },
    async () => ({
      roles: ROLES.map((r) => ({ role: r, label: ROLE_LABELS[r], permissions: policy.permissionsOf(r) })),
      permissions: policy.table(),
    }),
  );

  app.get(
    '/api/v1/identity/delegations',
    {
      config: { access: { permission: 'identity.delegations.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Các phân công lĩnh vực trong đơn vị tôi lãnh đạo',
        querystring: z.object({ unitCode: UnitCode.optional(), active: z.enum(['true', 'false']).default('true') }),
        response: { 200: z.object({ items: z.array(DelegationSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await identity.listDelegations(request.principal!, { unitCode: request.query.unitCode, activeOnly: request.query.active === 'true' }) }),
  );

  app.post(
    '/api/v1/identity/delegations',
    {
      config: { access: { permission: 'identity.delegations.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Lãnh đạo phân công một lĩnh vực của đơn vị cho một cán bộ (ví dụ tổ giải quyết hồ sơ tồn đọng)',
        body: z.object({
          delegateUsername: Username,
          unitCode: UnitCode,
          field: z.string().trim().min(1).max(200),
          role: z.enum(DELEGABLE_ROLES).default('specialist'),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
          reason: z.string().trim().max(500).optional(),
        }),
        response: { 201: DelegationSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const d = await identity.createDelegation(request.principal!, {
        delegateUsername: b.delegateUsername,
        unitCode: b.unitCode,
        field: b.field.normalize('NFC'),
        role: b.role,
        expiresAt: b.expiresAt ? new Date(b.expiresAt) : null,
        reason: b.reason ?? null,
      });
      return reply.status(201).send(d);
    },
  );

  app.delete(
    '/api/v1/identity/delegations/:id',
    {
      config: { access: { permission: 'identity.delegations.manage' } },
      schema: { tags: ['identity'], summary: 'Thu hồi một phân công', params: IdParam, response: { 200: DelegationSchema, ...problemResponses } },
    },
    async (request) => identity.revokeDelegation(request.principal!, request.params.id),
  );

  app.get(
    '/api/v1/identity/officials',
    {
      config: { access: { permission: 'identity.users.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Danh sách cán bộ trong phạm vi quản trị, kèm vai trò',
        querystring: z.object({ unitCode: UnitCode.optional() }),
        response: { 200: z.object({ items: z.array(OfficialSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await identity.listOfficials(request.principal!, { unitCode: request.query.unitCode }) }),
  );

  app.post(
    '/api/v1/identity/officials',
    {
      config: { access: { permission: 'identity.users.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Tạo tài khoản cán bộ với các vai trò theo đơn vị và lĩnh vực',
        body: z.object({
          username: Username,
          displayName: z.string().trim().min(2).max(200),
          unitCode: UnitCode,
          position: z.string().trim().max(200).optional(),
          password: z.string().min(1).max(256),
          grants: z.array(z.object({ role: z.enum(OFFICIAL_ROLES as [string, ...string[]]), unitCode: UnitCode, fields: FieldsSchema })).min(1).max(50),
        }),
        response: { 201: OfficialSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await identity.createOfficial(request.principal!, request.body)),
  );

  app.post(
    '/api/v1/identity/officials/:username/unlock',
    {
      config: { access: { permission: 'identity.users.manage' } },
      schema: { tags: ['identity'], summary: 'Mở khoá tài khoản bị khoá do đăng nhập sai nhiều lần', params: z.object({ username: Username }), response: { 200: OfficialSchema, ...problemResponses } },
    },
    async (request) => identity.unlockOfficial(request.principal!, request.params.username),
  );

  app.get(
    '/api/v1/identity/sign-in-attempts',
    {
      config: { access: { permission: 'identity.sign-ins.read' } },
      schema: {
        tags: ['identity'],
        summary: 'Nhật ký đăng nhập (thành công và thất bại), mới nhất trước',
        querystring: z.object({
          username: z.string().max(64).optional(),
          success: z.enum(['true', 'false']).optional(),
          cursor: z.string().regex(/^\d{1,19}$/, 'con trỏ không hợp lệ').optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), at: z.string(), method: z.string(), username: z.string().nullable(), success: z.boolean(), reason: z.string(), ip: z.string().nullable() })),
            nextCursor: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const r = await identity.signInAttempts({ username: q.username, success: q.success === undefined ? undefined : q.success === 'true', before: q.cursor, limit: q.limit });
      return { items: r.items.map((a) => ({ id: a.id, at: a.at.toISOString(), method: a.method, username: a.username, success: a.success, reason: a.reason, ip: a.ip })), nextCursor: r.nextCursor };
    },
  );

}
