/**
 * A standardisation worker thread (parallel.ts starts them): rows in, standardised rows out. It has no units
 * service: the addresses its rows need are asked of the main thread's matcher, once each (domain/lookups.ts).
 * Jobs are taken one at a time, in the order they come.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MatchOutcome } from '../units/index.ts';
import { AddressLookups } from './domain/lookups.ts';
import { toMatchRecord, type MatchRecord } from './domain/match.ts';
import type { Mapping } from './domain/mapping.ts';
import { standardiseRow, type Standardised } from './domain/pipeline.ts';
import { hashRaw } from './raw-hash.ts';
import type { ToMain, ToWorker } from './parallel.ts';

const port = parentPort!;
const { today, withMatcher } = workerData as { today?: string; withMatcher: boolean };
let asked = 0;
const waiting = new Map<number, (answers: MatchOutcome[]) => void>();
const send = (m: ToMain) => port.postMessage(m);
const lookups = new AddressLookups(
  (addresses) =>
    new Promise((resolve) => {
      const id = ++asked;
      waiting.set(id, resolve);
      send({ type: 'lookup', id, addresses });
    }),
);

async function run(job: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  const mapping = job.mapping as Mapping;
  const opts = { matcher: null, today };
  if (job.output === 'full') {
    const results = withMatcher ? await lookups.standardise(job.rows, mapping, today) : job.rows.map((row) => standardiseRow(row, mapping, opts));
    send({ type: 'done', id: job.id, output: 'full', results, hashes: job.rows.map(hashRaw) });
    return;
  }
  // only the match record of each row is kept, as soon as the row is standardised
  const kept = withMatcher ? await lookups.standardiseEach(job.rows, mapping, today, toKept) : job.rows.map((row) => toKept(standardiseRow(row, mapping, opts)));
  const ids: string[] = [];
  const records: MatchRecord[] = [];
  let rejected = 0;
  for (const k of kept) {
    if (!k) continue;
    ids.push(k.id);
    records.push(k.record);
    rejected += k.rejected;
  }
  send({ type: 'done', id: job.id, output: 'match', ids, records, rejected });
}

/** What the benchmark's output keeps of a row: a person's id, match record and count of rejected values. */
function toKept(s: Standardised): { id: string; record: MatchRecord; rejected: number } | null {
  if (!s.ok || s.entity !== 'person') return null;
  let rejected = 0;
  for (const i of s.issues) if (i.severity === 'rejected') rejected++;
  return { id: s.recordId, record: toMatchRecord(s.person), rejected };
}

let queue = Promise.resolve();
port.on('message', (m: ToWorker) => {
  if (m.type === 'answers') {
    const resolve = waiting.get(m.id);
    waiting.delete(m.id);
    resolve?.(m.outcomes);
    return;
  }
  queue = queue.then(() => run(m)).catch((e: unknown) => send({ type: 'failed', id: m.id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
});
send({ type: 'ready' });
