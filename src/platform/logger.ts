import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { maskDeep, maskText } from './mask.ts';

/**
 * Structured JSON logs. Personal data is kept out by structure, not by luck:
 *  - requests are logged as method, path, query (secret parameters replaced) and address — never headers or
 *    bodies; responses as their status only;
 *  - errors are logged through an allow-list of fields (type, message, SQLSTATE code, constraint, table,
 *    column, stack frames): a database error's statement parameters, its `detail` ("Key (personal_id)=(…)")
 *    and `where` are never written, and values quoted in its message are replaced;
 *  - other logged objects go through the masker (fields that hold personal data, by key).
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'lienthong' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
    formatters: {
      log: (obj) => maskDeep(obj) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskText(a) : a));
        return method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url ? redactUrl(req.url) : req.url,
        ip: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
      error: safeError,
    },
  };
}

export function createLogger(level: string, destination?: DestinationStream) {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level));
}
export type Logger = pino.Logger;

/**
 * Query parameters whose values are secrets or credentials wherever they appear: the tracking secret of a
 * dossier (`k`, `s`, `secret`), OAuth/OIDC codes, states and tokens, signatures.
 */
const SECRET_QUERY_PARAMS = new Set([
  'k', 's', 'secret', 'key', 'token', 'code', 'state', 'nonce', 'code_verifier', 'password',
  'access_token', 'id_token', 'refresh_token', 'sig', 'signature', 'otp',
]);

/** The URL as it may be logged: secret query values replaced, personal data in the rest masked. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return maskText(url);
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        /* malformed: compare as sent */
      }
      return eq >= 0 && SECRET_QUERY_PARAMS.has(name.toLowerCase()) ? `${rawName}=[redacted]` : pair;
    });
  return maskText(`${url.slice(0, q)}?${parts.join('&')}`);
}

/** Fields of an error that describe the failure, never the data: everything else is dropped. */
const ERROR_FIELDS = ['code', 'statusCode', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

function isDatabaseError(e: Record<string, unknown>): boolean {
  return typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/**
 * An error as it may be logged. A database error's message quotes the offending value
 * (`invalid input syntax for type uuid: "0912345678"`): quoted text other than the names the error carries
 * (constraint, table, column, type) is replaced.
 */
export function safeError(err: unknown, depth = 0): unknown {
  if (!err || typeof err !== 'object') return maskText(String(err));
  const e = err as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown; cause?: unknown };
  const database = isDatabaseError(e);
  // PGlite's error class has a minified name: a database error is named for what it is
  const type = database ? 'DatabaseError' : e.constructor && e.constructor !== Object ? e.constructor.name : typeof e.name === 'string' ? e.name : 'Error';
  let message = typeof e.message === 'string' ? e.message : '';
  if (database) {
    const names = new Set(['constraint', 'table', 'column', 'schema', 'dataType'].map((k) => e[k]).filter((v): v is string => typeof v === 'string'));
    message = message.replace(/"([^"]*)"/g, (m, inner: string) => (names.has(inner) ? m : '"[…]"'));
  }
  message = maskText(message);
  const out: Record<string, unknown> = { type, message };
  for (const k of ERROR_FIELDS) {
    const v = e[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    out.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}
