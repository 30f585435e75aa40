import { openPostgres } from './src/platform/db.ts';
import * as store from './src/modules/analytics/store.ts';
const db = await openPostgres(process.env.DATABASE_URL!, 2);
await db.transaction(async (tx) => {
  await tx.query(`SET LOCAL work_mem = '256MB'`);
  await tx.query(`SET LOCAL jit = off`);
  const orig = tx.query.bind(tx);
  (tx as any).query = async (sql: string, p?: unknown[]) => {
    if (sql.startsWith('WITH')) {
      const r = await orig('EXPLAIN (ANALYZE, BUFFERS) ' + sql, p);
      console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
      return r;
    }
    return orig(sql, p);
  };
  await store.rebuildCounters(tx);
  throw Object.assign(new Error('rollback'), { rollback: true });
}).catch((e) => { if (!e.rollback) throw e; });
await db.close();
