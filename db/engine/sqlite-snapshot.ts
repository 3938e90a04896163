import Database from 'better-sqlite3';

// Reads a whole SQLite installation as it is stored, for `cli copy-to` (issue 16 item 5): raw column values
// (instants as integer ms, flags as 0/1, JSON as its text, blobs as Buffers), so that the copy can write
// them to PostgreSQL unchanged. Kept in db/engine/ because only the engine adapter touches better-sqlite3
// (decision 040). One read transaction for the reader's life: every table is read from the same snapshot,
// so rows and their audit entries agree even if a server wrote meanwhile (WAL lets it).

export type SqliteRow = Record<string, unknown>;

export class SqliteSnapshot {
  private readonly c: Database.Database;

  constructor(file: string) {
    this.c = new Database(file, { readonly: true, fileMustExist: true });
    this.c.exec('BEGIN');
    // A read transaction takes its snapshot at the first read, not at BEGIN.
    this.c.prepare('SELECT count(*) FROM sqlite_master').get();
  }

  /** The database's own tables (not SQLite's, nor drizzle's migration history). */
  tables(): string[] {
    const rows = this.c
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'")
      .all() as { name: string }[];
    return rows.map((r) => r.name).sort();
  }

  /** Rows in a table; `table` must be one of tables(). */
  count(table: string): number {
    return (this.c.prepare(`SELECT count(*) AS n FROM ${this.known(table)}`).get() as { n: number }).n;
  }

  /** Every row of a table in rowid order, `size` rows at a time, keyed by column name. */
  *batches(table: string, size: number): Generator<SqliteRow[]> {
    const page = this.c.prepare(`SELECT rowid AS "rowid:copy", * FROM ${this.known(table)} WHERE rowid > ? ORDER BY rowid LIMIT ?`);
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const rows = page.all(after, size) as SqliteRow[];
      if (!rows.length) return;
      after = Number(rows[rows.length - 1]!['rowid:copy']);
      for (const row of rows) delete row['rowid:copy'];
      yield rows;
      if (rows.length < size) return;
    }
  }

  close(): void {
    this.c.exec('COMMIT');
    this.c.close();
  }

  /** A table name checked against the database's own list, quoted: it is put into the statement's text. */
  private known(table: string): string {
    if (!this.tables().includes(table)) throw new Error(`no table ${table} in the SQLite database`);
    return `"${table}"`;
  }
}
