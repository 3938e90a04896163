import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '@/db/engine';
import { units } from '@/db/schema';
import { createTestDb, type TestDb } from '@/tests/setup/test-db';
import { advanceIdentities, identityAdvance } from './identities';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

const unit = (code: string, id?: number) => ({ ...(id ? { id } : {}), code, name: code, kind: 'branch' as const, path: '/' });

describe('advanceIdentities', () => {
  it('moves a pg id sequence past its largest id', () => {
    expect(new PgDialect().sqlToQuery(identityAdvance(units))).toMatchObject({
      sql: `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(id) FROM "units"), 0) + 1, false)`,
      params: ['units'],
    });
  });

  it('lets an insert without an id follow rows inserted with theirs, on the engine under test', async () => {
    await t.db.transaction(async (tx) => {
      await tx.insert(units).values([unit('ID1', 1), unit('ID2', 2), unit('ID3', 3)]);
      await advanceIdentities(tx, [units]);
    });
    const next = first(await t.db.insert(units).values(unit('ID4')).returning({ id: units.id }));
    expect(next?.id).toBe(4);
  });
});
