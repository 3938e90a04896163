import { sql, type SQL } from 'drizzle-orm';
import { rawRun } from '@/db/engine/raw';
import type { Queryable } from '@/db/tx';
import { isPg } from './dialect';

// Transaction-scoped locks for the "read, then write" steps that SQLite's single writer made atomic
// (decision 047): on PostgreSQL two servers' transactions run side by side, so a step that
// reads what it is about to extend (the audit chain's tail, a year's ratings mark, which records of a
// batch exist) first takes a lock named for what it reads, held until its transaction ends. On SQLite every
// write transaction already holds the one writer (decision 040): nothing to take.

/** The statement that takes the lock `name` (and sub-key `n`) until the transaction ends, on pg. */
export function lockStatement(name: string, n = 0): SQL {
  if (!Number.isSafeInteger(n) || n < -2147483648 || n > 2147483647) throw new RangeError(`lock sub-key out of range: ${n}`);
  return sql`SELECT pg_advisory_xact_lock(hashtext(${name}), ${n})`;
}

/** The statement that takes the lock `name` shared (others may hold it shared too, none exclusively), on pg. */
export function sharedLockStatement(name: string, n = 0): SQL {
  if (!Number.isSafeInteger(n) || n < -2147483648 || n > 2147483647) throw new RangeError(`lock sub-key out of range: ${n}`);
  return sql`SELECT pg_advisory_xact_lock_shared(hashtext(${name}), ${n})`;
}

/**
 * Waits for, and holds until the transaction `tx` ends, the lock `name` (with sub-key `n`, e.g. a year or
 * an institute). Locks taken by one transaction must come in one order everywhere (sorted), or two may
 * wait for each other. A no-op on SQLite.
 */
export async function lockKey(tx: Queryable, name: string, n = 0): Promise<void> {
  if (!isPg(tx)) return;
  await rawRun(tx, lockStatement(name, n));
}

/** Above this many institutes a batch locks its whole kind: each lock is a slot of a table shared by the server. */
export const KIND_WIDE_FROM = 65;

/**
 * The locks a batch of one kind's records takes before it reads which exist (decision 047 row 2), in the
 * order taken: two batches of the same kind and institute take turns, others do not wait. A batch of more
 * than 64 institutes takes the kind-wide lock exclusively instead; every other batch takes it shared first.
 * Kind-wide, then institutes ascending, so no two batches wait for each other. (Institute ids start at 1, so
 * no institute's key is the kind-wide one.)
 */
export function recordLockStatements(kind: string, instituteIds: Iterable<number>): SQL[] {
  const name = `records:${kind}`;
  const ids = [...new Set(instituteIds)].sort((a, b) => a - b);
  if (ids.length >= KIND_WIDE_FROM) return [lockStatement(name)];
  return [sharedLockStatement(name), ...ids.map((id) => lockStatement(name, id))];
}

/** Takes a batch's record locks (recordLockStatements) until the transaction ends; a no-op on SQLite. */
export async function lockRecords(tx: Queryable, kind: string, instituteIds: Iterable<number>): Promise<void> {
  if (!isPg(tx)) return;
  for (const statement of recordLockStatements(kind, instituteIds)) await rawRun(tx, statement);
}

/**
 * `query` (a select on `q`) locking the rows it reads until the transaction ends, on PostgreSQL: FOR UPDATE,
 * so a row another transaction is changing is read once that one commits, as it then is, and a check on it
 * judges the row the write will change. SQLite has no row locks and needs none (its one writer already holds
 * the database): the query as it is.
 */
export function forUpdateOnPg<Q>(q: Queryable, query: Q): Q {
  if (!isPg(q)) return query;
  // The pg select builder behind the SQLite type (db/schema/index.ts, decision 046) has `for`.
  return (query as unknown as { for: (strength: 'update') => Q }).for('update');
}
