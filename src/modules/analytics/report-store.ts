/** SQL of the monthly report e-mail: recipients per unit and the record of what was sent (migrations/003). */
import type { Queryable } from '../../platform/db.ts';

export async function recipients(q: Queryable, units?: string[]): Promise<{ unitCode: string; email: string }[]> {
  const r = await q.query<{ unit_code: string; email: string }>(
    `SELECT unit_code, email FROM analytics.report_recipient ${units ? 'WHERE unit_code = ANY($1::text[])' : ''} ORDER BY unit_code, email`,
    units ? [units] : [],
  );
  return r.rows.map((x) => ({ unitCode: x.unit_code, email: x.email }));
}

export async function replaceRecipients(q: Queryable, unitCode: string, emails: string[], by: string | null): Promise<void> {
  await q.query('DELETE FROM analytics.report_recipient WHERE unit_code = $1', [unitCode]);
  for (const e of emails) await q.query('INSERT INTO analytics.report_recipient (unit_code, email, updated_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [unitCode, e, by]);
}

/** Records that a unit's report of a month is sent; false when it was already (nothing written). */
export async function recordDispatch(q: Queryable, unitCode: string, periodKey: string, at: Date, count: number): Promise<boolean> {
  const r = await q.query(
    'INSERT INTO analytics.report_dispatch (unit_code, period_key, sent_at, recipients) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [unitCode, periodKey, at, count],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function dispatched(q: Queryable, periodKey: string): Promise<Set<string>> {
  const r = await q.query<{ unit_code: string }>('SELECT unit_code FROM analytics.report_dispatch WHERE period_key = $1', [periodKey]);
  return new Set(r.rows.map((x) => x.unit_code));
}
