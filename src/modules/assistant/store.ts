/** SQL for the assistant module's own tables (schema `assistant`). */
import { deleteOlderThan, type Queryable } from '../../platform/db.ts';

export type FaqStatus = 'draft' | 'approved' | 'retired';

export interface Faq {
  id: number;
  question: string;
  answer: string;
  procedure_code: string | null;
  status: FaqStatus;
  created_by: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface VocabularyEntry {
  id: number;
  kind: 'rewrite' | 'filler' | 'event';
  phrase: string;
  target: string;
  active: boolean;
  created_by: string | null;
  created_at: string;
}

const FAQ_COLS = `id::int AS id, question, answer, procedure_code, status, created_by, updated_by,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`;

export async function listFaq(db: Queryable, status?: FaqStatus): Promise<Faq[]> {
  const r = await db.query<Faq>(`SELECT ${FAQ_COLS} FROM assistant.faq ${status ? 'WHERE status = $1' : ''} ORDER BY id`, status ? [status] : []);
  return r.rows;
}

export async function getFaq(db: Queryable, id: number, forUpdate = false): Promise<Faq | null> {
  const r = await db.query<Faq>(`SELECT ${FAQ_COLS} FROM assistant.faq WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ?? null;
}

export async function insertFaq(db: Queryable, f: { question: string; answer: string; procedure_code: string | null }, by: string): Promise<Faq> {
  const r = await db.query<Faq>(
    `INSERT INTO assistant.faq (question, answer, procedure_code, created_by, updated_by) VALUES ($1, $2, $3, $4, $4) RETURNING ${FAQ_COLS}`,
    [f.question, f.answer, f.procedure_code, by],
  );
  return r.rows[0]!;
}

export async function updateFaq(db: Queryable, id: number, f: { question: string; answer: string; procedure_code: string | null; status: FaqStatus }, by: string): Promise<Faq> {
  const r = await db.query<Faq>(
    `UPDATE assistant.faq SET question = $2, answer = $3, procedure_code = $4, status = $5, updated_by = $6, updated_at = now()
      WHERE id = $1 RETURNING ${FAQ_COLS}`,
    [id, f.question, f.answer, f.procedure_code, f.status, by],
  );
  return r.rows[0]!;
}

export async function listVocabulary(db: Queryable, activeOnly = false): Promise<VocabularyEntry[]> {
  const r = await db.query<VocabularyEntry>(
    `SELECT id::int AS id, kind, phrase, target, active, created_by,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
       FROM assistant.vocabulary_entry ${activeOnly ? 'WHERE active' : ''} ORDER BY id`,
  );
  return r.rows;
}

export async function insertVocabulary(db: Queryable, e: { kind: VocabularyEntry['kind']; phrase: string; target: string }, by: string): Promise<VocabularyEntry> {
  const r = await db.query<VocabularyEntry>(
    `INSERT INTO assistant.vocabulary_entry (kind, phrase, target, created_by) VALUES ($1, $2, $3, $4)
     RETURNING id::int AS id, kind, phrase, target, active, created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`,
    [e.kind, e.phrase, e.target, by],
  );
  return r.rows[0]!;
}

const VOCABULARY_COLS = `id::int AS id, kind, phrase, target, active, created_by, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

export async function getVocabulary(db: Queryable, id: number): Promise<VocabularyEntry | null> {
  const r = await db.query<VocabularyEntry>(`SELECT ${VOCABULARY_COLS} FROM assistant.vocabulary_entry WHERE id = $1 FOR UPDATE`, [id]);
  return r.rows[0] ?? null;
}

export async function updateVocabulary(db: Queryable, id: number, e: { phrase: string; target: string; active: boolean }): Promise<VocabularyEntry> {
  const r = await db.query<VocabularyEntry>(`UPDATE assistant.vocabulary_entry SET phrase = $2, target = $3, active = $4 WHERE id = $1 RETURNING ${VOCABULARY_COLS}`, [id, e.phrase, e.target, e.active]);
  return r.rows[0]!;
}

export async function vocabularyVersion(db: Queryable): Promise<string> {
  // the entries' contents, so that an edited phrase counts as a change (a few hundred rows at most)
  const r = await db.query<{ v: string }>(
    `SELECT count(*)::text || ':' || md5(coalesce(string_agg(id::text || '|' || kind || '|' || phrase || '|' || target || '|' || active::text, '|' ORDER BY id), '')) AS v FROM assistant.vocabulary_entry`,
  );
  return r.rows[0]?.v ?? '';
}

export async function logQuestion(
  db: Queryable,
  q: { channel: string; question: string; folded: string; intent: string; confidence: number; top_code: string | null; answered: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO assistant.question_log (channel, question, folded, intent, confidence, top_code, answered) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [q.channel, q.question, q.folded, q.intent, q.confidence, q.top_code, q.answered],
  );
}

export interface TopQuestion {
  folded: string;
  example: string;
  count: number;
  unanswered: number;
  avg_confidence: number;
  last_asked: string;
  top_code: string | null;
}

/** The questions asked most often that were unanswered or answered with low confidence, since a date. */
export async function topQuestions(db: Queryable, since: Date, limit: number): Promise<TopQuestion[]> {
  const r = await db.query<TopQuestion>(
    `SELECT folded, (array_agg(question ORDER BY asked_at DESC))[1] AS example, count(*)::int AS count,
            count(*) FILTER (WHERE NOT answered)::int AS unanswered, round(avg(confidence)::numeric, 2)::float8 AS avg_confidence,
            to_char(max(asked_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_asked,
            (array_agg(top_code ORDER BY asked_at DESC))[1] AS top_code
       FROM assistant.question_log WHERE asked_at >= $1
      GROUP BY folded ORDER BY count(*) DESC, max(asked_at) DESC LIMIT $2`,
    [since.toISOString(), limit],
  );
  return r.rows;
}

export interface Contacts {
  hotline: string | null;
  hours: string | null;
  centers: string[];
}

export async function getContacts(db: Queryable): Promise<Contacts> {
  const r = await db.query<{ key: string; value: unknown }>('SELECT key, value FROM assistant.contact');
  const m = new Map(r.rows.map((x) => [x.key, x.value]));
  return {
    hotline: typeof m.get('hotline') === 'string' ? (m.get('hotline') as string) : null,
    hours: typeof m.get('hours') === 'string' ? (m.get('hours') as string) : null,
    centers: Array.isArray(m.get('center')) ? (m.get('center') as string[]) : [],
  };
}

export async function putContact(db: Queryable, key: 'hotline' | 'hours' | 'center', value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO assistant.contact (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}

// ---------------------------------------------------------------------------------------------------
// Queue numbers
// ---------------------------------------------------------------------------------------------------

export async function takeTicket(db: Queryable, unit: string, day: string, counter: number): Promise<{ number: number; waiting: number }> {
  const r = await db.query<{ last: number }>(
    `INSERT INTO assistant.queue_counter (unit, day, last) VALUES ($1, $2, 1)
     ON CONFLICT (unit, day) DO UPDATE SET last = assistant.queue_counter.last + 1 RETURNING last`,
    [unit, day],
  );
  const number = r.rows[0]!.last;
  await db.query(`INSERT INTO assistant.queue_ticket (unit, day, number, counter) VALUES ($1, $2, $3, $4)`, [unit, day, number, counter]);
  const w = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM assistant.queue_ticket WHERE unit = $1 AND day = $2 AND status = 'waiting' AND number < $3`, [unit, day, number]);
  return { number, waiting: w.rows[0]!.n };
}

export async function callNext(db: Queryable, unit: string, day: string, by: string): Promise<{ number: number; counter: number } | null> {
  const r = await db.query<{ number: number; counter: number }>(
    `UPDATE assistant.queue_ticket SET status = 'called', called_at = now(), called_by = $3
      WHERE (unit, day, number) = (SELECT unit, day, number FROM assistant.queue_ticket
                                    WHERE unit = $1 AND day = $2 AND status = 'waiting' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING number, counter`,
    [unit, day, by],
  );
  return r.rows[0] ?? null;
}

/**
 * The day's queue per service center (the contract the dashboard reads, never this table): waiting, served
 * (called), issued, average wait of those called and the longest wait of those still waiting, in minutes.
 */
export async function queueFacts(db: Queryable, day: string, at: Date): Promise<{ unit: string; waiting: number; served: number; issued: number; averageWaitMinutes: number | null; longestWaitMinutes: number | null }[]> {
  const r = await db.query<{ unit: string; waiting: number; served: number; issued: number; avg_wait: number | null; longest: number | null }>(
    `SELECT unit, count(*) FILTER (WHERE status = 'waiting')::int AS waiting, count(*) FILTER (WHERE status = 'called')::int AS served, count(*)::int AS issued,
            avg(extract(epoch FROM called_at - issued_at) / 60) FILTER (WHERE status = 'called')::float8 AS avg_wait,
            max(extract(epoch FROM $2::timestamptz - issued_at) / 60) FILTER (WHERE status = 'waiting')::float8 AS longest
       FROM assistant.queue_ticket WHERE day = $1 GROUP BY unit ORDER BY unit`,
    [day, at],
  );
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return r.rows.map((x) => ({ unit: x.unit, waiting: x.waiting, served: x.served, issued: x.issued, averageWaitMinutes: round(x.avg_wait), longestWaitMinutes: round(x.longest) }));
}

export async function queueState(db: Queryable, unit: string, day: string): Promise<{ calling: number | null; counter: number | null; waiting: number; issued: number }> {
  const r = await db.query<{ calling: number | null; counter: number | null; waiting: number; issued: number }>(
    `SELECT (SELECT number FROM assistant.queue_ticket WHERE unit = $1 AND day = $2 AND status = 'called' ORDER BY called_at DESC, number DESC LIMIT 1) AS calling,
            (SELECT counter::int FROM assistant.queue_ticket WHERE unit = $1 AND day = $2 AND status = 'called' ORDER BY called_at DESC, number DESC LIMIT 1) AS counter,
            (SELECT count(*)::int FROM assistant.queue_ticket WHERE unit = $1 AND day = $2 AND status = 'waiting') AS waiting,
            (SELECT count(*)::int FROM assistant.queue_ticket WHERE unit = $1 AND day = $2) AS issued`,
    [unit, day],
  );
  return r.rows[0]!;
}

export interface CallLog {
  id: number;
  at: string;
  operator: string;
  topic: 'procedure' | 'dossier' | 'complaint' | 'other';
  dossier_code: string | null;
  procedure_code: string | null;
  note: string | null;
  /** The feedback report filed from the call (the caller reported a problem). */
  feedback_code: string | null;
}

export async function insertCall(db: Queryable, c: Omit<CallLog, 'id' | 'at'> & { unit: string | null }): Promise<CallLog> {
  const r = await db.query<CallLog>(
    `INSERT INTO assistant.call_log (operator, unit, topic, dossier_code, procedure_code, note, feedback_code) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id::int AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, operator, topic, dossier_code, procedure_code, note, feedback_code`,
    [c.operator, c.unit, c.topic, c.dossier_code, c.procedure_code, c.note, c.feedback_code],
  );
  return r.rows[0]!;
}

// ---------------------------------------------------------------------------------------------------
// Zalo deliveries
// ---------------------------------------------------------------------------------------------------

/** True the first time a Zalo message id is seen (kept 30 minutes: twice the signature's time window). */
export async function firstZaloDelivery(db: Queryable, msgId: string): Promise<boolean> {
  const r = await db.query(`INSERT INTO assistant.zalo_event (msg_id) VALUES ($1) ON CONFLICT (msg_id) DO NOTHING`, [msgId.slice(0, 128)]);
  return (r.rowCount ?? 0) > 0;
}

/** Deletes the logged questions asked before `before`; returns how many. */
export function purgeQuestionLog(db: Queryable, before: Date): Promise<number> {
  return deleteOlderThan(db, 'assistant.question_log', 'asked_at', before);
}

export async function purgeZaloEvents(db: Queryable, now = new Date()): Promise<number> {
  const r = await db.query(`DELETE FROM assistant.zalo_event WHERE received_at <= $1`, [new Date(now.getTime() - 30 * 60_000).toISOString()]);
  return r.rowCount ?? 0;
}
