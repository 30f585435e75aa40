import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Db, Tx } from '../../platform/db.ts';
import { problems } from '../../platform/errors.ts';
import { seal, unseal } from '../../platform/seal.ts';
import type { Logger } from '../../platform/logger.ts';
import { forgetSubscriber, registerSubscriber, type OutboxRelay, type StoredEvent, type Subscriber } from '../../platform/outbox.ts';
import { coveredBy, provinceOf, toCloudEvent } from './domain/cloudevents.ts';
import { checkTarget, TARGET_PROBLEM_TEXT } from './domain/targets.ts';
import * as store from './store.ts';

/** How many dossiers a subscription delivers at the same time (each dossier's events one after the other). */
export const WEBHOOK_CONCURRENCY = 64;

/** The durable subscriber name of a webhook subscription. */
export const webhookSubscriberName = (id: string) => `webhook:${id}`;

export interface WebhookView {
  id: string;
  clientId: string | null;
  url: string;
  types: string[];
  description: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  /** Delivery state of its subscriber. */
  retrying: number;
  dead: number;
  lastDeliveredAt: string | null;
  lastError: string | null;
}

export interface CreateWebhookInput {
  url: string;
  types: string[];
  description?: string;
  /** The owning client (forced to the caller's own id when the caller is a client). */
  clientId?: string | null;
}

export interface WebhookSettings {
  allowPrivate: boolean;
  provinceCode: string | undefined;
  /** How long a receiver may take to answer (ms). */
  timeoutMs: number;
  /** The key sealing the signing secrets at rest (WEBHOOKS_ENCRYPTION_KEY or DATA_DIR/secrets/webhooks.json). */
  key: Buffer;
}

/** Resolves a host name to its addresses (for the private-address check); IP literals resolve to themselves. */
async function addressesOf(host: string): Promise<string[]> {
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIP(h)) return [h];
  try {
    return (await dns.lookup(h, { all: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

/**
 * Connections kept open between deliveries (one TCP/TLS handshake per receiver, not per event); a
 * receiver's idle connections close after a few seconds.
 */
const agents = { http: new http.Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 }), https: new https.Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 64, timeout: 60_000 }) };

/** Signs and posts one CloudEvent (Standard Webhooks headers); throws unless the receiver answers 2xx. Redirects are not followed. */
export async function postSigned(url: string, secret: string, event: StoredEvent, body: string, timeoutMs: number, now = new Date()): Promise<void> {
  const signature = new Webhook(secret).sign(event.eventId, now, body);
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const status = await new Promise<number>((resolve, reject) => {
    let done = false;
    const fail = (message: string) => {
      if (done) return;
      done = true;
      req.destroy();
      reject(new Error(message));
    };
    const req = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'webhook-id': event.eventId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'LienThong-Webhooks/1',
        },
      },
      (res) => {
        res.resume(); // the body is not read: only the status counts
        res.on('end', () => {
          clearTimeout(timer);
          if (done) return;
          done = true;
          resolve(res.statusCode ?? 0);
        });
        res.on('error', (err) => fail(`Không kết nối được bên nhận: ${(err as NodeJS.ErrnoException).code ?? err.message}`));
      },
    );
    const timer = setTimeout(() => fail(`Bên nhận không trả lời trong ${timeoutMs} ms`), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      fail(`Không kết nối được bên nhận: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    });
    req.end(body);
  });
  if (status < 200 || status >= 300) throw new Error(`Bên nhận trả lời HTTP ${status}`);
}

export function createWebhooks(deps: { db: Db; events: OutboxRelay; log: Logger; settings: WebhookSettings }) {
  const { db, events, settings } = deps;

  const toView = (w: store.WebhookRow, state?: { retrying: number; dead: number; lastDeliveredAt: string | null; lastError: string | null }): WebhookView => ({
    id: w.id,
    clientId: w.client_id,
    url: w.url,
    types: w.types,
    description: w.description,
    active: w.active,
    createdBy: w.created_by,
    createdAt: new Date(w.created_at).toISOString(),
    retrying: state?.retrying ?? 0,
    dead: state?.dead ?? 0,
    lastDeliveredAt: state?.lastDeliveredAt ?? null,
    lastError: state?.lastError ?? null,
  });

  async function validateTarget(url: string): Promise<void> {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* reported below */
    }
    const problem = checkTarget(url, { allowPrivate: settings.allowPrivate, addresses: settings.allowPrivate || !host ? [] : await addressesOf(host) });
    if (problem) throw problems.unprocessable(`webhook-target-${problem}`, TARGET_PROBLEM_TEXT[problem]);
  }

  /** A subscription's signing secret: unsealed (bound to its id), or as written in clear before migration 002. */
  function secretOf(w: store.WebhookRow): string {
    if (w.secret_sealed === null) return w.secret!;
    try {
      return unseal(settings.key, w.secret_sealed, w.id);
    } catch {
      throw new Error('Không giải mã được khóa ký của đăng ký webhook: khóa WEBHOOKS_ENCRYPTION_KEY (hoặc DATA_DIR/secrets/webhooks.json) khác khóa đã mã hóa nó');
    }
  }

  /** The subscriber that delivers one subscription's events. */
  function subscriberOf(w: store.WebhookRow): Subscriber {
    let secret: string | undefined; // opened at its first delivery
    return {
      name: webhookSubscriberName(w.id),
      types: w.types,
      startAt: 'end',
      concurrency: WEBHOOK_CONCURRENCY,
      retry: { maxAttempts: 15, baseMs: 2_000, maxMs: 30 * 60_000 },
      handle: async (event) => {
        const decl = events.publicDeclaration(event.type);
        if (!decl) return; // never leaves the platform
        if (!settings.allowPrivate) await validateTarget(w.url); // the name may resolve elsewhere now
        const body = JSON.stringify(toCloudEvent(event, decl.data(event), provinceOf(event, settings.provinceCode)));
        await postSigned(w.url, (secret ??= secretOf(w)), event, body, settings.timeoutMs);
      },
    };
  }

  return {
    /** Seals the secrets still kept in clear (subscriptions created before migration 002); returns how many. */
    async sealClearSecrets(): Promise<number> {
      let n = 0;
      for (const w of await store.clearSecrets(db)) if (await store.sealSecret(db, w.id, w.secret, seal(settings.key, w.secret, w.id))) n++;
      return n;
    },

    /** The subscribers of the active subscriptions (a source of the relay, listed on every pass). */
    async subscribers(): Promise<Subscriber[]> {
      return (await store.activeWebhooks(db)).map(subscriberOf);
    },

    /** Creates a subscription; returns it with its signing secret (shown this once). */
    async create(input: CreateWebhookInput, by: string, alsoInTx?: (tx: Tx, view: WebhookView) => Promise<void>): Promise<WebhookView & { secret: string }> {
      await validateTarget(input.url);
      const declared = events.publicTypes().flatMap((d) => d.types);
      const types = [...new Set(input.types)];
      const refused = types.filter((t) => !coveredBy(t, declared));
      if (refused.length)
        throw problems.unprocessable('webhook-type-not-public', `Không đăng ký được các loại sự kiện: ${refused.join(', ')}. Chỉ các loại sau được gửi ra ngoài: ${declared.join(', ')}.`);
      const id = crypto.randomUUID();
      const secret = `whsec_${crypto.randomBytes(32).toString('base64')}`;
      const row = { id, client_id: input.clientId ?? null, url: input.url, types, description: input.description ?? '', secret_sealed: seal(settings.key, secret, id), created_by: by };
      const view = toView({ ...row, secret: null, active: true, created_at: new Date() });
      await db.transaction(async (tx) => {
        await store.insertWebhook(tx, row);
        // it starts now: the events committed from here on
        await registerSubscriber(tx, webhookSubscriberName(id), 'end');
        await alsoInTx?.(tx, view);
      });
      return { ...view, secret };
    },

    /** Subscriptions with their delivery state; with `clientId`, only that client's. */
    async list(clientId: string | null): Promise<WebhookView[]> {
      const rows = await store.listWebhooks(db, clientId);
      const status = new Map((await events.status()).map((s) => [s.name, s]));
      return rows.map((w) => toView(w, status.get(webhookSubscriberName(w.id))));
    },

    async get(id: string): Promise<store.WebhookRow | null> {
      return store.getWebhook(db, id);
    },

    /** Deletes a subscription and its delivery state. */
    async remove(id: string, alsoInTx?: (tx: Tx) => Promise<void>): Promise<boolean> {
      return db.transaction(async (tx) => {
        const ok = await store.deleteWebhook(tx, id);
        if (ok) {
          await forgetSubscriber(tx, webhookSubscriberName(id));
          await alsoInTx?.(tx);
        }
        return ok;
      });
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooks>;
