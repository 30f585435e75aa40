import crypto from 'node:crypto';
import * as jose from 'jose';
import type { Db } from '../../platform/db.ts';
import type { IntegrationConfig } from './config.ts';

/**
 * The keys that sign client access tokens (ES256), kept in the database so that every instance of the
 * platform signs with the same key and publishes the same JWKS (ADR 0075). The newest unretired key signs;
 * it is rotated when older than SIGNING_KEY_ROTATION_DAYS (or on demand). A retired key stays published
 * until the last token it signed has expired, so that rotation never invalidates a token in use.
 */
interface KeyRow {
  kid: string;
  alg: string;
  private_jwk: jose.JWK;
  public_jwk: jose.JWK;
  created_at: Date;
  retired_at: Date | null;
  published_until: Date | null;
}

export interface KeyRing {
  /** Signs a JWT with the active key (rotating first when it is due). */
  sign(claims: jose.JWTPayload, ttlSeconds: number): Promise<{ token: string; kid: string }>;
  /** Verifies a token against the published keys; throws jose errors when it is invalid or expired. */
  verify(token: string): Promise<jose.JWTVerifyResult>;
  /** The public keys to publish (JWKS). */
  jwks(): Promise<{ keys: jose.JWK[] }>;
  /** Creates a new signing key and retires the others (still published until their tokens expire). */
  rotate(): Promise<{ kid: string; retired: string[] }>;
}

const ALG = 'ES256';
const ROTATION_LOCK = 727_010;

export function createKeyRing(db: Db, cfg: Pick<IntegrationConfig, 'issuer' | 'audience' | 'tokenTtlSeconds' | 'keyRotationMs'>): KeyRing {
  let cache: { rows: KeyRow[]; at: number } | null = null;
  const imported = new Map<string, Promise<CryptoKey | Uint8Array>>();
  const importKey = (kid: string, jwk: jose.JWK) => {
    let k = imported.get(kid);
    if (!k) imported.set(kid, (k = jose.importJWK(jwk, ALG)));
    return k;
  };

  async function load(force = false): Promise<KeyRow[]> {
    if (!force && cache && Date.now() - cache.at < 30_000) return cache.rows;
    const r = await db.query<KeyRow>(`SELECT kid, alg, private_jwk, public_jwk, created_at, retired_at, published_until FROM integration.signing_key ORDER BY created_at DESC, kid`);
    cache = { rows: r.rows, at: Date.now() };
    return r.rows;
  }

  async function rotate(): Promise<{ kid: string; retired: string[] }> {
    const { privateKey, publicKey } = await jose.generateKeyPair(ALG, { extractable: true });
    const kid = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(6).toString('hex')}`;
    const priv = { ...(await jose.exportJWK(privateKey)), kid, alg: ALG, use: 'sig' };
    const pub = { ...(await jose.exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
    const retired = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      const r = await tx.query<{ kid: string }>(
        `UPDATE integration.signing_key SET retired_at = now(), published_until = now() + make_interval(secs => $1) WHERE retired_at IS NULL RETURNING kid`,
        [cfg.tokenTtlSeconds + 60],
      );
      await tx.query(`INSERT INTO integration.signing_key (kid, alg, private_jwk, public_jwk) VALUES ($1, $2, $3, $4)`, [kid, ALG, JSON.stringify(priv), JSON.stringify(pub)]);
      return r.rows.map((x) => x.kid);
    });
    await load(true);
    return { kid, retired };
  }

  async function activeKey(): Promise<KeyRow> {
    let active = (await load()).find((k) => !k.retired_at);
    if (!active || Date.now() - new Date(active.created_at).getTime() > cfg.keyRotationMs) {
      await rotate();
      active = (await load(true)).find((k) => !k.retired_at)!;
    }
    return active;
  }

  const published = (rows: KeyRow[]) => rows.filter((k) => !k.published_until || new Date(k.published_until).getTime() > Date.now());

  return {
    async sign(claims, ttlSeconds) {
      const k = await activeKey();
      const key = await importKey(`${k.kid}#private`, k.private_jwk);
      const token = await new jose.SignJWT(claims)
        .setProtectedHeader({ alg: ALG, kid: k.kid, typ: 'at+jwt' })
        .setIssuer(cfg.issuer)
        .setAudience(cfg.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setJti(crypto.randomUUID())
        .sign(key);
      return { token, kid: k.kid };
    },

    async verify(token) {
      const keyFor = async (header: jose.JWSHeaderParameters) => {
        if (!header.kid) throw new jose.errors.JWKSNoMatchingKey();
        let row = published(await load()).find((k) => k.kid === header.kid);
        if (!row) row = published(await load(true)).find((k) => k.kid === header.kid);
        if (!row) throw new jose.errors.JWKSNoMatchingKey();
        return importKey(row.kid, row.public_jwk);
      };
      return jose.jwtVerify(token, keyFor, { issuer: cfg.issuer, audience: cfg.audience, algorithms: [ALG], typ: 'at+jwt' });
    },

    async jwks() {
      if (!(await load()).some((k) => !k.retired_at)) await activeKey();
      return { keys: published(await load()).map((k) => k.public_jwk) };
    },

    rotate,
  };
}
