import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from '../../platform/logger.ts';
import type { OutboxRelay, Subscriber } from '../../platform/outbox.ts';
import { natsStream, natsSubject, provinceOf, toCloudEvent } from './domain/cloudevents.ts';

/** The durable subscriber that publishes the public events to NATS JetStream. */
export const NATS_SUBSCRIBER = 'events.nats';

/** How long JetStream remembers a message id to drop a re-published duplicate (10 minutes, in ns). */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1_000_000_000;

export interface NatsPublisher {
  subscriber: Subscriber;
  close(): Promise<void>;
}

/**
 * Publishes each public event (CloudEvents JSON) to `lienthong.<province>.<module>.<aggregate>.<verb>` in
 * the province's stream `LIENTHONG_<province>` (created when missing), with `Nats-Msg-Id` = the event id so
 * that JetStream drops a re-delivery; an event counts as delivered when JetStream acknowledges it.
 */
export function natsPublisher(deps: { url: string; events: OutboxRelay; log: Logger; provinceCode: string | undefined; name?: string }): NatsPublisher {
  let conn: Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> | null = null;
  const streams = new Set<string>();
  const connectOnce = () =>
    (conn ??= (async () => {
      const { connect } = await import('@nats-io/transport-node');
      const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
      const nc = await connect({ servers: deps.url, name: 'lienthong-events', reconnect: true, maxReconnectAttempts: -1 });
      nc.closed().then(() => {
        conn = null;
        streams.clear();
      });
      return { nc, js: jetstream(nc), jsm: await jetstreamManager(nc) };
    })().catch((err) => {
      conn = null;
      throw err;
    }));

  async function ensureStream(jsm: JetStreamManager, province: string): Promise<void> {
    const s = natsStream(province);
    if (streams.has(s.name)) return;
    try {
      await jsm.streams.info(s.name);
    } catch {
      await jsm.streams.add({ name: s.name, subjects: s.subjects, duplicate_window: DUPLICATE_WINDOW_NS });
    }
    streams.add(s.name);
  }

  const subscriber: Subscriber = {
    name: deps.name ?? NATS_SUBSCRIBER,
    // every type declared public (read on each pass)
    get types() {
      return deps.events.publicTypes().flatMap((d) => d.types);
    },
    // many dossiers in flight at once (acks awaited together), each dossier's events one after the other
    concurrency: 64,
    retry: { maxAttempts: 20, baseMs: 1_000, maxMs: 10 * 60_000 },
    handle: async (event) => {
      const decl = deps.events.publicDeclaration(event.type);
      if (!decl) return;
      const { js, jsm } = await connectOnce();
      const province = provinceOf(event, deps.provinceCode);
      await ensureStream(jsm, province);
      const body = JSON.stringify(toCloudEvent(event, decl.data(event), province));
      await js.publish(natsSubject(province, event.type), body, { msgID: event.eventId });
    },
  };

  return {
    subscriber,
    async close() {
      const c = conn;
      conn = null;
      if (c) await (await c.catch(() => null))?.nc.drain().catch(() => undefined);
    },
  };
}
