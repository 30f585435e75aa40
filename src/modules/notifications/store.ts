import type { Db, Queryable } from '../../platform/db.ts';

/** SQL of the notifications.message table (see migrations/001_messages.sql). */
export interface MessageRow {
  id: string;
  channel: 'email' | 'sms';
  recipient_enc: string;
  recipient_masked: string;
  template: string;
  data_enc: string;
  dossier_code: string | null;
  unit_code: string | null;
  /** The citizen the message is about (their personal identification number), or null. */
  owner_subject: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  max_attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  provider_message_id: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

export type NewMessage = Pick<MessageRow, 'id' | 'channel' | 'recipient_enc' | 'recipient_masked' | 'template' | 'data_enc' | 'dossier_code' | 'unit_code' | 'owner_subject' | 'status' | 'max_attempts' | 'last_error' | 'next_attempt_at'> & { source_key?: string | null };

/** Inserts a message; with a source key already used, inserts nothing and returns the existing message's id and status. */
export async function insertMessage(tx: Queryable, m: NewMessage): Promise<{ id: string; status: MessageRow['status'] } | null> {
  const r = await tx.query(
    `INSERT INTO notifications.message (id, channel, recipient_enc, recipient_masked, template, data_enc, dossier_code, unit_code, owner_subject, status, max_attempts, last_error, next_attempt_at, source_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`,
    [m.id, m.channel, m.recipient_enc, m.recipient_masked, m.template, m.data_enc, m.dossier_code, m.unit_code, m.owner_subject, m.status, m.max_attempts, m.last_error, m.next_attempt_at, m.source_key ?? null],
  );
  if (r.rowCount || !m.source_key) return null;
  const existing = await tx.query<{ id: string; status: MessageRow['status'] }>('SELECT id, status FROM notifications.message WHERE source_key = $1', [m.source_key]);
  return existing.rows[0] ?? null;
}

/**
 * Claims up to `limit` due messages (pending, or "sending" whose lease ran out after a crash): counts the
 * attempt and leases them until `leaseUntil`, so that another instance does not send them meanwhile.
 */
export async function claimDue(db: Queryable, now: Date, leaseUntil: Date, limit: number): Promise<MessageRow[]> {
  const r = await db.query<MessageRow>(
    `UPDATE notifications.message m
        SET status = 'sending', attempts = m.attempts + 1, next_attempt_at = $2, updated_at = $1
      WHERE m.id IN (SELECT id FROM notifications.message
                      WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1
                      ORDER BY next_attempt_at, created_at
                      LIMIT $3
                      FOR UPDATE SKIP LOCKED)
      RETURNING m.*`,
    [now, leaseUntil, limit],
  );
  return r.rows;
}

export async function markSent(tx: Queryable, id: string, now: Date, providerMessageId: string | null): Promise<void> {
  await tx.query(
    `UPDATE notifications.message SET status = 'sent', sent_at = $2, updated_at = $2, last_error = NULL, provider_message_id = $3 WHERE id = $1`,
    [id, now, providerMessageId],
  );
}

export async function markRetry(tx: Queryable, id: string, now: Date, nextAttemptAt: Date, error: string): Promise<void> {
  await tx.query(`UPDATE notifications.message SET status = 'pending', next_attempt_at = $3, updated_at = $2, last_error = $4 WHERE id = $1`, [id, now, nextAttemptAt, error]);
}

export async function markFailed(tx: Queryable, id: string, now: Date, error: string): Promise<void> {
  await tx.query(`UPDATE notifications.message SET status = 'failed', updated_at = $2, last_error = $3 WHERE id = $1`, [id, now, error]);
}

export async function listMessages(db: Db, filter: { dossierCode?: string; limit: number }): Promise<MessageRow[]> {
  const r = await db.query<MessageRow>(
    `SELECT id, channel, recipient_masked, template, dossier_code, unit_code, status, attempts, max_attempts, next_attempt_at, last_error, created_at, sent_at
       FROM notifications.message
      WHERE ($1::text IS NULL OR dossier_code = $1)
      ORDER BY created_at DESC, id
      LIMIT $2`,
    [filter.dossierCode ?? null, filter.limit],
  );
  return r.rows;
}

/** The messages about one citizen (the owner column), newest first. */
export async function listOwnMessages(db: Db, owner: string, limit: number): Promise<MessageRow[]> {
  const r = await db.query<MessageRow>(
    `SELECT id, channel, recipient_masked, data_enc, template, dossier_code, unit_code, owner_subject, status, attempts, max_attempts, next_attempt_at, last_error, created_at, sent_at
       FROM notifications.message
      WHERE owner_subject = $1
      ORDER BY created_at DESC, id
      LIMIT $2`,
    [owner, limit],
  );
  return r.rows;
}

/** A file sent with an e-mail. */
export interface AttachmentRow {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export async function insertAttachments(tx: Queryable, messageId: string, files: readonly AttachmentRow[]): Promise<void> {
  for (const [i, f] of files.entries())
    await tx.query(`INSERT INTO notifications.attachment (message_id, position, filename, content_type, content) VALUES ($1, $2, $3, $4, $5)`, [messageId, i, f.filename, f.contentType, Buffer.from(f.content)]);
}

export async function attachmentsOf(db: Queryable, messageId: string): Promise<AttachmentRow[]> {
  const r = await db.query<{ filename: string; content_type: string; content: Uint8Array }>(
    `SELECT filename, content_type, content FROM notifications.attachment WHERE message_id = $1 ORDER BY position`,
    [messageId],
  );
  return r.rows.map((x) => ({ filename: x.filename, contentType: x.content_type, content: x.content }));
}
