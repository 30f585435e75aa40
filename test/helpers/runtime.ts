import { after } from 'node:test';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp, openRuntime, seed, type Runtime } from '../../src/main.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { App } from '../../src/platform/http.ts';
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
