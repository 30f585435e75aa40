import { openPostgres } from './src/platform/db.ts';
import * as store from './src/modules/analytics/store.ts';
const db = await openPostgres(process.env.DATABASE_URL!, 2);
for (const jit of ['on', 'off', 'on', 'off']) {
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    await tx.query(`SET LOCAL jit = ${jit}`);
    await store.rebuildCounters(tx);
    throw Object.assign(new Error('rollback'), { rollback: true });
  }).catch((e) => { if (!e.rollback) throw e; });
  console.log('jit', jit, ((performance.now() - t0) / 1000).toFixed(2), 's');
}
await db.close();
