import type Database from 'better-sqlite3';
import { isDatabaseBusy } from '../busy';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE on the writer, waiting for another process's write lock (the CLI, a second server) until
 * the deadline, then failing with SQLite's own SQLITE_BUSY. Each attempt runs with busy_timeout 0 and the
 * wait happens here, between awaits, so the event loop keeps serving reads while it waits; SQLite's own wait
 * would hold the whole thread.
 */
export async function takeWriteLock(connection: Database.Database, deadline: number): Promise<{ rows: [] }> {
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    try {
      tryBegin(connection);
      return { rows: [] };
    } catch (error) {
      const left = deadline - Date.now();
      if (!isDatabaseBusy(error) || left <= 0) throw error;
      await sleep(Math.min(pause, left));
    }
  }
}

function tryBegin(connection: Database.Database): void {
  const wait = Number(connection.pragma('busy_timeout', { simple: true }));
  connection.pragma('busy_timeout = 0');
  try {
    connection.exec('BEGIN IMMEDIATE');
  } finally {
    connection.pragma(`busy_timeout = ${wait}`);
  }
}
