import crypto from 'node:crypto';
import type { Db, Queryable } from './db.ts';
import type { Logger } from './logger.ts';

/** A domain event, written in the same transaction as the change it describes (transactional outbox). */
export interface DomainEvent<P = Record<string, unknown>> {
  type: string; // "<module>.<aggregate>.<verb>", e.g. "catalog.offering.changed"
  aggregateType: string;
  aggregateId: string;
  payload: P;
}

export interface StoredEvent extends DomainEvent {
  seq: number;
  eventId: string;
  occurredAt: Date;
}

export async function emitEvent(tx: Queryable, event: DomainEvent): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO platform.outbox_event (event_id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5)`,
    [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
  );
  return id;
}

/**
 * A consumer of outbox events. It must be idempotent (it may see an event twice after a crash), keyed on
 * `eventId`. Throwing marks the batch for a retry; the relay never skips an event silently.
 */
export type EventHandler = (event: StoredEvent) => Promise<void>;

/**
 * Delivers outbox events, in order, to in-process subscribers (later: webhooks, NATS), then marks them
 * published. Runs as a polling loop started by `serve`; `relayOnce` is exposed for tests and the CLI.
 */
export class OutboxRelay {
  private handlers: { pattern: string; handler: EventHandler }[] = [];

  constructor(private readonly db: Db, private readonly log?: Logger) {}

  /** `pattern` is an exact type or a prefix ending in '*' ("dossiers.*"). */
  subscribe(pattern: string, handler: EventHandler): void {
    this.handlers.push({ pattern, handler });
  }

  private matches(pattern: string, type: string): boolean {
    return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
  }

  /** Delivers up to `limit` unpublished events; returns how many were published. Stops at the first failure. */
  async relayOnce(limit = 200): Promise<number> {
    const r = await this.db.query<{ seq: string; event_id: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>(
      `SELECT seq, event_id, type, aggregate_type, aggregate_id, payload, occurred_at
         FROM platform.outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [limit],
    );
    let done = 0;
    for (const row of r.rows) {
      const event: StoredEvent = {
        seq: Number(row.seq),
        eventId: row.event_id,
        type: row.type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        payload: row.payload,
        occurredAt: row.occurred_at,
      };
      try {
        for (const h of this.handlers) if (this.matches(h.pattern, event.type)) await h.handler(event);
      } catch (err) {
        this.log?.warn({ err, event: event.type, seq: event.seq }, 'outbox handler failed; will retry');
        break;
      }
      await this.db.query('UPDATE platform.outbox_event SET published_at = now() WHERE seq = $1', [event.seq]);
      done++;
    }
    return done;
  }

  /** Starts polling every `intervalMs`; returns a stop function. */
  start(intervalMs = 1000): () => Promise<void> {
    let stopped = false;
    let running: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      if (stopped) return;
      running = this.relayOnce().catch((err) => this.log?.error({ err }, 'outbox relay failed'));
    }, intervalMs);
    timer.unref();
    return async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    };
  }
}
