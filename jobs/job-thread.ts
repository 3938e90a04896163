import type { Worker } from 'node:worker_threads';
import { setProvisionalRefresher } from '@/features/rating/refresh-delegate';
import { startTsWorker } from '@/platform/worker/ts-worker';
import type { JobThreadMessage, JobThreadRequest } from './job-worker';

// The server's scheduled jobs run in a worker thread of their own (jobs/job-worker.ts), on a database engine
// of its own over the same file (its own connections), so that rating a huge institute, a flood of alerts or
// a bulletin never holds the event loop that answers requests (decision 031). The claims in the database
// still make each period run once across processes and threads (features/jobs/run-claimed.ts, through
// jobs/runner.ts).

/** A crashed job thread is started again after this long (its claims' leases let the next one take over). */
const RESTART_MS = 10_000;

export class JobThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly answers = new Map<number, () => void>();
  private inflight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private stopped = false;
  private caughtUp!: () => void;
  /** Resolves once the first thread's start-up catch-up (ratings, alerts, bulletins…) has settled. */
  readonly startedUp = new Promise<void>((resolve) => (this.caughtUp = resolve));

  constructor(private readonly file: string) {}

  start(): this {
    const worker = startTsWorker('jobs/job-worker.ts', { file: this.file });
    worker.on('message', (m: JobThreadMessage) => {
      if (m.type === 'refreshed') this.settle(m.id);
      else if (m.type === 'caught-up') this.caughtUp();
    });
    worker.on('error', (error) => console.error('[jobs] the job thread failed:', error));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      // Whoever waits for a refresh reads what is stored instead.
      for (const id of [...this.answers.keys()]) this.settle(id);
      this.caughtUp();
      if (this.stopped) return;
      console.error(`[jobs] the job thread exited (${code}); starting it again in ${RESTART_MS / 1000} s`);
      setTimeout(() => !this.stopped && this.start(), RESTART_MS).unref();
    });
    // The thread must not keep a stopping server alive.
    worker.unref();
    this.worker = worker;
    return this;
  }

  /**
   * Has the thread bring this year's provisional ratings up to date as of `now`; resolves when they are
   * stored (or the attempt failed). Requests arriving meanwhile share one more refresh after it, so a
   * burst of page views costs at most two.
   */
  refresh(now: Date): Promise<void> {
    if (!this.inflight) return (this.inflight = this.post(now).finally(() => (this.inflight = null)));
    this.queued ??= this.inflight.then(() => {
      this.queued = null;
      return this.refresh(new Date(Math.max(now.getTime(), Date.now())));
    });
    return this.queued;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
  }

  private post(now: Date): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.answers.set(id, resolve);
      worker.postMessage({ type: 'refresh', id, now: now.getTime() } satisfies JobThreadRequest);
    });
  }

  private settle(id: number): void {
    const resolve = this.answers.get(id);
    this.answers.delete(id);
    resolve?.();
  }
}

const state = globalThis as unknown as { fenghuoJobThread?: JobThread };

/** Starts the server's job thread once per process and lets reads hand it their large refreshes. */
export function startJobThread(file: string): JobThread {
  if (!state.fenghuoJobThread) {
    const thread = (state.fenghuoJobThread = new JobThread(file).start());
    setProvisionalRefresher((now) => thread.refresh(now));
  }
  return state.fenghuoJobThread;
}
