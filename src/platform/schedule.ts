/**
 * A background job run every `everyMs` (and at once when `immediately`), one run at a time. A tick that
 * comes while a run is still going does not overlap it and does not pile up either: it asks for one more
 * run right after the current one (however many ticks came meanwhile). `now()` asks for a run the same
 * way, for jobs woken by something other than the clock. Failures go to `onError` and never stop the
 * schedule. The returned function stops it and waits for the run in flight (modules return it from
 * `start`); nothing runs after it resolves.
 */
export type Schedule = (() => Promise<void>) & { now(): void };

export function runEvery(opts: { everyMs: number; immediately?: boolean; job: () => Promise<unknown>; onError: (err: unknown) => void }): Schedule {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const request = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = opts
      .job()
      .then(() => undefined, opts.onError)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          request();
        }
      });
  };
  if (opts.immediately) request();
  const timer = setInterval(request, opts.everyMs);
  timer.unref();
  const stop = async (): Promise<void> => {
    stopped = true;
    again = false;
    clearInterval(timer);
    while (running) await running;
  };
  return Object.assign(stop, { now: request });
}
