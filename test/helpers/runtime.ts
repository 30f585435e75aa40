import { after } from 'node:test';
import { loadConfig } from '../../src/platform/config.ts';
import { buildApp, openRuntime, seed, type Runtime } from '../../src/main.ts';
import { createLogger } from '../../src/platform/logger.ts';
import type { App } from '../../src/platform/http.ts';
import { freshDb } from './db.ts';

/**
 * A whole platform on a fresh database for one test file: migrations applied, reference data (and the
 * demo province, when asked) seeded, HTTP app built but not listening (use app.inject). Closed after the file.
 */
export async function testRuntime(opts: { demo?: boolean; reference?: boolean; env?: Record<string, string> } = {}): Promise<{ rt: Runtime; app: App }> {
  const { db, drop } = await freshDb();
  // the demo's in-process stand-in for DVCQG (ADR 0135) is off unless a test asks for it (DVCQG_DEMO=true) or
  // connects a DVCQG sandbox: a test's figures and versions are those of its own choices
  const config = loadConfig({ DATA_DIR: './tmp/test-data', LOG_LEVEL: 'silent', DVCQG_DEMO: 'false', ...opts.env });
  const rt = await openRuntime(config, { db, log: createLogger('silent') });
  if (opts.reference !== false) await seed(rt, { demo: opts.demo ?? false });
  const app = await buildApp(rt);
  after(async () => {
    await app.close();
    await rt.close();
    await drop();
  });
  return { rt, app };
}
