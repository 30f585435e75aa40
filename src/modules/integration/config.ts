import { z } from 'zod';
import type { Config } from '../../platform/config.ts';
import { createExchangeKeys, type ExchangeKeys } from './exchange-keys.ts';

/**
 * The integration module's settings, validated from the platform configuration's environment
 * (`Config.env`). The national systems are reached only when their URL is set; without one the adapter is
 * off (the default `npm start` needs none of them). The exchange log's Ed25519 keys: exchange-keys.ts.
 */
const url = z.string().url().optional();
const secret = z.string().min(8, 'phải dài ít nhất 8 ký tự').optional();
const Env = z.object({
  DVCQG_URL: url,
  DVCQG_API_KEY: secret,
  DVCQG_DEMO: z.enum(['true', 'false']).optional(),
  DVCQG_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  POPULATION_URL: url,
  POPULATION_API_KEY: secret,
  NDXP_URL: url,
  NDXP_API_KEY: secret,
  CLIENT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().min(1).max(365).default(30),
  EXCHANGE_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'phải là khóa riêng Ed25519 dạng PEM (PKCS#8)' }).optional(),
  EXCHANGE_RETIRED_PUBLIC_KEYS: z.string().includes('PUBLIC KEY', { message: 'phải là các khóa công khai Ed25519 dạng PEM' }).optional(),
});

export interface ExternalSystem {
  url: string;
  apiKey: string | null;
}

export interface IntegrationConfig {
  issuer: string;
  audience: string;
  tokenTtlSeconds: number;
  keyRotationMs: number;
  dvcqg: ExternalSystem | null;
  /**
   * The demo's in-process stand-in for DVCQG (adapters/dvcqg-demo.ts, ADR 0135): DVCQG_DEMO, by default on when
   * the demo province is seeded (SEED_DEMO), no DVCQG_URL is set and the platform is not in production.
   */
  dvcqgDemo: boolean;
  dvcqgPollMs: number;
  population: ExternalSystem | null;
  ndxp: ExternalSystem | null;
  exchangeKeys: ExchangeKeys;
}

export function loadIntegrationConfig(platform: Config): IntegrationConfig {
  const parsed = Env.safeParse(platform.env);
  if (!parsed.success) throw new Error(`Cấu hình tích hợp không hợp lệ:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  const refuse = (m: string) => new Error(`Cấu hình tích hợp không hợp lệ:\n  - DVCQG_DEMO: ${m}`);
  if (e.DVCQG_DEMO === 'true' && e.DVCQG_URL) throw refuse('cổng mô phỏng của bản demo không dùng cùng DVCQG_URL (bỏ một trong hai)');
  if (e.DVCQG_DEMO === 'true' && platform.production) throw refuse('không dùng cổng mô phỏng của bản demo khi NODE_ENV=production');
  const dvcqgDemo = e.DVCQG_DEMO ? e.DVCQG_DEMO === 'true' : platform.seedDemo && !platform.production && !e.DVCQG_URL;
  const publicUrl = platform.publicUrl.replace(/\/$/, '');
  const system = (u: string | undefined, k: string | undefined): ExternalSystem | null => (u ? { url: u.replace(/\/$/, ''), apiKey: k ?? null } : null);
  return {
    issuer: publicUrl,
    audience: `${publicUrl}/api`,
    tokenTtlSeconds: e.CLIENT_TOKEN_TTL_SECONDS,
    keyRotationMs: e.SIGNING_KEY_ROTATION_DAYS * 86_400_000,
    dvcqg: system(e.DVCQG_URL, e.DVCQG_API_KEY),
    dvcqgDemo,
    dvcqgPollMs: e.DVCQG_POLL_SECONDS * 1000,
    population: system(e.POPULATION_URL, e.POPULATION_API_KEY),
    ndxp: system(e.NDXP_URL, e.NDXP_API_KEY),
    exchangeKeys: createExchangeKeys({ dataDir: platform.dataDir, signingKeyPem: e.EXCHANGE_SIGNING_KEY, retiredPublicKeysPem: e.EXCHANGE_RETIRED_PUBLIC_KEYS }),
  };
}
