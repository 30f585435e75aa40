import { openPglite, type Db } from '../../src/platform/db.ts';
import { createScratchPostgres } from '../../src/platform/scratch-db.ts';

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
  const { db, drop } = await createScratchPostgres(url, 'lt_test');
  return { db, drop };
}
