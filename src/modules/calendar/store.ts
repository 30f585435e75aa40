/** SQL for the calendar module's tables (schema `calendar`). */
import type { Queryable } from '../../platform/db.ts';
import type { CalendarSettings, DayOverride, YearOrigin } from './types.ts';

interface DayRow {
  date: string;
  kind: DayOverride['kind'];
  name: string;
  legal_basis: string | null;
  confidence: DayOverride['confidence'];
  source: string;
}

const toDay = (r: DayRow): DayOverride => ({ date: r.date, kind: r.kind, name: r.name, legalBasis: r.legal_basis, confidence: r.confidence, source: r.source });

const DAY_COLS = `date::text AS date, kind, name, legal_basis, confidence, source`;

export async function listDays(q: Queryable, year?: number): Promise<DayOverride[]> {
  const r =
    year === undefined
      ? await q.query<DayRow>(`SELECT ${DAY_COLS} FROM calendar.day_override ORDER BY date`)
      : await q.query<DayRow>(`SELECT ${DAY_COLS} FROM calendar.day_override WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1) ORDER BY date`, [year]);
  return r.rows.map(toDay);
}

export async function getDay(q: Queryable, date: string): Promise<DayOverride | null> {
  const r = await q.query<DayRow>(`SELECT ${DAY_COLS} FROM calendar.day_override WHERE date = $1::date`, [date]);
  return r.rows[0] ? toDay(r.rows[0]) : null;
}

export interface YearScheduleRow {
  year: number;
  origin: YearOrigin;
  source: string;
}

export async function listYears(q: Queryable, opts: { forUpdate?: boolean } = {}): Promise<YearScheduleRow[]> {
  const r = await q.query<YearScheduleRow>(`SELECT year, origin, source FROM calendar.year_schedule ORDER BY year${opts.forUpdate ? ' FOR UPDATE' : ''}`);
  return r.rows;
}

export async function getYear(q: Queryable, year: number): Promise<YearScheduleRow | null> {
  const r = await q.query<YearScheduleRow>(`SELECT year, origin, source FROM calendar.year_schedule WHERE year = $1 FOR UPDATE`, [year]);
  return r.rows[0] ?? null;
}

/** Inserts many days in one statement. */
export async function insertDays(q: Queryable, days: readonly DayOverride[], by: string | null): Promise<void> {
  if (!days.length) return;
  await q.query(
    `INSERT INTO calendar.day_override (date, kind, name, legal_basis, confidence, source, updated_by)
     SELECT d::date, k, n, l, c, s, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(d, k, n, l, c, s)`,
    [days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name), days.map((d) => d.legalBasis), days.map((d) => d.confidence), days.map((d) => d.source), by],
  );
}

/** Replaces every day of a year and records where the year now comes from. */
export async function replaceYear(q: Queryable, year: number, origin: YearOrigin, source: string, days: readonly DayOverride[], by: string | null): Promise<void> {
  await q.query(`DELETE FROM calendar.day_override WHERE date >= make_date($1, 1, 1) AND date < make_date($1 + 1, 1, 1)`, [year]);
  await insertDays(q, days, by);
  await setYear(q, year, origin, source);
}

export async function setYear(q: Queryable, year: number, origin: YearOrigin, source: string): Promise<void> {
  await q.query(
    `INSERT INTO calendar.year_schedule (year, origin, source) VALUES ($1, $2, $3)
     ON CONFLICT (year) DO UPDATE SET origin = EXCLUDED.origin, source = EXCLUDED.source, updated_at = now()`,
    [year, origin, source],
  );
}

export async function upsertDay(q: Queryable, d: DayOverride, by: string | null): Promise<void> {
  await q.query(
    `INSERT INTO calendar.day_override (date, kind, name, legal_basis, confidence, source, updated_by)
     VALUES ($1::date, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, legal_basis = EXCLUDED.legal_basis,
       confidence = EXCLUDED.confidence, source = EXCLUDED.source, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [d.date, d.kind, d.name, d.legalBasis, d.confidence, d.source, by],
  );
}

export async function deleteDay(q: Queryable, date: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM calendar.day_override WHERE date = $1::date`, [date]);
  return r.rowCount > 0;
}

export async function getSettings(q: Queryable): Promise<Partial<CalendarSettings> | null> {
  const r = await q.query<{ value: Partial<CalendarSettings> }>(`SELECT value FROM calendar.setting WHERE id`);
  return r.rows[0]?.value ?? null;
}

export async function saveSettings(q: Queryable, s: CalendarSettings, by: string | null): Promise<void> {
  await q.query(
    `INSERT INTO calendar.setting (id, value, updated_by) VALUES (true, $1::jsonb, $2)
     ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [JSON.stringify(s), by],
  );
}

/** Serialises writes to the schedule (the reference seed, edits, imports) across transactions and processes. */
export async function lockSchedule(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [727_101]);
}
