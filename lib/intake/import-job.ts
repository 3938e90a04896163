import type { RecordKind } from '@/db/queries/record-kinds';
import type { Actor } from '@/lib/auth/scope-types';
import type { ImportFormat } from '@/lib/import/read-table';
import type { ImportPhase, ParsedImport } from './import';
import type { PlainImportReport } from './import-report-plain';

// The messages between the upload route's thread and the import pool's workers (import-pool.ts,
// import-worker.ts). Everything here crosses threads by structured clone, so it is plain data.

export interface ImportJob {
  /** `preview`: read and check, answer the report. `read`: the same, plus the items, for the writing thread. */
  mode: 'preview' | 'read';
  /** The database file, opened by the worker with a connection of its own (reads only). */
  dbFile: string;
  actor: Actor;
  kind: RecordKind;
  format: ImportFormat;
  /** The uploaded bytes, moved to the worker (the sender's buffer is detached). */
  file: Uint8Array;
  /** Epoch milliseconds. */
  now: number;
}

export interface ImportAnswer {
  /** The dry run's report. */
  report: PlainImportReport;
  /** With `read` and a clean report: the items to store. */
  parsed?: ParsedImport;
}

export type WorkerMessage =
  { type: 'phase'; phase: ImportPhase; rows?: number } | { type: 'done'; answer: ImportAnswer } | { type: 'failed'; message: string };

export interface WorkerSetup {
  /** Joins the pool's text budget (lib/import/text-budget.ts). */
  budget: SharedArrayBuffer;
  budgetBytes: number;
}
