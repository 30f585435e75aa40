/**
 * The producer of bench/events.ts, in a process of its own (as the platform's request handlers would be
 * beside its relay): commits `events` dossier events at `rate` events/s, `perTx` per transaction, at most
 * `writers` transactions in flight (open loop: a transaction starts when its time comes; beyond `writers`
 * they queue, and the achieved commit rate says so). Sends its parent { ids, at } for each transaction —
 * `at` taken just before COMMIT is sent, on the clock both processes share (performance.timeOrigin + now) —
 * then { done, t0, t1 }.
 */
import { openPostgres } from '../src/platform/db.ts';
import { emitEvent } from '../src/platform/outbox.ts';

const o = JSON.parse(process.argv[2]!) as { url: string; rate: number; events: number; perTx: number; writers: number; province: string; dossiers: number };
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const db = await openPostgres(o.url, o.writers);
  const txs = o.events / o.perTx;
  const intervalMs = (1000 * o.perTx) / o.rate;
  let inFlight = 0;
  const queued: (() => void)[] = [];
  const slot = async () => {
    if (inFlight < o.writers) return void inFlight++;
    await new Promise<void>((r) => queued.push(r));
  };
  const free = () => {
    const next = queued.shift();
    if (next) next();
    else inFlight--;
  };
  const commitOne = async (n: number) => {
    await slot();
    try {
      let at = 0;
      const ids = await db.transaction(async (tx) => {
        const out: string[] = [];
        for (let i = n * o.perTx; i < (n + 1) * o.perTx; i++) {
          const code = `H${o.province}.BENCH-${String(i % o.dossiers).padStart(4, '0')}`;
          out.push(await emitEvent(tx, { type: 'dossiers.dossier.forwarded', aggregateType: 'dossier', aggregateId: code, payload: { code, version: Math.floor(i / o.dossiers) + 1, toStatus: 'processing', provinceCode: o.province, applicant: { fullName: 'không gửi ra ngoài' } } }));
        }
        at = now(); // just before COMMIT: the latency includes the commit
        return out;
      });
      process.send!({ ids, at });
    } finally {
      free();
    }
  };
  const t0 = now();
  const all: Promise<void>[] = [];
  for (let n = 0; n < txs; n++) {
    const wait = t0 + n * intervalMs - now();
    if (wait > 1) await sleep(wait);
    all.push(commitOne(n));
  }
  await Promise.all(all);
  const t1 = now();
  await db.close();
  process.send!({ done: true, t0, t1 }, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
