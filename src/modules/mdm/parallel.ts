/**
 * Standardisation spread over worker threads (ADR 0120): the main thread reads the sources and hands out
 * chunks of rows; each worker maps and standardises them and sends back either the whole standardised rows
 * (a run keeps them) or only their match records (the benchmark). Addresses are converted by the main
 * thread's matcher, asked for by the workers once per distinct address part and cached on both sides, so a
 * worker needs no units service and every worker sees the same answers.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AddressMatcher, MatchOutcome } from '../units/index.ts';
import type { MatchRecord } from './domain/match.ts';
import type { Mapping } from './domain/mapping.ts';
import type { Standardised } from './domain/pipeline.ts';

export type ToWorker =
  | { type: 'job'; id: number; mapping: Mapping; rows: Record<string, unknown>[]; output: 'full' | 'match' }
  | { type: 'answers'; id: number; outcomes: MatchOutcome[] };

export type FullChunk = { output: 'full'; results: Standardised[]; hashes: string[] };
export type MatchChunk = { output: 'match'; ids: string[]; records: MatchRecord[]; rejected: number };

export type ToMain =
  | { type: 'ready' }
  | { type: 'lookup'; id: number; addresses: string[] }
  | ({ type: 'done'; id: number } & (FullChunk | MatchChunk))
  | { type: 'failed'; id: number; message: string };

/** Worker threads a run uses by default: the machine's cores (at most 4: reading and writing stay on the main thread). */
export function defaultWorkers(configured?: number): number {
  return configured ?? Math.min(4, os.availableParallelism());
}

function spawn(today: string | undefined, withMatcher: boolean): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './standardise-worker.ts' : './standardise-worker.js', import.meta.url);
  if (url.pathname.endsWith('.ts')) {
    // running from the TypeScript sources (tests, benchmark, `tsx`): a development-only starter outside src/
    // registers the TypeScript loader in the thread, then imports the worker (the build has the .js worker)
    return new Worker(new URL('../../../scripts/ts-worker.mjs', import.meta.url), { workerData: { today, withMatcher, file: url.href } });
  }
  return new Worker(url, { workerData: { today, withMatcher } });
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class StandardisePool {
  private readonly pending = new Map<number, { resolve: (c: FullChunk | MatchChunk) => void; reject: (e: Error) => void }>();
  private readonly answers = new Map<string, MatchOutcome>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly slots: Slot[],
    private readonly matcher: AddressMatcher | null,
  ) {
    for (const slot of slots) {
      slot.worker.on('message', (m: ToMain) => this.onMessage(slot, m));
      slot.worker.on('error', (e) => this.fail(e));
      slot.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`mdm worker exited with code ${code}`));
      });
    }
  }

  /** Starts `workers` threads (each ready before this resolves). */
  static async start(opts: { workers: number; matcher: AddressMatcher | null; today?: string }): Promise<StandardisePool> {
    const workers = Array.from({ length: Math.max(1, opts.workers) }, () => spawn(opts.today, opts.matcher !== null));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              const onMessage = (m: ToMain) => {
                if (m.type !== 'ready') return;
                w.off('message', onMessage);
                w.off('error', reject);
                resolve();
              };
              w.on('message', onMessage);
              w.once('error', reject);
            }),
        ),
      );
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new StandardisePool(
      workers.map((worker) => ({ worker, busy: 0 })),
      opts.matcher,
    );
  }

  get size(): number {
    return this.slots.length;
  }

  /** Standardises rows of one source on the least busy worker; the answer keeps the rows' order. */
  run(mapping: Mapping, rows: Record<string, unknown>[], output: 'full'): Promise<FullChunk>;
  run(mapping: Mapping, rows: Record<string, unknown>[], output: 'match'): Promise<MatchChunk>;
  run(mapping: Mapping, rows: Record<string, unknown>[], output: 'full' | 'match'): Promise<FullChunk | MatchChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = ++this.nextId;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ type: 'job', id, mapping, rows, output } satisfies ToWorker);
    });
  }

  private onMessage(slot: Slot, m: ToMain): void {
    if (m.type === 'lookup') {
      const outcomes = m.addresses.map((a) => {
        let r = this.answers.get(a);
        if (!r) {
          r = this.matcher!.convert(a);
          this.answers.set(a, r);
        }
        return r;
      });
      slot.worker.postMessage({ type: 'answers', id: m.id, outcomes } satisfies ToWorker);
      return;
    }
    if (m.type !== 'done' && m.type !== 'failed') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    slot.busy--;
    if (m.type === 'failed') p.reject(new Error(m.message));
    else {
      const { type: _t, id: _i, ...chunk } = m;
      p.resolve(chunk);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
