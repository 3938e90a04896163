import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, asc, count, eq, like, sql, sum } from 'drizzle-orm';
import { domains, loginAttempts, settings } from '@/db/schema';
import { closeDatabase, getDb, openDatabase } from '@/db/client';
import { first, rawAll, rawGet, rawRun, rawValues } from '@/db/engine';
import { isMigrated, migrateDatabase } from '@/db/migrate';
import type { Db } from '@/db/tx';
import { createTestDb, type TestDb } from '../../setup/test-db';
import { adminQuery, databaseUrl, dropDatabase, quoteIdent, testDatabaseName } from '../../setup/pg-admin';

// The PostgreSQL engine (db/engine/pg) answers what db/ expects of the SQLite one (decision 040) through the
// same Db type: numbers for counts and sums, `.changes` of writes, Dates for instants, booleans for flags,
// raw rows by name and by position; and it starts up as decision 047 row 11 says.
let base: TestDb;
let db: Db;

beforeAll(async () => {
  base = await createTestDb();
  db = base.db;
});

afterAll(() => base.close());

describe('the process’s database', () => {
  it('getDb() is the engine on FENGHUO_DATABASE_URL, migrated from the template with the reference data', async () => {
    const own = getDb();
    expect(getDb()).toBe(own);
    expect(own.file).toBe(process.env.FENGHUO_DATABASE_URL);
    expect(await isMigrated(own)).toBe(true);
    expect((await rawGet<{ n: number }>(own, sql`SELECT count(*) AS n FROM domains`))!.n).toBeGreaterThan(0);
  });
});

describe('values as db/ reads them on SQLite', () => {
  it('count, sum and avg are numbers, not strings (int8 and numeric parsed once per process)', async () => {
    const raw = await rawGet<{ n: unknown; total: unknown; mean: unknown }>(
      db,
      sql`SELECT count(*) AS n, sum(x) AS total, avg(x) AS mean FROM generate_series(1, 4) AS x`,
    );
    expect(raw).toEqual({ n: 4, total: 10, mean: 2.5 });
    const domainCount = await db.$count(domains);
    expect(domainCount).toBeTypeOf('number');
    expect(domainCount).toBeGreaterThan(0);
    const [built] = await db.select({ n: count(), total: sum(domains.sortOrder) }).from(domains);
    expect(built?.n).toBe(domainCount);
    // drizzle's sum() maps to a string by its own type; the engine still hands it a number to map.
    expect(Number(built?.total)).toBeGreaterThan(0);
  });

  it('.changes of insert, update and delete, and of a raw write', async () => {
    expect((await db.insert(settings).values({ key: 'engine.a', value: '1' })).changes).toBe(1);
    expect((await db.update(settings).set({ value: '2' }).where(eq(settings.key, 'engine.a'))).changes).toBe(1);
    expect((await db.update(settings).set({ value: '2' }).where(eq(settings.key, 'nowhere'))).changes).toBe(0);
    expect((await rawRun(db, sql`UPDATE settings SET value = ${'3'} WHERE key LIKE ${'engine.%'}`)).changes).toBe(1);
    expect((await db.delete(settings).where(and(eq(settings.key, 'engine.a'), eq(settings.value, '3')))).changes).toBe(1);
  });

  it('an instant comes back as the same Date and a flag as a boolean, through builders and returning()', async () => {
    const at = new Date('2026-03-01T16:00:00.123Z');
    const [made] = await db.insert(loginAttempts).values({ login: 'who', ip: '10.0.0.1', at, success: false }).returning();
    expect(made?.at).toEqual(at);
    expect(made?.success).toBe(false);
    const row = first(await db.select().from(loginAttempts).where(eq(loginAttempts.id, made!.id)).limit(1));
    expect(row).toEqual(made);
    expect(row?.at).toBeInstanceOf(Date);
    // Stored as UTC milliseconds (bigint), as on SQLite: raw arithmetic on it means the same on both.
    expect(await rawGet(db, sql`SELECT at, success FROM login_attempts WHERE id = ${made!.id}`)).toEqual({
      at: at.getTime(),
      success: false,
    });
  });

  it('raw rows by column name, undefined when none, and by position even when two columns share a name', async () => {
    const rows = await rawAll<{ code: string }>(db, sql`SELECT code FROM domains ORDER BY code`);
    expect(rows.length).toBeGreaterThan(0);
    expect(typeof rows[0]?.code).toBe('string');
    expect(await rawGet(db, sql`SELECT 1 AS one WHERE false`)).toBeUndefined();
    const pairs = await rawValues<[number, number]>(db, sql`SELECT a.x AS id, b.x AS id FROM (SELECT 1 AS x) a, (SELECT 2 AS x) b`);
    expect(pairs).toEqual([[1, 2]]);
    // Inside a transaction, on its connection.
    await db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'engine.tx', value: 'x' });
      expect(await rawValues(db, sql`SELECT value FROM settings WHERE key = 'engine.tx'`)).toEqual([['x']]);
    });
  });

  it('rows by position also when raw.ts is another copy of the module than the engine (Next bundles beside server/serve.ts)', async () => {
    // The built server seeds the demo from Next's instrumentation bundle, whose copy of db/engine/raw.ts is not
    // the copy that created the engine on globalThis: a flag for "rows as arrays" kept per module copy was
    // unseen by the engine, the rating inputs came back as objects, and the demo seed crashed on pg.
    vi.resetModules();
    const copy = await import('@/db/engine/raw');
    expect(copy.rawValues).not.toBe(rawValues);
    expect(await copy.rawValues(db, sql`SELECT 1 AS a, 'x' AS b`)).toEqual([[1, 'x']]);
  });

  it('text sorts in byte order, as on SQLite (the template is C.UTF-8)', async () => {
    const words = ['b', 'B', 'a', 'A', '_', 'é', '中'];
    await db.insert(settings).values(words.map((w) => ({ key: `order.${w}`, value: w })));
    const rows = await db
      .select({ value: settings.value })
      .from(settings)
      .where(like(settings.key, 'order.%'))
      .orderBy(asc(settings.value));
    expect(rows.map((r) => r.value)).toEqual([...words].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
  });

  it('a bad statement fails as a rejected promise with the server’s SQLSTATE, and the engine goes on', async () => {
    await expect(rawAll(db, sql`SELECT nothing FROM nowhere`)).rejects.toMatchObject({ cause: { code: '42P01' } });
    expect((await rawGet<{ one: number }>(db, sql`SELECT 1 AS one`))?.one).toBe(1);
  });

  it('a connection the server ended while idle is replaced, not a crash', async () => {
    const own = openDatabase(base.file);
    await rawGet(own, sql`SELECT 1`);
    await rawRun(
      db,
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await rawGet<{ one: number }>(own, sql`SELECT 1 AS one`))?.one).toBe(1);
    await closeDatabase(own);
  });
});

describe('start-up', () => {
  const server = () => process.env.FENGHUO_TEST_PG_SERVER!;

  async function emptyDatabase(collation = 'C.UTF-8', provider = ''): Promise<{ url: string; drop: () => Promise<void> }> {
    const name = testDatabaseName();
    await adminQuery(
      server(),
      `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '${collation}' LC_CTYPE '${collation}' ${provider}`,
    );
    return { url: databaseUrl(server(), name), drop: () => dropDatabase(name) };
  }

  it('two engines migrating one empty database at once both succeed, and a second migration does nothing', async () => {
    const empty = await emptyDatabase();
    const [a, b] = [openDatabase(empty.url), openDatabase(empty.url)];
    try {
      expect(await isMigrated(a)).toBe(false);
      await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
      expect(await isMigrated(b)).toBe(true);
      await migrateDatabase(a);
      const applied = await rawGet<{ n: number }>(a, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
      expect(applied?.n).toBe(
        await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`).then((r) => r?.n),
      );
    } finally {
      await Promise.all([closeDatabase(a), closeDatabase(b)]);
      await empty.drop();
    }
  });

  it('refuses a database whose text order is not byte order, naming the createdb line', async () => {
    const icu = await emptyDatabase('C.UTF-8', "LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
    const other = openDatabase(icu.url);
    try {
      await expect(migrateDatabase(other)).rejects.toThrow(
        /createdb --encoding=UTF8 --locale=C\.UTF-8 --locale-provider=libc -T template0/,
      );
      expect(await isMigrated(other)).toBe(false);
    } finally {
      await closeDatabase(other);
      await icu.drop();
    }
  });
});
