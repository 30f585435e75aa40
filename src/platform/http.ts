import crypto from 'node:crypto';
import http from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyBaseLogger, type RawServerDefault, type RawRequestDefaultExpression, type RawReplyDefaultExpression } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import zlib from 'node:zlib';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

// Validation messages that people read are Vietnamese (zod's own 'vi' locale).
z.config(z.locales.vi());
import type { AccessControl, AccessTarget, Caller, Principal } from './access.ts';
import { Problem, problems } from './errors.ts';
import { findInvalidText } from './input-text.ts';
import { createLogger, type Logger } from './logger.ts';


/** Content types worth compressing (text); PDFs, images, office files and archives are compressed already; event streams are never buffered. */
export const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript|xml|ld\+json|manifest\+json)|text\/(html|css|javascript|plain|csv|xml)|image\/svg\+xml)(;|$)/;

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpOptions {
  /** The platform's logger (its serializers keep personal data out); without it, a new one at `logLevel`. */
  logger?: Logger;
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

const PROBLEM_TYPE = 'application/problem+json';

/** The path of a request URL, without its query (which may carry secrets), for a problem's `instance`. */
function pathOf(url: string): string {
  return url.split('?')[0] ?? '/';
}

export function invalidTextProblem(paths: string[]): Problem {
  return new Problem(400, 'invalid-characters', 'Dữ liệu không hợp lệ', 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc ký tự Unicode không hoàn chỉnh).', {
    errors: paths.map((path) => ({ path, message: 'chứa ký tự không hợp lệ' })),
  });
}

/**
 * For text a route reads itself (multipart form fields, a file name): the same check the platform applies
 * to params, query and JSON bodies. Throws the same 400 `invalid-characters` problem.
 */
export function assertValidText(values: Record<string, unknown>, part = 'body'): void {
  const found = findInvalidText(values, part);
  if (found.length) throw invalidTextProblem(found);
}

/**
 * The problem for an error raised while reading a multipart body: a limit the plugin reports keeps its
 * status; a stream that ends early or does not follow the format is the client's error (400), never a 500.
 */
export function multipartProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status < 500) return problemOf(err);
  return problems.badRequest('invalid-multipart', 'Dữ liệu multipart/form-data không hợp lệ hoặc bị cắt cụt.');
}

/** Vietnamese problems for the client errors Fastify and its plugins raise, by their stable Fastify code. */
const FRAMEWORK_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_BAD_URL: () => problems.badRequest('bad-url', 'Đường dẫn không hợp lệ (mã hoá phần trăm sai).'),
  FST_ERR_MAX_PARAM_LENGTH: () => new Problem(414, 'uri-too-long', 'Đường dẫn quá dài', 'Một phần của đường dẫn dài quá giới hạn cho phép.'),
  FST_ERR_ASYNC_CONSTRAINT: () => problems.badRequest('bad-request', 'Yêu cầu không hợp lệ.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new Problem(413, 'payload-too-large', 'Dữ liệu quá lớn', 'Dữ liệu gửi lên vượt quá giới hạn cho phép.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Kiểu nội dung (Content-Type) của yêu cầu không được hỗ trợ.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => problems.badRequest('invalid-content-length', 'Độ dài nội dung (Content-Length) không khớp với dữ liệu gửi lên.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => problems.badRequest('invalid-json', 'Nội dung gửi lên không phải JSON hợp lệ.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => problems.badRequest('invalid-json', 'Nội dung gửi lên không phải JSON hợp lệ.'),
};

/** Vietnamese titles for a client error status that no more specific rule names. */
const STATUS_PROBLEMS: Record<number, [code: string, title: string, detail: string]> = {
  400: ['bad-request', 'Yêu cầu không hợp lệ', 'Yêu cầu không hợp lệ.'],
  404: ['not-found', 'Không tìm thấy', 'Không tìm thấy tài nguyên được yêu cầu.'],
  405: ['method-not-allowed', 'Phương thức không được hỗ trợ', 'Đường dẫn này không hỗ trợ phương thức HTTP đã dùng.'],
  406: ['not-acceptable', 'Định dạng không được hỗ trợ', 'Yêu cầu không ở định dạng mà đường dẫn này nhận.'],
  408: ['request-timeout', 'Hết thời gian chờ', 'Yêu cầu gửi lên quá chậm; vui lòng thử lại.'],
  411: ['length-required', 'Thiếu độ dài nội dung', 'Yêu cầu cần có tiêu đề Content-Length.'],
  413: ['payload-too-large', 'Dữ liệu quá lớn', 'Dữ liệu gửi lên vượt quá giới hạn cho phép.'],
  414: ['uri-too-long', 'Đường dẫn quá dài', 'Đường dẫn dài quá giới hạn cho phép.'],
  415: ['unsupported-media-type', 'Định dạng không được hỗ trợ', 'Kiểu nội dung (Content-Type) của yêu cầu không được hỗ trợ.'],
  429: ['rate-limited', 'Quá nhiều yêu cầu', 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.'],
  431: ['headers-too-large', 'Tiêu đề yêu cầu quá lớn', 'Các tiêu đề (header) của yêu cầu vượt quá giới hạn cho phép.'],
};

/** The problem for any error that is not already one: a client error keeps its status, anything else is a 500. */
export function problemOf(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const { code, statusCode } = (err ?? {}) as { code?: string; statusCode?: number };
  const known = code ? FRAMEWORK_PROBLEMS[code] : undefined;
  if (known) return known();
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const [c, title, detail] = STATUS_PROBLEMS[statusCode] ?? STATUS_PROBLEMS[400]!;
    return new Problem(STATUS_PROBLEMS[statusCode] ? statusCode : 400, c, title, detail);
  }
  return problems.internal();
}

function clientErrorProblem(err: Error & { code?: string }): Problem {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return problemOf({ statusCode: 408 });
  if (err.code === 'HPE_HEADER_OVERFLOW') return problemOf({ statusCode: 431 });
  return problemOf({ statusCode: 400 });
}

/** A whole HTTP/1.1 response carrying a problem, for errors raised before there is a request object. */
function rawProblemResponse(p: Problem): string {
  const body = Buffer.from(JSON.stringify(p.toBody()));
  return `HTTP/1.1 ${p.status} ${http.STATUS_CODES[p.status] ?? 'Error'}\r\nContent-Type: ${PROBLEM_TYPE}; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString('utf8')}`;
}

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
    loggerInstance: opts.logger ?? createLogger(opts.logLevel),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    ajv: undefined,
    // errors Fastify raises before a route is found (malformed percent-encoding, a too long parameter)
    frameworkErrors: (err, request, reply) => {
      const problem = problemOf(err);
      void (reply as FastifyReply).status(problem.status).type(PROBLEM_TYPE).send(problem.toBody(pathOf(request.url)));
    },
    // errors of the HTTP parser, before Fastify sees a request (headers too large, malformed request line)
    clientErrorHandler: (err, socket) => {
      if ((err as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(rawProblemResponse(clientErrorProblem(err)));
      socket.destroy(err);
    },
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
  // Responses compressed for who accepts it (Brotli, else gzip): JSON and problem+json, HTML, JS, CSS, SVG,
  // CSV and text. Not PDFs, images, office files or archives (already compressed), never an event stream
  // (a stream must flush each event), nothing under 1 KB, nothing already encoded (the web's pre-compressed
  // assets). Brotli at quality 4: a dynamic answer is compressed on every request.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
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
    // schemas registered under an id (recursive ones such as FormCondition) become named components
    transformObject: jsonSchemaTransformObject,
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

  // Text no field may hold (NUL, lone surrogates), refused in every request part before any schema or
  // handler sees it: one place, so that no route can forget it.
  app.addHook('preValidation', async (request) => {
    const found = [
      ...findInvalidText(request.params, 'params'),
      ...findInvalidText(request.query, 'query'),
      ...(typeof request.body === 'string' || (request.body && typeof request.body === 'object') ? findInvalidText(request.body, 'body') : []),
    ];
    if (found.length) throw invalidTextProblem(found);
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
      request.log.error({ err, issues: err.cause.issues.map((i) => ({ path: i.path.join('.'), code: i.code })) }, 'response does not match its schema');
      problem = problems.internal();
    } else {
      problem = problemOf(err);
      if (problem.status >= 500) request.log.error({ err }, 'unhandled error');
    }
    // a 429 that says when to come back (a client over its quota) says it in the standard header too
    const retryAfter = problem.extensions.retryAfter;
    if (problem.status === 429 && typeof retryAfter === 'number') void reply.header('retry-after', String(Math.ceil(retryAfter)));
    void reply.status(problem.status).type(PROBLEM_TYPE).send(problem.toBody(pathOf(request.url)));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    const p = new Problem(404, 'route-not-found', 'Không tìm thấy', `Không có đường dẫn ${request.method} ${shown}.`);
    void reply.status(404).type(PROBLEM_TYPE).send(p.toBody());
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

/** The caller of a request for a module's service: its principal and a `can` that asks the policy point. */
export function callerOf(request: FastifyRequest): Caller {
  return {
    principal: request.principal,
    can: (permission, target) => {
      try {
        request.authorize(permission, target);
        return true;
      } catch {
        return false;
      }
    },
    ip: request.ip,
    requestId: request.id,
  };
}
