import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';
import { sqlOne } from './record-sql';

// Decision 032's turn: a small write on the serving thread waits for the import pool's worker only where the
// worker holds the one write lock there is (SQLite's file lock). On PostgreSQL writers go side by side, so a
// form or a small batch whose rows the worker does not hold is written while a big batch is still being
// written. On SQLite the small write waits its turn and, past the busy wait (short here), is refused as the
// turn refuses it (WorkerWriteBusy), not by the engine's own lock wait.
process.env.FENGHUO_DB_BUSY_TIMEOUT_MS = '500';
const { remove } = serverDbFile('fenghuo-write-turn-', 'turn.db');

const { getDb } = await import('@/db/client');
const { rawRun } = await import('@/db/engine');
const { isPg } = await import('@/db/sql/dialect');
const { seedServerDb } = await import('../setup/reporter');
const { ImportPool, DEFAULT_POOL, WorkerWriteBusy } = await import('@/features/import/import-pool');
const { submitBatch, INLINE_BATCH_MAX } = await import('@/features/records/submit-off-thread');

const db = getDb();
const onPg = isPg(db);
const pool = new ImportPool({ ...DEFAULT_POOL, workers: 1, queue: 1 });
let actor: Actor;

beforeAll(async () => {
  actor = await seedServerDb(db, 'turn.rep');
  // Each row of the big batch costs some time in the database, so that the worker's write lasts seconds.
  if (onPg) {
    await rawRun(
      db,
      sql.raw(`CREATE FUNCTION slow_long() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.external_id LIKE 'LONG-%' THEN PERFORM pg_sleep(0.001); END IF; RETURN NEW; END $$`),
    );
    await rawRun(db, sql.raw('CREATE TRIGGER slow_long AFTER INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION slow_long()'));
  } else {
    await rawRun(
      db,
      sql.raw(`CREATE TRIGGER slow_long AFTER INSERT ON incidents WHEN NEW.external_id LIKE 'LONG-%' BEGIN
        SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000) SELECT x FROM c);
      END`),
    );
  }
}, 120_000);
afterAll(async () => {
  await pool.close();
  remove();
});

const incidents = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    unitCode: 'BJ01',
    domain: 'drones',
    dimension: 'loss',
    tier: 4,
    occurredAt: '2026-03-02T09:30:00+08:00',
    reportedAt: '2026-03-02T12:30:00+08:00',
    summary: `事件 ${i}`,
  }));

const stored = async (prefix: string) =>
  (await sqlOne<{ n: number }>(db, 'SELECT count(*) AS n FROM incidents WHERE external_id LIKE ?', `${prefix}-%`)).n;

/** A hazard: a kind the big batch of incidents holds no lock of on PostgreSQL (db/sql/locks.ts). */
const hazard = {
  externalId: 'SMALL-1',
  unitCode: 'BJ01',
  domain: 'ai',
  dimension: 'data',
  severity: 'general',
  foundAt: '2026-03-01',
  dueAt: '2026-04-01',
};

describe('a small write while the worker writes a big batch', () => {
  it(
    onPg ? 'PostgreSQL: is written at once, before the big batch ends' : 'SQLite: waits its turn, refused as busy past the wait',
    async () => {
      const now = new Date('2026-03-10T10:00:00+08:00');
      const big = submitBatch(db, actor, 'incidents', incidents(2_000, 'LONG'), { now, source: 'api' }, pool);
      while (pool.writing === 0) await new Promise((r) => setTimeout(r, 5));
      const small = await submitBatch(db, actor, 'hazards', [hazard], { now, source: 'api' }, pool).then(
        (result) => ({ result, workerStillWriting: pool.writing > 0 }),
        (error: unknown) => ({ error, workerStillWriting: pool.writing > 0 }),
      );
      expect((await big).created).toBe(2_000);
      expect(INLINE_BATCH_MAX).toBeLessThan(2_000);
      if (onPg) expect(small).toMatchObject({ result: { created: 1 }, workerStillWriting: true });
      else expect('error' in small && small.error).toBeInstanceOf(WorkerWriteBusy);
      expect(await stored('LONG')).toBe(2_000);
    },
    120_000,
  );
});
