import { and, count, eq, gt, isNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/tx';
import { first } from '@/db/engine';
import { apiTokens, auditLog, loginAttempts, sessions, units, users, type Role } from '@/db/schema';
import { jsonField } from '@/db/sql/dialect';

export type UserRow = typeof users.$inferSelect;

export async function userByLogin(q: Queryable, login: string): Promise<UserRow | undefined> {
  return first(await q.select().from(users).where(eq(users.login, login)).limit(1));
}

export async function countUsers(q: Queryable): Promise<number> {
  return first(await q.select({ n: count() }).from(users))?.n ?? 0;
}

export async function insertUser(
  q: Queryable,
  values: { login: string; displayName: string; passwordHash: string; role: Role; unitId: number },
): Promise<number> {
  const now = new Date();
  const rows = await q
    .insert(users)
    .values({ ...values, passwordChangedAt: now, createdAt: now, updatedAt: now })
    .returning({ id: users.id });
  return first(rows)!.id;
}

/** The user behind a principal together with its unit, as the scope resolver needs it. */
const principalColumns = {
  userId: users.id,
  login: users.login,
  displayName: users.displayName,
  role: users.role,
  active: users.active,
  passwordChangedAt: users.passwordChangedAt,
  unitId: units.id,
  unitCode: units.code,
  unitName: units.name,
  unitNameEn: units.nameEn,
  unitPath: units.path,
};

export async function sessionPrincipal(q: Queryable, sessionId: string, now: Date) {
  const rows = await q
    .select({ ...principalColumns, sessionCreatedAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)))
    .limit(1);
  return first(rows);
}

export async function tokenPrincipal(q: Queryable, tokenHash: string, now: Date) {
  const rows = await q
    .select({ ...principalColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))),
    )
    .limit(1);
  return first(rows);
}

/** The principal of a user by login, for the command line (whoever runs it has the database file already). */
export async function loginPrincipal(q: Queryable, login: string) {
  return first(
    await q.select(principalColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.login, login)).limit(1),
  );
}

/** The first active administrator's login, the command line's default identity. */
export async function firstAdminLogin(q: Queryable): Promise<string | undefined> {
  const rows = await q
    .select({ login: users.login })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(users.id)
    .limit(1);
  return first(rows)?.login;
}

export async function insertSession(q: Queryable, values: typeof sessions.$inferInsert): Promise<void> {
  await q.insert(sessions).values(values);
}

export async function touchSession(q: Queryable, sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await q.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function insertApiToken(q: Queryable, values: typeof apiTokens.$inferInsert): Promise<number> {
  return first(await q.insert(apiTokens).values(values).returning({ id: apiTokens.id }))!.id;
}

export async function touchApiToken(q: Queryable, tokenId: number, at: Date): Promise<void> {
  await q.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

export async function recordLoginAttempt(q: Queryable, values: { login: string; ip: string; at: Date; success: boolean }): Promise<number> {
  return first(await q.insert(loginAttempts).values(values).returning({ id: loginAttempts.id }))!.id;
}

export async function markLoginSucceeded(q: Queryable, attemptId: number): Promise<void> {
  await q.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

export interface FailureStats {
  n: number;
  last: Date | null;
}

/**
 * Failed attempts since `since` and before attempt `beforeId`: for the login, for the login from this
 * address, and for the address (the last two only when the address is known).
 */
export async function loginFailureStats(
  db: Queryable,
  q: { login: string; ip: string | null; since: Date; beforeId: number },
): Promise<{ byLogin: FailureStats; byPair: FailureStats; byIp: FailureStats }> {
  const failed = and(eq(loginAttempts.success, false), gt(loginAttempts.at, q.since), lt(loginAttempts.id, q.beforeId));
  const stats = async (where: SQL | undefined): Promise<FailureStats> => {
    const row = first(
      await db
        .select({ n: count(), last: max(loginAttempts.at) })
        .from(loginAttempts)
        .where(where),
    );
    return { n: row?.n ?? 0, last: row?.last ?? null };
  };
  const none = { n: 0, last: null };
  return {
    byLogin: await stats(and(failed, eq(loginAttempts.login, q.login))),
    byPair: q.ip ? await stats(and(failed, eq(loginAttempts.login, q.login), eq(loginAttempts.ip, q.ip))) : none,
    byIp: q.ip ? await stats(and(failed, eq(loginAttempts.ip, q.ip))) : none,
  };
}

/** A refused (throttled) attempt is forgotten, so retrying while waiting does not lengthen the wait. */
export async function deleteLoginAttempt(q: Queryable, attemptId: number): Promise<void> {
  await q.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
}

/**
 * A successful login forgets the failures of that login from that address (the owner's own typos); those
 * from other addresses, perhaps a guesser's, keep counting.
 */
export async function clearLoginFailures(q: Queryable, login: string, ip: string): Promise<void> {
  await q.delete(loginAttempts).where(and(eq(loginAttempts.login, login), eq(loginAttempts.ip, ip), eq(loginAttempts.success, false)));
}

/** Revokes a token that is still live; returns false when there was none to revoke. */
export async function revokeApiToken(q: Queryable, tokenId: number, at: Date): Promise<boolean> {
  const result = await q
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
  return result.changes === 1;
}

/**
 * A new password hash, and every session of the user ended, in one transaction: whoever held a session
 * with the old password (a stolen cookie, a forgotten browser) holds nothing afterwards.
 */
export async function replacePassword(db: Db, userId: number, passwordHash: string, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, userId));
    return (await tx.delete(sessions).where(eq(sessions.userId, userId))).changes;
  });
}

export async function userById(q: Queryable, userId: number): Promise<UserRow | undefined> {
  return first(await q.select().from(users).where(eq(users.id, userId)).limit(1));
}

/** Failed password changes by one user from one session since `since`, from the audit chain that records them. */
export async function passwordChangeFailures(db: Queryable, q: { userId: number; session: string; since: Date }): Promise<FailureStats> {
  const rows = await db
    .select({ n: count(), last: max(auditLog.at) })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityKind, 'user'),
        eq(auditLog.entityId, q.userId),
        eq(auditLog.action, PASSWORD_CHANGE_FAILED),
        gt(auditLog.at, q.since),
        sql`${jsonField(db, auditLog.after, 'session')} = ${q.session}`,
      ),
    );
  const row = first(rows);
  return { n: row?.n ?? 0, last: row?.last ?? null };
}

export const PASSWORD_CHANGE_FAILED = 'user.password_change_failed';
