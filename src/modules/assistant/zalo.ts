/**
 * Zalo Official Account channel: the webhook verifies Zalo's signature, answers a user's text message
 * through the assistant and replies through the OA API (base URL and access token from the configuration).
 *
 * Signature (Zalo OA webhook): header `X-ZEvent-Signature: mac=<hex sha256(appId + rawBody + timestamp +
 * OA secret key)>`, where timestamp is the event's `timestamp` field. Events older than 15 minutes are
 * refused, and a message id already answered is not answered again (replay, Zalo's retries). Nothing is
 * sent when the OA is not configured (the route answers 404).
 */
import crypto from 'node:crypto';

export interface ZaloSettings {
  appId: string;
  secret: string;
  apiUrl: string;
  accessToken: string | null;
}

export function zaloMac(appId: string, rawBody: string, timestamp: string, secret: string): string {
  return crypto.createHash('sha256').update(`${appId}${rawBody}${timestamp}${secret}`, 'utf8').digest('hex');
}

export interface ZaloEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  message?: { text?: string; msg_id?: string };
}

export type ZaloCheck = { ok: true; event: ZaloEvent } | { ok: false; reason: 'bad-signature' | 'bad-body' | 'stale' | 'wrong-app' };

/** Verifies a webhook call: the body parses, it is for our app, the MAC matches (constant time), it is recent. */
export function verifyZalo(rawBody: string, signatureHeader: string | undefined, s: ZaloSettings, now: Date): ZaloCheck {
  let event: ZaloEvent;
  try {
    event = JSON.parse(rawBody) as ZaloEvent;
  } catch {
    return { ok: false, reason: 'bad-body' };
  }
  if (!event || typeof event !== 'object') return { ok: false, reason: 'bad-body' };
  if (String(event.app_id ?? '') !== s.appId) return { ok: false, reason: 'wrong-app' };
  const ts = String(event.timestamp ?? '');
  const expected = zaloMac(s.appId, rawBody, ts, s.secret);
  const got = (signatureHeader ?? '').trim().replace(/^mac=/, '');
  if (got.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(got), Buffer.from(expected))) return { ok: false, reason: 'bad-signature' };
  const ms = Number(ts);
  if (!Number.isFinite(ms) || Math.abs(now.getTime() - ms) > 15 * 60_000) return { ok: false, reason: 'stale' };
  return { ok: true, event };
}

/** Sends a text reply to a Zalo user through the OA API (customer-service message). */
export async function sendZaloText(s: ZaloSettings, userId: string, text: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!s.accessToken) return false;
  try {
    const res = await fetchImpl(`${s.apiUrl.replace(/\/$/, '')}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: s.accessToken },
      body: JSON.stringify({ recipient: { user_id: userId }, message: { text: text.slice(0, 2000) } }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) return false;
    const body = (await res.json().catch(() => ({}))) as { error?: number };
    return (body.error ?? 0) === 0;
  } catch {
    return false;
  }
}

/** A stable session id per Zalo user (follow-ups work across messages), not reversible to the user id. */
export function zaloSession(secret: string, userId: string): string {
  return `z${crypto.createHmac('sha256', secret).update(userId).digest('base64url').slice(0, 22)}`;
}
