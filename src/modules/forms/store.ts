import type { Queryable } from '../../platform/db.ts';
import type { FormDefinition } from './domain/types.ts';

/** SQL of schema `forms`. Nothing here decides anything. */

export interface StoredForm {
  definition: FormDefinition;
  source: 'builtin' | 'custom';
  digest: string;
  createdAt: Date;
}

interface Row {
  definition: FormDefinition;
  source: 'builtin' | 'custom';
  digest: string;
  created_at: Date | string;
}

const toStored = (r: Row): StoredForm => ({ definition: r.definition, source: r.source, digest: r.digest, createdAt: new Date(r.created_at) });

export async function getVersion(q: Queryable, procedureCode: string, version: number): Promise<StoredForm | null> {
  const r = await q.query<Row>('SELECT definition, source, digest, created_at FROM forms.form_definition WHERE procedure_code = $1 AND version = $2', [procedureCode, version]);
  return r.rows[0] ? toStored(r.rows[0]) : null;
}

export async function latest(q: Queryable, procedureCode: string): Promise<StoredForm | null> {
  const r = await q.query<Row>('SELECT definition, source, digest, created_at FROM forms.form_definition WHERE procedure_code = $1 ORDER BY version DESC LIMIT 1', [procedureCode]);
  return r.rows[0] ? toStored(r.rows[0]) : null;
}

export async function versions(q: Queryable, procedureCode: string): Promise<{ version: number; source: string; createdAt: Date }[]> {
  const r = await q.query<{ version: number; source: string; created_at: Date | string }>('SELECT version, source, created_at FROM forms.form_definition WHERE procedure_code = $1 ORDER BY version', [procedureCode]);
  return r.rows.map((x) => ({ version: Number(x.version), source: x.source, createdAt: new Date(x.created_at) }));
}

/** Inserts a version; false when that version already exists (never overwritten). */
export async function insert(q: Queryable, def: FormDefinition, source: 'builtin' | 'custom', digest: string, createdBy: string | null): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO forms.form_definition (procedure_code, version, source, definition, digest, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (procedure_code, version) DO NOTHING RETURNING version`,
    [def.procedureCode, def.version, source, JSON.stringify(def), digest, createdBy],
  );
  return r.rows.length > 0;
}
