import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@/db/client';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { lowerThreadPriority } from '@/platform/worker/ts-worker';
import { startJobs } from './registry';

// The job thread (jobs/job-thread.ts, decision 031): the scheduled jobs and their start-up catch-up, and the
// provisional refreshes too large for a request, on a connection of its own (WAL: the server's connection
// reads meanwhile; writers wait their turn for FENGHUO_DB_BUSY_TIMEOUT_MS), at a lower priority than the
// thread that answers requests.

export type JobThreadRequest = { type: 'refresh'; id: number; now: number };
export type JobThreadMessage = { type: 'refreshed'; id: number; ok: boolean } | { type: 'caught-up' };

if (parentPort) {
  const port = parentPort;
  lowerThreadPriority();
  const db = openDatabase((workerData as { file: string }).file);
  port.on('message', (m: JobThreadRequest) => {
    if (m.type !== 'refresh') return;
    let ok = true;
    try {
      refreshProvisionalRatings(db, new Date(m.now));
    } catch (error) {
      ok = false;
      console.error('[jobs] provisional-rating refresh failed', error);
    }
    port.postMessage({ type: 'refreshed', id: m.id, ok } satisfies JobThreadMessage);
  });
  void startJobs(db).then(() => port.postMessage({ type: 'caught-up' } satisfies JobThreadMessage));
}
