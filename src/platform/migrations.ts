import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';

/**
 * Versioned SQL migrations. Each module keeps its own `migrations/NNN_name.sql` files; they are applied in
 * module order (the order of `src/modules/index.ts`), then file order, each in its own transaction, and
 * recorded in platform.schema_migrations with a checksum. A changed file that was already applied is an
 * error, never a silent re-run. An advisory lock makes concurrent start-ups on one server safe.
 */
export interface Migration {
  id: string; // "<module>/<file>"
  sql: string;
  checksum: string;
}

export function loadMigrations(modules: { name: string; migrationsDir?: string }[]): Migration[] {
  const out: Migration[] = [];
  for (const m of modules) {
    if (!m.migrationsDir || !fs.existsSync(m.migrationsDir)) continue;
    const files = fs
      .readdirSync(m.migrationsDir)
      .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    for (const f of files) {
      const sql = fs.readFileSync(path.join(m.migrationsDir, f), 'utf8');
      out.push({ id: `${m.name}/${f}`, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') });
    }
  }
  return out;
}

const LOCK_KEY = 727_001; // arbitrary, constant: "lienthong migrations"

export async function migrate(db: Db, migrations: Migration[], onApply?: (id: string) => void): Promise<string[]> {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS platform;
    CREATE TABLE IF NOT EXISTS platform.schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const prev = await tx.query<{ checksum: string }>('SELECT checksum FROM platform.schema_migrations WHERE id = $1', [m.id]);
      if (prev.rows[0]) {
        if (prev.rows[0].checksum !== m.checksum) {
          throw new Error(`Migration ${m.id} đã được áp dụng nhưng nội dung tệp đã thay đổi (checksum khác). Hãy tạo migration mới thay vì sửa migration cũ.`);
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO platform.schema_migrations (id, checksum) VALUES ($1, $2)', [m.id, m.checksum]);
      return true;
    });
    if (done) {
      applied.push(m.id);
      onApply?.(m.id);
    }
  }
  return applied;
}

export async function pendingMigrations(db: Db, migrations: Migration[]): Promise<string[]> {
  try {
    const r = await db.query<{ id: string }>('SELECT id FROM platform.schema_migrations');
    const have = new Set(r.rows.map((x) => x.id));
    return migrations.filter((m) => !have.has(m.id)).map((m) => m.id);
  } catch {
    return migrations.map((m) => m.id);
  }
}
