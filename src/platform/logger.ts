import pino, { type LoggerOptions } from 'pino';
import { maskDeep, maskText } from './mask.ts';

/**
 * Structured JSON logs. Every object and message passes through the masker, so personal data
 * (identification numbers, phone numbers, names, e-mails) never reaches a log line.
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
        url: req.url ? maskText(req.url) : req.url,
        ip: req.ip,
      }),
    },
  };
}

export function createLogger(level: string) {
  return pino(loggerOptions(level));
}
export type Logger = pino.Logger;
