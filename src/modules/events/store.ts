import type { Queryable } from '../../platform/db.ts';

export interface WebhookRow {
  id: string;
  client_id: string | null;
  url: string;
  types: string[];
  description: string;
  secret: string;
  active: boolean;
  created_by: string;
  created_at: Date;
}

const COLS = 'id, client_id, url, types, description, secret, active, created_by, created_at';

export async function insertWebhook(q: Queryable, w: Omit<WebhookRow, 'created_at' | 'active'>): Promise<void> {
  await q.query(
    `INSERT INTO events.webhook_subscription (id, client_id, url, types, description, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [w.id, w.client_id, w.url, w.types, w.description, w.secret, w.created_by],
  );
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
