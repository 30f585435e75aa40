import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { freshDb } from '../../test/helpers/db.ts';
import { migrate, pendingMigrations, type Migration } from './migrations.ts';

const m = (id: string, sql: string): Migration => ({ id, sql, checksum: id + sql.length });

describe('migrations', async () => {
  const { db, drop } = await freshDb();
  after(drop);

  it('runs dollar-quoted function bodies', async () => {
    await migrate(db, [m('f/001_fn.sql', `CREATE SCHEMA f;\nCREATE FUNCTION f.noop() RETURNS trigger AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;`)]);
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'noop'`);
    assert.equal(r.rows[0]!.n, 1);
  });

  it('applies once, records, and is idempotent', async () => {
    const list = [m('t/001_a.sql', 'CREATE SCHEMA t; CREATE TABLE t.a (x int);'), m('t/002_b.sql', 'INSERT INTO t.a VALUES (1);')];
    assert.deepEqual(await migrate(db, list), ['t/001_a.sql', 't/002_b.sql']);
    assert.deepEqual(await migrate(db, list), []);
    assert.deepEqual(await pendingMigrations(db, list), []);
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t.a')).rows[0]!.n, 1);
  });

  it('refuses an applied migration whose file changed', async () => {
    await assert.rejects(() => migrate(db, [m('t/001_a.sql', 'CREATE SCHEMA t; CREATE TABLE t.a (x int, y int);')]), /checksum khác/);
  });

  it('rolls back a failing migration completely', async () => {
    const bad = [m('t/003_bad.sql', 'CREATE TABLE t.b (x int);\nINSERT INTO t.nope VALUES (1);')];
    await assert.rejects(() => migrate(db, bad));
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 't' AND table_name = 'b'`);
    assert.equal(r.rows[0]!.n, 0);
    assert.deepEqual(await pendingMigrations(db, bad), ['t/003_bad.sql']);
  });
});
