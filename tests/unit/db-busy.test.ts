import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, retryAfterSeconds } from '@/db/busy';

describe('isDatabaseBusy', () => {
  it('recognises the driver’s lock errors, also wrapped, and nothing else', () => {
    // A real SQLITE_BUSY from two connections to one file, rather than a hand-made error object.
    const file = `/tmp/fenghuo-busy-unit-${process.pid}.db`;
    const a = new Database(file);
    const b = new Database(file);
    b.pragma('busy_timeout = 0');
    a.exec('CREATE TABLE IF NOT EXISTS t (x); BEGIN IMMEDIATE');
    let busy: unknown;
    try {
      b.exec('BEGIN IMMEDIATE');
    } catch (e) {
      busy = e;
    }
    a.exec('ROLLBACK');
    a.close();
    b.close();
    expect(isDatabaseBusy(busy)).toBe(true);
    expect(isDatabaseBusy(new Error('query failed', { cause: busy }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_LOCKED_SHAREDCACHE' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_BUSYX' }))).toBe(false);
    expect(isDatabaseBusy(null)).toBe(false);
  });

  it('asks callers to retry after the configured wait, at least a second', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1500)).toBe(2);
    expect(retryAfterSeconds(5000)).toBe(5);
  });
});
