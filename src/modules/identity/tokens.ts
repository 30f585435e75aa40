import crypto from 'node:crypto';

/**
 * Secrets handed to browsers and scripts. Only their SHA-256 is stored, so a copy of the database does
 * not let anyone sign in. Session cookies and API tokens are 256 bits of randomness; API tokens start with
 * "lt_" so that secret scanners recognise them. The CSRF token is derived from the session secret with an
 * HMAC: nothing to store, and it changes with every session.
 */
export function newSecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return `lt_${crypto.randomBytes(32).toString('base64url')}`;
}

export function looksLikeApiToken(s: string): boolean {
  return /^lt_[A-Za-z0-9_-]{43}$/.test(s);
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export function csrfTokenFor(serverSecret: string, sessionToken: string): string {
  return crypto.createHmac('sha256', serverSecret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
