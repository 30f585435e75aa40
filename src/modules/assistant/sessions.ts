/**
 * The assistant's conversations, kept in the database (ADR 0112) so that a follow-up is understood by any
 * process of the platform: what the conversation is about (a procedure code) and the choices offered last
 * ("số 2"). A session unused for SESSION_TTL_MS is forgotten and later purged.
 */
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db.ts';
import type { ReportDraft } from './domain/report.ts';

export const SESSION_TTL_MS = 30 * 60_000;
export const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface Session {
  /** The procedure the conversation is about. */
  code: string | null;
  /** The choices offered last, for "số 2". */
  choices: string[];
  /**
   * A report of a problem being put together (domain/report.ts): the person's text and contact, kept only
   * until it is sent, cancelled or abandoned (then null) — and never beyond the session's lifetime.
   */
  report?: ReportDraft | null;
}

/**
 * The session `id` names, if it is still alive; otherwise a fresh one (under the same id when a valid id
 * was given: a Zalo user's session id is derived from the user, not handed out).
 */
export async function loadSession(db: Queryable, id: string | undefined, now = new Date()): Promise<{ id: string; s: Session; saved: Session | null }> {
  if (id && SESSION_ID.test(id)) {
    const r = await db.query<{ procedure_code: string | null; choices: string[]; report: ReportDraft | null }>(
      `SELECT procedure_code, choices, report FROM assistant.session WHERE id = $1 AND updated_at > $2`,
      [id, new Date(now.getTime() - SESSION_TTL_MS).toISOString()],
    );
    const row = r.rows[0];
    if (row) {
      const saved = { code: row.procedure_code, choices: row.choices ?? [], report: row.report ?? null };
      return { id, s: { ...saved, choices: [...saved.choices] }, saved };
    }
    return { id, s: { code: null, choices: [] }, saved: null };
  }
  return { id: crypto.randomBytes(12).toString('base64url'), s: { code: null, choices: [] }, saved: null };
}

/** Keeps the session (and its time) — unless it holds nothing and never did (a greeting, a refusal). */
export async function saveSession(db: Queryable, id: string, s: Session, saved: Session | null, now = new Date()): Promise<void> {
  if (!saved && !s.code && !s.choices.length && !s.report) return;
  await db.query(
    `INSERT INTO assistant.session (id, procedure_code, choices, report, updated_at) VALUES ($1, $2, $3::text[], $4::jsonb, $5)
     ON CONFLICT (id) DO UPDATE SET procedure_code = EXCLUDED.procedure_code, choices = EXCLUDED.choices, report = EXCLUDED.report, updated_at = EXCLUDED.updated_at`,
    [id, s.code, s.choices, s.report ? JSON.stringify(s.report) : null, now.toISOString()],
  );
}

/** Forgets the sessions unused for longer than their lifetime; answers how many. */
export async function purgeSessions(db: Queryable, now = new Date()): Promise<number> {
  const r = await db.query(`DELETE FROM assistant.session WHERE updated_at <= $1`, [new Date(now.getTime() - SESSION_TTL_MS).toISOString()]);
  return r.rowCount ?? 0;
}
