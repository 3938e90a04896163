import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawEach, rawValues } from '@/db/engine';
import { settings } from '@/db/schema';
import { createTestDb, type TestDb } from '../setup/test-db';

// rawEach (db/engine/raw.ts), the rating's bulk read: rows by position handed over one at a time, on SQLite
// while the statement steps. On both engines: the same rows as rawValues, in the statement's order; inside a
// transaction, its own view; a failure in the row function ends the read and leaves the connection usable.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

const numbers = sql`SELECT n, 'r' || CAST(n AS TEXT) AS label, n * 10 AS n FROM (
  SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS t ORDER BY 1 DESC`;

async function collect(query = numbers): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  await rawEach<unknown[]>(t.db, query, (row) => rows.push(row));
  return rows;
}

describe('rawEach', () => {
  it('hands over every row by position, in order, as rawValues answers them (two columns may share a name)', async () => {
    const rows = await collect();
    expect(rows).toEqual([
      [4, 'r4', 40],
      [3, 'r3', 30],
      [2, 'r2', 20],
      [1, 'r1', 10],
    ]);
    expect(rows).toEqual(await rawValues(t.db, numbers));
    expect(await collect(sql`SELECT 1 AS n WHERE 1 = 0`)).toEqual([]);
  });

  it('reads inside a transaction on its connection: its own uncommitted write', async () => {
    await t.db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'raw-each.tx', value: 'inside' });
      const seen: unknown[][] = [];
      await rawEach<unknown[]>(tx, sql`SELECT value FROM settings WHERE key = 'raw-each.tx'`, (row) => seen.push(row));
      expect(seen).toEqual([['inside']]);
    });
  });

  it('a throw from the row function rejects with it, stops the read, and the connection serves the next read', async () => {
    const seen: unknown[] = [];
    const failing = rawEach<unknown[]>(t.db, numbers, (row) => {
      seen.push(row[0]);
      if (row[0] === 3) throw new Error('stop at 3');
    });
    await expect(failing).rejects.toThrow('stop at 3');
    expect(seen).toEqual([4, 3]);
    // A SQLite statement left stepping would keep its connection busy ("busy executing a query").
    expect(await collect()).toHaveLength(4);
    await t.db.snapshot(async (tx) => {
      await expect(
        rawEach(tx, numbers, () => {
          throw new Error('inside a snapshot');
        }),
      ).rejects.toThrow('inside a snapshot');
      expect(await rawValues(tx, sql`SELECT 1`)).toEqual([[1]]);
    });
  });
});
