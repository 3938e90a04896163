import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@/db/client';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { lowerThreadPriority } from '@/platform/worker/ts-worker';
import { startJobs } from './registry';

// The job thread (jobs/job-thread.ts, decision 031): the scheduled jobs and their start-up catch-up, and the
// provisional refreshes too large for a request, on a database engine of its own (decision 040: its own
// writer and reader connections; WAL lets the server's connections read meanwhile, and a write waits, without
// blocking this thread, for the file's lock for up to FENGHUO_DB_BUSY_TIMEOUT_MS), at a lower priority than
// the thread that answers requests.

export type JobThreadRequest = { type: 'refresh'; id: number; now: number };
export type JobThreadMessage = { type: 'refreshed'; id: number; ok: boolean } | { type: 'caught-up' };

if (parentPort) {
  const port = parentPort;
  lowerThreadPriority();
  const db = openDatabase((workerData as { file: string }).file);
  const refresh = async (m: JobThreadRequest) => {
    let ok = true;
    try {
      await refreshProvisionalRatings(db, new Date(m.now));
    } catch (error) {
      ok = false;
      console.error('[jobs] provisional-rating refresh failed', error);
    }
    port.postMessage({ type: 'refreshed', id: m.id, ok } satisfies JobThreadMessage);
  };
  port.on('message', (m: JobThreadRequest) => {
    if (m.type === 'refresh') void refresh(m);
  });
  void startJobs(db)
    .catch((error: unknown) => console.error('[jobs] the start-up catch-up failed', error))
    .then(() => port.postMessage({ type: 'caught-up' } satisfies JobThreadMessage));
}
