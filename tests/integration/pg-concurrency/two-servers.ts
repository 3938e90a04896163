import { sql } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '@/db/client';
import { rawGet } from '@/db/engine';
import type { Db } from '@/db/tx';
import type { Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createTestDb } from '../../setup/test-db';
import { addUser, seedSmallOrg } from '../../setup/small-org';

// Two servers on one PostgreSQL database, as decision 047's tests need them: two engines, each with its own
// pool of connections, opened on one private test database. What one commits the other sees only through
// the database, as two processes would; Promise.all of their operations runs them at once.

export interface TwoServers {
  one: Db;
  other: Db;
  url: string;
  close: () => Promise<void>;
}

/**
 * How long each operation may wait for a connection and for each lock. These tests check what concurrent
 * writers store, not how long they queue: 50 writers per server share a pool of 10 and wait their turn at
 * the locks, on a machine shared with other work, where the default wait would answer some of them "busy".
 */
const PATIENT_MS = 120_000;

export async function twoServers(): Promise<TwoServers> {
  const t = await createTestDb();
  const one = openDatabase(t.file, PATIENT_MS);
  const other = openDatabase(t.file, PATIENT_MS);
  return {
    one,
    other,
    url: t.file,
    close: async () => {
      await Promise.all([closeDatabase(one), closeDatabase(other)]);
      t.close();
    },
  };
}

/** The small academy (tests/setup/small-org.ts) and an office API client, resolved on each server. */
export async function seededWithApiClient(s: TwoServers, login = 'conc.office'): Promise<{ one: Actor; other: Actor }> {
  await seedSmallOrg(s.one);
  const token = await createApiToken(s.one, await addUser(s.one, login, 'office', 'HX'), 't');
  return {
    one: (await resolveActor(s.one, { bearerToken: token.token }))!,
    other: (await resolveActor(s.other, { bearerToken: token.token }))!,
  };
}

/** Deadlocks the server detected in this database so far (each one a transaction rolled back, retried or not). */
export async function deadlocks(db: Db): Promise<number> {
  // The statistics are flushed by each backend after its transactions, at most once a second.
  await rawGet(db, sql`SELECT pg_stat_force_next_flush()`);
  await new Promise((r) => setTimeout(r, 1_100));
  return (await rawGet<{ n: number }>(db, sql`SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()`))!.n;
}

/** An incident as the API takes it. */
export const incidentItem = (externalId: string, unitCode: string, occurredAt = '2026-05-30T10:00:00+08:00') => ({
  externalId,
  unitCode,
  domain: 'ai',
  dimension: 'data',
  tier: 2,
  occurredAt,
  reportedAt: occurredAt.replace('10:00', '10:30'),
});
