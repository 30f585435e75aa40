import crypto from 'node:crypto';
import * as jose from 'jose';
import type { Principal } from '../../platform/access.ts';
import { Problem, problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { IntegrationConfig } from './config.ts';
import { checkClientScopes, CLIENT_ROLE, grantedScopes } from './domain/client-scopes.ts';
import { minuteStart, secondsLeftInMinute, secondsUntilNextVnDay, vnDay } from './domain/quota.ts';
import type { KeyRing } from './keys.ts';

/**
 * Client systems of other agencies (OAuth 2.0 client credentials, RFC 6749 §4.4): registered by a
 * province administrator with scopes (permissions open to clients) and limits; their secret is shown once
 * and only its SHA-256 is kept. A token is a short-lived JWT signed by the key ring; each request made
 * with it is counted against the client's rate per minute and daily quota (429 + Retry-After), in the
 * database: the limits hold across every instance of the platform on it (ADR 0147).
 */
export interface ClientView {
  id: string;
  name: string;
  agencyName: string;
  scopes: string[];
  secretHint: string;
  ratePerMinute: number;
  dailyQuota: number;
  active: boolean;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewClient {
  id: string;
  name: string;
  agencyName: string;
  scopes: string[];
  ratePerMinute: number;
  dailyQuota: number;
}

export interface UsageRow {
  clientId: string;
  day: string;
  requests: number;
  refused: number;
  tokens: number;
  lastAt: string | null;
}

interface ClientRow {
  id: string;
  name: string;
  agency_name: string;
  scopes: string[];
  secret_hash: string;
  secret_hint: string;
  rate_per_minute: number;
  daily_quota: number;
  active: boolean;
  created_at: Date;
  revoked_at: Date | null;
}

const view = (r: ClientRow): ClientView => ({
  id: r.id,
  name: r.name,
  agencyName: r.agency_name,
  scopes: r.scopes,
  secretHint: r.secret_hint,
  ratePerMinute: r.rate_per_minute,
  dailyQuota: r.daily_quota,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const newSecret = () => `ltc_${crypto.randomBytes(32).toString('base64url')}`;
function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

/** An OAuth 2.0 token endpoint error (RFC 6749 §5.2), as an RFC 9457 problem that also carries `error`. */
export function oauthError(status: number, error: string, detail: string): Problem {
  return new Problem(status, `oauth-${error.replaceAll('_', '-')}`, 'Không cấp được mã truy cập', detail, { error, error_description: detail });
}

/** The 429 problem of a client over its limit; the HTTP layer turns `retryAfter` into Retry-After. */
export function overLimit(reason: 'rate' | 'daily', retryAfter: number): Problem {
  const detail =
    reason === 'daily'
      ? `Hệ thống kết nối đã dùng hết hạn mức yêu cầu trong ngày; hạn mức được đặt lại lúc 0 giờ (giờ Việt Nam), sau ${retryAfter} giây.`
      : `Hệ thống kết nối gửi quá số yêu cầu cho phép mỗi phút; hãy thử lại sau ${retryAfter} giây.`;
  return new Problem(429, reason === 'daily' ? 'daily-quota-exceeded' : 'rate-limited', 'Quá nhiều yêu cầu', detail, { retryAfter });
}

export function createClients(ctx: PlatformContext, cfg: IntegrationConfig, keys: KeyRing) {
  const db = ctx.db;
  const province = () => ctx.config.provinceCode ?? '25';
  const audit = ctx.services.audit!;
  const actor = (p: Principal) => ({ kind: p.kind, id: p.id, subject: p.subject });

  async function row(id: string): Promise<ClientRow | null> {
    const r = await db.query<ClientRow>(`SELECT * FROM integration.client WHERE id = $1`, [id]);
    return r.rows[0] ?? null;
  }

  function checkScopes(scopes: string[]): string[] {
    const check = checkClientScopes(scopes, ctx.permissions);
    if (!check.ok) {
      const parts = [];
      if (check.unknown.length) parts.push(`quyền không tồn tại: ${check.unknown.join(', ')}`);
      if (check.notForClients.length) parts.push(`quyền không mở cho hệ thống kết nối: ${check.notForClients.join(', ')}`);
      throw problems.unprocessable('scope-not-allowed', `Phạm vi không hợp lệ (${parts.join('; ')}).`, { unknown: check.unknown, notForClients: check.notForClients });
    }
    return check.scopes;
  }

  return {
    async register(p: Principal, input: NewClient): Promise<{ client: ClientView; secret: string }> {
      const scopes = checkScopes(input.scopes);
      const secret = newSecret();
      const r = await db.transaction(async (tx) => {
        const exists = await tx.query(`SELECT 1 FROM integration.client WHERE id = $1`, [input.id]);
        if (exists.rows.length) throw problems.conflict('client-exists', `Đã có hệ thống kết nối mã ${input.id}.`);
        const ins = await tx.query<ClientRow>(
          `INSERT INTO integration.client (id, name, agency_name, scopes, secret_hash, secret_hint, rate_per_minute, daily_quota, created_by)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
          [input.id, input.name, input.agencyName, scopes, sha256(secret), `${secret.slice(0, 8)}…`, input.ratePerMinute, input.dailyQuota, p.id],
        );
        await audit.append(tx, { actor: actor(p), action: 'integration.client.register', target: `client:${input.id}`, after: { name: input.name, agencyName: input.agencyName, scopes, ratePerMinute: input.ratePerMinute, dailyQuota: input.dailyQuota } });
        return ins.rows[0]!;
      });
      return { client: view(r), secret };
    },

    async list(): Promise<ClientView[]> {
      return (await db.query<ClientRow>(`SELECT * FROM integration.client ORDER BY created_at, id`)).rows.map(view);
    },

    async get(id: string): Promise<ClientView | null> {
      const r = await row(id);
      return r ? view(r) : null;
    },

    async update(p: Principal, id: string, input: Partial<Pick<NewClient, 'scopes' | 'ratePerMinute' | 'dailyQuota' | 'name' | 'agencyName'>>): Promise<ClientView> {
      const scopes = input.scopes ? checkScopes(input.scopes) : undefined;
      return db.transaction(async (tx) => {
        const before = (await tx.query<ClientRow>(`SELECT * FROM integration.client WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        if (!before) throw problems.notFound(`hệ thống kết nối ${id}`, 'client-not-found');
        const r = await tx.query<ClientRow>(
          `UPDATE integration.client SET scopes = COALESCE($2, scopes), rate_per_minute = COALESCE($3, rate_per_minute), daily_quota = COALESCE($4, daily_quota),
             name = COALESCE($5, name), agency_name = COALESCE($6, agency_name) WHERE id = $1 RETURNING *`,
          [id, scopes ?? null, input.ratePerMinute ?? null, input.dailyQuota ?? null, input.name ?? null, input.agencyName ?? null],
        );
        const after = r.rows[0]!;
        await audit.append(tx, { actor: actor(p), action: 'integration.client.update', target: `client:${id}`, before: view(before), after: view(after) });
        return view(after);
      });
    },

    async newSecret(p: Principal, id: string): Promise<{ client: ClientView; secret: string }> {
      const secret = newSecret();
      const r = await db.transaction(async (tx) => {
        const u = await tx.query<ClientRow>(`UPDATE integration.client SET secret_hash = $2, secret_hint = $3 WHERE id = $1 AND active RETURNING *`, [id, sha256(secret), `${secret.slice(0, 8)}…`]);
        if (!u.rows[0]) throw problems.notFound(`hệ thống kết nối đang hoạt động ${id}`, 'client-not-found');
        await audit.append(tx, { actor: actor(p), action: 'integration.client.secret', target: `client:${id}` });
        return u.rows[0];
      });
      return { client: view(r), secret };
    },

    async revoke(p: Principal, id: string): Promise<ClientView> {
      return db.transaction(async (tx) => {
        const u = await tx.query<ClientRow>(`UPDATE integration.client SET active = false, revoked_at = now() WHERE id = $1 AND active RETURNING *`, [id]);
        if (!u.rows[0]) {
          const exists = await tx.query(`SELECT 1 FROM integration.client WHERE id = $1`, [id]);
          if (!exists.rows.length) throw problems.notFound(`hệ thống kết nối ${id}`, 'client-not-found');
          throw problems.conflict('client-already-revoked', 'Hệ thống kết nối này đã bị thu hồi trước đó.');
        }
        await audit.append(tx, { actor: actor(p), action: 'integration.client.revoke', target: `client:${id}` });
        return view(u.rows[0]);
      });
    },

    /** The token endpoint: client credentials → a signed access token. */
    async issueToken(clientId: string, clientSecret: string, scope: string | undefined): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
      const c = clientId.length <= 64 ? await row(clientId) : null;
      if (!c || !c.active || !safeEqualHex(sha256(clientSecret), c.secret_hash))
        throw oauthError(401, 'invalid_client', 'Mã hệ thống kết nối hoặc khóa bí mật không đúng, hoặc hệ thống đã bị thu hồi.');
      const g = grantedScopes(scope, c.scopes);
      if (!g.ok) throw oauthError(400, 'invalid_scope', `Hệ thống kết nối không được cấp phạm vi: ${g.notHeld.join(', ')}.`);
      const { token } = await keys.sign({ sub: c.id, client_id: c.id, scope: g.scopes.join(' ') }, cfg.tokenTtlSeconds);
      await db.query(
        `INSERT INTO integration.usage_day (client_id, day, tokens, last_at) VALUES ($1, $2, 1, now())
         ON CONFLICT (client_id, day) DO UPDATE SET tokens = usage_day.tokens + 1, last_at = now()`,
        [c.id, vnDay(new Date())],
      );
      return { access_token: token, token_type: 'Bearer', expires_in: cfg.tokenTtlSeconds, scope: g.scopes.join(' ') };
    },

    /**
     * The principal of a client access token, counted against the client's limits: null when the token is
     * forged, expired, signed by an unpublished key, or its client revoked; a 429 problem when over a limit.
     * The token's scopes are narrowed to what the client holds now (an administrator's change applies at once).
     */
    async principalOf(token: string): Promise<Principal | null> {
      let claims: jose.JWTPayload;
      try {
        claims = (await keys.verify(token)).payload;
      } catch {
        return null;
      }
      const id = typeof claims.sub === 'string' ? claims.sub : null;
      const c = id ? await row(id) : null;
      if (!c || !c.active) return null;
      const asked = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
      const scopes = asked.filter((s) => c.scopes.includes(s));
      // one statement counts the request in the day and in the clock minute and decides both limits, atomically
      // on the client's row of the day, whichever instance serves it
      const now = Date.now();
      const day = vnDay(new Date(now));
      const minute = new Date(minuteStart(now));
      const counted = await db.query(
        `INSERT INTO integration.usage_day (client_id, day, requests, minute_start, minute_requests, last_at) VALUES ($1, $2, 1, $3, 1, now())
         ON CONFLICT (client_id, day) DO UPDATE SET requests = usage_day.requests + 1,
           minute_requests = CASE WHEN usage_day.minute_start >= $3 THEN usage_day.minute_requests + 1 ELSE 1 END,
           minute_start = GREATEST(usage_day.minute_start, $3), last_at = now()
         WHERE usage_day.requests < $4 AND (usage_day.minute_start IS NULL OR usage_day.minute_start < $3 OR usage_day.minute_requests < $5)
         RETURNING requests`,
        [c.id, day, minute, c.daily_quota, c.rate_per_minute],
      );
      if (!counted.rows.length) {
        const r = await db.query<{ requests: number; minute_start: Date }>(
          `UPDATE integration.usage_day SET refused = refused + 1, last_at = now() WHERE client_id = $1 AND day = $2 RETURNING requests, minute_start`,
          [c.id, day],
        );
        const over = r.rows[0];
        if (!over || over.requests >= c.daily_quota) throw overLimit('daily', secondsUntilNextVnDay(new Date(now)));
        throw overLimit('rate', secondsLeftInMinute(now, new Date(over.minute_start).getTime()));
      }
      const principal: Principal = {
        kind: 'api_client',
        id: c.id,
        subject: c.id,
        displayName: c.agency_name,
        grants: [{ role: CLIENT_ROLE, unitCode: province(), fields: '*' }],
        scopes,
        via: 'client_credentials',
      };
      // the policy point decides synchronously: it must know the province's communes first
      await ctx.services.identity!.prepare(principal);
      return principal;
    },

    async usage(filter: { clientId?: string; days: number }): Promise<UsageRow[]> {
      const since = vnDay(new Date(Date.now() - (filter.days - 1) * 86_400_000));
      const r = await db.query<{ client_id: string; day: string; requests: number; refused: number; tokens: number; last_at: Date | null }>(
        `SELECT client_id, day::text AS day, requests, refused, tokens, last_at FROM integration.usage_day
          WHERE day >= $1::date AND ($2::text IS NULL OR client_id = $2) ORDER BY day DESC, client_id`,
        [since, filter.clientId ?? null],
      );
      return r.rows.map((x) => ({ clientId: x.client_id, day: x.day, requests: x.requests, refused: x.refused, tokens: x.tokens, lastAt: x.last_at ? new Date(x.last_at).toISOString() : null }));
    },
  };
}

export type ClientsService = ReturnType<typeof createClients>;
