// Issue 13 (item 9): SQLite has one writer at a time. A writer that cannot get its turn within the
// configured wait (FENGHUO_DB_BUSY_TIMEOUT_MS: the engine's write queue and SQLite's file lock together,
// decision 040) fails with SQLITE_BUSY or SQLITE_LOCKED (and their extended codes). That is a "try again"
// for the caller, never a crash: each edge (API, CLI, forms) recognises it here and says so in its own way.
// One place decides what counts.
//
// PostgreSQL (issue 16) has no single writer, but the same "not now": a lock wait past lock_timeout (55P03),
// a statement cancelled by statement_timeout (57014), a serialization failure or a deadlock victim that its
// one retry did not cure (40001, 40P01: db/engine/pg), and the pool's checkout running out of time (node-postgres
// says so only in its message, without a code).

const BUSY_CODES = /^SQLITE_(BUSY|LOCKED)(_|$)|^(55P03|57014|40001|40P01)$/;
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

/** Whether an error (or any error it wraps: drizzle wraps the driver's) is the database's wait running out. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && BUSY_CODES.test(code)) return true;
    if (e instanceof Error && e.message === POOL_TIMEOUT) return true;
  }
  return false;
}

/**
 * The error a wait that ran out throws when SQLite itself did not say so: the async engine's write queue
 * (db/engine) fails this way, so isDatabaseBusy and every edge treat it exactly like SQLite's own.
 */
export function busyError(message: string): Error & { code: 'SQLITE_BUSY' } {
  return Object.assign(new Error(message), { code: 'SQLITE_BUSY' as const });
}

/** node-postgres' own error for a pool checkout that ran out of time, made here for a shorter wait of ours. */
export function poolTimeoutError(): Error {
  return new Error(POOL_TIMEOUT);
}

/** Seconds a caller should wait before trying again: the configured wait, rounded up, at least one. */
export function retryAfterSeconds(busyTimeoutMs: number): number {
  return Math.max(1, Math.ceil(busyTimeoutMs / 1000));
}

/**
 * Whether an error (or one it wraps) is PostgreSQL's unique violation (23505). The record submission runs
 * once more after one (decision 047 row 2): behind its locks only a path that skipped them could cause it,
 * and the second run plans against the committed row. SQLite's single writer never races to one.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
