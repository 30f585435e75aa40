/**
 * The assistant's channels in API tests: questions asked as people ask them, a fake Zalo Official Account
 * and a fake language model (local servers, closed after the file).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { zaloMac } from '../../src/modules/assistant/zalo.ts';
import type { App } from '../../src/platform/http.ts';

export interface AskAnswer {
  answer: string;
  intent: string;
  procedures: { code: string; name: string; score: number }[];
  confidence: number;
  session: string;
}

/**
 * POST /api/v1/assistant/ask, expecting 200; each question from another address, as many people ask
 * (the endpoint is rate-limited per address).
 */
export function asker(app: App): (question: string, session?: string) => Promise<AskAnswer> {
  let ip = 1;
  return async (question, session) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/assistant/ask', payload: { question, session }, remoteAddress: `10.9.0.${ip++ % 250}` });
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as AskAnswer;
  };
}

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
  const url = await fakeServer((req, body) => {
    if (req.url === '/v3.0/oa/message/cs') sent.push({ token: req.headers['access_token'] as string | undefined, body: JSON.parse(body) });
    return { error: 0, message: 'Success' };
  });
  const env = { ZALO_OA_APP_ID: '4242', ZALO_OA_SECRET: 'zalo-test-secret', ZALO_OA_ACCESS_TOKEN: 'oa-token', ZALO_OA_API_URL: url };
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

/** A call the platform made to the model: the path, the Authorization header and the chat messages. */
export interface ModelCall {
  url: string | undefined;
  authorization: string | undefined;
  messages: { role: string; content: string }[];
}

/**
 * A local stand-in for an OpenAI-compatible chat model: `url` is its base (…/v1); every completion is
 * answered with `reply` as it is at the time; the calls are recorded.
 */
export async function fakeChatModel(): Promise<{ url: string; calls: ModelCall[]; reply: string }> {
  const model = { url: '', calls: [] as ModelCall[], reply: '' };
  const base = await fakeServer((req, body) => {
    model.calls.push({ url: req.url, authorization: req.headers.authorization, messages: JSON.parse(body).messages });
    return { choices: [{ message: { role: 'assistant', content: model.reply } }] };
  });
  model.url = `${base}/v1`;
  return model;
}

/** A local HTTP server answering each request with `answer`'s JSON; its address; closed after the file. */
async function fakeServer(answer: (req: http.IncomingMessage, body: string) => unknown): Promise<string> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer(req, body)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
