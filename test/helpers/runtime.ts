import { after } from 'node:test';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp, openRuntime, seed, type Runtime } from '../../src/main.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { App } from '../../src/platform/http.ts';
import { openPostgres } from '../../src/platform/db.ts';
import { freshDb, seededDb } from './db.ts';

/**
 * A whole platform on a fresh database for one test file: migrations applied, reference data (and the
 * demo province, when asked) seeded, HTTP app built but not listening (use app.inject). Closed after the file.
 */
export async function testRuntime(opts: { demo?: boolean; reference?: boolean; env?: Record<string, string> } = {}): Promise<{ rt: Runtime; app: App }> {
  // the demo's in-process stand-in for DVCQG (ADR 0135) is off unless a test asks for it (DVCQG_DEMO=true) or
  // connects a DVCQG sandbox: a test's figures and versions are those of its own choices
  const config = loadConfig({ DATA_DIR: './tmp/test-data', LOG_LEVEL: 'silent', DVCQG_DEMO: 'false', ...opts.env });
  const log = createLogger('silent');
  // the migrated database with its reference data is made once and copied for each file (seededDb): seeding
  // again below checks it in a fraction of a second and adds the demo when asked. A file with settings of its
  // own (a data folder, a sandbox's address) starts from an empty database as before: its copy would serve no one
  const { db, drop } =
    opts.reference === false || (opts.env && Object.keys(opts.env).length)
      ? await freshDb()
      : await seededDb('reference', async (fresh) => {
          const built = await openRuntime(config, { db: fresh, log });
          await seed(built, { demo: false });
          await built.close();
        });
  const rt = await openRuntime(config, { db, log });
  if (opts.reference !== false) await seed(rt, { demo: opts.demo ?? false });
  const app = await buildApp(rt);
  after(async () => {
    await app.close();
    await rt.close();
    await drop();
  });
  return { rt, app };
}

/**
 * Another instance of the platform on the database of `rt`, as a second server would be: on PostgreSQL its
 * own connection pool to the same database; on PGlite (one process only) the same database object. Its own
 * modules, services and in-memory state. Close it before the file ends (its pool before the database is dropped).
 */
export async function secondInstance(rt: Runtime): Promise<{ rt: Runtime; app: App; close: () => Promise<void> }> {
  const db =
    rt.ctx.db.engine === 'postgres'
      ? await openPostgres(Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: '/' + (await rt.ctx.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d }).toString(), 4)
      : rt.ctx.db;
  const other = await openRuntime(rt.ctx.config, { db, log: createLogger('silent') });
  const app = await buildApp(other);
  return {
    rt: other,
    app,
    close: async () => {
      await app.close();
      await other.close();
      if (db !== rt.ctx.db) await db.close();
    },
  };
}
