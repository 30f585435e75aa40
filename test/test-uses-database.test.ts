// The PostgreSQL pass runs only the test files that can open a database (scripts/test-uses-database.mjs):
// a file that reaches the database layer through other files counts, a type-only import does not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error a plain ES module of the test tooling, without types
import { databaseUsers } from '../scripts/test-uses-database.mjs';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-uses-db-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('which test files can open a database', () => {
  const root = tree({
    'src/platform/db.ts': 'export const openDb = 1;',
    'src/service.ts': "import { openDb } from './platform/db.ts';\nexport const s = openDb;",
    'src/domain/pure.ts': "import type { Db } from '../platform/db.ts';\nexport type X = Db;\nexport const pure = 2;",
    'src/domain/index.ts': "export { pure } from './pure.ts';",
    'src/lazy.ts': "export async function f() { return import('./service.ts'); }",
    'src/cycle-a.ts': "import './cycle-b.ts';",
    'src/cycle-b.ts': "import { pure } from './domain/index.ts';\nimport './cycle-a.ts';",
    'test/through-service.test.ts': "import { s } from '../src/service.ts';",
    'test/pure.test.ts': "import { pure } from '../src/domain/index.ts';\nimport assert from 'node:assert';",
    'test/type-only.test.ts': "import type { Db } from '../src/platform/db.ts';\nexport type { Db } from '../src/platform/db.ts';",
    'test/dynamic.test.ts': "import { f } from '../src/lazy.ts';",
    'test/driver.test.ts': "import pg from 'pg';",
    'test/env.test.ts': 'const url = process.env.TEST_DATABASE_URL;',
    'test/cycle.test.ts': "import '../src/cycle-a.ts';",
    'test/directory.test.ts': "import { pure } from '../src/domain';",
    'src/loop-a.ts': "import './loop-b.ts';\nimport './service.ts';",
    'src/loop-b.ts': "import './loop-a.ts';",
    'test/loop-a-first.test.ts': "import '../src/loop-a.ts';",
    'test/loop-b-later.test.ts': "import '../src/loop-b.ts';",
  });
  const uses = databaseUsers(root);

  it('counts a file that reaches the database layer through other files, statically or by import()', () => {
    assert.equal(uses('test/through-service.test.ts'), true);
    assert.equal(uses('test/dynamic.test.ts'), true);
  });
  it('counts a database driver and the name TEST_DATABASE_URL', () => {
    assert.equal(uses('test/driver.test.ts'), true);
    assert.equal(uses('test/env.test.ts'), true);
  });
  it('does not count pure code, type-only imports, cycles without the database, or a folder index', () => {
    assert.equal(uses('test/pure.test.ts'), false);
    assert.equal(uses('test/type-only.test.ts'), false);
    assert.equal(uses('test/cycle.test.ts'), false);
    assert.equal(uses('test/directory.test.ts'), false);
  });
  it('counts a file met again in a cycle by what the rest of the cycle reaches, whatever file asked first', () => {
    assert.equal(uses('test/loop-a-first.test.ts'), true);
    assert.equal(uses('test/loop-b-later.test.ts'), true);
  });
  it('counts a file it cannot read', () => {
    assert.equal(uses('test/missing.test.ts'), true);
  });
});
