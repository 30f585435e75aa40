// Development only: starts a worker thread written in TypeScript when the platform runs from its sources
// (tests, benchmarks, `tsx`). It registers the TypeScript loader in the thread, then imports the worker file
// named in workerData.file. The production build runs the compiled .js worker directly and never uses this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.file);
