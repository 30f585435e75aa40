import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { lockDataDir } from './data-lock.ts';

/**
 * One PostgreSQL dialect, two engines: embedded PGlite (default, one connection, stored in DATA_DIR)
 * and a PostgreSQL server through a `pg` pool. Modules only see these interfaces.
 *
 * Conventions that keep both engines alike:
 *  - bigint / count(*) come back as strings from `pg`: cast to ::int in SQL when a number is wanted;
 *  - numeric comes back as a string from both;
 *  - timestamptz comes back as a JS Date from both; date columns come back as 'YYYY-MM-DD' strings.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/** A transaction: queries, plus several statements at once without parameters (migrations). */
export interface Tx extends Queryable {
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A connection of its own, outside the pool and any transaction (session-level advisory locks held
   * while other work runs on the pool). `broken` turns true when the server cuts it (its session locks
   * are gone then). Closed by `close()` or with the database. PGlite has a single session: that one.
   */
  dedicated?(): Promise<DedicatedConnection>;
  /** Calls onNotify for each NOTIFY on `channel` (delivered at commit); returns a function that stops. */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** PGlite only: the whole database as a gzipped tar, which `openPglite(…, { from })` opens again. */
  dumpDataDir?(): Promise<Blob>;
}

export interface DedicatedConnection extends Queryable {
  readonly broken: boolean;
  close(): Promise<void>;
}

const DATE_OID = 1082;

/** Opens PGlite on `dataDir` (in memory without one); `from`: start from a `dumpDataDir()` copy instead of an empty database. */
export async function openPglite(dataDir?: string, opts: { from?: Blob } = {}): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  // one process at a time on the files of a stored database (platform/data-lock.ts)
  const release = dataDir ? lockDataDir(`${dataDir.replace(/[\\/]+$/, '')}.lock`) : () => undefined;
  let lite: PGlite;
  try {
    lite = await PGlite.create({
      dataDir,
      loadDataDir: opts.from,
      extensions: { pg_trgm, unaccent },
      parsers: { [DATE_OID]: (v: string) => v, [pgliteTypes.INT8]: (v: string) => v },
    });
  } catch (err) {
    release();
    throw err;
  }
  const query = async <T>(q: { query: PGlite['query'] }, sql: string, params?: readonly unknown[]) => {
    const r = await q.query<T>(sql, params as unknown[] | undefined);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    engine: 'pglite',
    query: (sql, params) => query(lite, sql, params),
    async exec(sql) {
      await lite.exec(sql);
    },
    transaction: (fn) =>
      lite.transaction((tx) =>
        fn({
          query: (sql, params) => query(tx as unknown as PGlite, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: async () => {
      try {
        await lite.close();
      } finally {
        release();
      }
    },
    dedicated: async () => ({ broken: false, query: (sql, params) => query(lite, sql, params), close: async () => undefined }),
    async listen(channel, onNotify) {
      const stop = await lite.listen(channel, () => onNotify());
      return async () => {
        await stop().catch(() => undefined);
      };
    },
    dumpDataDir: () => lite.dumpDataDir('gzip'),
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  pg.types.setTypeParser(DATE_OID, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {
    /* idle client errors are reported on the next query */
  });
  const wrap = (c: pg.Pool | pg.PoolClient): Tx => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await c.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql); // no parameters: the simple protocol runs several statements
    },
  });
  const ownClients = new Set<pg.Client>(); // LISTEN and dedicated connections, outside the pool
  const db: Db = {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: async () => {
      for (const c of ownClients) await c.end().catch(() => undefined);
      ownClients.clear();
      await pool.end();
    },
    async dedicated() {
      const client = new pg.Client({ connectionString: url });
      let broken = false;
      let queue: Promise<unknown> = Promise.resolve();
      client.on('error', () => {
        broken = true; // the server cut it: the next query fails, and its session locks are gone
      });
      await client.connect();
      ownClients.add(client);
      return {
        get broken() {
          return broken;
        },
        // one query at a time on the connection (callers may share it): each waits for the one before
        query<T>(sql: string, params?: readonly unknown[]) {
          const run = queue.then(async () => {
            try {
              const r = await client.query(sql, params as unknown[] | undefined);
              return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
            } catch (err) {
              broken = true; // a connection in an unknown state is not used again
              throw err;
            }
          });
          queue = run.catch(() => undefined);
          return run;
        },
        async close() {
          ownClients.delete(client);
          await client.end().catch(() => undefined);
        },
      };
    },
    async listen(channel, onNotify) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel ${channel}`);
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined); // polling goes on; the next listen reconnects
      await client.connect();
      client.on('notification', (m) => {
        if (m.channel === channel) onNotify();
      });
      await client.query(`LISTEN ${channel}`);
      ownClients.add(client);
      return async () => {
        ownClients.delete(client);
        await client.end().catch(() => undefined);
      };
    },
  };
  // fail fast with a clear message when the server is unreachable
  await db.query('SELECT 1');
  return db;
}

/**
 * Deletes the rows of `table` (with an `id` key) older than `before` in the `column` timestamp, oldest first —
 * in `orderBy` order, an indexed column that follows time — a few thousand per statement (no long lock, no
 * huge transaction); returns how many. Retention jobs use it.
 */
export async function deleteOlderThan(q: Queryable, table: string, column: string, before: Date, orderBy = column, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await q.query(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${column} < $1 ORDER BY ${orderBy} LIMIT $2)`, [before.toISOString(), batch]);
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < batch) return total;
  }
}

export async function openDb(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number }): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize);
  return openPglite(opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined);
}
