/**
 * A background job run every `everyMs` (and at once when `immediately`), one run at a time: a run that
 * is still going when the next is due makes the next wait instead of overlapping it. Its failures go to
 * `onError` and never stop the schedule. The returned function stops it and waits for the run in flight
 * (modules return it from `start`).
 */
export function runEvery(opts: { everyMs: number; immediately?: boolean; job: () => Promise<unknown>; onError: (err: unknown) => void }): () => Promise<void> {
  const run = () => opts.job().then(() => undefined, opts.onError);
  let running: Promise<void> = opts.immediately ? run() : Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(run);
  }, opts.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
