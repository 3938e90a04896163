import type { Db } from '@/db/tx';
import { isPg } from '@/db/sql/dialect';
import type { RecordKind } from '@/db/records/record-kinds';
import type { Actor } from '@/domain/auth/actor';
import { env } from '@/server/env';
import { importPool, WorkerWriteBusy, type ImportPool } from '@/features/import/import-pool';
import { fromPlainRefusal } from '@/features/records/submission-plain';
import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { submitRecords, type SubmissionResult, type SubmitOptions } from '@/features/records/submit';

// Decision 032: a large batch costs the write path about a millisecond of CPU per item (5,000 incidents:
// ~4 s on the two-core machines measured), all of it on the thread that answers everyone if written here.
// So batches above INLINE_BATCH_MAX items are written by the import pool's worker, on its own connection,
// through the same submitRecords; smaller ones (forms, typical integrations) stay on this thread, after any
// write a worker holds (waiting its turn rather than retrying the file lock against the worker). Either way
// the ratings follow on this thread once the write has committed (features/rating/follow-writes.ts).

/** Items a batch may hold and still be written on the serving thread (a few hundred milliseconds at most). */
export const INLINE_BATCH_MAX = 200;

/** The pool is full (workers busy, queue at its bound): the caller is told to retry after this long. */
export class WritePoolFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the import pool is full');
  }
}

/**
 * Whether this thread may write now, waiting without holding the event loop until no worker of the pool
 * holds SQLite's write lock: false past the configured busy wait (FENGHUO_DB_BUSY_TIMEOUT_MS). PostgreSQL has
 * no such lock (decision 047): writers go side by side, so the turn is given at once there. A write may still
 * wait inside its transaction for a lock the worker holds (records of the same kind and institute, or of the
 * kind at all when a batch spans 65 institutes or more; the audit chain's tail and the data version while the
 * worker appends and commits), each bounded by the same busy wait as the engine's lock timeout.
 */
export async function writeTurn(db: Db, pool: ImportPool = importPool()): Promise<boolean> {
  if (isPg(db)) return true;
  return pool.whenWritesIdle(env().FENGHUO_DB_BUSY_TIMEOUT_MS);
}

/**
 * writeTurn, failing as a busy database does (db/busy.ts) past the wait, so that every edge answers
 * "busy, try again" as it would for another process's lock.
 */
export async function awaitWriteTurn(db: Db, pool: ImportPool = importPool()): Promise<void> {
  if (!(await writeTurn(db, pool))) throw new WorkerWriteBusy();
}

/**
 * submitRecords for a batch that may be large: the same result, the same SubmissionRefused, the same busy
 * error, whichever thread wrote it. A database in memory cannot be shared with a worker: written here.
 */
export async function submitBatch(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  items: unknown[],
  opts: { now: Date; source: SubmitOptions['source'] },
  pool: ImportPool = importPool(),
): Promise<SubmissionResult> {
  if (items.length <= INLINE_BATCH_MAX || db.file === ':memory:' || db.file === '') {
    await awaitWriteTurn(db, pool);
    const result = await submitRecords(db, actor, kind, items, opts);
    await ratingsFollowWrites(db, opts.now);
    return result;
  }
  const ticket = pool.admit();
  if (!ticket) throw new WritePoolFull(pool.options.retryAfterSeconds);
  const answer = await ticket.run({
    mode: 'batch',
    dbFile: db.file,
    actor,
    kind,
    items,
    now: opts.now.getTime(),
    source: opts.source,
  });
  if ('refused' in answer) throw fromPlainRefusal(answer.refused);
  // The worker has committed on its own connection; the ratings follow here, on the serving process's engine.
  await ratingsFollowWrites(db, opts.now);
  return answer.result;
}
