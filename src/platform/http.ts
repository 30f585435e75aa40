import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyBaseLogger, type RawServerDefault, type RawRequestDefaultExpression, type RawReplyDefaultExpression } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

// Validation messages that people read are Vietnamese (zod's own 'vi' locale).
z.config(z.locales.vi());
import type { AccessControl, AccessTarget, Principal } from './access.ts';
import { Problem, problems } from './errors.ts';
import { loggerOptions } from './logger.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpOptions {
  logLevel: string;
  access: AccessControl;
  corsOrigins: string[];
  /**
   * Addresses/CIDR ranges of the reverse proxies allowed to set X-Forwarded-For (config TRUST_PROXY).
   * Empty or absent: nobody is trusted, `request.ip` is the TCP peer — a client cannot choose its own
   * address for rate limits, the audit trail or the sign-in log.
   */
  trustProxy?: string[];
  /** Maximum request body in bytes (uploads have their own limit). */
  bodyLimit?: number;
  readiness: () => Promise<{ ok: boolean; detail?: string }>;
  version: string;
}

/** Route prefixes registered by plugins (docs UI, static web files) that are public by nature. */
const PLUGIN_PUBLIC_PREFIXES: [string, string][] = [
  ['/docs', 'Tài liệu API công khai cho nhà tích hợp'],
  ['/openapi.json', 'Đặc tả OpenAPI công khai cho nhà tích hợp'],
];

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .describe('RFC 9457 problem details');

/** Standard error responses to spread into a route's `response` schema. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
} as const;

/**
 * Builds the HTTP server in three layers (external plugins → platform hooks → routes), with:
 *  - a policy check on every route before its body is parsed (onRequest);
 *  - start-up failure when a route declares neither a permission nor a public reason;
 *  - problem+json errors, never leaking a 5xx message.
 */
export async function buildHttp(opts: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(opts.logLevel),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Layer 1: external plugins
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cors, { origin: opts.corsOrigins.length ? opts.corsOrigins : false, credentials: true });
  await app.register(rateLimit, {
    global: false,
    // what the builder returns is thrown: a Problem, so the error handler renders a 429 problem+json
    errorResponseBuilder: () => problems.tooMany(),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Liên Thông API',
        description:
          'API mở của nền tảng Liên Thông cho chính quyền địa phương hai cấp. Lỗi trả về theo RFC 9457 (application/problem+json).',
        version: opts.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lt_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  // Layer 2: platform hooks
  app.decorateRequest('principal', null);
  app.decorateRequest('authorize', function (this: FastifyRequest, permission: string, target?: AccessTarget): Principal {
    const p = this.principal;
    if (!p) throw problems.unauthenticated();
    if (!opts.access.can(p, permission, target)) throw problems.forbidden();
    return p;
  });

  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: unknown };
    if (!config.access) {
      const pub = PLUGIN_PUBLIC_PREFIXES.find(([prefix]) => route.url.startsWith(prefix));
      if (pub || route.method === 'HEAD' || (Array.isArray(route.method) && route.method.includes('HEAD') && route.url === '*')) {
        route.config = { ...(route.config ?? {}), access: { public: pub?.[1] ?? 'HEAD mirror of a GET route' } };
        return;
      }
      throw new Error(`Route ${String(route.method)} ${route.url} khai báo thiếu quyền truy cập: thêm config.access = { permission } hoặc { public: '<lý do>' }.`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return; // 404 handler
    request.principal = await opts.access.authenticate(request);
    if ('public' in access) return;
    if (!request.principal) throw problems.unauthenticated();
    if (!opts.access.can(request.principal, access.permission)) throw problems.forbidden();
  });

  app.setErrorHandler((err, request, reply) => {
    let problem: Problem;
    if (err instanceof Problem) problem = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      problem = problems.validation(
        err.validation.map((v) => ({
          path: `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`,
          message: v.message ?? 'không hợp lệ',
        })),
      );
    } else if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      problem = problems.internal();
    } else if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = new Problem(413, 'payload-too-large', 'Dữ liệu quá lớn', 'Dữ liệu gửi lên vượt quá giới hạn cho phép.');
    } else if ((err as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      problem = new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Kiểu nội dung (Content-Type) của yêu cầu không được hỗ trợ.');
    } else if ((err as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err as { code?: string }).code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      problem = problems.badRequest('invalid-json', 'Nội dung gửi lên không phải JSON hợp lệ.');
    } else if ((err as { statusCode?: number }).statusCode === 429) {
      problem = problems.tooMany();
    } else if ((err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500) {
      problem = problems.badRequest('bad-request', 'Yêu cầu không hợp lệ.');
    } else {
      request.log.error({ err }, 'unhandled error');
      problem = problems.internal();
    }
    if (problem.status >= 500 && err !== problem) request.log.error({ err }, 'request failed');
    void reply.status(problem.status).type('application/problem+json').send(problem.toBody(request.url.split('?')[0]));
  });

  app.setNotFoundHandler((request, reply) => {
    const p = new Problem(404, 'route-not-found', 'Không tìm thấy', `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.`);
    void reply.status(404).type('application/problem+json').send(p.toBody());
  });

  // Platform routes
  app.get('/openapi.json', { config: { access: { public: 'Đặc tả OpenAPI công khai' } }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/healthz',
    { config: { access: { public: 'Kiểm tra sống của tiến trình cho bộ cân bằng tải' } }, schema: { tags: ['platform'], summary: 'Tiến trình đang chạy', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { public: 'Kiểm tra sẵn sàng cho bộ cân bằng tải' } },
      schema: { tags: ['platform'], summary: 'Cơ sở dữ liệu truy cập được và migration đã áp dụng', response: { 200: z.object({ status: z.literal('ready') }), 503: ProblemSchema } },
    },
    async () => {
      const r = await opts.readiness();
      if (!r.ok) throw problems.unavailable(r.detail ?? 'Chưa sẵn sàng.');
      return { status: 'ready' as const };
    },
  );
  return app as unknown as App;
}
