import { z } from 'zod';
import { problems } from '../../platform/errors.ts';
import { assertValidText, ProblemSchema, problemResponses, type App } from '../../platform/http.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { Catalogue } from './catalogue.ts';
import { oauthError, type ClientsService } from './clients.ts';
import { clientScopesOf } from './domain/client-scopes.ts';
import type { ExchangeLog } from './exchange.ts';
import type { KeyRing } from './keys.ts';
import type { National } from './national.ts';
import type { NdxpAdapter } from './adapters/ndxp.ts';
import { INTEGRATION_PERMISSIONS as P } from './permissions.ts';

export interface IntegrationHttpDeps {
  clients: ClientsService;
  keys: KeyRing;
  exchange: ExchangeLog;
  national: National;
  catalogue: Catalogue;
  ndxp: () => NdxpAdapter | null;
}

const ClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  agencyName: z.string().describe('Tên cơ quan sở hữu hệ thống: hiện cho người dân trong danh sách "Ai đã xem hồ sơ của tôi"'),
  scopes: z.array(z.string()),
  secretHint: z.string(),
  ratePerMinute: z.number().int(),
  dailyQuota: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const ClientWithSecret = z.object({ client: ClientSchema, clientSecret: z.string().describe('Khóa bí mật: chỉ hiện một lần, lưu ngay vào hệ thống kết nối') });
const clientId = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, 'mã hệ thống gồm 3–63 ký tự a–z, 0–9, ".", "_", "-"');
const IdParams = z.object({ id: clientId });
const UsageSchema = z.object({ clientId: z.string(), day: z.string(), requests: z.number().int(), refused: z.number().int(), tokens: z.number().int(), lastAt: z.string().nullable() });
const FieldSchema = z.object({ name: z.string(), label: z.string(), classification: z.enum(['public', 'internal', 'personal', 'sensitive_personal']) });
const DatasetSchema = z.object({ code: z.string(), name: z.string(), ownerUnit: z.string(), classification: z.enum(['public', 'internal', 'personal', 'sensitive_personal']), legalBasis: z.string(), fields: z.array(FieldSchema) });
const GrantSchema = z.object({ clientId: z.string(), dataset: z.string(), fields: z.array(z.string()), legalBasis: z.string().nullable(), grantedAt: z.string() });
const SyncSchema = z.object({
  nationalId: z.string().nullable().describe('Mã hồ sơ trên Cổng Dịch vụ công quốc gia (hồ sơ nhận từ Cổng); null: hồ sơ của tỉnh, đồng bộ lên Cổng theo mã hồ sơ'),
  confirmedAt: z.string().nullable().describe('Lúc Cổng xác nhận đã có hồ sơ kèm thông tin tiếp nhận (hồ sơ được tính là đã đồng bộ trong chỉ số 766)'),
  state: z.enum(['pending', 'synced', 'failing']).describe('synced: DVCQG đã nhận trạng thái mới nhất; pending: đang gửi; failing: gửi lỗi, đang thử lại'),
  syncedVersion: z.number().int(),
  syncedStatus: z.number().int().nullable(),
  syncedAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
const CheckSchema = z.object({
  stage: z.enum(['submission', 'counter']),
  result: z.enum(['match', 'mismatch', 'not_found', 'unavailable']),
  mismatched: z.array(z.string()),
  source: z.string(),
  checkedAt: z.string(),
});
const ExchangeSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  system: z.string(),
  direction: z.string(),
  clientId: z.string().nullable(),
  operation: z.string(),
  requestDigest: z.string().nullable(),
  responseDigest: z.string().nullable(),
  status: z.number().int().nullable(),
  hash: z.string(),
});
const dossierCode = z.string().min(3).max(60);

export function integrationRoutes(app: App, ctx: PlatformContext, deps: IntegrationHttpDeps): void {
  const { clients, keys, exchange, national, catalogue } = deps;
  const dossiers = () => ctx.services.dossiers!;
  const callerOf = (request: { principal: unknown; ip: string; id: string }) => ({
    principal: request.principal as never,
    can: (perm: string, target?: object) => ctx.services.identity!.can(request.principal as never, perm, target as never),
    ip: request.ip,
    requestId: request.id,
  });

  // ---------------------------------------------------------------- OAuth 2.0 token endpoint and keys
  // The token endpoint reads application/x-www-form-urlencoded (RFC 6749) as well as JSON: the parser is
  // registered in this plugin only, so no other route starts accepting forms.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const typed = scope as unknown as App;
    typed.post(
      '/api/v1/oauth/token',
      {
        config: { access: { public: 'Hệ thống kết nối xác thực bằng mã hệ thống và khóa bí mật (OAuth 2.0 client credentials)' }, rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: {
          tags: ['integration'],
          summary: 'Cấp mã truy cập cho hệ thống kết nối (OAuth 2.0 client credentials, RFC 6749 §4.4)',
          description:
            'Gửi grant_type=client_credentials, client_id, client_secret (hoặc tiêu đề Authorization: Basic) và tuỳ chọn scope (các phạm vi cách nhau bởi dấu cách). ' +
            'Mã trả về là JWT ký ES256, kiểm tra được bằng khóa công khai tại GET /api/v1/oauth/jwks; gửi trong tiêu đề Authorization: Bearer.',
          body: z.object({
            grant_type: z.string().max(100),
            client_id: z.string().max(200).optional(),
            client_secret: z.string().max(200).optional(),
            scope: z.string().max(2000).optional(),
          }),
          response: {
            200: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), scope: z.string() }),
            400: ProblemSchema,
            401: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const b = request.body;
        if (b.grant_type !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', 'Chỉ hỗ trợ grant_type=client_credentials.');
        let id = b.client_id;
        let secret = b.client_secret;
        const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
        if (basic) {
          const [u, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
          try {
            id = decodeURIComponent(u ?? '');
            secret = decodeURIComponent(rest.join(':'));
          } catch {
            throw oauthError(401, 'invalid_client', 'Tiêu đề Authorization: Basic không hợp lệ.');
          }
        }
        if (!id || !secret) throw oauthError(401, 'invalid_client', 'Thiếu mã hệ thống (client_id) hoặc khóa bí mật (client_secret).');
        assertValidText({ id, secret });
        void reply.header('cache-control', 'no-store');
        return clients.issueToken(id, secret, b.scope);
      },
    );
  });

  app.get(
    '/api/v1/oauth/jwks',
    {
      config: { access: { public: 'Khóa công khai để kiểm tra chữ ký mã truy cập (JWKS)' } },
      schema: {
        tags: ['integration'],
        summary: 'Khóa công khai ký mã truy cập của hệ thống kết nối (JWKS, RFC 7517)',
        response: { 200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return keys.jwks();
    },
  );

  // ---------------------------------------------------------------- client systems (back office)
  app.get(
    '/api/v1/integration/scopes',
    {
      config: { access: { permission: P.clients } },
      schema: { tags: ['integration'], summary: 'Các phạm vi (quyền) có thể cấp cho hệ thống kết nối', response: { 200: z.object({ items: z.array(z.string()) }), ...problemResponses } },
    },
    async () => ({ items: clientScopesOf(ctx.permissions) }),
  );

  app.get(
    '/api/v1/integration/clients',
    {
      config: { access: { permission: P.clients } },
      schema: { tags: ['integration'], summary: 'Các hệ thống kết nối đã đăng ký', response: { 200: z.object({ items: z.array(ClientSchema) }), ...problemResponses } },
    },
    async () => ({ items: await clients.list() }),
  );

  app.post(
    '/api/v1/integration/clients',
    {
      config: { access: { permission: P.clients } },
      schema: {
        tags: ['integration'],
        summary: 'Đăng ký hệ thống kết nối; khóa bí mật chỉ hiện một lần',
        body: z.object({
          id: clientId,
          name: z.string().trim().min(1).max(200),
          agencyName: z.string().trim().min(1).max(300),
          scopes: z.array(z.string().min(1).max(100)).max(50).default([]),
          ratePerMinute: z.number().int().min(1).max(100_000).default(600),
          dailyQuota: z.number().int().min(1).max(100_000_000).default(100_000),
        }),
        response: { 201: ClientWithSecret, ...problemResponses },
      },
    },
    async (request, reply) => {
      const r = await clients.register(request.principal!, request.body);
      return reply.status(201).send({ client: r.client, clientSecret: r.secret });
    },
  );

  app.patch(
    '/api/v1/integration/clients/:id',
    {
      config: { access: { permission: P.clients } },
      schema: {
        tags: ['integration'],
        summary: 'Sửa phạm vi, hạn mức hoặc tên của hệ thống kết nối (áp dụng ngay cho mã đang dùng)',
        params: IdParams,
        body: z.object({
          name: z.string().trim().min(1).max(200).optional(),
          agencyName: z.string().trim().min(1).max(300).optional(),
          scopes: z.array(z.string().min(1).max(100)).max(50).optional(),
          ratePerMinute: z.number().int().min(1).max(100_000).optional(),
          dailyQuota: z.number().int().min(1).max(100_000_000).optional(),
        }),
        response: { 200: ClientSchema, ...problemResponses },
      },
    },
    async (request) => clients.update(request.principal!, request.params.id, request.body),
  );

  app.post(
    '/api/v1/integration/clients/:id/secret',
    {
      config: { access: { permission: P.clients } },
      schema: { tags: ['integration'], summary: 'Cấp khóa bí mật mới (khóa cũ hết hiệu lực ngay); chỉ hiện một lần', params: IdParams, response: { 200: ClientWithSecret, ...problemResponses } },
    },
    async (request) => {
      const r = await clients.newSecret(request.principal!, request.params.id);
      return { client: r.client, clientSecret: r.secret };
    },
  );

  app.delete(
    '/api/v1/integration/clients/:id',
    {
      config: { access: { permission: P.clients } },
      schema: { tags: ['integration'], summary: 'Thu hồi hệ thống kết nối: mọi mã truy cập của nó bị từ chối ngay', params: IdParams, response: { 200: ClientSchema, ...problemResponses } },
    },
    async (request) => clients.revoke(request.principal!, request.params.id),
  );

  app.get(
    '/api/v1/integration/usage',
    {
      config: { access: { permission: P.clients } },
      schema: {
        tags: ['integration'],
        summary: 'Lượng sử dụng theo hệ thống kết nối và ngày (yêu cầu được nhận, bị từ chối vì vượt hạn mức, mã đã cấp)',
        querystring: z.object({ client: clientId.optional(), days: z.coerce.number().int().min(1).max(90).default(7) }),
        response: { 200: z.object({ items: z.array(UsageSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await clients.usage({ clientId: request.query.client, days: request.query.days }) }),
  );

  app.post(
    '/api/v1/integration/keys/rotate',
    {
      config: { access: { permission: P.clients } },
      schema: {
        tags: ['integration'],
        summary: 'Xoay khóa ký mã truy cập: khóa mới ký từ bây giờ, khóa cũ vẫn công bố đến khi các mã nó ký hết hạn',
        response: { 200: z.object({ kid: z.string(), retired: z.array(z.string()) }), ...problemResponses },
      },
    },
    async () => keys.rotate(),
  );

  // ---------------------------------------------------------------- exchange message log
  app.get(
    '/api/v1/integration/exchanges',
    {
      config: { access: { permission: P.exchanges } },
      schema: {
        tags: ['integration'],
        summary: 'Nhật ký trao đổi với hệ thống khác (chỉ mã băm của yêu cầu và phản hồi), mới nhất trước',
        querystring: z.object({ system: z.string().max(40).optional(), client: clientId.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(ExchangeSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await exchange.list({ system: request.query.system, clientId: request.query.client, limit: request.query.limit }) }),
  );

  app.post(
    '/api/v1/integration/exchanges/verify',
    {
      config: { access: { permission: P.exchanges } },
      schema: {
        tags: ['integration'],
        summary: 'Kiểm tra toàn bộ chuỗi băm và chữ ký của nhật ký trao đổi',
        response: {
          200: z.object({ ok: z.boolean(), checked: z.number().int(), head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(), broken: z.object({ seq: z.number().int(), reason: z.string(), message: z.string() }).optional() }),
          ...problemResponses,
        },
      },
    },
    async () => exchange.verify(),
  );

  // ---------------------------------------------------------------- national systems
  app.get(
    '/api/v1/integration/dossiers/:code',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: ['integration'],
        summary: 'Liên thông của một hồ sơ: mã hồ sơ trên DVCQG và trạng thái đồng bộ, các lần đối chiếu CSDL quốc gia về dân cư',
        params: z.object({ code: dossierCode }),
        response: { 200: z.object({ code: z.string(), national: SyncSchema.nullable(), populationChecks: z.array(CheckSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const { code } = request.params;
      if (!(await dossiers().canRead(code, callerOf(request)))) throw problems.forbidden('Hồ sơ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.');
      return { code, national: await national.dossierLink(code), populationChecks: await national.populationChecks(code) };
    },
  );

  app.post(
    '/api/v1/integration/dossiers/:code/population-checks',
    {
      config: { access: { permission: P.population } },
      schema: {
        tags: ['integration'],
        summary: 'Đối chiếu người nộp hồ sơ với CSDL quốc gia về dân cư tại quầy (số định danh, họ tên, ngày sinh); ghi kết quả, thời điểm, nguồn',
        params: z.object({ code: dossierCode }),
        body: z.object({ dateOfBirth: z.iso.date().describe('Ngày sinh trên giấy tờ tuỳ thân (YYYY-MM-DD)'), fullName: z.string().trim().min(1).max(200).optional(), idNumber: z.string().regex(/^\d{12}$/).optional() }),
        response: { 201: CheckSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const d = await dossiers().get(request.params.code, caller);
      if (!caller.can(P.population, { unitCode: d.receivingUnit, field: d.procedure.field })) throw problems.forbidden('Bạn không tiếp nhận hồ sơ lĩnh vực này tại đơn vị này.');
      const idNumber = request.body.idNumber ?? d.applicant.idNumber;
      if (!idNumber) throw problems.unprocessable('id-number-missing', 'Hồ sơ chưa có số định danh cá nhân của người nộp; hãy nhập số định danh.');
      const r = await national.verifyApplicant(d.code, { idNumber, fullName: request.body.fullName ?? d.applicant.fullName, dateOfBirth: request.body.dateOfBirth }, 'counter', request.principal!.id);
      return reply.status(201).send(r);
    },
  );

  app.post(
    '/api/v1/integration/dvcqg/intake',
    {
      config: { access: { permission: P.clients } },
      schema: {
        tags: ['integration'],
        summary: 'Nhận ngay các hồ sơ mới nộp trên Cổng Dịch vụ công quốc gia (bình thường chạy định kỳ)',
        response: { 200: z.object({ received: z.array(z.object({ nationalId: z.string(), code: z.string() })), failed: z.array(z.object({ nationalId: z.string(), error: z.string() })) }), 503: ProblemSchema, ...problemResponses },
      },
    },
    async () => {
      if (!national.enabled()) throw problems.conflict('not-configured', 'Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (DVCQG_URL).');
      try {
        return await national.intake();
      } catch (err) {
        throw problems.unavailable(`Không lấy được hồ sơ từ Cổng Dịch vụ công quốc gia: ${(err as Error).message}`);
      }
    },
  );

  // ---------------------------------------------------------------- data-sharing catalogue
  app.get(
    '/api/v1/datasets',
    {
      config: { access: { permission: P.catalogue } },
      schema: { tags: ['integration'], summary: 'Danh mục dữ liệu dùng chung của tỉnh: chủ quản, phân loại, căn cứ pháp lý, các trường', response: { 200: z.object({ items: z.array(DatasetSchema) }), ...problemResponses } },
    },
    async () => ({ items: await catalogue.list() }),
  );

  app.get(
    '/api/v1/datasets/:dataset/records/:key',
    {
      config: { access: { permission: P.query } },
      schema: {
        tags: ['integration'],
        summary: 'Hệ thống kết nối của cơ quan khác đọc một bản ghi: chỉ các trường được cấp; trường dữ liệu cá nhân chỉ khi quyền cấp nêu căn cứ pháp lý',
        params: z.object({ dataset: z.string().regex(/^[a-z0-9-]{2,60}$/), key: z.string().min(1).max(100) }),
        response: {
          200: z.object({ dataset: z.string(), key: z.string(), record: z.record(z.string(), z.unknown()), withheld: z.array(z.object({ field: z.string(), reason: z.string() })) }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const p = request.principal!;
      if (p.kind !== 'api_client') throw problems.forbidden('Chỉ hệ thống kết nối của cơ quan khác đọc dữ liệu dùng chung qua đường dẫn này.');
      return catalogue.query(p, request.params.dataset, request.params.key, request.id);
    },
  );

  app.get(
    '/api/v1/integration/grants',
    {
      config: { access: { permission: P.grants } },
      schema: { tags: ['integration'], summary: 'Quyền đọc dữ liệu dùng chung đã cấp cho các hệ thống kết nối', querystring: z.object({ client: clientId.optional() }), response: { 200: z.object({ items: z.array(GrantSchema) }), ...problemResponses } },
    },
    async (request) => ({ items: await catalogue.grants({ clientId: request.query.client }) }),
  );

  app.put(
    '/api/v1/integration/clients/:id/grants/:dataset',
    {
      config: { access: { permission: P.grants } },
      schema: {
        tags: ['integration'],
        summary: 'Cấp (hoặc thay) quyền đọc các trường của một bộ dữ liệu cho hệ thống kết nối; trường dữ liệu cá nhân cần căn cứ pháp lý',
        params: z.object({ id: clientId, dataset: z.string().regex(/^[a-z0-9-]{2,60}$/) }),
        body: z.object({ fields: z.array(z.string().min(1).max(80)).min(1).max(200), legalBasis: z.string().trim().max(500).nullable().default(null) }),
        response: { 200: GrantSchema, ...problemResponses },
      },
    },
    async (request) => catalogue.grant(request.principal!, { clientId: request.params.id, dataset: request.params.dataset, fields: request.body.fields, legalBasis: request.body.legalBasis }),
  );

  app.post(
    '/api/v1/integration/ndxp/publish',
    {
      config: { access: { permission: P.grants } },
      schema: {
        tags: ['integration'],
        summary: 'Công bố danh mục dữ liệu dùng chung của tỉnh lên Nền tảng điều phối dữ liệu quốc gia (chỉ siêu dữ liệu)',
        response: { 200: z.object({ accepted: z.number().int() }), 503: ProblemSchema, ...problemResponses },
      },
    },
    async () => {
      const ndxp = deps.ndxp();
      if (!ndxp) throw problems.conflict('not-configured', 'Chưa cấu hình kết nối Nền tảng điều phối dữ liệu quốc gia (NDXP_URL).');
      try {
        return await ndxp.publish(ctx.config.provinceCode ?? '25', await catalogue.published(ctx.config.publicUrl.replace(/\/$/, '')));
      } catch (err) {
        throw problems.unavailable(`Không công bố được danh mục: ${(err as Error).message}`);
      }
    },
  );
}
