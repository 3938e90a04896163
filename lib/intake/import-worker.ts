import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly, type Db } from '@/db/client';
import { ImportFileError } from '@/lib/import/read-table';
import { TextBudget } from '@/lib/import/text-budget';
import { checkImport, emptyReport, importColumns, parseImport } from './import';
import type { ImportAnswer, ImportJob, WorkerMessage, WorkerSetup } from './import-job';
import { toPlainReport } from './import-report-plain';

// One thread of the import pool (import-pool.ts): reads and checks one upload at a time, off the server's
// event loop and inside its own heap limit, on a database connection of its own that only reads.

/**
 * Reading an upload is background work: on Linux a thread has a niceness of its own (setpriority on its
 * thread id), so this thread gives way to the event loop that answers requests whenever both want a core.
 */
function yieldToRequests(): void {
  try {
    os.setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // not Linux: the worker keeps the server's priority
  }
}
yieldToRequests();

const setup = workerData as WorkerSetup;
const budget = new TextBudget(setup.budgetBytes, setup.budget);
const connections = new Map<string, Db>();
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

function connection(file: string): Db {
  let db = connections.get(file);
  if (!db) connections.set(file, (db = openReadOnly(file)));
  return db;
}

async function run(job: ImportJob): Promise<ImportAnswer> {
  const db = connection(job.dbFile);
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  post({ type: 'phase', phase: 'reading' });
  let parsed;
  try {
    parsed = await parseImport(importColumns(db, job.kind), job.kind, file, job.format, budget);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return { report: toPlainReport({ ...emptyReport(true), fileError: { say: (l) => error.localized(l) } }) };
  }
  const report = checkImport(db, job.actor, job.kind, parsed, {
    dryRun: true,
    now: new Date(job.now),
    onPhase: (phase, detail) => post({ type: 'phase', phase, ...detail }),
  });
  return { report: toPlainReport(report), parsed: job.mode === 'read' && report.ok ? parsed : undefined };
}

parentPort!.on('message', (job: ImportJob) => {
  run(job).then(
    (answer) => post({ type: 'done', answer }),
    (error: unknown) => post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
