import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, sql } from 'drizzle-orm';
import { settings } from '@/db/schema';
import { first, openEngine, rawGet, writeIfFree } from '@/db/engine';
import type { Db, Queryable, Tx } from '@/db/tx';
import { isDatabaseBusy } from '@/db/busy';
import { createTestDb, type TestDb } from '../setup/test-db';

// The engine's transactions (decision 040): one writer at a time in FIFO order, readers outside a
// transaction see only committed data, savepoints nest, and a wait that runs out is SQLITE_BUSY.
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

/** A promise and the function that resolves it: lets a test hold a transaction open while it looks. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

async function valueOf(q: Queryable, key: string): Promise<string | undefined> {
  return first(await q.select().from(settings).where(eq(settings.key, key)).limit(1))?.value;
}

describe('isolation', () => {
  it('a read outside a transaction does not see its uncommitted write; the transaction itself does', async () => {
    const written = gate();
    const finish = gate();
    const done = engine.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'dirty', value: 'uncommitted' });
      // The engine object, not only tx, runs on the transaction inside its own async context.
      expect(await valueOf(engine, 'dirty')).toBe('uncommitted');
      written.open();
      await finish.passed;
    });
    await written.passed;
    expect(await valueOf(engine, 'dirty')).toBeUndefined();
    finish.open();
    await done;
    expect(await valueOf(engine, 'dirty')).toBe('uncommitted');
  });

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

  it('a snapshot sees one state throughout, even while a write commits, and cannot write', async () => {
    await engine.insert(settings).values({ key: 'snap', value: 'before' });
    const looked = gate();
    const committed = gate();
    const seen = engine.snapshot(async (tx) => {
      const first = await valueOf(tx, 'snap');
      looked.open();
      await committed.passed;
      const again = await valueOf(tx, 'snap');
      await expect(tx.insert(settings).values({ key: 'snap.write', value: 'x' })).rejects.toThrow();
      return [first, again];
    });
    await looked.passed;
    await engine.update(settings).set({ value: 'after' }).where(eq(settings.key, 'snap'));
    committed.open();
    expect(await seen).toEqual(['before', 'before']);
    expect(await valueOf(engine, 'snap')).toBe('after');
    expect(await valueOf(engine, 'snap.write')).toBeUndefined();
  });

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

describe('rollback', () => {
  it('a transaction that throws stores nothing and rethrows the same error', async () => {
    const problem = new Error('refused');
    await expect(
      engine.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'rolled.back', value: '1' });
        throw problem;
      }),
    ).rejects.toBe(problem);
    expect(await valueOf(engine, 'rolled.back')).toBeUndefined();
  });

  it('a nested transaction is a savepoint: its rollback keeps the outer work', async () => {
    await engine.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'outer', value: '1' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(settings).values({ key: 'inner', value: '1' });
          throw new Error('inner refused');
        }),
      ).rejects.toThrow('inner refused');
      // engine.transaction inside a transaction of this context nests the same way.
      await expect(
        engine.transaction(async (inner) => {
          await inner.insert(settings).values({ key: 'inner.2', value: '1' });
          inner.rollback();
        }),
      ).rejects.toThrow();
      await engine.transaction(async (inner) => {
        await inner.insert(settings).values({ key: 'inner.kept', value: '1' });
      });
    });
    const keys = (await engine.select().from(settings).where(like(settings.key, 'inner%'))).map((r) => r.key);
    expect(keys).toEqual(['inner.kept']);
    expect(await valueOf(engine, 'outer')).toBe('1');
  });

  it('a failing statement rolls the transaction back and the next one runs', async () => {
    await expect(
      engine.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'dup', value: '1' });
        await tx.insert(settings).values({ key: 'dup', value: '2' });
      }),
    ).rejects.toMatchObject({ cause: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(await valueOf(engine, 'dup')).toBeUndefined();
    await engine.insert(settings).values({ key: 'dup', value: '3' });
    expect(await valueOf(engine, 'dup')).toBe('3');
  });

  it('work a transaction left running after it ended does not write inside someone else’s transaction', async () => {
    let late!: Promise<unknown>;
    await engine.transaction(async () => {
      late = new Promise((resolve) => setTimeout(resolve, 30)).then(() => engine.insert(settings).values({ key: 'late', value: '1' }));
    });
    const finish = gate();
    const other = engine.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'other', value: '1' });
      await finish.passed;
      throw new Error('other rolls back');
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    finish.open();
    await expect(other).rejects.toThrow('other rolls back');
    await late;
    expect(await valueOf(engine, 'late')).toBe('1');
    expect(await valueOf(engine, 'other')).toBeUndefined();
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
