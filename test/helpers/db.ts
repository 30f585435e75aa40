import crypto from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Db } from '../../src/platform/db.ts';

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or — when TEST_DATABASE_URL
 * is set — a new database on that PostgreSQL server, created here and dropped by `drop()`.
 */
export async function freshDb(): Promise<{ db: Db; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const name = `lt_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = '/' + name;
  const db = await openPostgres(u.toString(), 8);
  return {
    db,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
