import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { settings } from '@/db/schema';
import { closeDatabase, openDatabase } from '@/db/client';
import { openPgEngine, rawAll, rawGet, writeIfFree } from '@/db/engine';
import type { Db, Queryable, Tx } from '@/db/tx';
import { isDatabaseBusy } from '@/db/busy';
import { createTestDb, type TestDb } from '../../setup/test-db';
import { engineTransactionCases, gate, valueOf } from '../../setup/engine-transaction-cases';

// The PostgreSQL engine's transactions (db/engine/pg, decisions 040 and 047): what both engines promise
// (readers outside a transaction see only committed data, snapshots, savepoints, an ended transaction's
// context) in the shared cases (tests/setup/engine-transaction-cases.ts), which ../engine-transactions.test.ts
// runs on SQLite; here what is pg's own: routing by connection, row locks across engines, and the waits that
// run out (a lock past lock_timeout, the pool's checkout) being "busy", and the deadlock retry.
const WAIT_MS = 400;
let base: TestDb;
let engine: Db;

beforeAll(async () => {
  base = await createTestDb();
  engine = openDatabase(base.file, WAIT_MS);
});

afterAll(async () => {
  await closeDatabase(engine);
  base.close();
});

const backend = async (q: Queryable) => (await rawGet<{ pid: number }>(q, sql`SELECT pg_backend_pid() AS pid`))!.pid;

engineTransactionCases({
  engine: () => engine,
  uniqueViolation: { code: '23505' },
  // read_only_sql_transaction.
  readOnlyRefusal: { code: '25006' },
  // A pool of one: the next transaction gets the very connection the last one used.
  reusing: () => {
    const single = openPgEngine(base.file, { pool: 1, busyTimeoutMs: WAIT_MS });
    return { db: single, close: () => closeDatabase(single) };
  },
});

describe('routing by async context', () => {
  it('inside a transaction a statement through the Db object runs on the transaction’s connection, outside on another', async () => {
    const inside = gate();
    const finish = gate();
    const done = engine.transaction(async (tx) => {
      const own = await backend(tx);
      expect(await backend(engine)).toBe(own);
      inside.open();
      await finish.passed;
      return own;
    });
    await inside.passed;
    // The open transaction holds its connection: a statement outside it is served by another.
    const outside = await backend(engine);
    finish.open();
    expect(outside).not.toBe(await done);
  });

  it('two engines incrementing one counter, step by awaited step under a row lock, end at the sum', async () => {
    await engine.insert(settings).values({ key: 'counter', value: '0' });
    const increment = (db: Db, times: number) =>
      db.transaction(async (tx) => {
        for (let i = 0; i < times; i++) {
          // Through the Db object: it must run in the transaction, or the lock would guard nothing.
          await rawAll(db, sql`SELECT 1 FROM settings WHERE key = 'counter' FOR UPDATE`);
          const now = Number(await valueOf(tx, 'counter'));
          await new Promise<void>((resolve) => setImmediate(resolve));
          await tx
            .update(settings)
            .set({ value: String(now + 1) })
            .where(eq(settings.key, 'counter'));
        }
      });
    const [a, b] = [openDatabase(base.file, 60_000), openDatabase(base.file, 60_000)];
    try {
      await Promise.all([increment(a, 200), increment(b, 200)]);
    } finally {
      await Promise.all([closeDatabase(a), closeDatabase(b)]);
    }
    expect(await valueOf(engine, 'counter')).toBe('400');
  }, 60_000);
});

describe('snapshots', () => {
  it('a snapshot answers what its function returns and is not held up by a write transaction', async () => {
    await engine.insert(settings).values({ key: 'snap.held', value: 'committed' });
    const finish = gate();
    const holding = engine.transaction(async (tx) => {
      await tx.update(settings).set({ value: 'held' }).where(eq(settings.key, 'snap.held'));
      await finish.passed;
    });
    expect(await engine.snapshot(async (tx) => valueOf(tx, 'snap.held'))).toBe('committed');
    finish.open();
    await holding;
  });

  it('a snapshot inside a transaction is a savepoint rolled back: it sees the transaction’s writes and keeps none of its own', async () => {
    await engine.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'in.tx', value: '1' });
      const seen = await engine.snapshot(async (inner) => {
        await inner.insert(settings).values({ key: 'in.snapshot', value: '1' });
        return valueOf(inner, 'in.tx');
      });
      expect(seen).toBe('1');
      expect(await valueOf(tx, 'in.snapshot')).toBeUndefined();
    });
    expect(await valueOf(engine, 'in.tx')).toBe('1');
  });
});

describe('busy', () => {
  it('a lock held past the busy timeout fails the waiting write as busy (55P03), and reads go on', async () => {
    await engine.insert(settings).values({ key: 'locked', value: '0' });
    const finish = gate();
    const locked = gate();
    const other = openDatabase(base.file, 60_000);
    const holding = other.transaction(async (tx) => {
      await tx.update(settings).set({ value: 'holder' }).where(eq(settings.key, 'locked'));
      locked.open();
      await finish.passed;
    });
    await locked.passed;
    const started = Date.now();
    const error = await engine
      .update(settings)
      .set({ value: 'waiter' })
      .where(eq(settings.key, 'locked'))
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 5);
    expect(error).toMatchObject({ cause: { code: '55P03' } });
    expect(isDatabaseBusy(error)).toBe(true);
    expect(await valueOf(engine, 'locked')).toBe('0');
    finish.open();
    await holding;
    await closeDatabase(other);
    expect(await valueOf(engine, 'locked')).toBe('holder');
  });

  it('writeIfFree writes when nothing holds the row and gives up at once when something does', async () => {
    const mark = (value: string) => (tx: Tx) =>
      tx
        .insert(settings)
        .values({ key: 'mark', value })
        .onConflictDoUpdate({ target: settings.key, set: { value } })
        .then(() => undefined);
    expect(await writeIfFree(engine, mark('free'))).toBe(true);
    const finish = gate();
    const locked = gate();
    const other = openDatabase(base.file, 60_000);
    const holding = other.transaction(async (tx) => {
      await tx.update(settings).set({ value: 'held' }).where(eq(settings.key, 'mark'));
      locked.open();
      await finish.passed;
    });
    await locked.passed;
    const started = Date.now();
    expect(await writeIfFree(engine, mark('busy'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(WAIT_MS / 2);
    finish.open();
    await holding;
    await closeDatabase(other);
    expect(await valueOf(engine, 'mark')).toBe('held');
  });

  it('a pool whose every connection is taken answers busy after the busy timeout, in and outside a transaction', async () => {
    const single = openPgEngine(base.file, { pool: 1, busyTimeoutMs: WAIT_MS });
    const finish = gate();
    const inside = gate();
    const holding = single.transaction(async () => {
      inside.open();
      await finish.passed;
    });
    await inside.passed;
    const started = Date.now();
    const error = await single.transaction(async () => 'never').catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 5);
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseBusy(await valueOf(single, 'mark').catch((e: unknown) => e))).toBe(true);
    finish.open();
    await holding;
    expect(await single.transaction(async () => 'now')).toBe('now');
    await closeDatabase(single);
  });

  it('a deadlock victim (40P01) is run once more from the start, and both transactions commit', async () => {
    await engine.insert(settings).values([
      { key: 'dl.a', value: '0' },
      { key: 'dl.b', value: '0' },
    ]);
    const [a, b] = [openDatabase(base.file, 10_000), openDatabase(base.file, 10_000)];
    const [tookA, tookB] = [gate(), gate()];
    let runs = 0;
    const cross = (db: Db, mine: string, theirs: string, took: () => void, taken: Promise<void>) =>
      db.transaction(async (tx) => {
        runs++;
        await tx.update(settings).set({ value: mine }).where(eq(settings.key, mine));
        took();
        await taken;
        await tx.update(settings).set({ value: mine }).where(eq(settings.key, theirs));
      });
    try {
      await Promise.all([cross(a, 'dl.a', 'dl.b', tookA.open, tookB.passed), cross(b, 'dl.b', 'dl.a', tookB.open, tookA.passed)]);
    } finally {
      await Promise.all([closeDatabase(a), closeDatabase(b)]);
    }
    // Both committed (without the retry the victim's promise rejects, and Promise.all with it). The victim's
    // run again can race the survivor for its first row and deadlock once more, making the survivor a
    // victim in turn: each is retried at most once.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(4);
    // The last to commit wrote both rows.
    const values = [await valueOf(engine, 'dl.a'), await valueOf(engine, 'dl.b')];
    expect(values[0]).toBe(values[1]);
  }, 20_000);
});
