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
import { standardiseRow } from './domain/pipeline.ts';
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
  if (!withMatcher) {
    const rows = job.rows.map((row) => standardiseRow(row, mapping, { matcher: null, today }));
    return finish(job, rows);
  }
  finish(job, await lookups.standardise(job.rows, mapping, today));
}

function finish(job: Extract<ToWorker, { type: 'job' }>, results: ReturnType<typeof standardiseRow>[]): void {
  if (job.output === 'full') {
    send({ type: 'done', id: job.id, output: 'full', results, hashes: job.rows.map(hashRaw) });
    return;
  }
  const ids: string[] = [];
  const records: MatchRecord[] = [];
  let rejected = 0;
  for (const s of results) {
    if (!s.ok || s.entity !== 'person') continue;
    for (const i of s.issues) if (i.severity === 'rejected') rejected++;
    ids.push(s.recordId);
    records.push(toMatchRecord(s.person));
  }
  send({ type: 'done', id: job.id, output: 'match', ids, records, rejected });
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
