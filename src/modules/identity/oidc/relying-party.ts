import * as oidc from 'openid-client';
import { Problem } from '../../../platform/errors.ts';
import type { IdentityConfig } from '../config.ts';

/** What the browser must bring back to the callback (kept in a signed, HTTP-only cookie for 10 minutes). */
export interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  createdAt: number;
}

export interface CitizenClaims {
  issuer: string;
  subject: string;
  personalId: string | null;
  displayName: string | null;
}

const unavailable = () =>
  new Problem(503, 'oidc-unavailable', 'Không kết nối được nhà cung cấp định danh', 'Hệ thống định danh công dân tạm thời không phản hồi. Vui lòng thử lại sau ít phút.');

/**
 * The relying side of citizen sign-in (ADR 0021): OpenID Connect authorization code flow with PKCE (S256),
 * state and nonce, through `openid-client`. It knows only an issuer URL and client credentials, so it
 * works the same against the built-in development provider, VNeID or a province's single sign-on.
 * The provider's metadata is discovered on first use and kept; a failed discovery is retried next time.
 */
export class CitizenRelyingParty {
  private conf: Promise<oidc.Configuration> | null = null;

  constructor(private readonly cfg: IdentityConfig['oidc'], private readonly allowHttp: boolean) {}

  private configuration(): Promise<oidc.Configuration> {
    this.conf ??= oidc
      .discovery(new URL(this.cfg.issuer), this.cfg.clientId, { client_secret: this.cfg.clientSecret }, oidc.ClientSecretBasic(this.cfg.clientSecret), {
        execute: this.allowHttp && this.cfg.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.conf = null;
        throw Object.assign(unavailable(), { cause: err });
      });
    return this.conf;
  }

  /** The provider's authorization URL to redirect the browser to, and what to remember until the callback. */
  async start(): Promise<{ url: string; pending: PendingLogin }> {
    const conf = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending: PendingLogin = { codeVerifier, state: oidc.randomState(), nonce: oidc.randomNonce(), createdAt: Date.now() };
    const url = oidc.buildAuthorizationUrl(conf, {
      redirect_uri: this.cfg.redirectUri,
      scope: this.cfg.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /**
   * Exchanges the code of the callback for tokens (checking state, nonce, PKCE, issuer, audience and the
   * ID token's signature) and reads the citizen's identification number from the configured claim, from
   * the ID token or else from the userinfo endpoint.
   */
  async finish(callbackQuery: string, pending: PendingLogin): Promise<CitizenClaims> {
    const conf = await this.configuration();
    const current = new URL(this.cfg.redirectUri);
    current.search = callbackQuery;
    const tokens = await oidc.authorizationCodeGrant(conf, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    let claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    const claimName = this.cfg.personalIdClaim;
    if (claims[claimName] === undefined || claims.name === undefined) {
      const info = await oidc.fetchUserInfo(conf, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims, ...(claims[claimName] === undefined ? { [claimName]: info[claimName] } : {}), name: claims.name ?? info.name };
    }
    const sub = String(claims.sub);
    const raw = claims[claimName] ?? (/^\d{12}$/.test(sub) ? sub : undefined);
    return {
      issuer: conf.serverMetadata().issuer,
      subject: sub,
      personalId: typeof raw === 'string' ? raw : null,
      displayName: typeof claims.name === 'string' ? claims.name : null,
    };
  }
}
