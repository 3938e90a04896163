import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '@/platform/worker/ts-worker';
import { ImportFileError } from '@/platform/spreadsheets/read/read-table';
import { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import type { ImportPhase } from '@/features/import/import';
import {
  writesToDatabase,
  type BatchAnswer,
  type BatchJob,
  type ImportAnswer,
  type ImportJob,
  type PoolAnswer,
  type PoolJob,
  type WorkerMessage,
  type WorkerSetup,
} from '@/features/import/import-job';

const MB = 1024 * 1024;

export interface ImportPoolOptions {
  /** Threads that read uploads at once. */
  workers: number;
  /** Uploads admitted beyond those being read, waiting their turn; past that the server says it is busy. */
  queue: number;
  /** Each worker's V8 heap: a parse that needs more ends that worker only. */
  heapMb: number;
  /** A read that takes longer is stopped. */
  timeoutMs: number;
  /** An idle worker is ended after this long, giving its memory back. */
  idleMs: number;
  /** Expanded shared strings all workers may hold at once (platform/spreadsheets/read/text-budget.ts). */
  textBudgetBytes: number;
  /** Seconds a refused upload is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * One worker per core beyond the one serving requests, at most two: on the two-core machines measured
 * (decision 024) a second parsing thread already competes with the event loop for a core.
 */
export const DEFAULT_POOL: ImportPoolOptions = {
  workers: Math.max(1, Math.min(2, os.availableParallelism() - 1)),
  queue: 8,
  heapMb: 512,
  timeoutMs: 120_000,
  idleMs: 30_000,
  textBudgetBytes: 96 * MB,
  retryAfterSeconds: 30,
};

type OnPhase = (phase: ImportPhase, detail: { rows?: number }) => void;

interface Task {
  job: PoolJob;
  onPhase?: OnPhase;
  resolve: (answer: PoolAnswer) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Its task holds (or waits for) the database's write lock: from its `writing` phase until it settles. */
  writing?: boolean;
}

/** A place in the pool, held from before the upload is read until its answer (or until it is given back). */
export interface Ticket {
  run(job: ImportJob, onPhase?: OnPhase): Promise<ImportAnswer>;
  run(job: BatchJob, onPhase?: OnPhase): Promise<BatchAnswer>;
  release(): void;
}

/**
 * A worker's write ran out of SQLite's lock wait (FENGHUO_DB_BUSY_TIMEOUT_MS): nothing was stored. It
 * carries SQLite's code so that every edge answers it as it answers its own busy writes (db/busy.ts).
 */
export class WorkerWriteBusy extends Error {
  readonly code = 'SQLITE_BUSY';
  constructor() {
    super('the import worker could not get the database write lock in time');
  }
}

/**
 * Reads and checks uploads in worker threads so that no upload holds the server's event loop, and bounds
 * what uploads may cost at once: at most `workers` are read together, each inside its own heap limit (an
 * upload that exhausts it ends its worker, not the server), at most `queue` more wait, and the rest are
 * refused before their bodies are read. Confirmed imports and large API batches are written here too, under
 * the same bounds (decision 032); `whenWritesIdle` lets the serving thread wait for them without blocking.
 */
export class ImportPool {
  readonly budget: TextBudget;
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private admitted = 0;
  private writers = 0;
  private writesSettled: (() => void)[] = [];

  constructor(readonly options: ImportPoolOptions = DEFAULT_POOL) {
    this.budget = new TextBudget(options.textBudgetBytes);
  }

  /** A ticket, or null when the pool is full and the upload should be refused (503, Retry-After). */
  admit(): Ticket | null {
    if (this.admitted >= this.options.workers + this.options.queue) return null;
    this.admitted++;
    let held = true;
    const release = () => {
      if (held) this.admitted--;
      held = false;
    };
    const run = (job: PoolJob, onPhase?: OnPhase) =>
      new Promise<PoolAnswer>((resolve, reject) => {
        this.waiting.push({ job, onPhase, resolve, reject });
        this.dispatch();
      }).finally(release);
    return { release, run: run as Ticket['run'] };
  }

  /**
   * Resolves true once no worker holds the database's write lock, or false after `timeoutMs`. The serving
   * thread awaits it before a write of its own, so that it waits its turn behind the worker's write rather
   * than retrying the file lock against it (decision 032; the engine's wait for the lock never holds the
   * event loop either way, decision 040).
   */
  whenWritesIdle(timeoutMs: number): Promise<boolean> {
    if (this.writers === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.writesSettled = this.writesSettled.filter((w) => w !== settled);
        resolve(idle);
      };
      const settled = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.writesSettled.push(settled);
    });
  }

  /** Workers holding (or waiting for) the write lock. */
  get writing(): number {
    return this.writers;
  }

  /** Uploads being read or waiting. */
  get load(): number {
    return this.admitted;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot && this.slots.length < this.options.workers) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.waiting.shift()!);
    }
  }

  private start(slot: Slot, task: Task): void {
    clearTimeout(slot.timer);
    slot.task = task;
    slot.timer = setTimeout(
      () => this.fail(slot, new ImportFileError('import.tookTooLong', { seconds: this.options.timeoutMs / 1000 })),
      this.options.timeoutMs,
    );
    slot.worker.postMessage(...handOver(task.job));
  }

  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    this.stopWriting(slot);
    slot.timer = setTimeout(() => this.retire(slot), this.options.idleMs).unref();
    return task;
  }

  /** Ends the worker (a runaway read, a crash): its task gets `error`, the next task a fresh worker. */
  private fail(slot: Slot, error: unknown): void {
    const task = slot.task;
    slot.task = undefined;
    this.retire(slot);
    task?.reject(error);
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.timer);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    // A write ended this way rolls back when its thread's connection closes: the lock is free once it has exited.
    void slot.worker.terminate().finally(() => this.stopWriting(slot));
    this.dispatch();
  }

  /** A write job reached its transaction: it is no longer subject to the read timeout (see `spawn`). */
  private startWriting(slot: Slot): void {
    if (slot.writing || !slot.task || !writesToDatabase(slot.task.job)) return;
    slot.writing = true;
    this.writers++;
    clearTimeout(slot.timer);
  }

  private stopWriting(slot: Slot): void {
    if (!slot.writing) return;
    slot.writing = false;
    if (--this.writers === 0) for (const settled of this.writesSettled.slice()) settled();
  }

  private spawn(): Slot {
    const setup: WorkerSetup = { budget: this.budget.shared, budgetBytes: this.options.textBudgetBytes };
    const worker = startTsWorker(
      'features/import/import-worker.ts',
      { ...setup },
      {
        resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 32 },
      },
    );
    const slot: Slot = { worker };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'phase') {
        // Once a write has begun it must finish: ending its thread at a timeout could leave the caller told
        // "failed" about a transaction that committed. Its wait for the lock is bounded by SQLite's busy timeout.
        if (message.phase === 'writing') this.startWriting(slot);
        slot.task?.onPhase?.(message.phase, { rows: message.rows });
      } else if (message.type === 'done') this.finish(slot)?.resolve(message.answer);
      else if (message.busy) this.finish(slot)?.reject(new WorkerWriteBusy());
      else {
        console.error('[import] the worker failed:', message.message);
        this.finish(slot)?.reject(new Error('import worker failed'));
      }
      if (message.type !== 'phase') this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // Out of heap (ERR_WORKER_OUT_OF_MEMORY) is what a hostile or oversized file does; anything else is a bug.
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') console.error('[import] the worker crashed:', error);
      this.fail(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ImportFileError('import.tooBigToRead') : error);
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.fail(slot, new ImportFileError('import.tooBigToRead'));
    });
    this.slots.push(slot);
    return slot;
  }
}

/**
 * The job as a message that moves the file's memory to the worker instead of copying it (a copy of a 20 MB
 * upload holds the event loop for tens of milliseconds on a busy machine). The caller's buffer is detached
 * afterwards. A small buffer may be a slice of Node's shared pool, which must not move: that one is copied.
 */
function handOver(job: PoolJob): [PoolJob, ArrayBuffer[]] {
  if (job.mode === 'batch') return [job, []];
  const { buffer, byteOffset, byteLength } = job.file;
  if (buffer instanceof ArrayBuffer && buffer.byteLength > Buffer.poolSize) {
    return [{ ...job, file: new Uint8Array(buffer, byteOffset, byteLength) }, [buffer]];
  }
  const file = new Uint8Array(job.file);
  return [{ ...job, file }, [file.buffer]];
}

const globalForPool = globalThis as unknown as { fenghuoImportPool?: ImportPool };

/** The server's one pool (kept on globalThis: Next may load this module once per route bundle). */
export function importPool(): ImportPool {
  return (globalForPool.fenghuoImportPool ??= new ImportPool());
}
