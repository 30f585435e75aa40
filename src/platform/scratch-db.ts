import crypto from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Db } from './db.ts';

/**
 * A throw-away database on a PostgreSQL server (tests and benchmarks): created under a unique name next to
 * the database of `adminUrl` (a copy of `template` when one is named), dropped — with any connection still
 * open — by `drop()`.
 */
export async function createScratchPostgres(adminUrl: string, prefix: string, poolSize = 8, template?: string): Promise<{ db: Db; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = (sql: string) => onServer(adminUrl, (c) => c.query(sql));
  await admin(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const u = new URL(adminUrl);
  u.pathname = '/' + name;
  const db = await openPostgres(u.toString(), poolSize);
  return {
    db,
    url: u.toString(),
    drop: async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs fn on one connection to the server of `adminUrl` (to create, copy or drop databases), closed afterwards. */
export async function onServer<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
