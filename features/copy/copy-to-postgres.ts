import fs from 'node:fs';
import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { printableLocation } from '@/db/config';
import { migrateDatabase } from '@/db/migrate';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { batchSize, copyTables, countRows, firstTableWithRows, followIdentity, insertRows, type CopyTable } from '@/db/copy/pg-copy';
import { SqliteSnapshot, type SqliteRow } from '@/db/engine/sqlite-snapshot';
import { parentsFirst } from './parents-first';

// Moving an installation (issue 16 item 5): the SQLite file, as it is, into an empty PostgreSQL database,
// row for row and ids kept, then checked: the same count in every table, and the audit chain verifies on
// the target. The copy is one transaction, so a failed copy leaves the target empty and can be run again.

export class CopyRefused extends Error {}

export interface TableCopied {
  table: string;
  source: number;
  target: number;
}

export interface CopyResult {
  tables: TableCopied[];
  chain: { ok: boolean; entries: number };
  ms: number;
}

/** Migrates the source to this version first, as every command does, so its tables are the twins'. */
async function migrateSource(file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new CopyRefused(`${file} does not exist.`);
  const db = openDatabase(file);
  try {
    await migrateDatabase(db);
  } finally {
    await closeDatabase(db);
  }
}

/** The SQLite tables must be exactly the twins' (an older or newer schema would lose or misplace data). */
function checkSameTables(snapshot: SqliteSnapshot, tables: CopyTable[]): void {
  const ours = tables.map((t) => t.name).sort();
  const theirs = snapshot.tables();
  const missing = ours.filter((t) => !theirs.includes(t));
  const extra = theirs.filter((t) => !ours.includes(t));
  if (missing.length || extra.length)
    throw new CopyRefused(
      `The SQLite database's tables differ from this version's (missing: ${missing.join(', ') || '-'}; unknown: ${extra.join(', ') || '-'}).`,
    );
}

async function refuseNonEmpty(target: Db, url: string): Promise<void> {
  const holding = await firstTableWithRows(target);
  if (holding)
    throw new CopyRefused(`${printableLocation(url)} is not empty (table ${holding} has rows); copy-to fills an empty database only.`);
}

/** Every row of one table into the target, inside the copy's transaction. */
async function copyTable(snapshot: SqliteSnapshot, tx: Db, t: CopyTable): Promise<void> {
  const size = batchSize(t);
  if (t.selfRef) {
    // A tree (units): read whole and written parents first, so each parent_id names a row already there.
    const rows: SqliteRow[] = [];
    for (const batch of snapshot.batches(t.name, 5000)) rows.push(...batch);
    const ordered = parentsFirst(rows, t.selfRef.key, t.selfRef.column);
    for (let i = 0; i < ordered.length; i += size) await insertRows(tx, t, ordered.slice(i, i + size));
  } else {
    for (const batch of snapshot.batches(t.name, size)) await insertRows(tx, t, batch);
  }
  await followIdentity(tx, t);
}

/**
 * Copies the SQLite installation `file` into the empty PostgreSQL database `url`: refuses a target with rows
 * in any of Fenghuo's tables, migrates it, copies every table in foreign-key order in one transaction, and
 * checks counts and the audit chain there. `say` gets one line per step (the CLI prints them).
 */
export async function copyToPostgres(file: string, url: string, say: (line: string) => void = () => undefined): Promise<CopyResult> {
  const started = performance.now();
  await migrateSource(file);
  const tables = copyTables();
  const target = openDatabase(url);
  try {
    await refuseNonEmpty(target, url);
    await migrateDatabase(target);
    // The migrations create tables only; checked again, now that every table exists.
    await refuseNonEmpty(target, url);
    say(`Target ${printableLocation(url)} is empty and migrated.`);
    const snapshot = new SqliteSnapshot(file);
    const source = new Map<string, number>();
    try {
      checkSameTables(snapshot, tables);
      for (const t of tables) source.set(t.name, snapshot.count(t.name));
      await target.transaction(async (tx) => {
        for (const t of tables) {
          const tableStarted = performance.now();
          await copyTable(snapshot, tx as unknown as Db, t);
          say(`  ${t.name}: ${source.get(t.name)} row(s) in ${Math.round(performance.now() - tableStarted)} ms`);
        }
      });
    } finally {
      snapshot.close();
    }
    const copied: TableCopied[] = [];
    for (const t of tables) copied.push({ table: t.name, source: source.get(t.name)!, target: await countRows(target, t) });
    const chain = await verifyAuditChain(target);
    return { tables: copied, chain: { ok: chain.ok, entries: chain.entries }, ms: performance.now() - started };
  } finally {
    await closeDatabase(target);
  }
}
