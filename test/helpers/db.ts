import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite, openPostgres, type Db } from '../../src/platform/db.ts';
import { createScratchPostgres, onServer } from '../../src/platform/scratch-db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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

/**
 * A fresh database for one test file that starts as `build` leaves an empty one (migrated and seeded, say),
 * without running `build` in every file: the first file to ask builds it once and keeps a copy — a PGlite
 * dump in the system's temporary folder, or a template database on the PostgreSQL server (`CREATE DATABASE …
 * TEMPLATE`, dropped with the test databases by .ci/run) — and the others start from the copy. The copy is
 * named after `kind` and a hash of everything that can change what `build` makes: the platform's sources
 * (tests excepted) and the shipped reference data. `build` must not close the database.
 */
export async function seededDb(kind: string, build: (db: Db) => Promise<void>): Promise<{ db: Db; drop: () => Promise<void> }> {
  const key = `${kind}_${sourcesHash().slice(0, 16)}`;
  const url = process.env.TEST_DATABASE_URL;
  return url ? seededPostgres(url, key, build) : seededPglite(key, build);
}

async function seededPglite(key: string, build: (db: Db) => Promise<void>): Promise<{ db: Db; drop: () => Promise<void> }> {
  const file = path.join(TEST_CACHE, `${key}.tar.gz`);
  if (fs.existsSync(file)) {
    const db = await openPglite(undefined, { from: new Blob([fs.readFileSync(file)]) });
    return { db, drop: () => db.close() };
  }
  const db = await openPglite();
  await build(db);
  const dump = Buffer.from(await (await db.dumpDataDir!()).arrayBuffer());
  // written beside, then renamed: a file reading it at the same moment sees the whole copy or none
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, dump);
  fs.renameSync(tmp, file);
  forgetOldCopies(path.dirname(file));
  return { db, drop: () => db.close() };
}

async function seededPostgres(adminUrl: string, key: string, build: (db: Db) => Promise<void>): Promise<{ db: Db; drop: () => Promise<void> }> {
  const template = `lt_test_tpl_${key}`.toLowerCase();
  await onServer(adminUrl, async (admin) => {
    // one builder per template across the files running side by side; the others wait for it
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rows.length) return;
      await admin.query(`CREATE DATABASE ${template}`);
      const u = new URL(adminUrl);
      u.pathname = '/' + template;
      const db = await openPostgres(u.toString(), 4);
      try {
        await build(db);
      } catch (err) {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
        throw err;
      }
      await db.close(); // a template has no one connected when it is copied
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
  return createScratchPostgres(adminUrl, 'lt_test', 8, template);
}

/** The test cache folder (PGlite dumps, seeded data directories): copies older than a day are removed. */
export const TEST_CACHE = path.join(os.tmpdir(), 'lienthong-test-cache');

/** Removes the copies made more than a day ago (of sources since changed, most likely). */
export function forgetOldCopies(dir = TEST_CACHE): void {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { recursive: true, force: true });
  }
}

let hash: string | undefined;
/** A hash of the platform's sources (tests excepted) and of the shipped reference data, read once per process. */
export function sourcesHash(): string {
  if (hash) return hash;
  const h = crypto.createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) {
        h.update(path.relative(root, p));
        h.update(fs.readFileSync(p));
      }
    }
  };
  for (const dir of ['src', 'reference']) walk(path.join(root, dir));
  return (hash = h.digest('hex'));
}
