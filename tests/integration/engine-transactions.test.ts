import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { settings } from '@/db/schema';
import { openEngine, rawGet, writeIfFree } from '@/db/engine';
import type { Db, Tx } from '@/db/tx';
import { isDatabaseBusy } from '@/db/busy';
import { createTestDb, type TestDb } from '../setup/test-db';
import { engineTransactionCases, gate, valueOf } from '../setup/engine-transaction-cases';

// The SQLite engine's transactions (decision 040): what both engines promise (readers outside a transaction
// see only committed data, snapshots, savepoints, an ended transaction's context) in the shared cases
// (tests/setup/engine-transaction-cases.ts); here what is SQLite's own: one writer at a time in FIFO order,
// snapshots beside it, and a wait that runs out is SQLITE_BUSY.
const WAIT_MS = 400;
let base: TestDb;
let engine: Db;

beforeAll(async () => {
  base = await createTestDb();
  engine = openEngine(base.file, { busyTimeoutMs: WAIT_MS });
});

afterAll(() => {
  engine.close();
  base.close();
});

engineTransactionCases({
  engine: () => engine,
  uniqueViolation: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
  readOnlyRefusal: { code: 'SQLITE_READONLY' },
  // One writer serves every transaction: the engine itself.
  reusing: () => ({ db: engine, close: async () => undefined }),
});

describe('isolation', () => {
  it('two concurrent transactions incrementing one counter 1,000 times each, step by awaited step, end at 2,000', async () => {
    // The second waits for the whole first transaction: a busy timeout longer than both.
    const patient = openEngine(base.file, { busyTimeoutMs: 60_000 });
    await patient.insert(settings).values({ key: 'counter', value: '0' });
    const increment = (times: number) =>
      patient.transaction(async (tx) => {
        for (let i = 0; i < times; i++) {
          const now = Number(await valueOf(tx, 'counter'));
          await new Promise<void>((resolve) => setImmediate(resolve));
          await tx
            .update(settings)
            .set({ value: String(now + 1) })
            .where(eq(settings.key, 'counter'));
        }
      });
    try {
      await Promise.all([increment(1000), increment(1000)]);
    } finally {
      patient.close();
    }
    expect(await valueOf(engine, 'counter')).toBe('2000');
  }, 60_000);

  it('a snapshot does not wait for the write queue', async () => {
    const finish = gate();
    const holding = engine.transaction(() => finish.passed);
    expect(await engine.snapshot(async (tx) => (await rawGet<{ one: number }>(tx, sql`SELECT 1 AS one`))?.one)).toBe(1);
    finish.open();
    await holding;
  });

  it('a snapshot held open does not hold up another (each takes a free read-only connection)', async () => {
    // With one snapshot connection the second waited for the first and failed after WAIT_MS.
    const finish = gate();
    const long = engine.snapshot(async (tx) => {
      await rawGet(tx, sql`SELECT 1 AS one`);
      await finish.passed;
      return 'long';
    });
    const started = Date.now();
    expect(await engine.snapshot(async (tx) => (await rawGet<{ two: number }>(tx, sql`SELECT 2 AS two`))?.two)).toBe(2);
    expect(Date.now() - started).toBeLessThan(WAIT_MS);
    finish.open();
    expect(await long).toBe('long');
  });
});

describe('busy', () => {
  it('a transaction that waits for the queue longer than the busy timeout fails with SQLITE_BUSY', async () => {
    const finish = gate();
    const holding = engine.transaction(() => finish.passed);
    const started = Date.now();
    const error = await engine.transaction(async () => 'never').catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 5);
    expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(isDatabaseBusy(error)).toBe(true);
    // A write outside a transaction queues the same way.
    const single = await engine
      .insert(settings)
      .values({ key: 'queued', value: '1' })
      .catch((e: unknown) => e);
    expect(isDatabaseBusy(single)).toBe(true);
    finish.open();
    await holding;
    expect(await engine.transaction(async () => 'now')).toBe('now');
  });

  it('waiting transactions get their turn first come, first served', async () => {
    const order: number[] = [];
    const finish = gate();
    const holding = engine.transaction(() => finish.passed);
    const waiting = [1, 2, 3].map((n) => engine.transaction(async () => void order.push(n)));
    finish.open();
    await Promise.all([holding, ...waiting]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('another connection holding the write lock makes a transaction wait, without stopping the event loop', async () => {
    const other = new (await import('better-sqlite3')).default(base.file);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      setTimeout(() => other.exec('COMMIT'), 200);
      const started = Date.now();
      await engine.transaction((tx) => tx.insert(settings).values({ key: 'after.lock', value: '1' }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(ticks).toBeGreaterThanOrEqual(5);
      expect(await valueOf(engine, 'after.lock')).toBe('1');

      // Held past the busy timeout: SQLite's own SQLITE_BUSY. Reads go on meanwhile.
      other.exec('BEGIN IMMEDIATE');
      const failed = engine.transaction((tx) => tx.insert(settings).values({ key: 'never', value: '1' })).catch((e: unknown) => e);
      expect(await valueOf(engine, 'after.lock')).toBe('1');
      const error = await failed;
      expect(isDatabaseBusy(error)).toBe(true);
      other.exec('COMMIT');
      expect(await valueOf(engine, 'never')).toBeUndefined();
    } finally {
      clearInterval(ticker);
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  });

  it('a writer in another process holding the lock past the busy timeout makes a transaction fail with SQLITE_BUSY', async () => {
    const script = `
      const db = new (require('better-sqlite3'))(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      process.stdin.on('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
    `;
    const child = spawn(process.execPath, ['-e', script, base.file], { stdio: 'pipe' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
        child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
      });
      const started = Date.now();
      const error = await engine.transaction((tx) => tx.insert(settings).values({ key: 'process', value: '1' })).catch((e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 5);
      expect(isDatabaseBusy(error)).toBe(true);
    } finally {
      child.stdin.write('go\n');
      await exited;
    }
    await engine.transaction((tx) => tx.insert(settings).values({ key: 'process', value: '2' }));
    expect(await valueOf(engine, 'process')).toBe('2');
  });

  it('writeIfFree writes when the writer is free and gives up at once when it is not', async () => {
    const mark = (value: string) => (tx: Tx) =>
      tx
        .insert(settings)
        .values({ key: 'mark', value })
        .onConflictDoUpdate({ target: settings.key, set: { value } })
        .then(() => undefined);
    expect(await writeIfFree(engine, mark('free'))).toBe(true);
    const finish = gate();
    const holding = engine.transaction(() => finish.passed);
    const started = Date.now();
    expect(await writeIfFree(engine, mark('busy'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(WAIT_MS / 2);
    finish.open();
    await holding;
    expect(await valueOf(engine, 'mark')).toBe('free');
  });
});
