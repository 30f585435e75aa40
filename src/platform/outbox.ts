import crypto from 'node:crypto';
import type { Queryable } from './db.ts';

/** A domain event, written in the same transaction as the change it describes (transactional outbox). */
export interface DomainEvent<P = Record<string, unknown>> {
  type: string; // "<module>.<aggregate>.<verb>", e.g. "catalog.offering.changed"
  aggregateType: string;
  aggregateId: string;
  payload: P;
}

export async function emitEvent(tx: Queryable, event: DomainEvent): Promise<string> {
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO platform.outbox_event (event_id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4, $5)`,
    [id, event.type, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
  );
  return id;
}
