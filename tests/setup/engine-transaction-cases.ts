import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { settings } from '@/db/schema';
import { first } from '@/db/engine';
import type { Db, Queryable } from '@/db/tx';

// The promises both engines' transactions keep alike (decision 040; on PostgreSQL decision 047), one body run
// by each engine's own test file: tests/integration/engine-transactions.test.ts (SQLite) and
// tests/integration/pg/engine-transactions.test.ts. What only one engine does (SQLite's write queue and file
// lock, pg's row locks, lock_timeout, pool and deadlock retry) stays in that engine's file.

/** A promise and the function that resolves it: lets a test hold a transaction open while it looks. */
export function gate(): { open: () => void; passed: Promise<void> } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { open, passed };
}

export async function valueOf(q: Queryable, key: string): Promise<string | undefined> {
  return first(await q.select().from(settings).where(eq(settings.key, key)).limit(1))?.value;
}

export interface EngineCases {
  /** The engine under test, opened by the caller's beforeAll (hence a function). */
  engine: () => Db;
  /** What the engine's error carries as `cause` when a write breaks a unique key. */
  uniqueViolation: object;
  /** What it carries when a snapshot tries to write. */
  readOnlyRefusal: object;
  /**
   * An engine whose next transaction may get the connection a finished one used (the engine itself on
   * SQLite, whose one writer serves every transaction; a pool of one on pg), and how to close it.
   */
  reusing: () => { db: Db; close: () => Promise<void> };
}

export function engineTransactionCases({ engine, uniqueViolation, readOnlyRefusal, reusing }: EngineCases): void {
  describe('what both engines promise', () => {
    it('a read outside a transaction does not see its uncommitted write; inside, the Db object runs in it', async () => {
      const db = engine();
      const written = gate();
      const finish = gate();
      const done = db.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'dirty', value: 'uncommitted' });
        // The engine object, not only tx, runs on the transaction inside its own async context.
        expect(await valueOf(db, 'dirty')).toBe('uncommitted');
        written.open();
        await finish.passed;
      });
      await written.passed;
      expect(await valueOf(db, 'dirty')).toBeUndefined();
      finish.open();
      await done;
      expect(await valueOf(db, 'dirty')).toBe('uncommitted');
    });

    it('a snapshot sees one state throughout, even while a write commits, and cannot write', async () => {
      const db = engine();
      await db.insert(settings).values({ key: 'snap', value: 'before' });
      const looked = gate();
      const committed = gate();
      const seen = db.snapshot(async (tx) => {
        const before = await valueOf(tx, 'snap');
        looked.open();
        await committed.passed;
        const again = await valueOf(tx, 'snap');
        const refused = await tx
          .insert(settings)
          .values({ key: 'snap.write', value: 'x' })
          .catch((e: unknown) => e);
        return [before, again, refused];
      });
      await looked.passed;
      await db.update(settings).set({ value: 'after' }).where(eq(settings.key, 'snap'));
      committed.open();
      const [before, again, refused] = await seen;
      expect([before, again]).toEqual(['before', 'before']);
      expect(refused).toMatchObject({ cause: readOnlyRefusal });
      expect(await valueOf(db, 'snap')).toBe('after');
      expect(await valueOf(db, 'snap.write')).toBeUndefined();
    });

    it('a transaction that throws stores nothing and rethrows the same error', async () => {
      const db = engine();
      const problem = new Error('refused');
      await expect(
        db.transaction(async (tx) => {
          await tx.insert(settings).values({ key: 'rolled.back', value: '1' });
          throw problem;
        }),
      ).rejects.toBe(problem);
      expect(await valueOf(db, 'rolled.back')).toBeUndefined();
    });

    it('a nested transaction is a savepoint: its rollback keeps the outer work', async () => {
      const db = engine();
      await db.transaction(async (tx) => {
        await tx.insert(settings).values({ key: 'outer', value: '1' });
        await expect(
          tx.transaction(async (inner) => {
            await inner.insert(settings).values({ key: 'inner', value: '1' });
            throw new Error('inner refused');
          }),
        ).rejects.toThrow('inner refused');
        // db.transaction inside a transaction of this context nests the same way.
        await expect(
          db.transaction(async (inner) => {
            await inner.insert(settings).values({ key: 'inner.2', value: '1' });
            inner.rollback();
          }),
        ).rejects.toThrow();
        await db.transaction(async (inner) => {
          await inner.insert(settings).values({ key: 'inner.kept', value: '1' });
        });
      });
      const keys = (await db.select().from(settings).where(like(settings.key, 'inner%'))).map((r) => r.key);
      expect(keys).toEqual(['inner.kept']);
      expect(await valueOf(db, 'outer')).toBe('1');
    });

    it('a failing statement rolls the transaction back, and the next one runs', async () => {
      const db = engine();
      await expect(
        db.transaction(async (tx) => {
          await tx.insert(settings).values({ key: 'dup', value: '1' });
          await tx.insert(settings).values({ key: 'dup', value: '2' });
        }),
      ).rejects.toMatchObject({ cause: uniqueViolation });
      expect(await valueOf(db, 'dup')).toBeUndefined();
      await db.insert(settings).values({ key: 'dup', value: '3' });
      expect(await valueOf(db, 'dup')).toBe('3');
    });

    it('work a transaction left running after it ended does not write inside someone else’s transaction', async () => {
      const { db, close } = reusing();
      try {
        // The late write starts only once the other transaction is open and has written (a gate, not a
        // timer: on a loaded machine a timer could fire before it began, and the test would prove nothing).
        const inside = gate();
        let late!: Promise<unknown>;
        await db.transaction(async () => {
          late = inside.passed.then(() => db.insert(settings).values({ key: 'late', value: '1' }));
        });
        const finish = gate();
        const other = db.transaction(async (tx) => {
          await tx.insert(settings).values({ key: 'other', value: '1' });
          inside.open();
          await finish.passed;
          throw new Error('other rolls back');
        });
        await inside.passed;
        // Let the late write be issued while the other transaction is still open (on SQLite it then waits
        // for the writer; it must not run inside the other transaction).
        await new Promise((resolve) => setTimeout(resolve, 30));
        finish.open();
        await expect(other).rejects.toThrow('other rolls back');
        await late;
        expect(await valueOf(engine(), 'late')).toBe('1');
        expect(await valueOf(engine(), 'other')).toBeUndefined();
      } finally {
        await close();
      }
    });
  });
}
