import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runEvery } from './schedule.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runEvery', () => {
  it('runs at once when asked, never two runs at a time, keeps going after a failure, and stop waits for the run in flight', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const errors: unknown[] = [];
    const stop = runEvery({
      everyMs: 5,
      immediately: true,
      job: async () => {
        runs++;
        active++;
        most = Math.max(most, active);
        await sleep(20); // longer than the interval: the next run must wait
        active--;
        if (runs === 2) throw new Error('boom');
      },
      onError: (err) => errors.push(err),
    });
    assert.equal(runs, 1, 'the first run starts at once');
    while (runs < 4) await sleep(5);
    await stop();
    assert.equal(most, 1, 'runs never overlap');
    assert.equal(active, 0, 'stop waited for the run in flight');
    assert.equal(errors.length, 1, 'the failure was reported and the schedule went on');
    const after = runs;
    await sleep(30);
    assert.equal(runs, after, 'nothing runs after stop');
  });

  it('waits for the first interval when not asked to run at once', async () => {
    let runs = 0;
    const stop = runEvery({ everyMs: 60_000, job: async () => void runs++, onError: () => undefined });
    await sleep(10);
    await stop();
    assert.equal(runs, 0);
  });
});

describe('runEvery: ticks and now() during a run', () => {
  it('many requests during one run give exactly one more run, not a queue', async () => {
    let runs = 0;
    let release!: () => void;
    const stop = runEvery({
      everyMs: 60_000,
      job: () => {
        runs++;
        return runs === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
      onError: () => undefined,
    });
    stop.now();
    for (let i = 0; i < 10; i++) stop.now();
    assert.equal(runs, 1, 'the requests during the run did not start another run');
    release();
    await sleep(10);
    assert.equal(runs, 2, 'one run followed for all the requests that came meanwhile');
    await stop();
    stop.now();
    await sleep(5);
    assert.equal(runs, 2, 'nothing runs after stop');
  });
});
