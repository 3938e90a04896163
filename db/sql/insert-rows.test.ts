import { asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, incidents } from '@/db/schema';
import { createTestDb, type TestDb } from '@/tests/setup/test-db';
import { seedSmallOrg, org } from '@/tests/setup/small-org';
import { isPg } from './dialect';
import { insertRows, PG_ROWS_PER_STATEMENT } from './insert-rows';

// insertRows on the engine of the vitest project (SQLite, or PostgreSQL in the pg project): what it stores
// is what drizzle's own insert stores, rows keep their order, and RETURNING answers each row.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
});
afterAll(() => t?.close());

const owner = { unitId: org.BJ01_D1, instituteId: org.BJ01 };
/** Instants, flags, nulls, numbers and text, as an import stores them. */
const incident = (externalId: string, i: number) => {
  const occurredAt = new Date(Date.UTC(2026, 2, 1 + (i % 28), 1, 30, 0, 123));
  return {
    ...owner,
    externalId,
    domain: 'ai',
    dimension: 'loss',
    tier: 4,
    occurredAt,
    discoveredAt: occurredAt,
    reportedAt: occurredAt,
    deaths: i,
    seriousInjuries: 0,
    directLossCny: 0,
    concealed: i % 2 === 0,
    status: 'reported' as const,
    projectId: null,
    summary: i % 3 ? `无人机 ${i}` : null,
  };
};

describe('insertRows', () => {
  it('stores what drizzle’s insert stores, every column read back alike', async () => {
    const rows = [0, 1, 2, 3].map((i) => incident(`IR-${i}`, i));
    await t.db.insert(incidents).values(rows.map((r) => ({ ...r, externalId: `DZ-${r.externalId}` })));
    await insertRows(t.db, incidents, rows);
    const read = async (prefix: string) =>
      (
        await t.db
          .select()
          .from(incidents)
          .where(like(incidents.externalId, `${prefix}%`))
          .orderBy(asc(incidents.id))
      ).map((row) => {
        // Ids and the times of the insert itself differ between the two inserts; everything else must not.
        const { id, createdAt, updatedAt, ...rest } = row;
        expect([id, createdAt, updatedAt].every(Boolean)).toBe(true);
        return { ...rest, externalId: rest.externalId.replace(/^DZ-/, '') };
      });
    const ours = await read('IR-');
    expect(ours).toHaveLength(4);
    expect(ours).toEqual(await read('DZ-'));
    expect(ours[1]).toMatchObject({ concealed: false, deaths: 1, projectId: null, summary: '无人机 1' });
    expect(ours[0]).toMatchObject({ concealed: true, summary: null });
    expect(ours[1]!.occurredAt).toEqual(new Date(Date.UTC(2026, 2, 2, 1, 30, 0, 123)));
  });

  it('answers the RETURNING columns of every row, keyed as asked', async () => {
    const rows = [0, 1, 2].map((i) => incident(`RET-${i}`, i));
    const columns = { id: incidents.id, ref: incidents.externalId, at: incidents.occurredAt, concealed: incidents.concealed };
    const answer = await insertRows(t.db, incidents, rows, columns);
    // Mapped as drizzle maps them on either engine: an instant a Date, a flag a boolean.
    expect(answer.every((r) => r.at instanceof Date && typeof r.concealed === 'boolean')).toBe(true);
    const stored = await t.db
      .select(columns)
      .from(incidents)
      .where(inArray(incidents.externalId, ['RET-0', 'RET-1', 'RET-2']));
    expect([...answer].sort((a, b) => Number(a.id) - Number(b.id))).toEqual(stored.sort((a, b) => a.id - b.id));
  });

  it('inserts rows in their order, ids ascending, across several statements', async () => {
    const n = PG_ROWS_PER_STATEMENT + 50;
    const rows = Array.from({ length: n }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1)),
      action: 'test.order',
      entityKind: 'test',
      entityId: i,
      after: { i },
      hash: `order-${i}`,
    }));
    await insertRows(t.db, auditLog, rows, undefined, 200);
    const stored = await t.db
      .select({ entityId: auditLog.entityId, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.action, 'test.order'))
      .orderBy(asc(auditLog.id));
    expect(stored.map((r) => r.entityId)).toEqual(rows.map((r) => r.entityId));
    expect(stored[7]!.after).toEqual({ i: 7 });
  });
});

describe('insertRows: statements and defaults', () => {
  it('splits rows with long texts into statements by size, keeping every row once and in order', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...incident(`LONG-${i}`, i), summary: `${'隐患'.repeat(400)}${i}` }));
    // About 2,900 characters of JSON a row: 2 rows a statement, and one row longer than the bound goes alone.
    await insertRows(t.db, incidents, [...rows, { ...incident('LONG-big', 31), summary: '长'.repeat(9000) }], undefined, 100, 6000);
    const stored = await t.db
      .select({ externalId: incidents.externalId, summary: incidents.summary })
      .from(incidents)
      .where(like(incidents.externalId, 'LONG-%'))
      .orderBy(asc(incidents.id));
    expect(stored.map((r) => r.externalId)).toEqual([...rows.map((r) => r.externalId), 'LONG-big']);
    expect(stored[29]!.summary).toBe(rows[29]!.summary);
    expect(stored[30]!.summary).toHaveLength(9000);
  });

  it('takes a property set to undefined as not given, as drizzle does: the column’s default, not a refusal', async () => {
    await insertRows(t.db, incidents, [{ ...incident('UND-0', 0), createdAt: undefined }, incident('UND-1', 1)]);
    const stored = await t.db.select().from(incidents).where(like(incidents.externalId, 'UND-%'));
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.createdAt instanceof Date)).toBe(true);
  });

  it('refuses rows that leave a column with a default to it in some rows only', async () => {
    const rows = [incident('MIX-0', 0), { ...incident('MIX-1', 1), createdAt: new Date() }];
    const done = insertRows(t.db, incidents, rows);
    // SQLite's drizzle insert writes `default` in the rows without it; pg's one JSON statement could not.
    if (isPg(t.db)) await expect(done).rejects.toThrow(/created_at: some rows give it/);
    else {
      await done;
      expect(await t.db.select().from(incidents).where(like(incidents.externalId, 'MIX-%'))).toHaveLength(2);
    }
  });
});
