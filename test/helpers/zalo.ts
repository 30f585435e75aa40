import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { zaloMac } from '../../src/modules/assistant/zalo.ts';
import type { App } from '../../src/platform/http.ts';

/** A message the platform sent through the OA API: the access token it used and the body. */
export interface ZaloReply {
  token: string | undefined;
  body: { recipient: { user_id: string }; message: { text: string } };
}

/** A user's message as Zalo posts it to the webhook: the raw body and its signature header. */
export interface ZaloEvent {
  payload: string;
  headers: Record<string, string>;
}

export interface FakeZalo {
  /** The platform's settings for this Official Account (app id, secret, access token, the fake's address). */
  env: { ZALO_OA_APP_ID: string; ZALO_OA_SECRET: string; ZALO_OA_ACCESS_TOKEN: string; ZALO_OA_API_URL: string };
  /** The replies the platform sent, in order. */
  sent: ZaloReply[];
  /** A text message from `user`, signed as Zalo signs it. */
  event(user: string, text: string, msgId: string): ZaloEvent;
  /** Posts the event to the platform's Zalo webhook. */
  deliver(app: App, event: ZaloEvent): Promise<LightMyRequestResponse>;
}

/**
 * A local stand-in for Zalo's Official Account API for one test file: it records the replies the platform
 * sends (POST /v3.0/oa/message/cs) and answers as Zalo does; closed after the file. Pass `env` to the
 * platform (testRuntime's env) so that it talks to the fake.
 */
export async function fakeZalo(): Promise<FakeZalo> {
  const sent: ZaloReply[] = [];
  const oa = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      if (req.url === '/v3.0/oa/message/cs') sent.push({ token: req.headers['access_token'] as string | undefined, body: JSON.parse(b) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 0, message: 'Success' }));
    });
  });
  await new Promise<void>((r) => oa.listen(0, '127.0.0.1', r));
  after(() => oa.close());
  const env = { ZALO_OA_APP_ID: '4242', ZALO_OA_SECRET: 'zalo-test-secret', ZALO_OA_ACCESS_TOKEN: 'oa-token', ZALO_OA_API_URL: `http://127.0.0.1:${(oa.address() as AddressInfo).port}` };
  return {
    env,
    sent,
    event(user, text, msgId) {
      const timestamp = String(Date.now());
      const payload = JSON.stringify({ app_id: env.ZALO_OA_APP_ID, event_name: 'user_send_text', timestamp, sender: { id: user }, recipient: { id: 'oa' }, message: { text, msg_id: msgId } });
      return { payload, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloMac(env.ZALO_OA_APP_ID, payload, timestamp, env.ZALO_OA_SECRET)}` } };
    },
    deliver: (app, event) => app.inject({ method: 'POST', url: '/api/v1/assistant/zalo/webhook', headers: event.headers, payload: event.payload }),
  };
}
