import type { RecordKind } from '@/db/records/record-kinds';
import type { Actor } from '@/domain/auth/actor';
import type { ImportFormat } from '@/platform/spreadsheets/read/read-table';
import type { ImportPhase } from '@/features/import/import';
import type { PlainImportReport } from '@/features/import/import-report-plain';
import type { PlainRefusal } from '@/features/records/submission-plain';
import type { SubmissionResult, SubmitOptions } from '@/features/records/submit';

// The messages between the server's thread and the import pool's workers (import-pool.ts,
// import-worker.ts). Everything here crosses threads by structured clone, so it is plain data.

export interface ImportJob {
  /**
   * `preview`: read and check, answer the report (a read-only connection). `write`: read and store in one
   * transaction on the worker's own connection (a confirmed import), answer the report.
   */
  mode: 'preview' | 'write';
  /** The database file, opened by the worker with a connection of its own. */
  dbFile: string;
  actor: Actor;
  kind: RecordKind;
  format: ImportFormat;
  /** The uploaded bytes, moved to the worker (the sender's buffer is detached). */
  file: Uint8Array;
  /** Epoch milliseconds: when the request was received (the audit time and the default `reportedAt`). */
  now: number;
}

/** A batch of submission items stored by a worker through submitRecords (a large API post). */
export interface BatchJob {
  mode: 'batch';
  dbFile: string;
  actor: Actor;
  kind: RecordKind;
  items: unknown[];
  /** Epoch milliseconds, as ImportJob.now. */
  now: number;
  source: SubmitOptions['source'];
}

export type PoolJob = ImportJob | BatchJob;

/** What a write job does to the database: the serving thread must not write beside it (import-pool.ts). */
export const writesToDatabase = (job: PoolJob) => job.mode !== 'preview';

export interface ImportAnswer {
  /** The dry run's report (preview), or the stored import's (write). */
  report: PlainImportReport;
}

/** A batch's answer: what was stored, or why nothing was. */
export type BatchAnswer = { result: SubmissionResult } | { refused: PlainRefusal };

export type PoolAnswer = ImportAnswer | BatchAnswer;

export type WorkerMessage =
  | { type: 'phase'; phase: ImportPhase; rows?: number }
  | { type: 'done'; answer: PoolAnswer }
  /** `busy`: SQLite's lock wait ran out (db/busy.ts); nothing was stored and the caller may retry. */
  | { type: 'failed'; message: string; busy: boolean };

export interface WorkerSetup {
  /** Joins the pool's text budget (platform/spreadsheets/read/text-budget.ts). */
  budget: SharedArrayBuffer;
  budgetBytes: number;
}
