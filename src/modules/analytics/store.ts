import type { Queryable } from '../../platform/db.ts';
import { fieldKey } from '../../platform/access.ts';
import type { DossierFact } from './domain/facts.ts';
import { emptyCounts, type IndexCounts } from './domain/indicators.ts';

/** The analytics tables (schema `analytics`): the dossier projection, its state, the index settings. */

const COLUMNS = [
  'code', 'version', 'province_code', 'procedure_code', 'field', 'field_key', 'level', 'receiving_unit', 'deciding_unit', 'online', 'status',
  'terminal', 'waiting_applicant', 'received_at', 'due_at', 'finished_at', 'returned_at', 'ended_at', 'late_since', 'supplement_requests',
  'result_electronic', 'fee_due', 'fee_paid_online', 'digitised', 'verified', 'synced', 'rating', 'assignee', 'updated_at',
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function rowOf(f: DossierFact): unknown[] {
  return [
    f.code, f.version, f.provinceCode, f.procedureCode, f.field, fieldKey(f.field), f.level, f.receivingUnit, f.decidingUnit, f.online, f.status,
    f.terminal, f.waitingApplicant, iso(f.receivedAt), iso(f.dueAt), iso(f.finishedAt), iso(f.returnedAt), iso(f.endedAt), iso(f.lateSince),
    f.supplementRequests, f.resultElectronic, f.feeDue, f.feePaidOnline, f.digitised, f.verified, f.synced, f.rating, f.assignee, iso(f.updatedAt),
  ];
}

/**
 * Writes facts, keeping for each dossier the highest version (an older or repeated event changes nothing), and
 * keeps the month and day counters in step: the old contribution of each dossier that changes is subtracted (its row
 * locked first) and the new one added. Three statements; call it inside a transaction.
 */
export async function upsertFacts(q: Queryable, facts: DossierFact[]): Promise<void> {
  if (!facts.length) return;
  // one row per code in a statement (ON CONFLICT cannot touch a row twice): the newest wins
  const latest = new Map<string, DossierFact>();
  for (const f of facts) {
    const cur = latest.get(f.code);
    if (!cur || f.version > cur.version) latest.set(f.code, f);
  }
  const rows = [...latest.values()];
  await addToCounters(
    q,
    `SELECT d.* FROM analytics.dossier_fact d JOIN unnest($1::text[], $2::int[]) AS n(code, version) ON d.code = n.code
      WHERE d.version < n.version FOR UPDATE OF d`,
    [rows.map((f) => f.code), rows.map((f) => f.version)],
    -1,
  );
  const set = COLUMNS.filter((c) => c !== 'code').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  const changed = await q.query<{ code: string }>(
    `INSERT INTO analytics.dossier_fact (${COLUMNS.join(', ')}) ${UNNEST_FACTS}
     ON CONFLICT (code) DO UPDATE SET ${set} WHERE analytics.dossier_fact.version < EXCLUDED.version
     RETURNING code`,
    columnsOf(rows),
  );
  if (changed.rows.length) await addToCounters(q, 'SELECT * FROM analytics.dossier_fact WHERE code = ANY($1::text[])', [changed.rows.map((r) => r.code)], 1);
}

/** Writes facts into the rebuild's new table (see beginReplaceFacts), without touching the counters. */
export async function insertNextFacts(q: Queryable, facts: DossierFact[]): Promise<void> {
  if (!facts.length) return;
  await q.query(`INSERT INTO analytics.dossier_fact_next (${COLUMNS.join(', ')}) ${UNNEST_FACTS}`, columnsOf(facts));
}

/**
 * Settings of the rebuild's transaction (its passes over the whole log): memory for sorts and groupings, and no
 * JIT compilation — on 2,000,000 events PostgreSQL's JIT spent 5 s compiling the pick pass's expressions for a
 * pass that takes 1.1 s without it (and the passes are run once, so compiled code never pays back).
 */
export async function tuneForRebuild(q: Queryable): Promise<void> {
  await q.query(`SET LOCAL work_mem = '256MB'`);
  await q.query(`SET LOCAL jit = off`);
}

/**
 * The rebuild writes new tables and swaps them in: writers of the live tables wait (the subscriber retries
 * after the swap), readers go on reading the old rows until the swap; the new tables get their indexes once
 * they are full (each built in one pass instead of row by row). Call inside the rebuild's transaction.
 */
export async function beginReplaceFacts(q: Queryable): Promise<void> {
  await q.query('LOCK TABLE analytics.dossier_fact IN EXCLUSIVE MODE');
  await createNext(q, 'dossier_fact');
}

/** The counter tables, each rebuilt into a new table and swapped in (see replaceWithNext). */
const COUNTER_TABLES = ['index_month', 'index_month_procedure', 'index_day', 'index_day_procedure'] as const;

/** Puts the new facts in place of the live ones, then sums the month and day counters again from them. */
export async function finishReplaceFacts(q: Queryable, lap: (phase: string) => void = () => undefined): Promise<void> {
  await replaceWithNext(q, 'dossier_fact');
  lap('indexes_s');
  await rebuildCounters(q);
  lap('counters_s');
  // the new tables have no statistics yet: the planner gets them now rather than at the next autovacuum
  await q.query(`ANALYZE analytics.dossier_fact, ${COUNTER_TABLES.map((t) => `analytics.${t}`).join(', ')}`);
  lap('analyze_s');
}

/** An empty `analytics.<table>_next` with the table's columns, defaults and checks (no index yet). */
async function createNext(q: Queryable, table: string): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS analytics.${table}_next`);
  await q.query(`CREATE TABLE analytics.${table}_next (LIKE analytics.${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
}

/** Builds the table's indexes on the full `<table>_next`, then puts it in the table's place (primary key included). */
async function replaceWithNext(q: Queryable, table: string): Promise<void> {
  const indexes = (await q.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'analytics' AND tablename = $1`, [table])).rows;
  for (const i of indexes) {
    const def = i.indexdef.replace(new RegExp(`^(CREATE (?:UNIQUE )?INDEX )(\\S+) ON analytics\\.${table} `), `$1${i.indexname}_next ON analytics.${table}_next `);
    if (def === i.indexdef) throw new Error(`analytics rebuild: cannot read the index definition ${i.indexname}`);
    await q.query(def);
  }
  await q.query(`DROP TABLE analytics.${table}`);
  await q.query(`ALTER TABLE analytics.${table}_next RENAME TO ${table}`);
  for (const i of indexes) await q.query(`ALTER INDEX analytics.${i.indexname}_next RENAME TO ${i.indexname}`);
  if (indexes.some((i) => i.indexname === `${table}_pkey`)) await q.query(`ALTER TABLE analytics.${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY USING INDEX ${table}_pkey`);
}

const TYPES: Record<(typeof COLUMNS)[number], string> = {
  code: 'text', version: 'int', province_code: 'text', procedure_code: 'text', field: 'text', field_key: 'text', level: 'text', receiving_unit: 'text',
  deciding_unit: 'text', online: 'boolean', status: 'text', terminal: 'boolean', waiting_applicant: 'boolean', received_at: 'timestamptz',
  due_at: 'timestamptz', finished_at: 'timestamptz', returned_at: 'timestamptz', ended_at: 'timestamptz', late_since: 'timestamptz',
  supplement_requests: 'smallint', result_electronic: 'boolean', fee_due: 'boolean', fee_paid_online: 'boolean', digitised: 'boolean',
  verified: 'boolean', synced: 'boolean', rating: 'smallint', assignee: 'text', updated_at: 'timestamptz',
};

/** Rows as one array per column: 29 parameters for any number of rows (see columnsOf). */
const UNNEST_FACTS = `SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${TYPES[c]}[]`).join(', ')})`;
function columnsOf(facts: DossierFact[]): unknown[][] {
  const rows = facts.map(rowOf);
  return COLUMNS.map((_, i) => rows.map((r) => r[i]));
}

export async function clearFacts(q: Queryable): Promise<void> {
  await q.query('DELETE FROM analytics.dossier_fact');
  for (const g of GRAINS) {
    await q.query(`DELETE FROM analytics.index_${g}`);
    await q.query(`DELETE FROM analytics.index_${g}_procedure`);
  }
}

// ----------------------------------------------------------------------------------------------------
// Month and day counters (migrations 005 and 006, ADR 0085 and 0125): one definition of a dossier's
// contribution, used to add and subtract it live and to recompute every counter in the rebuild.
// ----------------------------------------------------------------------------------------------------

/** The two grains of the counters: tables analytics.index_<grain> and analytics.index_<grain>_procedure. */
export type Grain = 'month' | 'day';

/**
 * The Vietnam (UTC+7) month or day of a moment (shifted by `shift` on the wall clock), as the date of its first
 * day. Immutable (the shift is applied to the local timestamp), so that the day may be indexed (migration 006).
 */
const vnTrunc = (g: Grain, x: string, shift = '') => `date_trunc('${g}', ((${x}) AT TIME ZONE 'UTC' + interval '7 hours')${shift})::date`;
const END = 'coalesce(finished_at, returned_at, ended_at)';
/** The grain of the end of processing − 1 µs (the dossier has ended by the midnight B exactly when this is before B's). */
const closedOf = (g: Grain) => vnTrunc(g, END, ` - interval '1 microsecond'`);
const lateOf = (g: Grain) => vnTrunc(g, 'least(late_since, due_at)');
/**
 * A day's late_day is kept only when it can decide the figure (ADR 0125): at most one supplement request, and
 * late before the day it ended (or still open). Elsewhere the figure is the same for every look: 'infinity'.
 */
const LATE_DAY_DECIDES = `supplement_requests <= 1 AND (${END} IS NULL OR ${lateOf('day')} < ${closedOf('day')})`;
const keyOf = (g: Grain) => ['province_code', 'deciding_unit', 'receiving_unit', 'field_key', 'field', g, `closed_${g}`, `late_${g}`];
const keySqlOf = (g: Grain) => [
  'province_code', 'deciding_unit', 'receiving_unit', 'field_key', 'field', vnTrunc(g, 'received_at'),
  `coalesce(${closedOf(g)}, 'infinity')`,
  g === 'month' ? `coalesce(${lateOf(g)}, 'infinity')` : `coalesce(CASE WHEN ${LATE_DAY_DECIDES} THEN ${lateOf(g)} END, 'infinity')`,
];
/** Counter → the condition a dossier meets to count in it. */
const COUNTERS: [string, string][] = [
  ['received', 'true'], ['synced', 'synced'], ['online', 'online'], ['fee_due', 'fee_due'], ['fee_paid_online', 'fee_due AND fee_paid_online'],
  ['digitised', 'digitised'], ['verified', 'verified'],
  ...[1, 2, 3, 4, 5].map((k): [string, string] => [`rating_le_${k}`, `rating <= ${k}`]),
  ['on_time_closed', `${END} IS NOT NULL AND supplement_requests <= 1 AND (late_since IS NULL OR late_since >= ${END}) AND (due_at IS NULL OR ${END} <= due_at)`],
  ['on_time_open', 'supplement_requests <= 1'],
  ['with_result', 'finished_at IS NOT NULL'],
  ['result_electronic', 'finished_at IS NOT NULL AND result_electronic'],
];
const procedureKeyOf = (g: Grain) => ['province_code', 'deciding_unit', 'receiving_unit', 'field_key', 'field', g, 'procedure_code'];
const PROCEDURE_COUNTERS: [string, string][] = [['received', 'true'], ['verified', 'verified'], ['online', 'online']];
const GRAINS: Grain[] = ['month', 'day'];

/**
 * Adds (sign 1) or subtracts (sign -1) the contribution of the dossiers a query selects (rows of
 * analytics.dossier_fact) to the month and day counters, in one statement. Dossiers never received count nowhere.
 * Rows are written in the primary key's order, so that after a rebuild a month's (a day's) rows lie together on disk.
 */
export async function addToCounters(q: Queryable, source: string, params: unknown[], sign: 1 | -1, into: '' | '_next' = ''): Promise<void> {
  const s = sign === 1 ? '' : '-';
  // the rebuild's new tables (suffix _next) have no row to add to: plain inserts
  const onConflict = (key: string[], set: string) => (into === '' ? `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set}` : '');
  const counters = (cs: [string, string][]) => cs.map(([, cond]) => `${s}(count(*) FILTER (WHERE ${cond}))::int`);
  const update = (table: string, cs: [string, string][]) => cs.map(([c]) => `${c} = analytics.${table}.${c} + EXCLUDED.${c}`).join(', ');
  const positions = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(', ');
  const inserts = GRAINS.flatMap((g) => [
    `INSERT INTO analytics.index_${g}${into} (${[...keyOf(g), ...COUNTERS.map(([c]) => c), 'resolved_seconds'].join(', ')})
     SELECT ${[...keySqlOf(g), ...counters(COUNTERS)].join(', ')},
            ${s}coalesce(sum(extract(epoch FROM finished_at - received_at)) FILTER (WHERE finished_at IS NOT NULL), 0)
       FROM f WHERE received_at IS NOT NULL GROUP BY ${positions(keyOf(g).length)} ORDER BY 1, 6, 2, 3, 4, 5, 7, 8
     ${onConflict(keyOf(g), `${update(`index_${g}`, COUNTERS)}, resolved_seconds = analytics.index_${g}.resolved_seconds + EXCLUDED.resolved_seconds`)}`,
    `INSERT INTO analytics.index_${g}_procedure${into} (${[...procedureKeyOf(g), ...PROCEDURE_COUNTERS.map(([c]) => c)].join(', ')})
     SELECT ${[...keySqlOf(g).slice(0, 6), 'procedure_code', ...counters(PROCEDURE_COUNTERS)].join(', ')}
       FROM f WHERE received_at IS NOT NULL GROUP BY ${positions(procedureKeyOf(g).length)} ORDER BY 1, 6, 2, 3, 4, 5, 7
     ${onConflict(procedureKeyOf(g), update(`index_${g}_procedure`, PROCEDURE_COUNTERS))}`,
  ]);
  const last = inserts.pop()!;
  await q.query(`WITH f AS MATERIALIZED (${source}), ${inserts.map((x, i) => `w${i} AS (${x})`).join(', ')} ${last}`, params);
}

/** Every counter that counts something, in key order (the rebuild test compares live and rebuilt). */
export async function allCounters(q: Queryable): Promise<Record<'months' | 'procedures' | 'days' | 'dayProcedures', Record<string, unknown>[]>> {
  const rows = async (table: string, key: string[]) => (await q.query(`SELECT * FROM analytics.${table} WHERE received <> 0 ORDER BY ${key.join(', ')}`)).rows;
  return {
    months: await rows('index_month', keyOf('month')),
    procedures: await rows('index_month_procedure', procedureKeyOf('month')),
    days: await rows('index_day', keyOf('day')),
    dayProcedures: await rows('index_day_procedure', procedureKeyOf('day')),
  };
}

/**
 * Recomputes every month and day counter from the dossier rows into new tables swapped in at the end (readers
 * see the old counters until then; indexes are built once the tables are full). Call inside a transaction.
 */
export async function rebuildCounters(q: Queryable): Promise<void> {
  for (const t of COUNTER_TABLES) await createNext(q, t);
  await addToCounters(q, 'SELECT * FROM analytics.dossier_fact', [], 1, '_next');
  for (const t of COUNTER_TABLES) await replaceWithNext(q, t);
}

/**
 * A projection made before the day counters (migration 006) has dossier rows and no day rows: they are summed
 * once (with every counter, under the rebuild's lock). Called when the server starts; true when it did.
 */
export async function fillMissingDayCounters(q: Queryable): Promise<boolean> {
  const empty = async () =>
    (await q.query(`SELECT 1 FROM analytics.dossier_fact WHERE received_at IS NOT NULL LIMIT 1`)).rows.length > 0 &&
    (await q.query(`SELECT 1 FROM analytics.index_day LIMIT 1`)).rows.length === 0;
  if (!(await empty())) return false;
  await q.query('LOCK TABLE analytics.dossier_fact IN EXCLUSIVE MODE');
  if (!(await empty())) return false;
  await rebuildCounters(q);
  return true;
}

export async function recordProgress(q: Queryable, name: string, events: number, lastEventAt: Date | null, rebuilt: boolean): Promise<void> {
  await q.query(
    `INSERT INTO analytics.projection_state (name, events, last_event_at, rebuilt_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END)
     ON CONFLICT (name) DO UPDATE SET events = CASE WHEN $4 THEN $2 ELSE analytics.projection_state.events + $2 END,
       last_event_at = GREATEST(analytics.projection_state.last_event_at, EXCLUDED.last_event_at),
       rebuilt_at = CASE WHEN $4 THEN now() ELSE analytics.projection_state.rebuilt_at END`,
    [name, events, lastEventAt?.toISOString() ?? null, rebuilt],
  );
}

export async function projectionState(q: Queryable, name: string): Promise<{ events: number; lastEventAt: Date | null; rebuiltAt: Date | null } | null> {
  const r = await q.query<{ events: string; last_event_at: Date | null; rebuilt_at: Date | null }>('SELECT events, last_event_at, rebuilt_at FROM analytics.projection_state WHERE name = $1', [name]);
  const row = r.rows[0];
  return row ? { events: Number(row.events), lastEventAt: row.last_event_at, rebuiltAt: row.rebuilt_at } : null;
}

/** Every fact, ordered by code (the rebuild test compares two projections with it). */
export async function allFacts(q: Queryable): Promise<Record<string, unknown>[]> {
  return (await q.query(`SELECT ${COLUMNS.join(', ')} FROM analytics.dossier_fact ORDER BY code`)).rows;
}

/**
 * Reads the dossier events of the platform's event log (the outbox, kept after delivery), in order, after
 * `afterSeq`. Used by the rebuild only; live updates come through the subscriber.
 */
export async function readDossierEvents(q: Queryable, afterSeq: number, limit: number): Promise<{ seq: number; payload: unknown; occurredAt: Date }[]> {
  const r = await q.query<{ seq: string; payload: unknown; occurred_at: Date }>(
    `SELECT seq, payload, occurred_at FROM platform.outbox_event WHERE seq > $1 AND type LIKE 'dossiers.dossier.%' ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return r.rows.map((x) => ({ seq: Number(x.seq), payload: x.payload, occurredAt: x.occurred_at }));
}

/**
 * The newest dossier event carrying facts of every dossier in the event log (the highest `version`; at equal
 * versions the first written): the same choice the projection's merge rule makes event by event. One pass
 * over the log grouped by dossier (no sort of every event): the choice is the maximum of
 * version × 2^40 + (2^40 − 1 − seq), from which the seq is read back; the event count and newest moment come
 * from the same pass. An event whose version is not a whole number from 0 to 2^31 − 1 is refused as the live
 * projection refuses it (never chosen): `rejected` counts them, with the first seqs.
 */
export async function newestDossierEventSeqs(q: Queryable): Promise<{ seqs: number[]; events: number; lastAt: Date | null; rejected: { count: number; seqs: number[] } }> {
  // the common case (plain digits) costs one text read and a match; the rest (3.0, 1e2, a fraction, a string) is
  // cast to a number only once it is known to be one (nested CASE)
  const v = `(payload->'version')`;
  const version = `CASE WHEN (payload->>'version') ~ '^[0-9]{1,9}$' AND jsonb_typeof(${v}) = 'number' THEN (payload->>'version')::bigint
                        WHEN jsonb_typeof(${v}) = 'number' THEN
                          CASE WHEN ${v}::numeric = trunc(${v}::numeric) AND ${v}::numeric BETWEEN 0 AND 2147483647 THEN ${v}::numeric::bigint END END`;
  // no ordered aggregate here (array_agg … ORDER BY): PostgreSQL would then group by sorting every event
  // instead of hashing (10× slower on 10,000,000 events); the first refused seqs are read apart, only if any
  const r = await q.query<{ pick: string | null; n: string; last_at: Date; bad: string }>(
    `SELECT max((v << 40) + (1099511627775 - seq)) FILTER (WHERE facts AND v IS NOT NULL) AS pick,
            count(*) AS n, max(occurred_at) AS last_at, count(*) FILTER (WHERE facts AND v IS NULL) AS bad
       FROM (SELECT aggregate_id, seq, occurred_at, payload ? 'facts' AS facts, ${version} AS v
               FROM platform.outbox_event WHERE type LIKE 'dossiers.dossier.%') e
      GROUP BY aggregate_id`,
  );
  const seqs: number[] = [];
  let events = 0;
  let lastAt: Date | null = null;
  const rejected = { count: 0, seqs: [] as number[] };
  for (const x of r.rows) {
    events += Number(x.n);
    if (!lastAt || x.last_at > lastAt) lastAt = x.last_at;
    if (x.pick !== null) seqs.push(Number(1099511627775n - (BigInt(x.pick) & 1099511627775n)));
    rejected.count += Number(x.bad);
  }
  seqs.sort((a, b) => a - b);
  if (rejected.count > 0) {
    const bad = await q.query<{ seq: string }>(
      `SELECT seq FROM platform.outbox_event
        WHERE type LIKE 'dossiers.dossier.%' AND payload ? 'facts' AND (${version}) IS NULL ORDER BY seq LIMIT 10`,
    );
    rejected.seqs = bad.rows.map((b) => Number(b.seq));
  }
  return { seqs, events, lastAt, rejected };
}

/**
 * The rebuild's load in SQL: the facts of the events `seqs` are written into the new table by the database
 * itself (no payload travels to Node and back) when the payload is plainly what factFromEvent accepts and its
 * field is one of `fields` (field → fieldKey, computed in Node); the other events (anything unusual, a field
 * not seen yet) are returned for factFromEvent and insertNextFacts. Call inside the rebuild's transaction.
 */
export async function projectNextFacts(q: Queryable, seqs: number[], fields: Map<string, string>): Promise<{ seq: number; aggregateId: string; payload: unknown; occurredAt: Date }[]> {
  const f = (k: string) => `e.payload->'facts'->'${k}'`;
  const t = (x: string, type: string) => `jsonb_typeof(${x}) = '${type}'`;
  // guarded by CASE: a cast is only tried on a value of the right shape
  const int = (x: string, min: number, max: number, nullable = false) =>
    `CASE WHEN ${t(x, 'number')} THEN (${x})::text ~ '^-?[0-9]+$' AND (${x})::text::numeric BETWEEN ${min} AND ${max} ELSE ${nullable ? t(x, 'null') : 'false'} END`;
  // dates both JavaScript and PostgreSQL read alike (JavaScript moves 30 February to March; the 29th of February goes to Node)
  const DAY = '((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)';
  const DATE_RE = `^[1-9][0-9]{3}-${DAY}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,3})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$`;
  const date = (x: string) => `(${t(x, 'null')} OR (${t(x, 'string')} AND (${x} #>> '{}') ~ '${DATE_RE}'))`;
  const strings = ['field', 'receivingUnit', 'decidingUnit', 'status'];
  const bools = ['online', 'terminal', 'waitingApplicant', 'resultElectronic', 'feeDue', 'feePaidOnline', 'digitised', 'applicantVerified', 'syncedToNational'];
  const dates = ['receivedAt', 'dueAt', 'finishedAt', 'returnedAt', 'endedAt', 'lateSince'];
  const ok = [
    t(`e.payload->'code'`, 'string'), `e.payload->>'code' <> ''`, int(`e.payload->'version'`, 0, 2147483647),
    t(`e.payload->'procedureCode'`, 'string'), t(`e.payload->'provinceCode'`, 'string'), t(`e.payload->'facts'`, 'object'),
    ...strings.map((k) => t(f(k), 'string')), `e.payload->'facts'->>'level' IN ('commune', 'province')`,
    ...bools.map((k) => t(f(k), 'boolean')), ...dates.map((k) => date(f(k))),
    int(f('supplementRequests'), 0, 32767), int(f('rating'), -32768, 32767, true), `(${t(f('assignee'), 'string')} OR ${t(f('assignee'), 'null')})`,
    `e.payload->'facts'->>'field' = ANY($2::text[])`,
  ];
  const s = (k: string) => `(e.payload->'facts'->>'${k}')`;
  const values: Record<(typeof COLUMNS)[number], string> = {
    code: `e.payload->>'code'`, version: `((e.payload->>'version'))::int`, province_code: `e.payload->>'provinceCode'`, procedure_code: `e.payload->>'procedureCode'`,
    field: s('field'), field_key: `($3::text[])[array_position($2::text[], ${s('field')})]`, level: s('level'), receiving_unit: s('receivingUnit'),
    deciding_unit: s('decidingUnit'), online: `${s('online')}::boolean`, status: s('status'), terminal: `${s('terminal')}::boolean`,
    waiting_applicant: `${s('waitingApplicant')}::boolean`, received_at: `${s('receivedAt')}::timestamptz`, due_at: `${s('dueAt')}::timestamptz`,
    finished_at: `${s('finishedAt')}::timestamptz`, returned_at: `${s('returnedAt')}::timestamptz`, ended_at: `${s('endedAt')}::timestamptz`,
    late_since: `${s('lateSince')}::timestamptz`, supplement_requests: `${s('supplementRequests')}::smallint`, result_electronic: `${s('resultElectronic')}::boolean`,
    fee_due: `${s('feeDue')}::boolean`, fee_paid_online: `${s('feePaidOnline')}::boolean`, digitised: `${s('digitised')}::boolean`,
    verified: `${s('applicantVerified')}::boolean`, synced: `${s('syncedToNational')}::boolean`, rating: `${s('rating')}::smallint`, assignee: s('assignee'),
    updated_at: 'e.occurred_at',
  };
  const r = await q.query<{ seq: string; aggregate_id: string; payload: unknown; occurred_at: Date }>(
    `WITH e AS MATERIALIZED (
       SELECT seq, aggregate_id, payload, occurred_at, coalesce(${ok.map((c) => `(${c})`).join(' AND ')}, false) AS ok
         FROM platform.outbox_event e WHERE seq = ANY($1::bigint[])),
     ins AS (INSERT INTO analytics.dossier_fact_next (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((c) => values[c]).join(', ')} FROM e WHERE e.ok)
     SELECT seq, aggregate_id, payload, occurred_at FROM e WHERE NOT e.ok`,
    [seqs, [...fields.keys()], [...fields.values()]],
  );
  return r.rows.map((x) => ({ seq: Number(x.seq), aggregateId: x.aggregate_id, payload: x.payload, occurredAt: x.occurred_at }));
}

/**
 * Every dossier event carrying facts of the dossiers `aggregateIds` (in no order). The rebuild reads them only
 * for the rare dossiers whose newest event has facts the live projection refuses (domain/facts.ts
 * newestValidFacts): one pass over the log, only when there are some; the grouped pick above keeps its shape and cost.
 */
export async function dossierEventsOf(q: Queryable, aggregateIds: string[]): Promise<{ seq: number; aggregateId: string; payload: unknown; occurredAt: Date }[]> {
  if (!aggregateIds.length) return [];
  const r = await q.query<{ seq: string; aggregate_id: string; payload: unknown; occurred_at: Date }>(
    `SELECT seq, aggregate_id, payload, occurred_at FROM platform.outbox_event
      WHERE type LIKE 'dossiers.dossier.%' AND aggregate_id = ANY($1::text[]) AND payload ? 'facts'`,
    [[...new Set(aggregateIds)]],
  );
  return r.rows.map((x) => ({ seq: Number(x.seq), aggregateId: x.aggregate_id, payload: x.payload, occurredAt: x.occurred_at }));
}

export async function eventsBySeq(q: Queryable, seqs: number[]): Promise<{ seq: number; payload: unknown; occurredAt: Date }[]> {
  const r = await q.query<{ seq: string; payload: unknown; occurred_at: Date }>('SELECT seq, payload, occurred_at FROM platform.outbox_event WHERE seq = ANY($1::bigint[])', [seqs]);
  return r.rows.map((x) => ({ seq: Number(x.seq), payload: x.payload, occurredAt: x.occurred_at }));
}

// ----------------------------------------------------------------------------------------------------
// The index counts, in SQL (same semantics as domain/facts.ts countFacts; a test compares them)
// ----------------------------------------------------------------------------------------------------

export interface ScopeFilter {
  provinceCode: string;
  /** Units (compared with the attribution column). */
  units?: string[];
  field?: string;
  /** Which column a dossier's unit is read from. */
  unitColumn: 'deciding_unit' | 'receiving_unit';
}

export type CountsGroupBy = 'none' | 'unit' | 'field';

/** What the index counts are asked for: a scope's dossiers received in [from, to), looked at on asOf, per group. */
export interface CountsQuery {
  scope: ScopeFilter;
  from: Date;
  to: Date;
  asOf: Date;
  dislikeAtOrBelow: number;
  groupBy: CountsGroupBy;
}

export type IndexCountsOf = IndexCounts & { onlineProcedures: string[] };

/**
 * The conditions of a scope on a table that has the scope's columns (the dossier rows, the counters); its
 * parameters are appended to `params`.
 */
function scopeWhere(scope: ScopeFilter, params: unknown[]): string[] {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = [`province_code = ${p(scope.provinceCode)}`];
  if (scope.units) where.push(`${scope.unitColumn} = ANY(${p(scope.units)}::text[])`);
  if (scope.field) where.push(`field_key = ${p(fieldKey(scope.field))}`);
  return where;
}
const groupKey = (c: CountsQuery) => (c.groupBy === 'unit' ? c.scope.unitColumn : c.groupBy === 'field' ? 'field' : `''`);

const VN_MS = 7 * 3_600_000;
/** The Vietnam day of a moment ('YYYY-MM-DD'). */
const vnDay = (at: Date) => new Date(at.getTime() + VN_MS).toISOString().slice(0, 10);
/** The Vietnam midnight starting a day ('YYYY-MM-DD'). */
const vnDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - VN_MS);
/** The Vietnam day a moment is exactly the midnight of, or null. */
const vnMidnightDay = (at: Date): string | null => (vnDayStart(vnDay(at)).getTime() === at.getTime() ? vnDay(at) : null);

/** The Vietnam month start a moment is exactly on ('YYYY-MM-01'), or null when it is not one. */
export function vnMonthStart(at: Date): string | null {
  const d = vnMidnightDay(at);
  return d?.endsWith('-01') ? d : null;
}

/**
 * The counts of the index per group for the period [from, to) looked at on asOf, summed from counters where
 * they answer exactly (ADR 0085, 0125): a period of whole months looked at on its end (every past month,
 * quarter, half and year) from the month counters; any other range of whole days (30 days, a week, the
 * running month looked at now) from the day counters, with the dossier rows of the day looked at. All give the
 * numbers the dossier rows give (a test compares them); anything else is counted from the dossier rows.
 */
export async function indexCounts(q: Queryable, c: CountsQuery): Promise<Map<string, IndexCountsOf>> {
  const { from, to, asOf, dislikeAtOrBelow: d } = c;
  if (!Number.isInteger(d) || d < 1 || d > 5 || asOf.getTime() > to.getTime()) return indexCountsFromDossiers(q, c);
  if (asOf.getTime() === to.getTime() && vnMonthStart(from) && vnMonthStart(to)) return indexCountsFromMonths(q, c);
  if (vnMidnightDay(from) && vnMidnightDay(to) && asOf.getTime() >= from.getTime()) return indexCountsFromDays(q, c);
  return indexCountsFromDossiers(q, c);
}

/** The counts for whole months [from, to) looked at on `to` (the start of a month), from the month counters. */
export async function indexCountsFromMonths(q: Queryable, c: CountsQuery): Promise<Map<string, IndexCountsOf>> {
  const fromMonth = vnMonthStart(c.from);
  const toMonth = vnMonthStart(c.to);
  if (!fromMonth || !toMonth || c.asOf.getTime() !== c.to.getTime()) throw new Error('indexCountsFromMonths: whole months looked at on their end only');
  return merged([await partsFromCounters(q, 'month', c, fromMonth, toMonth, false)]);
}

/**
 * The counts for whole days [from, to) looked at on asOf (from ≤ asOf ≤ to), from the day counters. Looked at
 * on a midnight (a past range) the day rows answer alone, as month rows do. Looked at during a day D (the
 * running period), the rows of the days before D answer for every dossier whose end and lateness fall on
 * another day than D; the dossiers received on D, or ending or late on D, are counted from their rows.
 */
export async function indexCountsFromDays(q: Queryable, c: CountsQuery): Promise<Map<string, IndexCountsOf>> {
  const fromDay = vnMidnightDay(c.from);
  const toDay = vnMidnightDay(c.to);
  if (!fromDay || !toDay || c.asOf < c.from || c.asOf > c.to) throw new Error('indexCountsFromDays: whole days looked at within them only');
  const lookDay = vnMidnightDay(c.asOf);
  if (lookDay) return merged([await partsFromCounters(q, 'day', c, fromDay, lookDay, false)]);
  const day = vnDay(c.asOf);
  const ambiguous = `(received_at >= ($D::date::timestamp AT TIME ZONE 'UTC') - interval '7 hours' OR ${closedOf('day')} = $D::date OR (${lateOf('day')} = $D::date AND ${LATE_DAY_DECIDES}))`;
  const [counters, rows] = await Promise.all([partsFromCounters(q, 'day', c, fromDay, day, true), partsFromDossiers(q, c, ambiguous, day)]);
  return merged([counters, rows]);
}

/** The counts for the period [from, to) looked at on asOf, from the dossier rows. */
export async function indexCountsFromDossiers(q: Queryable, c: CountsQuery): Promise<Map<string, IndexCountsOf>> {
  return merged([await partsFromDossiers(q, c)]);
}

/** A group's counts before the parts are summed: procedures as sets (distinct procedures are not a sum). */
interface Part {
  n: Record<(typeof NUMBERS)[number], number>;
  procedures: string[];
  proceduresVerified: string[];
  onlineProcedures: string[];
}
const NUMBERS = ['received', 'synced', 'on_time', 'online', 'fee_due', 'fee_paid_online', 'with_result', 'result_electronic', 'digitised', 'verified', 'disliked', 'resolved_seconds'] as const;

function partOf(row: Record<string, unknown>): Part {
  const n = Object.fromEntries(NUMBERS.map((k) => [k, Number(row[k] ?? 0)])) as Part['n'];
  const list = (k: string) => (row[k] as string[] | null | undefined) ?? [];
  return { n, procedures: list('procedures'), proceduresVerified: list('procedures_verified'), onlineProcedures: list('online_procedures') };
}

/** Sums the parts per group (groups without a dossier left out) into the index counts. */
function merged(parts: Map<string, Part>[]): Map<string, IndexCountsOf> {
  const keys = new Set(parts.flatMap((m) => [...m.keys()]));
  const out = new Map<string, IndexCountsOf>();
  for (const k of keys) {
    const of = parts.map((m) => m.get(k)).filter((p): p is Part => !!p);
    const n = (c: (typeof NUMBERS)[number]) => of.reduce((s, p) => s + p.n[c], 0);
    if (n('received') <= 0) continue;
    const set = (f: (p: Part) => string[]) => [...new Set(of.flatMap(f))].sort();
    out.set(k, {
      ...emptyCounts(),
      received: n('received'), synced: n('synced'), onTime: n('on_time'), late: n('received') - n('on_time'), online: n('online'),
      feeDue: n('fee_due'), feePaidOnline: n('fee_paid_online'), withResult: n('with_result'), resultElectronic: n('result_electronic'),
      digitised: n('digitised'), verified: n('verified'), disliked: n('disliked'), procedures: set((p) => p.procedures).length,
      proceduresVerified: set((p) => p.proceduresVerified).length, resolved: n('with_result'),
      resolvedHoursSum: Math.round((n('resolved_seconds') / 3600) * 100) / 100, onlineProcedures: set((p) => p.onlineProcedures),
    });
  }
  return out;
}

/**
 * The counters of a grain from `fromKey` (inclusive) to `toKey` (exclusive) looked at on the midnight `toKey`
 * starts. With `skipToKey` the rows whose end or lateness falls on `toKey` are left out (the day looked at
 * counts them from the dossier rows); the procedures are those of every row (reception only decides them).
 */
async function partsFromCounters(q: Queryable, g: Grain, c: CountsQuery, fromKey: string, toKey: string, skipToKey: boolean): Promise<Map<string, Part>> {
  const params: unknown[] = [fromKey, toKey];
  const where = [...scopeWhere(c.scope, params), `${g} >= $1::date`, `${g} < $2::date`];
  const closed = `closed_${g} < $2::date`;
  const k = groupKey(c);
  const [counts, procs] = await Promise.all([
    q.query<Record<string, unknown>>(
      `SELECT ${k} AS k,
              sum(received)::int AS received, sum(synced)::int AS synced, sum(online)::int AS online, sum(fee_due)::int AS fee_due,
              sum(fee_paid_online)::int AS fee_paid_online, sum(digitised)::int AS digitised, sum(verified)::int AS verified,
              sum(rating_le_${Math.trunc(c.dislikeAtOrBelow)})::int AS disliked,
              sum(CASE WHEN ${closed} THEN on_time_closed WHEN late_${g} >= $2::date THEN on_time_open ELSE 0 END)::int AS on_time,
              sum(CASE WHEN ${closed} THEN with_result ELSE 0 END)::int AS with_result,
              sum(CASE WHEN ${closed} THEN result_electronic ELSE 0 END)::int AS result_electronic,
              coalesce(sum(resolved_seconds) FILTER (WHERE ${closed}), 0)::float8 AS resolved_seconds
         FROM analytics.index_${g}
        WHERE ${[...where, ...(skipToKey ? [`closed_${g} <> $2::date`, `late_${g} <> $2::date`] : [])].join(' AND ')}
        GROUP BY 1`,
      params,
    ),
    q.query<Record<string, unknown>>(
      `SELECT ${k} AS k,
              array_agg(DISTINCT procedure_code) FILTER (WHERE received > 0) AS procedures,
              array_agg(DISTINCT procedure_code) FILTER (WHERE verified > 0) AS procedures_verified,
              array_agg(DISTINCT procedure_code) FILTER (WHERE online > 0) AS online_procedures
         FROM analytics.index_${g}_procedure WHERE ${where.join(' AND ')}
        GROUP BY 1`,
      params,
    ),
  ]);
  const byKey = new Map(procs.rows.map((r) => [String(r.k), r]));
  return new Map(counts.rows.map((row) => [String(row.k), partOf({ ...byKey.get(String(row.k)), ...row })]));
}

/** The counts from the dossier rows, of those that meet `only` when given (its `$D` is the day `day`). */
async function partsFromDossiers(q: Queryable, c: CountsQuery, only?: string, day?: string): Promise<Map<string, Part>> {
  const params: unknown[] = [c.from.toISOString(), c.to.toISOString(), c.asOf.toISOString(), c.dislikeAtOrBelow];
  const where = [...scopeWhere(c.scope, params), `received_at >= $1::timestamptz`, `received_at < $2::timestamptz`, `received_at <= $3::timestamptz`];
  if (only) {
    params.push(day);
    where.push(only.replaceAll('$D', `$${params.length}`));
  }
  const r = await q.query<Record<string, unknown>>(
    `SELECT k,
            count(*)::int AS received,
            count(*) FILTER (WHERE synced)::int AS synced,
            count(*) FILTER (WHERE supplement_requests <= 1 AND (late_since IS NULL OR late_since >= end_at) AND (due_at IS NULL OR end_at <= due_at))::int AS on_time,
            count(*) FILTER (WHERE online)::int AS online,
            count(*) FILTER (WHERE fee_due)::int AS fee_due,
            count(*) FILTER (WHERE fee_due AND fee_paid_online)::int AS fee_paid_online,
            count(*) FILTER (WHERE finished_at <= $3::timestamptz)::int AS with_result,
            count(*) FILTER (WHERE finished_at <= $3::timestamptz AND result_electronic)::int AS result_electronic,
            count(*) FILTER (WHERE digitised)::int AS digitised,
            count(*) FILTER (WHERE verified)::int AS verified,
            count(*) FILTER (WHERE rating <= $4)::int AS disliked,
            coalesce(sum(extract(epoch FROM finished_at - received_at)) FILTER (WHERE finished_at <= $3::timestamptz), 0)::float8 AS resolved_seconds,
            array_agg(DISTINCT procedure_code) AS procedures,
            array_agg(DISTINCT procedure_code) FILTER (WHERE verified) AS procedures_verified,
            array_agg(DISTINCT procedure_code) FILTER (WHERE online) AS online_procedures
       FROM (SELECT *, ${groupKey(c)} AS k,
                    CASE WHEN ${END} <= $3::timestamptz THEN ${END} ELSE $3::timestamptz END AS end_at
               FROM analytics.dossier_fact WHERE ${where.join(' AND ')}) f
      GROUP BY k`,
    params,
  );
  return new Map(r.rows.map((row) => [String(row.k), partOf(row)]));
}

/** Facts of one scope (for the reference counting in tests and the KPIs). */
export async function factsOf(q: Queryable, scope: ScopeFilter, from?: Date, to?: Date): Promise<Record<string, unknown>[]> {
  const params: unknown[] = [];
  const where = scopeWhere(scope, params);
  if (from) where.push(`received_at >= $${params.push(from.toISOString())}::timestamptz`);
  if (to) where.push(`received_at < $${params.push(to.toISOString())}::timestamptz`);
  return (await q.query(`SELECT ${COLUMNS.join(', ')} FROM analytics.dossier_fact WHERE ${where.join(' AND ')}`, params)).rows;
}

export function factOfRow(r: Record<string, unknown>): DossierFact {
  const d = (v: unknown) => (v ? new Date(v as Date) : null);
  return {
    code: String(r.code), version: Number(r.version), provinceCode: String(r.province_code), procedureCode: String(r.procedure_code), field: String(r.field),
    level: r.level as DossierFact['level'], receivingUnit: String(r.receiving_unit), decidingUnit: String(r.deciding_unit), online: !!r.online,
    status: String(r.status), terminal: !!r.terminal, waitingApplicant: !!r.waiting_applicant, receivedAt: d(r.received_at), dueAt: d(r.due_at),
    finishedAt: d(r.finished_at), returnedAt: d(r.returned_at), endedAt: d(r.ended_at), lateSince: d(r.late_since), supplementRequests: Number(r.supplement_requests),
    resultElectronic: !!r.result_electronic, feeDue: !!r.fee_due, feePaidOnline: !!r.fee_paid_online, digitised: !!r.digitised, verified: !!r.verified,
    synced: !!r.synced, rating: r.rating === null || r.rating === undefined ? null : Number(r.rating), assignee: (r.assignee as string | null) ?? null,
    updatedAt: new Date(r.updated_at as Date),
  };
}

export async function getSettings(q: Queryable, provinceCode: string): Promise<unknown | null> {
  const r = await q.query<{ settings: unknown }>('SELECT settings FROM analytics.index_setting WHERE province_code = $1', [provinceCode]);
  return r.rows[0]?.settings ?? null;
}

export async function putSettings(q: Queryable, provinceCode: string, settings: unknown, by: string | null): Promise<void> {
  await q.query(
    `INSERT INTO analytics.index_setting (province_code, settings, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (province_code) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [provinceCode, JSON.stringify(settings), by],
  );
}

// ----------------------------------------------------------------------------------------------------
// Operational KPIs
// ----------------------------------------------------------------------------------------------------

export type KpiGroupBy = 'none' | 'unit' | 'field' | 'official';

/** The KPI counts per group: the period [from, to) for flows, `now` for the stock of open dossiers. */
export async function kpiCounts(q: Queryable, scope: ScopeFilter, from: Date, to: Date, now: Date, dueSoonUntil: Date, groupBy: KpiGroupBy): Promise<Map<string, import('./domain/kpis.ts').KpiCounts>> {
  const params: unknown[] = [from.toISOString(), to.toISOString(), now.toISOString(), dueSoonUntil.toISOString()];
  const where = [...scopeWhere(scope, params), 'received_at IS NOT NULL'];
  const key = groupBy === 'unit' ? scope.unitColumn : groupBy === 'field' ? 'field' : groupBy === 'official' ? `coalesce(assignee, '')` : `''`;
  const r = await q.query<Record<string, unknown>>(
    `SELECT k,
            count(*) FILTER (WHERE rec)::int AS received,
            count(*) FILTER (WHERE rec AND online)::int AS online,
            count(*) FILTER (WHERE fin)::int AS finished,
            count(*) FILTER (WHERE fin AND NOT late AND due_at IS NOT NULL AND finished_at < due_day)::int AS early,
            count(*) FILTER (WHERE fin AND NOT late AND NOT (due_at IS NOT NULL AND finished_at < due_day))::int AS on_time,
            count(*) FILTER (WHERE fin AND late)::int AS late,
            count(*) FILTER (WHERE open)::int AS in_progress,
            count(*) FILTER (WHERE open AND NOT waiting_applicant AND due_at >= $3::timestamptz AND due_at <= $4::timestamptz)::int AS due_soon,
            count(*) FILTER (WHERE open AND NOT waiting_applicant AND due_at < $3::timestamptz)::int AS overdue,
            count(*) FILTER (WHERE open AND waiting_applicant)::int AS waiting,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE fin) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FILTER (WHERE fin) AS p90,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY age_days) FILTER (WHERE open) AS age50,
            max(age_days) FILTER (WHERE open) AS age_max
       FROM (SELECT *, ${key} AS k,
                    received_at >= $1::timestamptz AND received_at < $2::timestamptz AS rec,
                    finished_at >= $1::timestamptz AND finished_at < $2::timestamptz AS fin,
                    (late_since IS NOT NULL AND late_since < finished_at) OR (due_at IS NOT NULL AND finished_at > due_at) AS late,
                    (date_trunc('day', due_at AT TIME ZONE 'UTC' + interval '7 hours') - interval '7 hours') AT TIME ZONE 'UTC' AS due_day,
                    NOT terminal AND finished_at IS NULL AND received_at <= $3::timestamptz AS open,
                    extract(epoch FROM finished_at - received_at)::float8 / 3600 AS hours,
                    extract(epoch FROM $3::timestamptz - received_at)::float8 / 86400 AS age_days
               FROM analytics.dossier_fact
              WHERE ${where.join(' AND ')}
                AND ((received_at >= $1::timestamptz AND received_at < $2::timestamptz)
                  OR (finished_at >= $1::timestamptz AND finished_at < $2::timestamptz)
                  OR (NOT terminal AND finished_at IS NULL))) f
      GROUP BY k`,
    params,
  );
  const out = new Map<string, import('./domain/kpis.ts').KpiCounts>();
  const num = (v: unknown, d = 1) => (v === null || v === undefined ? null : Math.round(Number(v) * 10 ** d) / 10 ** d);
  for (const row of r.rows) {
    const n = (c: string) => Number(row[c] ?? 0);
    out.set(String(row.k), {
      received: n('received'), online: n('online'), finished: n('finished'), early: n('early'), onTime: n('on_time'), late: n('late'),
      inProgress: n('in_progress'), dueSoon: n('due_soon'), overdue: n('overdue'), waitingApplicant: n('waiting'),
      processingHoursMedian: num(row.p50), processingHoursP90: num(row.p90), backlogAgeDaysMedian: num(row.age50), backlogAgeDaysMax: num(row.age_max),
    });
  }
  return out;
}

/** The late dossiers of a unit (drill-down): received in the period and not on time, or open past their appointment now. */
export async function lateDossiers(q: Queryable, scope: ScopeFilter, from: Date, to: Date, now: Date, limit: number): Promise<Record<string, unknown>[]> {
  const params: unknown[] = [from.toISOString(), to.toISOString(), now.toISOString(), limit];
  const where = scopeWhere(scope, params);
  return (
    await q.query(
      `SELECT code, procedure_code, field, status, received_at, due_at, finished_at, late_since, deciding_unit, receiving_unit
         FROM analytics.dossier_fact
        WHERE ${where.join(' AND ')} AND received_at >= $1::timestamptz AND received_at < $2::timestamptz
          AND (late_since IS NOT NULL
               OR (due_at IS NOT NULL AND coalesce(finished_at, CASE WHEN terminal THEN ended_at END, $3::timestamptz) > due_at AND NOT (waiting_applicant AND finished_at IS NULL))
               OR supplement_requests > 1)
        ORDER BY coalesce(late_since, due_at) ASC, code
        LIMIT $4`,
      params,
    )
  ).rows;
}

export interface ThresholdRow { unitCode: string; kpi: string; limit: number; email: string | null }

export async function listThresholds(q: Queryable, units?: string[]): Promise<ThresholdRow[]> {
  const r = await q.query<{ unit_code: string; kpi: string; limit_value: number; email: string | null }>(
    `SELECT unit_code, kpi, limit_value, email FROM analytics.threshold ${units ? 'WHERE unit_code = ANY($1::text[])' : ''} ORDER BY unit_code, kpi`,
    units ? [units] : [],
  );
  return r.rows.map((x) => ({ unitCode: x.unit_code, kpi: x.kpi, limit: Number(x.limit_value), email: x.email }));
}

export async function replaceThresholds(q: Queryable, unitCode: string, rows: { kpi: string; limit: number; email: string | null }[], by: string | null): Promise<void> {
  await q.query('DELETE FROM analytics.threshold WHERE unit_code = $1', [unitCode]);
  for (const r of rows)
    await q.query('INSERT INTO analytics.threshold (unit_code, kpi, limit_value, email, updated_by) VALUES ($1, $2, $3, $4, $5)', [unitCode, r.kpi, r.limit, r.email, by]);
}

export interface AlertRow { id: number; unitCode: string; kpi: string; value: number; limit: number; message: string; raisedAt: Date; clearedAt: Date | null }

export async function openAlerts(q: Queryable, units?: string[]): Promise<AlertRow[]> {
  const r = await q.query<Record<string, unknown>>(
    `SELECT id, unit_code, kpi, value, limit_value, message, raised_at, cleared_at FROM analytics.alert WHERE cleared_at IS NULL ${units ? 'AND unit_code = ANY($1::text[])' : ''} ORDER BY raised_at DESC, id DESC`,
    units ? [units] : [],
  );
  return r.rows.map((x) => ({ id: Number(x.id), unitCode: String(x.unit_code), kpi: String(x.kpi), value: Number(x.value), limit: Number(x.limit_value), message: String(x.message), raisedAt: x.raised_at as Date, clearedAt: (x.cleared_at as Date | null) ?? null }));
}

/** Opens an alert unless one is open for that unit and KPI; true when it was opened now. */
export async function raiseAlert(q: Queryable, a: { unitCode: string; kpi: string; value: number; limit: number; message: string; at: Date }): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO analytics.alert (unit_code, kpi, value, limit_value, message, raised_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unit_code, kpi) WHERE cleared_at IS NULL DO NOTHING RETURNING id`,
    [a.unitCode, a.kpi, a.value, a.limit, a.message, a.at.toISOString()],
  );
  return r.rows.length > 0;
}

export async function clearAlert(q: Queryable, unitCode: string, kpi: string, at: Date): Promise<void> {
  await q.query('UPDATE analytics.alert SET cleared_at = $3 WHERE unit_code = $1 AND kpi = $2 AND cleared_at IS NULL', [unitCode, kpi, at.toISOString()]);
}
