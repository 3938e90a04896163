import { getDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import type { Db } from '@/db/tx';
import type { Role } from '@/db/schema';
import type { Actor } from '@/domain/auth/actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { resolveActor } from '@/features/auth/resolve-actor';
import { addUser, seedSmallOrg, type RecordIds } from './small-org';

/**
 * The server's own database (getDb(), on the FENGHUO_DB the test set: tests/setup/server-db-file.ts)
 * migrated and holding the small academy seeded at `at`: what server actions and API routes see.
 */
export async function serverSmallOrg(at: Date): Promise<{ db: Db; ids: RecordIds }> {
  const db = getDb();
  await migrateDatabase(db);
  await ensureReferenceData(db);
  return { db, ids: await seedSmallOrg(db, at) };
}

/** A user of `role` at `unitCode` with an API token, and the actor the token resolves to. */
export async function userWithToken(
  db: Db,
  login: string,
  role: Role,
  unitCode: string,
  label: string,
): Promise<{ token: string; actor: Actor }> {
  const token = (await createApiToken(db, await addUser(db, login, role, unitCode), label)).token;
  return { token, actor: (await resolveActor(db, { bearerToken: token }))! };
}
