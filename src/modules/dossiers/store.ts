import { fieldKey, type SqlCondition } from '../../platform/access.ts';
import type { Queryable } from '../../platform/db.ts';
import { isRunning } from './domain/time-limit.ts';
import { parseStoredDossier, toStoredDossier } from './stored-dossier.ts';
import type { Actor, Dossier, TransitionRecord } from './domain/model.ts';
import type { ProcessDefinition } from './domain/process.ts';
import { STATUS_INFO, type DossierStatus } from './domain/states.ts';
import { NATIONAL_SYNC_ACTION } from './domain/national-sync.ts';

/**
 * SQL for the dossier engine's own tables (schema `dossiers`). Nothing here decides anything.
 */

// ---------------------------------------------------------------------------------------------------
// Dossier rows
// ---------------------------------------------------------------------------------------------------

/** Turns the stored JSON back into the aggregate (migrated and parsed by its schema: stored-dossier.ts). */
export function reviveDossier(raw: Record<string, unknown>): Dossier {
  return parseStoredDossier(raw);
}

/** Every unit that may see the dossier (receiving, deciding, returning, current, consulted). */
export function unitsOf(d: Dossier): string[] {
  return [...new Set([d.receivingUnit, d.decidingUnit, d.returningUnit, d.currentUnit, ...d.consultations.map((c) => c.unitCode)])];
}

function columns(d: Dossier): unknown[] {
  return [
    d.code, // 1
    d.version, // 2
    d.status, // 3
    d.procedureCode, // 4
    d.processVersion, // 5
    d.field, // 6
    d.level, // 7
    d.provinceCode, // 8
    d.channel, // 9
    d.receivingUnit, // 10
    d.decidingUnit, // 11
    d.returningUnit, // 12
    d.currentUnit, // 13
    unitsOf(d), // 14
    d.applicantSubject, // 15
    d.clock.dueAt, // 16
    isRunning(d.clock) && !STATUS_INFO[d.status].terminal, // 17
    d.createdAt, // 18
    d.receivedAt, // 19
    d.finishedAt, // 20
    d.returnedAt, // 21
    d.fee.amount, // 22
    d.fee.paidAt, // 23
    toStoredDossier(d), // 24
  ];
}

export async function insertDossier(tx: Queryable, d: Dossier, trackingSecret: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers.dossier (code, version, status, procedure_code, process_version, field, level, province_code, channel,
       receiving_unit, deciding_unit, returning_unit, current_unit, units, applicant_subject, due_at, clock_running, created_at,
       received_at, finished_at, returned_at, fee_amount, fee_paid_at, data, tracking_secret, updated_at, field_key)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27)`,
    [...columns(d), trackingSecret, at, fieldKey(d.field)],
  );
}

export interface StoredDossier {
  dossier: Dossier;
  trackingSecret: string;
}

export async function loadDossier(q: Queryable, code: string): Promise<StoredDossier | null> {
  const r = await q.query<{ data: Record<string, unknown>; tracking_secret: string }>(
    'SELECT data, tracking_secret FROM dossiers.dossier WHERE code = $1',
    [code],
  );
  const row = r.rows[0];
  return row ? { dossier: reviveDossier(row.data), trackingSecret: row.tracking_secret } : null;
}

/**
 * Saves the next state and its transition in ONE statement, only if the row still has the version the
 * decision was taken on (optimistic concurrency). Returns false when another writer got there first.
 */
export async function saveTransition(
  tx: Queryable,
  next: Dossier,
  expectedVersion: number,
  record: TransitionRecord,
  actor: Actor,
  at: Date,
): Promise<boolean> {
  const r = await tx.query(
    `WITH u AS (
       UPDATE dossiers.dossier SET version = $2, status = $3, procedure_code = $4, process_version = $5, field = $6, level = $7,
         province_code = $8, channel = $9, receiving_unit = $10, deciding_unit = $11, returning_unit = $12, current_unit = $13,
         units = $14, applicant_subject = $15, due_at = $16, clock_running = $17, created_at = $18, received_at = $19,
         finished_at = $20, returned_at = $21, fee_amount = $22, fee_paid_at = $23, data = $24, updated_at = $26, field_key = $41
       WHERE code = $1 AND version = $25
       RETURNING code, version)
     INSERT INTO dossiers.transition (dossier_code, version, action, from_status, to_status, from_step, to_step, from_unit, to_unit,
       actor_kind, actor_id, actor_name, acting_unit, at, note, step_result, data)
     SELECT u.code, u.version, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $26, $38, $39, $40 FROM u
     RETURNING id`,
    [
      ...columns(next),
      expectedVersion,
      at,
      record.action,
      record.fromStatus,
      record.toStatus,
      record.fromStep,
      record.toStep,
      record.fromUnit,
      record.toUnit,
      actor.kind,
      actor.id,
      actor.name,
      actor.unitCode ?? null,
      record.note,
      record.stepResult,
      JSON.stringify(record.data),
      fieldKey(next.field),
    ],
  );
  return r.rows.length === 1;
}

export async function insertTransition(tx: Queryable, code: string, version: number, record: TransitionRecord, actor: Actor, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers.transition (dossier_code, version, action, from_status, to_status, from_step, to_step, from_unit, to_unit,
       actor_kind, actor_id, actor_name, acting_unit, at, note, step_result, data)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
    [
      code,
      version,
      record.action,
      record.fromStatus,
      record.toStatus,
      record.fromStep,
      record.toStep,
      record.fromUnit,
      record.toUnit,
      actor.kind,
      actor.id,
      actor.name,
      actor.unitCode ?? null,
      at,
      record.note,
      record.stepResult,
      JSON.stringify(record.data),
    ],
  );
}

export interface TransitionRow {
  version: number;
  action: string;
  from_status: DossierStatus | null;
  to_status: DossierStatus;
  from_step: number | null;
  to_step: number;
  from_unit: string | null;
  to_unit: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  acting_unit: string | null;
  at: Date;
  note: string | null;
  step_result: 'early' | 'on_time' | 'late' | null;
  data: Record<string, unknown>;
}

export async function listTransitions(q: Queryable, code: string): Promise<TransitionRow[]> {
  const r = await q.query<TransitionRow>(
    `SELECT version, action, from_status, to_status, from_step, to_step, from_unit, to_unit, actor_kind, actor_id, actor_name,
            acting_unit, at, note, step_result, data
       FROM dossiers.transition WHERE dossier_code = $1 ORDER BY version`,
    [code],
  );
  return r.rows;
}

/** The dossier's latest transition (who did what last), or null. */
/** The last transition someone performed (the national portal's confirmations, ADR 0135, are not actions: skipped). */
export async function lastTransition(q: Queryable, code: string): Promise<Pick<TransitionRow, 'version' | 'action' | 'actor_id'> | null> {
  const r = await q.query<Pick<TransitionRow, 'version' | 'action' | 'actor_id'>>(
    'SELECT version, action, actor_id FROM dossiers.transition WHERE dossier_code = $1 AND action <> $2 ORDER BY version DESC LIMIT 1',
    [code, NATIONAL_SYNC_ACTION],
  );
  return r.rows[0] ?? null;
}

/** The actions recorded after a version (oldest first). */
export async function actionsSince(q: Queryable, code: string, version: number): Promise<string[]> {
  const r = await q.query<{ action: string }>('SELECT action FROM dossiers.transition WHERE dossier_code = $1 AND version > $2 ORDER BY version', [code, version]);
  return r.rows.map((x) => x.action);
}

// ---------------------------------------------------------------------------------------------------
// Inbox
// ---------------------------------------------------------------------------------------------------

/** The columns the policy's SQL filter reads (ctx.services.identity.visibleWhere). */
export const DOSSIER_ACCESS_COLUMNS = { units: 'units', fieldKey: 'field_key', owner: 'applicant_subject' } as const;

export interface InboxQuery {
  /** Which dossiers the caller may read: the policy point's SQL filter over DOSSIER_ACCESS_COLUMNS. */
  scope: SqlCondition;
  /** Drafts are their applicant's own business: hidden from everyone else's lists. */
  hideDrafts: boolean;
  unit?: string;
  field?: string;
  statuses?: DossierStatus[];
  due?: 'soon' | 'overdue';
  procedure?: string;
  q?: string;
  /** Only the dossiers assigned to this official (their username). */
  assignee?: string;
  /** Only unfinished dossiers not assigned to anybody else than `assignee` (the candidates of "waiting for my step"). */
  openFor?: string;
  /** Only the dossiers of the person with this personal identification number (applicant's own or as typed at the counter). */
  idNumber?: string;
  now: Date;
  soon: Date;
  limit: number;
  offset: number;
}

function whereOf(query: InboxQuery, withFilters: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [query.scope(p)];
  if (query.hideDrafts) parts.push(`status <> 'draft'`);
  if (query.unit) parts.push(`units && ARRAY[${p(query.unit)}]::text[]`);
  if (query.field) parts.push(`field_key = ${p(fieldKey(query.field))}`);
  if (query.procedure) parts.push(`procedure_code = ${p(query.procedure)}`);
  if (query.q) parts.push(`(code ILIKE ${p(`%${query.q}%`)} OR data->'applicant'->>'fullName' ILIKE ${p(`%${query.q}%`)})`);
  if (query.assignee) parts.push(`data->>'assignee' = ${p(query.assignee)}`);
  if (query.openFor) parts.push(`finished_at IS NULL AND status NOT IN (${TERMINAL}) AND (data->>'assignee' IS NULL OR data->>'assignee' = ${p(query.openFor)})`);
  if (query.idNumber) {
    const id = p(query.idNumber);
    parts.push(`(applicant_subject = ${id} OR data->'applicant'->>'idNumber' = ${id})`);
  }
  if (withFilters) {
    if (query.statuses?.length) parts.push(`status = ANY(${p(query.statuses)}::text[])`);
    if (query.due === 'overdue') parts.push(`(clock_running AND due_at < ${p(query.now)}) OR ${LATE_AND_OPEN}`);
    if (query.due === 'soon') parts.push(`clock_running AND due_at >= ${p(query.now)} AND due_at <= ${p(query.soon)}`);
  }
  return { sql: parts.map((x) => `(${x})`).join(' AND '), params };
}

const TERMINAL = (Object.entries(STATUS_INFO) as [DossierStatus, { terminal: boolean }][])
  .filter(([, i]) => i.terminal)
  .map(([st]) => `'${st}'`)
  .join(',');

/** Late once (lateness recorded) and still being processed: counted overdue until it is finished. */
const LATE_AND_OPEN = `(jsonb_typeof(data->'lateness') = 'object' AND finished_at IS NULL AND status NOT IN (${(Object.entries(STATUS_INFO) as [DossierStatus, { terminal: boolean }][])
  .filter(([, i]) => i.terminal)
  .map(([st]) => `'${st}'`)
  .join(',')}))`;

const GROUP = (g: 'new' | 'in_progress' | 'waiting_applicant') =>
  (Object.entries(STATUS_INFO) as [DossierStatus, { inbox: string }][]).filter(([, i]) => i.inbox === g).map(([s]) => `'${s}'`).join(',');

export interface InboxCounts {
  total: number;
  new: number;
  in_progress: number;
  waiting_applicant: number;
  due_soon: number;
  overdue: number;
}

export async function inbox(q: Queryable, query: InboxQuery): Promise<{ rows: { data: Record<string, unknown> }[]; total: number; counts: InboxCounts }> {
  const all = whereOf(query, false);
  const n = all.params.length;
  const counts = await q.query<InboxCounts>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status IN (${GROUP('new')}))::int AS new,
            count(*) FILTER (WHERE status IN (${GROUP('in_progress')}))::int AS in_progress,
            count(*) FILTER (WHERE status IN (${GROUP('waiting_applicant')}))::int AS waiting_applicant,
            count(*) FILTER (WHERE clock_running AND due_at >= $${n + 1} AND due_at <= $${n + 2})::int AS due_soon,
            count(*) FILTER (WHERE (clock_running AND due_at < $${n + 1}) OR ${LATE_AND_OPEN})::int AS overdue
       FROM dossiers.dossier WHERE ${all.sql}`,
    [...all.params, query.now, query.soon],
  );
  const filtered = whereOf(query, true);
  const m = filtered.params.length;
  const rows = await q.query<{ data: Record<string, unknown>; total: number }>(
    `SELECT data, count(*) OVER ()::int AS total FROM dossiers.dossier WHERE ${filtered.sql}
      ORDER BY (CASE WHEN clock_running THEN due_at END) ASC NULLS LAST, created_at DESC, code
      LIMIT $${m + 1} OFFSET $${m + 2}`,
    [...filtered.params, query.limit, query.offset],
  );
  return { rows: rows.rows, total: rows.rows[0]?.total ?? 0, counts: counts.rows[0]! };
}

// ---------------------------------------------------------------------------------------------------
// Codes: identifiers and daily counters
// ---------------------------------------------------------------------------------------------------

export async function getIdentifier(q: Queryable, unitCode: string): Promise<{ identifier: string; demo: boolean } | null> {
  const r = await q.query<{ identifier: string; demo: boolean }>('SELECT identifier, demo FROM dossiers.agency_identifier WHERE unit_code = $1', [unitCode]);
  return r.rows[0] ?? null;
}

export async function listIdentifiers(q: Queryable, provinceCode?: string): Promise<{ unit_code: string; province_code: string; identifier: string; demo: boolean }[]> {
  const r = await q.query<{ unit_code: string; province_code: string; identifier: string; demo: boolean }>(
    `SELECT unit_code, province_code, identifier, demo FROM dossiers.agency_identifier
      WHERE ($1::text IS NULL OR province_code = $1) ORDER BY identifier`,
    [provinceCode ?? null],
  );
  return r.rows;
}

/** Inserts identifiers that are not configured yet (demo values never replace configured ones). */
export async function insertIdentifiers(q: Queryable, rows: { unitCode: string; provinceCode: string; identifier: string; demo: boolean }[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await q.query(
    `INSERT INTO dossiers.agency_identifier (unit_code, province_code, identifier, demo)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.unitCode), rows.map((r) => r.provinceCode), rows.map((r) => r.identifier), rows.map((r) => r.demo)],
  );
  return r.rowCount;
}

export async function putIdentifier(q: Queryable, unitCode: string, provinceCode: string, identifier: string): Promise<void> {
  await q.query(
    `INSERT INTO dossiers.agency_identifier (unit_code, province_code, identifier, demo) VALUES ($1, $2, $3, false)
     ON CONFLICT (unit_code) DO UPDATE SET identifier = EXCLUDED.identifier, demo = false, updated_at = now()`,
    [unitCode, provinceCode, identifier],
  );
}

/** The next running number of the day for an agency; unique under concurrent receipts (row lock until commit). */
export async function nextRunningNumber(tx: Queryable, identifier: string, day: string): Promise<number> {
  const r = await tx.query<{ last_number: number }>(
    `INSERT INTO dossiers.daily_counter (identifier, day, last_number) VALUES ($1, $2::date, 1)
     ON CONFLICT (identifier, day) DO UPDATE SET last_number = dossiers.daily_counter.last_number + 1
     RETURNING last_number`,
    [identifier, day],
  );
  return r.rows[0]!.last_number;
}

// ---------------------------------------------------------------------------------------------------
// Process definitions
// ---------------------------------------------------------------------------------------------------

export async function latestDefinition(q: Queryable, procedureCode: string): Promise<ProcessDefinition | null> {
  const r = await q.query<{ definition: ProcessDefinition }>(
    'SELECT definition FROM dossiers.process_definition WHERE procedure_code = $1 ORDER BY version DESC LIMIT 1',
    [procedureCode],
  );
  return r.rows[0]?.definition ?? null;
}

export async function getDefinition(q: Queryable, procedureCode: string, version: number): Promise<ProcessDefinition | null> {
  const r = await q.query<{ definition: ProcessDefinition }>(
    'SELECT definition FROM dossiers.process_definition WHERE procedure_code = $1 AND version = $2',
    [procedureCode, version],
  );
  return r.rows[0]?.definition ?? null;
}

export async function listDefinitionVersions(q: Queryable, procedureCode: string): Promise<{ version: number; source: string; created_at: Date; created_by: string | null }[]> {
  const r = await q.query<{ version: number; source: string; created_at: Date; created_by: string | null }>(
    'SELECT version, source, created_at, created_by FROM dossiers.process_definition WHERE procedure_code = $1 ORDER BY version',
    [procedureCode],
  );
  return r.rows;
}

/** Inserts a definition version; false when that version exists already (a concurrent writer). */
export async function insertDefinition(tx: Queryable, def: ProcessDefinition, createdBy: string | null): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO dossiers.process_definition (procedure_code, version, source, definition, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [def.procedureCode, def.version, def.source, JSON.stringify(def), createdBy],
  );
  return r.rowCount === 1;
}

// ---------------------------------------------------------------------------------------------------
// Idempotency keys
// ---------------------------------------------------------------------------------------------------

/**
 * Claims an idempotency key inside the creating transaction. A concurrent request with the same key
 * waits on the primary key until the first commits, then sees its row.
 */
export async function claimIdempotencyKey(
  tx: Queryable,
  principalId: string,
  key: string,
  hash: string,
): Promise<{ claimed: true } | { claimed: false; hash: string; dossierCode: string | null }> {
  const r = await tx.query('INSERT INTO dossiers.idempotency_key (principal_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    principalId,
    key,
    hash,
  ]);
  if (r.rowCount === 1) return { claimed: true };
  const prev = await tx.query<{ request_hash: string; dossier_code: string | null }>(
    'SELECT request_hash, dossier_code FROM dossiers.idempotency_key WHERE principal_id = $1 AND key = $2',
    [principalId, key],
  );
  return { claimed: false, hash: prev.rows[0]!.request_hash, dossierCode: prev.rows[0]!.dossier_code };
}

export async function completeIdempotencyKey(tx: Queryable, principalId: string, key: string, dossierCode: string): Promise<void> {
  await tx.query('UPDATE dossiers.idempotency_key SET dossier_code = $3 WHERE principal_id = $1 AND key = $2', [principalId, key, dossierCode]);
}

// ---------------------------------------------------------------------------------------------------
// Attachments and payment notifications
// ---------------------------------------------------------------------------------------------------

export interface AttachmentRow {
  id: string;
  dossier_code: string;
  kind: 'document' | 'result';
  name: string;
  filename: string | null;
  content_type: string;
  size: number;
  sha256: string;
  file_key: string;
  digitised: boolean;
  uploaded_by: string;
  uploaded_at: Date;
}

export async function insertAttachment(tx: Queryable, a: AttachmentRow): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers.attachment (id, dossier_code, kind, name, filename, content_type, size, sha256, file_key, digitised, uploaded_by, uploaded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [a.id, a.dossier_code, a.kind, a.name, a.filename, a.content_type, a.size, a.sha256, a.file_key, a.digitised, a.uploaded_by, a.uploaded_at],
  );
}

export async function listAttachments(q: Queryable, code: string): Promise<AttachmentRow[]> {
  const r = await q.query<AttachmentRow>(
    `SELECT id, dossier_code, kind, name, filename, content_type, size::int AS size, sha256, file_key, digitised, uploaded_by, uploaded_at
       FROM dossiers.attachment WHERE dossier_code = $1 ORDER BY uploaded_at, id`,
    [code],
  );
  return r.rows;
}

export async function getAttachment(q: Queryable, code: string, id: string): Promise<AttachmentRow | null> {
  const r = await q.query<AttachmentRow>(
    `SELECT id, dossier_code, kind, name, filename, content_type, size::int AS size, sha256, file_key, digitised, uploaded_by, uploaded_at
       FROM dossiers.attachment WHERE dossier_code = $1 AND id = $2`,
    [code, id],
  );
  return r.rows[0] ?? null;
}

/** Records a bank notification once; false when the event was seen before (a replay). */
export async function recordPaymentNotification(
  tx: Queryable,
  n: { eventId: string; transactionId: string; dossierCode: string | null; amount: number; outcome: string; payload: unknown },
): Promise<boolean> {
  const r = await tx.query(
    `INSERT INTO dossiers.payment_notification (event_id, transaction_id, dossier_code, amount, outcome, payload) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [n.eventId, n.transactionId, n.dossierCode, n.amount, n.outcome, JSON.stringify(n.payload)],
  );
  return r.rowCount === 1;
}

export async function setPaymentOutcome(tx: Queryable, eventId: string, dossierCode: string | null, outcome: string): Promise<void> {
  await tx.query('UPDATE dossiers.payment_notification SET outcome = $2, dossier_code = $3 WHERE event_id = $1', [eventId, outcome, dossierCode]);
}

export async function paymentEventSeen(q: Queryable, eventId: string): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM dossiers.payment_notification WHERE event_id = $1', [eventId]);
  return r.rows.length > 0;
}

/**
 * The dossier a transfer description pays: the code as written, or — when the bank dropped '.', '-' and
 * spaces — the unpaid dossier whose code, reduced to letters and digits, appears in the description.
 */
export async function findPayableDossier(q: Queryable, description: string): Promise<string | null> {
  const compact = description.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 12) return null;
  const r = await q.query<{ code: string }>(
    `SELECT code FROM dossiers.dossier
      WHERE fee_amount > 0 AND fee_paid_at IS NULL AND position(regexp_replace(code, '[^A-Z0-9]', '', 'g') in $1) > 0
      LIMIT 2`,
    [compact],
  );
  return r.rows.length === 1 ? r.rows[0]!.code : null;
}

// ---------------------------------------------------------------------------------------------------
// Issued papers
// ---------------------------------------------------------------------------------------------------

export interface PaperRow {
  dossier_code: string;
  form: string;
  version: number;
  dossier_version: number;
  issued_at: Date;
  snapshot: Record<string, unknown>;
  file_key: string | null;
  sha256: string | null;
  size: number | null;
  rendered_at: Date | null;
}

/** Records a paper issued by a transition: the next version of that form, with the dossier as it stood. */
export async function insertIssuedPaper(tx: Queryable, p: { code: string; form: string; dossierVersion: number; issuedAt: Date; snapshot: Dossier }): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `INSERT INTO dossiers.paper (dossier_code, form, version, dossier_version, issued_at, snapshot)
     SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5 FROM dossiers.paper WHERE dossier_code = $1 AND form = $2
     RETURNING version`,
    [p.code, p.form, p.dossierVersion, p.issuedAt, toStoredDossier(p.snapshot)],
  );
  return r.rows[0]!.version;
}

/** The latest issued version of a form (or the one asked for). */
export async function getIssuedPaper(q: Queryable, code: string, form: string, version?: number): Promise<PaperRow | null> {
  const r = await q.query<PaperRow>(
    `SELECT dossier_code, form, version, dossier_version, issued_at, snapshot, file_key, sha256, size, rendered_at
       FROM dossiers.paper WHERE dossier_code = $1 AND form = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
    [code, form, version ?? null],
  );
  return r.rows[0] ?? null;
}

/** Keeps the rendered bytes of an issued paper, once: false when another request stored them first. */
export async function setIssuedPaperFile(tx: Queryable, code: string, form: string, version: number, f: { key: string; sha256: string; size: number; at: Date }): Promise<boolean> {
  const r = await tx.query(
    `UPDATE dossiers.paper SET file_key = $4, sha256 = $5, size = $6, rendered_at = $7
      WHERE dossier_code = $1 AND form = $2 AND version = $3 AND file_key IS NULL`,
    [code, form, version, f.key, f.sha256, f.size, f.at],
  );
  return r.rowCount === 1;
}

// ---------------------------------------------------------------------------------------------------
// Register (form 06) and service-index facts
// ---------------------------------------------------------------------------------------------------

/** Dossiers received at a unit in a field between two moments, oldest first (the register, form 06). */
export async function receivedAt(q: Queryable, f: { unit: string; field?: string; from: Date; to: Date }): Promise<Record<string, unknown>[]> {
  const r = await q.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM dossiers.dossier
      WHERE receiving_unit = $1 AND received_at >= $2 AND received_at < $3 AND ($4::text IS NULL OR field_key = $4)
      ORDER BY received_at, code LIMIT 20000`,
    [f.unit, f.from, f.to, f.field === undefined ? null : fieldKey(f.field)],
  );
  return r.rows.map((x) => x.data);
}

/** Dossiers of a province touched since a moment (the service index reads them). */
export async function changedSince(q: Queryable, provinceCode: string, since: Date, limit: number): Promise<Record<string, unknown>[]> {
  const r = await q.query<{ data: Record<string, unknown> }>(
    `SELECT data FROM dossiers.dossier WHERE province_code = $1 AND updated_at >= $2 AND status <> 'draft' ORDER BY updated_at, code LIMIT $3`,
    [provinceCode, since, limit],
  );
  return r.rows.map((x) => x.data);
}

// ---------------------------------------------------------------------------------------------------
// Reads of a dossier (who looked at it)
// ---------------------------------------------------------------------------------------------------

export interface ReadRow {
  at: Date;
  reader_kind: string;
  reader_id: string;
  reader_name: string;
  reader_unit: string | null;
  what: string;
}

export async function insertRead(q: Queryable, r: { code: string; at: Date; kind: string; id: string; name: string; unit: string | null; what: string; requestId: string | null }): Promise<void> {
  await q.query(
    `INSERT INTO dossiers.read_log (dossier_code, at, reader_kind, reader_id, reader_name, reader_unit, what, request_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [r.code, r.at, r.kind, r.id, r.name, r.unit, r.what, r.requestId],
  );
}

/** The reads of a dossier, newest first. */
export async function listReads(q: Queryable, code: string, limit: number): Promise<ReadRow[]> {
  const r = await q.query<ReadRow>(
    `SELECT at, reader_kind, reader_id, reader_name, reader_unit, what FROM dossiers.read_log WHERE dossier_code = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [code, limit],
  );
  return r.rows;
}

// ---------------------------------------------------------------------------------------------------
// Staged uploads and drafts (migration 004, ADR 0061)
// ---------------------------------------------------------------------------------------------------

export interface StagedUploadRow {
  id: string;
  owner: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  file_key: string;
  created_at: Date;
  expires_at: Date;
  dossier_code: string | null;
}

const STAGED_COLUMNS = 'id, owner, filename, content_type, size::int AS size, sha256, file_key, created_at, expires_at, dossier_code';

export async function insertStagedUpload(tx: Queryable, u: StagedUploadRow): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers.staged_upload (id, owner, filename, content_type, size, sha256, file_key, created_at, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [u.id, u.owner, u.filename, u.content_type, u.size, u.sha256, u.file_key, u.created_at, u.expires_at],
  );
}

/** The owner's staged uploads that are still usable (not expired, not taken by a dossier). */
export async function liveStagedUploads(q: Queryable, owner: string, at: Date, ids?: string[]): Promise<StagedUploadRow[]> {
  const r = await q.query<StagedUploadRow>(
    `SELECT ${STAGED_COLUMNS} FROM dossiers.staged_upload
      WHERE owner = $1 AND dossier_code IS NULL AND expires_at > $2 ${ids ? 'AND id = ANY($3::uuid[])' : ''}
      ORDER BY created_at, id`,
    ids ? [owner, at, ids] : [owner, at],
  );
  return r.rows;
}

/**
 * Takes the owner's live staged uploads `ids` for dossier `code` (in the submission's transaction): the rows
 * taken are returned; an id that is someone else's, expired or already taken is not among them. On
 * PostgreSQL a concurrent submission using the same upload waits on the row and then finds it taken.
 */
export async function takeStagedUploads(tx: Queryable, owner: string, ids: string[], code: string, at: Date): Promise<StagedUploadRow[]> {
  if (!ids.length) return [];
  const r = await tx.query<StagedUploadRow>(
    `UPDATE dossiers.staged_upload SET dossier_code = $3
      WHERE owner = $1 AND id = ANY($2::uuid[]) AND dossier_code IS NULL AND expires_at > $4
      RETURNING ${STAGED_COLUMNS}`,
    [owner, ids, code, at],
  );
  return r.rows;
}

export async function deleteStagedUpload(tx: Queryable, owner: string, id: string): Promise<StagedUploadRow | null> {
  const r = await tx.query<StagedUploadRow>(`DELETE FROM dossiers.staged_upload WHERE owner = $1 AND id = $2 AND dossier_code IS NULL RETURNING ${STAGED_COLUMNS}`, [owner, id]);
  return r.rows[0] ?? null;
}

export async function countLiveStagedUploads(q: Queryable, owner: string, at: Date): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers.staged_upload WHERE owner = $1 AND dossier_code IS NULL AND expires_at > $2', [owner, at]);
  return Number(r.rows[0]?.n ?? 0);
}

/** Removes expired staged uploads that no dossier took; returns their file keys (to delete from the store). */
export async function purgeStagedUploads(tx: Queryable, at: Date, limit = 500): Promise<string[]> {
  const r = await tx.query<{ file_key: string }>(
    `DELETE FROM dossiers.staged_upload WHERE id IN (
       SELECT id FROM dossiers.staged_upload WHERE dossier_code IS NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2)
     RETURNING file_key`,
    [at, limit],
  );
  return r.rows.map((x) => x.file_key);
}

export interface DraftRow {
  owner: string;
  procedure_code: string;
  state: Record<string, unknown>;
  uploads: { slot: string; uploadId: string }[];
  updated_at: Date;
  expires_at: Date;
}

export async function getDraft(q: Queryable, owner: string, procedureCode: string, at: Date): Promise<DraftRow | null> {
  const r = await q.query<DraftRow>(
    'SELECT owner, procedure_code, state, uploads, updated_at, expires_at FROM dossiers.form_draft WHERE owner = $1 AND procedure_code = $2 AND expires_at > $3',
    [owner, procedureCode, at],
  );
  return r.rows[0] ?? null;
}

export async function listDrafts(q: Queryable, owner: string, at: Date): Promise<Omit<DraftRow, 'state' | 'uploads'>[]> {
  const r = await q.query<Omit<DraftRow, 'state' | 'uploads'>>(
    'SELECT owner, procedure_code, updated_at, expires_at FROM dossiers.form_draft WHERE owner = $1 AND expires_at > $2 ORDER BY updated_at DESC',
    [owner, at],
  );
  return r.rows;
}

export async function saveDraft(tx: Queryable, d: DraftRow): Promise<void> {
  await tx.query(
    `INSERT INTO dossiers.form_draft (owner, procedure_code, state, uploads, updated_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (owner, procedure_code) DO UPDATE SET state = EXCLUDED.state, uploads = EXCLUDED.uploads, updated_at = EXCLUDED.updated_at, expires_at = EXCLUDED.expires_at`,
    [d.owner, d.procedure_code, JSON.stringify(d.state), JSON.stringify(d.uploads), d.updated_at, d.expires_at],
  );
}

export async function deleteDraft(tx: Queryable, owner: string, procedureCode: string): Promise<boolean> {
  const r = await tx.query('DELETE FROM dossiers.form_draft WHERE owner = $1 AND procedure_code = $2', [owner, procedureCode]);
  return (r.rowCount ?? 0) > 0;
}

export async function purgeDrafts(tx: Queryable, at: Date): Promise<number> {
  const r = await tx.query('DELETE FROM dossiers.form_draft WHERE expires_at <= $1', [at]);
  return r.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// Internal comments between officials (migrations/005_comments.sql)
// ---------------------------------------------------------------------------------------------------

export interface CommentRow {
  id: string;
  dossier_code: string;
  at: Date;
  author_id: string;
  author_name: string;
  author_unit: string | null;
  body: string;
}

export async function insertComment(q: Queryable, c: CommentRow): Promise<void> {
  await q.query(`INSERT INTO dossiers.comment (id, dossier_code, at, author_id, author_name, author_unit, body) VALUES ($1,$2,$3,$4,$5,$6,$7)`, [c.id, c.dossier_code, c.at, c.author_id, c.author_name, c.author_unit, c.body]);
}

export async function listComments(q: Queryable, code: string): Promise<CommentRow[]> {
  const r = await q.query<CommentRow>(`SELECT id, dossier_code, at, author_id, author_name, author_unit, body FROM dossiers.comment WHERE dossier_code = $1 ORDER BY at, id LIMIT 500`, [code]);
  return r.rows;
}
