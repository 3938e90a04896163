import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import type { Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createTestDb, type TestDb } from './test-db';
import { addUser, seedSmallOrg } from './small-org';

// The reporter most import tests act as: one of BJ01, in the small academy (tests/setup/small-org.ts).

/** A new reporter of `unitCode`, as the API resolves its token: how an API caller or a script acts. */
export async function apiReporter(db: Db, login: string, unitCode = 'BJ01'): Promise<Actor> {
  const { token } = await createApiToken(db, await addUser(db, login, 'reporter', unitCode), 't');
  return (await resolveActor(db, { bearerToken: token }))!;
}

/** A fresh test database holding the small academy and an API reporter of BJ01. */
export async function smallOrgWithReporter(login: string): Promise<TestDb & { reporter: Actor }> {
  const t = await createTestDb();
  await seedSmallOrg(t.db);
  return { ...t, reporter: await apiReporter(t.db, login) };
}

/**
 * The server's own database (tests/setup/server-db-file.ts) migrated, with the small academy and a reporter
 * of BJ01: the actor, resolved by login as a signed-in user is.
 */
export async function seedServerDb(db: Db, login: string): Promise<Actor> {
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  await addUser(db, login, 'reporter', 'BJ01');
  return (await resolveActor(db, { cliLogin: login }))!;
}
