import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Configuration is read once, validated, in src/platform/config.ts (issue 9 §6): no other production file
 * reads `process.env`. Modules validate their own settings from `config.env`, the variables the validated
 * configuration was loaded from.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Reads that remain in other areas, reported to their owners; remove a line when its read is gone. */
const PENDING: Record<string, string> = {
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('testing.ts') ? [p] : [];
  });
}

describe('configuration is read only through the validated config', () => {
  it('has no process.env outside src/platform/config.ts (but the pending reads of other areas)', () => {
    const readers = sources(path.join(root, 'src'))
      .filter((f) => /process\.env\b/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f).split(path.sep).join('/'))
      .filter((f) => f !== 'src/platform/config.ts');
    const unexpected = readers.filter((f) => !(f in PENDING));
    assert.deepEqual(unexpected, [], `read configuration from the validated config (ctx.config / config.env), not process.env: ${unexpected.join(', ')}`);
    const gone = Object.keys(PENDING).filter((f) => !readers.includes(f));
    if (gone.length) console.log(`# no longer read process.env (remove them from PENDING in test/config-reads.test.ts): ${gone.join(', ')}`);
  });
});
