import Database from 'better-sqlite3';

// Work on a SQLite file as a file, beside the engine rather than through it (backup and restore,
// platform/backup): each opens a short-lived connection of its own, so it neither holds nor waits for the
// engine's queues. Kept in db/engine/ because only the engine adapter touches better-sqlite3 (decision 040);
// PostgreSQL (issue 16) answers these with its own tools.

function withFile<T>(file: string, readonly: boolean, work: (c: Database.Database) => T): T {
  const c = new Database(file, { readonly, fileMustExist: true });
  try {
    return work(c);
  } finally {
    c.close();
  }
}

/** `PRAGMA quick_check` (or the full `integrity_check`) of a database file, opened read-only: the problems found. */
export function checkDatabaseFile(file: string, full = false): string[] {
  return withFile(file, true, (c) => {
    const rows = c.pragma(full ? 'integrity_check' : 'quick_check') as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]!).filter((v) => v !== 'ok');
  });
}

/**
 * `VACUUM INTO dest` from a read-only connection to `file`: one consistent snapshot of what is committed,
 * which in WAL mode never blocks writers; waits at most `busyTimeoutMs` for a lock.
 */
export function vacuumInto(file: string, dest: string, busyTimeoutMs: number): void {
  withFile(file, true, (c) => {
    c.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    c.prepare('VACUUM INTO ?').run(dest);
  });
}

/** The `created_at` of every migration applied to a database file, or null when it has no migration history. */
export function appliedMigrations(file: string): number[] | null {
  return withFile(file, true, (c) => {
    const table = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!table) return null;
    return (c.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((r) => Number(r.at));
  });
}

/** True when the database file has data in it (any unit or user). */
export function fileHoldsData(file: string): boolean {
  return withFile(file, true, (c) => {
    const tables = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('units', 'users')").all() as {
      name: string;
    }[];
    // Table names from the fixed list above.
    return tables.some((t) => (c.prepare(`SELECT count(*) AS n FROM ${t.name}`).get() as { n: number }).n > 0);
  });
}

/**
 * Leaves WAL mode, which needs the only connection to the file: false when anything else has it open (a
 * running server, another process), and then nothing changed. Afterwards the file alone is the database.
 */
export function detachFile(file: string): boolean {
  return withFile(file, false, (c) => {
    c.pragma('busy_timeout = 0');
    try {
      return String(c.pragma('journal_mode = DELETE', { simple: true })) === 'delete';
    } catch {
      return false;
    }
  });
}

/** Moves everything in the file's write-ahead log into the file itself; false when it was in use and could not. */
export function foldWal(file: string): boolean {
  return withFile(file, false, (c) => {
    const [result] = c.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return !result?.busy;
  });
}
