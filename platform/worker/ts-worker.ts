import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// Worker threads that run the TypeScript sources through tsx's require hook, as `npm start` runs the server:
// the entry is found at run time from the project root, so Next's bundler never sees (or rewrites) it. The
// import pool (decision 024) and the job thread (decision 031) both start their workers here.
const BOOT = `const { createRequire } = require('node:module');
const { workerData } = require('node:worker_threads');
const load = createRequire(workerData.root + '/package.json');
load('tsx/cjs/api').register();
load(workerData.entry);`;

/** Starts `entry` (a path from the project root, e.g. `jobs/job-worker.ts`) in a worker thread. */
export function startTsWorker(entry: string, data: Record<string, unknown>, options: Omit<WorkerOptions, 'eval' | 'workerData'> = {}) {
  const root = process.cwd();
  return new Worker(BOOT, {
    eval: true,
    execArgv: [],
    ...options,
    workerData: { ...data, root, entry: path.join(/*turbopackIgnore: true*/ root, entry) },
  });
}

/**
 * Background work gives way to the event loop that answers requests whenever both want a core: on Linux a
 * thread has a niceness of its own (setpriority on its thread id). Elsewhere the thread keeps the server's.
 */
export function lowerThreadPriority(niceness = 10): void {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), niceness);
  } catch {
    // not Linux
  }
}
