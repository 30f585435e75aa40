import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has defaults for a fresh machine (embedded database, port 3000)', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, undefined);
    assert.match(c.dataDir, /data$/);
    assert.equal(c.logLevel, 'info');
  });
  it('rejects bad values with a message naming the variable', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.issues.length, 3);
        assert.match(err.message, /PORT/);
        assert.match(err.message, /DATABASE_URL: phải là một URL postgres/);
        assert.match(err.message, /LOG_LEVEL/);
        return true;
      },
    );
  });
});
