/**
 * The typed TypeScript SDK of the Liên Thông API for client systems of other agencies.
 *
 * The types (`paths`) are generated from the platform's own OpenAPI document by web/scripts/api-types.mjs
 * into sdk/schema.d.ts (not committed; `npm run typecheck` and `npm test` regenerate it), so a call the
 * server no longer answers fails to compile. Requests go through openapi-fetch; the client gets its access
 * token at POST /api/v1/oauth/token (OAuth 2.0 client credentials) and renews it before it expires.
 *
 *   const lt = createLienThongClient({ baseUrl: 'http://localhost:3000', clientId, clientSecret });
 *   const { data, error } = await lt.GET('/api/v1/datasets');
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { paths };

export interface LienThongClientOptions {
  /** The platform's address, e.g. http://localhost:3000. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The scopes to ask for (space-separated); default: every scope the client holds. */
  scope?: string;
  fetch?: typeof fetch;
}

export interface AccessToken {
  accessToken: string;
  scope: string;
  expiresAt: number;
}

/** A problem the platform answered (RFC 9457: Vietnamese `title`/`detail`, a machine `code`). */
export class LienThongError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
  ) {
    super(detail ?? title);
    this.name = 'LienThongError';
  }
}

/** Gets an access token with the client credentials (RFC 6749 §4.4). */
export async function fetchToken(o: LienThongClientOptions): Promise<AccessToken> {
  const f = o.fetch ?? fetch;
  const res = await f(`${o.baseUrl.replace(/\/$/, '')}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId, client_secret: o.clientSecret, ...(o.scope ? { scope: o.scope } : {}) }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new LienThongError(res.status, String(body.code ?? body.error ?? `http-${res.status}`), String(body.title ?? 'Không cấp được mã truy cập'), typeof body.detail === 'string' ? body.detail : undefined);
  return { accessToken: String(body.access_token), scope: String(body.scope ?? ''), expiresAt: Date.now() + Number(body.expires_in ?? 0) * 1000 };
}

export type LienThongClient = Client<paths> & {
  /** The current access token (fetched or renewed when needed). */
  token(): Promise<AccessToken>;
};

export function createLienThongClient(o: LienThongClientOptions): LienThongClient {
  let current: AccessToken | null = null;
  let pending: Promise<AccessToken> | null = null;
  const token = async (): Promise<AccessToken> => {
    if (current && current.expiresAt - Date.now() > 30_000) return current;
    pending ??= fetchToken(o).finally(() => (pending = null));
    current = await pending;
    return current;
  };
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${(await token()).accessToken}`);
      request.headers.set('accept', 'application/json, application/problem+json');
      return request;
    },
    async onResponse({ response }) {
      // a token refused (revoked key, changed client): forget it so that the next call gets a new one
      if (response.status === 401) current = null;
      return response;
    },
  };
  const client = createClient<paths>({ baseUrl: o.baseUrl.replace(/\/$/, ''), fetch: o.fetch });
  client.use(auth);
  return Object.assign(client, { token });
}
