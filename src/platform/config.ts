import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Validation messages that people read are Vietnamese (zod's own 'vi' locale).
z.config(z.locales.vi());

/**
 * Runtime configuration, read once from the environment and validated at start-up.
 * A bad value stops the process with a message that names the variable and what is wrong.
 */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là một URL postgres:// hoặc postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  REFERENCE_DIR: z.string().min(1).optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PROVINCE_CODE: z.string().regex(/^\d{2}$/, 'phải là mã tỉnh 2 chữ số, ví dụ 25').optional(),
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const entry of splitList(value)) {
        if (!isProxyAddress(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" không phải địa chỉ IP hoặc dải CIDR (ví dụ 10.0.0.5 hoặc 10.0.0.0/8)` });
      }
    }),
  NATS_URL: z.string().regex(/^(nats|tls|wss?):\/\//, 'phải là một URL nats://, tls:// hoặc ws(s)://').optional(),
  EVENTS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  EVENT_DELIVERY_LOG_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
  WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEB_DIST_DIR: z.string().min(1).optional(),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number({ error: 'phải là một số nguyên' }).int('phải là một số nguyên').min(50).max(3_600_000).default(1000),
  DEMO_DOSSIERS: z.coerce.number({ error: 'phải là một số nguyên' }).int('phải là một số nguyên').min(0).max(10_000).default(240),
  MDM_WORKERS: z.coerce.number({ error: 'phải là một số nguyên' }).int('phải là một số nguyên').min(0).max(64).optional(),
  NODE_ENV: z.string().default('development'),
});

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** An IPv4/IPv6 address, or a CIDR range of either (`10.0.0.0/8`, `fd00::/8`). */
export function isProxyAddress(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  publicUrl: string;
  referenceDir: string;
  seedDemo: boolean;
  /** The province this deployment serves (2-digit code); unset: the demo province or the configured identifiers. */
  provinceCode: string | undefined;
  /**
   * Addresses/CIDR ranges of the reverse proxies whose X-Forwarded-For is believed. Empty (the default):
   * no proxy is trusted and the client address is the TCP peer's.
   */
  trustProxy: string[];
  production: boolean;
  /** NATS JetStream server that dossier events are published to (unset: no NATS). */
  natsUrl: string | undefined;
  /** Polling interval of the event relay when no LISTEN/NOTIFY wake-up arrives, in ms. */
  eventsPollMs: number;
  /** Days the event delivery log keeps an attempt. */
  eventDeliveryLogDays: number;
  /** the built web front end (WEB_DIST_DIR; web/dist of the project by default) */
  webDistDir: string;
  /** how often the audit trail's head is sealed (AUDIT_SEAL_INTERVAL_MS, 1 s) */
  auditSealIntervalMs: number;
  /** how many demo dossiers the demo seed tries (DEMO_DOSSIERS, 240) */
  demoDossiers: number;
  /**
   * Whether webhook targets may be loopback or private addresses. Default: allowed outside production,
   * refused in production (WEBHOOKS_ALLOW_PRIVATE_TARGETS=true allows them, e.g. a receiver on the LAN).
   */
  webhooksAllowPrivateTargets: boolean;
  /** How long a webhook receiver may take to answer before the attempt counts as failed, in ms. */
  webhooksTimeoutMs: number;
  /** Worker threads that standardise master-data sources (MDM_WORKERS; unset: the machine's cores, at most 4; 0: the calling thread). */
  mdmWorkers?: number;
  /** The (non-empty) variables this configuration was loaded from: modules validate their own settings from it, never from process.env. */
  env: Readonly<Record<string, string>>;
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Cấu hình không hợp lệ:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Project root (where the platform's package.json lives), used to find the shipped reference data and the
 * built web front end. Found by walking up from this file, so that it is the same whether the platform runs
 * from its TypeScript sources (src/platform/config.ts) or from the build (dist/platform/config.js).
 */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'lienthong') return dir;
    } catch {
      /* no package.json here: keep walking up */
    }
    if (path.dirname(dir) === dir) throw new Error(`Không tìm thấy thư mục gốc của Liên Thông (package.json) phía trên ${from}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable counts as unset (DATABASE_URL= in a .env file means "use the embedded database")
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    referenceDir: path.resolve(e.REFERENCE_DIR ?? path.join(projectRoot, 'reference')),
    seedDemo: e.SEED_DEMO === 'true',
    provinceCode: e.PROVINCE_CODE,
    trustProxy: splitList(e.TRUST_PROXY),
    production: e.NODE_ENV === 'production',
    natsUrl: e.NATS_URL,
    eventsPollMs: e.EVENTS_POLL_MS,
    eventDeliveryLogDays: e.EVENT_DELIVERY_LOG_DAYS,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? path.join(projectRoot, 'web', 'dist')),
    auditSealIntervalMs: e.AUDIT_SEAL_INTERVAL_MS,
    demoDossiers: e.DEMO_DOSSIERS,
    webhooksTimeoutMs: e.WEBHOOKS_TIMEOUT_MS,
    mdmWorkers: e.MDM_WORKERS,
    webhooksAllowPrivateTargets: e.WEBHOOKS_ALLOW_PRIVATE_TARGETS ? e.WEBHOOKS_ALLOW_PRIVATE_TARGETS === 'true' : e.NODE_ENV !== 'production',
    env: present as Record<string, string>,
  };
}
