import type { Queryable } from '../../platform/db.ts';

export interface WebhookRow {
  id: string;
  client_id: string | null;
  url: string;
  types: string[];
  description: string;
  /** The signing secret in clear: only rows written before secrets were sealed, until they are (migration 002). */
  secret: string | null;
  /** The signing secret sealed under the webhooks key (platform/seal.ts), bound to the id. */
  secret_sealed: string | null;
  active: boolean;
  created_by: string;
  created_at: Date;
}

const COLS = 'id, client_id, url, types, description, secret, secret_sealed, active, created_by, created_at';

export async function insertWebhook(q: Queryable, w: Omit<WebhookRow, 'created_at' | 'active' | 'secret'>): Promise<void> {
  await q.query(
    `INSERT INTO events.webhook_subscription (id, client_id, url, types, description, secret_sealed, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [w.id, w.client_id, w.url, w.types, w.description, w.secret_sealed, w.created_by],
  );
}

/** Subscriptions (deleted ones too) whose secret is still in clear. */
export async function clearSecrets(q: Queryable): Promise<{ id: string; secret: string }[]> {
  return (await q.query<{ id: string; secret: string }>(`SELECT id, secret FROM events.webhook_subscription WHERE secret IS NOT NULL ORDER BY id`)).rows;
}

/** Replaces a subscription's clear secret by its sealed form (only if still the same clear secret). */
export async function sealSecret(q: Queryable, id: string, secret: string, sealed: string): Promise<boolean> {
  const r = await q.query(`UPDATE events.webhook_subscription SET secret_sealed = $3, secret = NULL WHERE id = $1 AND secret = $2`, [id, secret, sealed]);
  return r.rowCount > 0;
}

/** Subscriptions not deleted; with `clientId`, only that client's (null: every one). */
export async function listWebhooks(q: Queryable, clientId: string | null): Promise<WebhookRow[]> {
  const r = await q.query<WebhookRow>(
    `SELECT ${COLS} FROM events.webhook_subscription WHERE deleted_at IS NULL AND ($1::text IS NULL OR client_id = $1) ORDER BY created_at, id`,
    [clientId],
  );
  return r.rows;
}

export async function activeWebhooks(q: Queryable): Promise<WebhookRow[]> {
  const r = await q.query<WebhookRow>(`SELECT ${COLS} FROM events.webhook_subscription WHERE deleted_at IS NULL AND active ORDER BY created_at, id`);
  return r.rows;
}

export async function getWebhook(q: Queryable, id: string): Promise<WebhookRow | null> {
  const r = await q.query<WebhookRow>(`SELECT ${COLS} FROM events.webhook_subscription WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return r.rows[0] ?? null;
}

export async function deleteWebhook(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`UPDATE events.webhook_subscription SET deleted_at = now(), active = false WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return r.rowCount > 0;
}
