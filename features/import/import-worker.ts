import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, openReadOnly, type Db } from '@/db/client';
import { isDatabaseBusy } from '@/db/busy';
import { loggableError } from '@/db/query-error';
import { lowerThreadPriority } from '@/platform/worker/ts-worker';
import { ImportFileError } from '@/platform/spreadsheets/read/read-table';
import { TextBudget } from '@/platform/spreadsheets/read/text-budget';
import { checkImport, emptyReport, importColumns, parseImport } from '@/features/import/import';
import type {
  BatchAnswer,
  BatchJob,
  ImportAnswer,
  ImportJob,
  PoolAnswer,
  PoolJob,
  WorkerMessage,
  WorkerSetup,
} from '@/features/import/import-job';
import { toPlainReport } from '@/features/import/import-report-plain';
import { toPlainRefusal } from '@/features/records/submission-plain';
import { submitRecords, SubmissionRefused } from '@/features/records/submit';

// One thread of the import pool (import-pool.ts): reads and checks one upload at a time, and stores
// confirmed imports and large API batches, off the server's event loop and inside its own heap limit, on
// database connections of its own (one that only reads for previews; one that writes, with the server's
// settings, for writes: decision 032).

// Reading an upload is background work: it gives way to the event loop that answers requests.
lowerThreadPriority();

const setup = workerData as WorkerSetup;
const budget = new TextBudget(setup.budgetBytes, setup.budget);
const connections = new Map<string, Db>();
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

/** One connection per file and purpose: previews read only; writes use the server's settings (WAL, busy wait). */
function connection(file: string, writes: boolean): Db {
  const key = `${writes ? 'w' : 'r'}:${file}`;
  let db = connections.get(key);
  if (!db) connections.set(key, (db = writes ? openDatabase(file) : openReadOnly(file)));
  return db;
}

async function runImport(job: ImportJob): Promise<ImportAnswer> {
  const db = connection(job.dbFile, job.mode === 'write');
  const file = Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength);
  post({ type: 'phase', phase: 'reading' });
  let parsed;
  try {
    parsed = await parseImport(await importColumns(db, job.kind), job.kind, file, job.format, budget);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return { report: toPlainReport({ ...emptyReport(job.mode === 'preview'), fileError: { say: (l) => error.localized(l) } }) };
  }
  // A confirmation checks and stores in one transaction (checkImport refuses the whole file if any row fails).
  const report = await checkImport(db, job.actor, job.kind, parsed, {
    dryRun: job.mode === 'preview',
    now: new Date(job.now),
    onPhase: (phase, detail) => post({ type: 'phase', phase, ...detail }),
  });
  return { report: toPlainReport(report) };
}

async function runBatch(job: BatchJob): Promise<BatchAnswer> {
  // From here the job holds (or waits for) the write lock: the pool stops its read timer (import-pool.ts).
  post({ type: 'phase', phase: 'writing', rows: job.items.length });
  try {
    return {
      result: await submitRecords(connection(job.dbFile, true), job.actor, job.kind, job.items, {
        now: new Date(job.now),
        source: job.source,
      }),
    };
  } catch (error) {
    if (error instanceof SubmissionRefused) return { refused: toPlainRefusal(error) };
    throw error;
  }
}

const run = async (job: PoolJob): Promise<PoolAnswer> => (job.mode === 'batch' ? runBatch(job) : runImport(job));

parentPort!.on('message', (job: PoolJob) => {
  run(job).then(
    (answer) => post({ type: 'done', answer }),
    (error: unknown) =>
      post({
        type: 'failed',
        message: loggableError(error),
        busy: isDatabaseBusy(error),
      }),
  );
});
