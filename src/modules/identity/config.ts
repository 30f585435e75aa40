import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../platform/config.ts';

/**
 * The identity module's settings, from the environment the platform's configuration was loaded from
 * (`Config.env`, validated here like the platform's own keys), with
 * development defaults. Secrets that are not given are generated once and kept in
 * DATA_DIR/secrets/identity.json (mode 0600, never committed), so that sessions survive a restart.
 */
const Env = z.object({
  SESSION_SECRET: z.string().min(32, 'phải dài ít nhất 32 ký tự').optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(0.05).max(24 * 30).default(8),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).default('lienthong-portal'),
  OIDC_CLIENT_SECRET: z.string().min(16, 'phải dài ít nhất 16 ký tự').optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_SCOPE: z.string().min(1).default('openid profile'),
  OIDC_PERSONAL_ID_CLAIM: z.string().min(1).default('personal_id'),
  OIDC_DEV_PROVIDER: z.enum(['true', 'false']).optional(),
});

export interface IdentityConfig {
  sessionSecret: string;
  sessionTtlMs: number;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
  publicUrl: string;
  /**
   * May the published demo password still open an account? Only in the demo: SEED_DEMO=true and not
   * NODE_ENV=production. Elsewhere a demo account left behind cannot be entered with it.
   */
  demoPasswordAllowed: boolean;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    scope: string;
    personalIdClaim: string;
    /** Mount the built-in development provider at /oidc. */
    devProvider: boolean;
  };
  /** Signing keys and cookie keys of the development provider. */
  devProviderKeys: { jwks: { keys: Record<string, unknown>[] }; cookieKeys: string[] };
}

interface StoredSecrets {
  sessionSecret: string;
  oidcClientSecret: string;
  oidcCookieKeys: string[];
  oidcJwk: Record<string, unknown>;
}

function loadOrCreateSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, 'secrets', 'identity.json');
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSecrets;
    if (s.sessionSecret && s.oidcClientSecret && s.oidcCookieKeys?.length && s.oidcJwk) return s;
  } catch {
    /* first start: generate below */
  }
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const s: StoredSecrets = {
    sessionSecret: crypto.randomBytes(32).toString('base64url'),
    oidcClientSecret: crypto.randomBytes(24).toString('base64url'),
    oidcCookieKeys: [crypto.randomBytes(32).toString('base64url')],
    oidcJwk: { ...jwk, kid: crypto.randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' },
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return s;
}

export function loadIdentityConfig(platform: Config): IdentityConfig {
  const parsed = Env.safeParse(platform.env);
  if (!parsed.success) {
    throw new Error(`Cấu hình định danh không hợp lệ:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  const secrets = loadOrCreateSecrets(platform.dataDir);
  const publicUrl = platform.publicUrl.replace(/\/$/, '');
  const devProvider = e.OIDC_DEV_PROVIDER ? e.OIDC_DEV_PROVIDER === 'true' : !platform.production;
  return {
    sessionSecret: e.SESSION_SECRET ?? secrets.sessionSecret,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    secureCookies: publicUrl.startsWith('https:'),
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    publicUrl,
    demoPasswordAllowed: platform.seedDemo && !platform.production,
    oidc: {
      issuer: (e.OIDC_ISSUER ?? `${publicUrl}/oidc`).replace(/\/$/, ''),
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET ?? secrets.oidcClientSecret,
      redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/api/v1/auth/citizen/callback`,
      scope: e.OIDC_SCOPE,
      personalIdClaim: e.OIDC_PERSONAL_ID_CLAIM,
      devProvider,
    },
    devProviderKeys: { jwks: { keys: [secrets.oidcJwk] }, cookieKeys: secrets.oidcCookieKeys },
  };
}
