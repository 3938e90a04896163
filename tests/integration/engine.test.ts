import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import Database from 'better-sqlite3';
import { drizzle as syncDrizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { hazards, settings, units } from '@/db/schema';
import { cachedStatements, first, migrateEngine, openEngine, rawAll, rawGet, rawRun } from '@/db/engine';
import type { Db } from '@/db/tx';
import { createTestDb, type TestDb } from '../setup/test-db';
import { org, seedSmallOrg } from '../setup/small-org';

// The async engine (decision 040) answers what synchronous drizzle (the better-sqlite3 driver the product
// used before issue 15) answers, for the same query builders on the real schema and a real migrated file.
// `sync` is that driver on a connection of its own: the reference every answer is compared with.
let base: TestDb;
let engine: Db;
let connection: Database.Database;
let sync: BetterSQLite3Database<typeof schema>;

beforeAll(async () => {
  base = await createTestDb();
  await seedSmallOrg(base.db);
  engine = openEngine(base.file, { busyTimeoutMs: 2000 });
  connection = new Database(base.file);
  sync = syncDrizzle(connection, { schema });
});

afterAll(() => {
  connection.close();
  engine.close();
  base.close();
});

// Units with their parent's code and the number of hazards filed there: a join, a left join, a group.
const parent = alias(units, 'parent');
const unitFields = { id: units.id, code: units.code, kind: units.kind, parent: parent.code, hazards: sql<number>`count(${hazards.id})` };

describe('the engine reads what synchronous drizzle reads', () => {
  it('a select with joins and grouping', async () => {
    const expected = sync
      .select(unitFields)
      .from(units)
      .leftJoin(parent, eq(parent.id, units.parentId))
      .leftJoin(hazards, eq(hazards.unitId, units.id))
      .groupBy(units.id)
      .orderBy(asc(units.id))
      .all();
    expect(expected.length).toBeGreaterThan(5);
    const rows = await engine
      .select(unitFields)
      .from(units)
      .leftJoin(parent, eq(parent.id, units.parentId))
      .leftJoin(hazards, eq(hazards.unitId, units.id))
      .groupBy(units.id)
      .orderBy(asc(units.id));
    expect(rows).toEqual(expected);
  });

  it('whole rows, with their dates and enums mapped', async () => {
    const expected = sync.select().from(hazards).orderBy(asc(hazards.id)).all();
    expect(expected.length).toBeGreaterThan(0);
    const rows = await engine.select().from(hazards).orderBy(asc(hazards.id));
    expect(rows).toEqual(expected);
    expect(rows[0]?.foundAt).toBeInstanceOf(Date);
  });

  it('one row: first() of a limited select, and .get()', async () => {
    const expected = sync.select().from(units).where(eq(units.id, org.BJ01)).get();
    expect(first(await engine.select().from(units).where(eq(units.id, org.BJ01)).limit(1))).toEqual(expected);
    expect(await engine.select().from(units).where(eq(units.id, org.BJ01)).get()).toEqual(expected);
    expect(first(await engine.select().from(units).where(eq(units.code, 'nowhere')).limit(1))).toBeUndefined();
  });

  it('raw SQL gives rows as objects keyed by column name', async () => {
    const query = sql`SELECT code, path FROM units WHERE kind = ${'institute'} ORDER BY id`;
    const expected = sync.all<{ code: string; path: string }>(query);
    expect(await rawAll<{ code: string; path: string }>(engine, query)).toEqual(expected);
    expect(await rawGet<{ n: number }>(engine, sql`SELECT count(*) AS n FROM units`)).toEqual(
      sync.get<{ n: number }>(sql`SELECT count(*) AS n FROM units`),
    );
    expect(await rawGet(engine, sql`SELECT 1 AS one WHERE 0`)).toBeUndefined();
  });

  it('counts and bare values', async () => {
    expect(await engine.$count(units, eq(units.kind, 'institute'))).toBe(await sync.$count(units, eq(units.kind, 'institute')));
    expect(await engine.select({ code: units.code }).from(units).orderBy(asc(units.id)).values()).toEqual(
      sync.select({ code: units.code }).from(units).orderBy(asc(units.id)).values(),
    );
  });
});

describe('the engine writes what synchronous drizzle writes', () => {
  it('insert … returning, update, delete, and their counts', async () => {
    const [made] = await engine.insert(settings).values({ key: 'engine.a', value: '1' }).returning();
    expect(made).toEqual({ key: 'engine.a', value: '1' });
    expect(sync.select().from(settings).where(eq(settings.key, 'engine.a')).get()).toEqual(made);

    const updated = await engine.update(settings).set({ value: '2' }).where(eq(settings.key, 'engine.a'));
    expect(updated.changes).toBe(1);
    expect(sync.select().from(settings).where(eq(settings.key, 'engine.a')).get()?.value).toBe('2');

    const inserted = await engine.insert(settings).values({ key: 'engine.b', value: 'x' });
    expect(inserted.changes).toBe(1);
    expect(Number(inserted.lastInsertRowid)).toBeGreaterThan(0);

    const removed = await engine.delete(settings).where(and(eq(settings.value, 'x'), eq(settings.key, 'engine.b')));
    expect(removed.changes).toBe(1);
    expect(sync.select().from(settings).where(eq(settings.key, 'engine.b')).get()).toBeUndefined();
  });

  it('a raw write answers its change count', async () => {
    const result = await rawRun(engine, sql`UPDATE settings SET value = ${'3'} WHERE key = ${'engine.a'}`);
    expect(result.changes).toBe(1);
    expect(await rawGet<{ value: string }>(engine, sql`SELECT value FROM settings WHERE key = ${'engine.a'}`)).toEqual({ value: '3' });
  });

  it('a bad statement fails as a rejected promise, and the engine goes on', async () => {
    await expect(rawAll(engine, sql`SELECT nothing FROM nowhere`)).rejects.toThrow(/nowhere/);
    await expect(engine.insert(units).values({ code: 'HX', name: 'twice', kind: 'academy', path: '/x/' })).rejects.toThrow();
    expect((await engine.select({ n: sql<number>`count(*)` }).from(units))[0]?.n).toBe(7);
  });
});

describe('the statement cache', () => {
  it('prepares each text once and keeps at most its capacity', async () => {
    const small = openEngine(base.file, { statementCacheSize: 5, busyTimeoutMs: 2000 });
    try {
      for (let i = 0; i < 40; i++) await rawGet(small, sql`SELECT ${sql.raw(String(i))} AS n`);
      for (let i = 0; i < 40; i++)
        await small
          .insert(settings)
          .values({ key: `cache.${i}`, value: String(i) })
          .onConflictDoNothing();
      const sizes = cachedStatements(small);
      expect(sizes.read).toBeLessThanOrEqual(5);
      expect(sizes.write).toBeLessThanOrEqual(5);
      expect(sizes.read).toBeGreaterThan(0);
      expect(sizes.write).toBeGreaterThan(0);
      expect(await rawGet<{ n: number }>(small, sql`SELECT 39 AS n`)).toEqual({ n: 39 });
    } finally {
      small.close();
    }
  });
});

describe('migrations', () => {
  it('a new file is created and migrated through the engine, and migrating again changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-engine-'));
    const fresh = openEngine(path.join(dir, 'new.db'), { busyTimeoutMs: 2000 });
    try {
      await migrateEngine(fresh);
      await migrateEngine(fresh);
      const tables = await rawAll<{ name: string }>(fresh, sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
      expect(tables.map((t) => t.name)).toEqual(
        sync.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).map((t) => t.name),
      );
      await fresh.insert(settings).values({ key: 'fresh', value: '1' });
      expect(await fresh.select().from(settings)).toEqual([{ key: 'fresh', value: '1' }]);
    } finally {
      fresh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
