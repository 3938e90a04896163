import { and, count, eq, gt, isNull, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, auditLog, loginAttempts, sessions, units, users, type Role } from '@/db/schema';

export type UserRow = typeof users.$inferSelect;

export function userByLogin(db: Db, login: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.login, login)).get();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

export function insertUser(
  db: Db,
  values: { login: string; displayName: string; passwordHash: string; role: Role; unitId: number },
): number {
  const now = new Date();
  return db
    .insert(users)
    .values({ ...values, passwordChangedAt: now, createdAt: now, updatedAt: now })
    .returning({ id: users.id })
    .get().id;
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

export function sessionPrincipal(db: Db, sessionId: string, now: Date) {
  return db
    .select({ ...principalColumns, sessionCreatedAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now)))
    .get();
}

export function tokenPrincipal(db: Db, tokenHash: string, now: Date) {
  return db
    .select({ ...principalColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))),
    )
    .get();
}

/** The principal of a user by login, for the command line (whoever runs it has the database file already). */
export function loginPrincipal(db: Db, login: string) {
  return db.select(principalColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.login, login)).get();
}

/** The first active administrator's login, the command line's default identity. */
export function firstAdminLogin(db: Db): string | undefined {
  return db
    .select({ login: users.login })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(users.id)
    .limit(1)
    .get()?.login;
}

export function insertSession(db: Db, values: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(values).run();
}

export function touchSession(db: Db, sessionId: string, lastSeenAt: Date, expiresAt: Date): void {
  db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, sessionId)).run();
}

export function deleteSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert): number {
  return db.insert(apiTokens).values(values).returning({ id: apiTokens.id }).get().id;
}

export function touchApiToken(db: Db, tokenId: number, at: Date): void {
  db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId)).run();
}

export function recordLoginAttempt(db: Db, values: { login: string; ip: string; at: Date; success: boolean }): number {
  return db.insert(loginAttempts).values(values).returning({ id: loginAttempts.id }).get().id;
}

export function markLoginSucceeded(db: Db, attemptId: number): void {
  db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId)).run();
}

export interface FailureStats {
  n: number;
  last: Date | null;
}

/**
 * Failed attempts since `since` and before attempt `beforeId`: for the login, for the login from this
 * address, and for the address (the last two only when the address is known).
 */
export function loginFailureStats(
  db: Db,
  q: { login: string; ip: string | null; since: Date; beforeId: number },
): { byLogin: FailureStats; byPair: FailureStats; byIp: FailureStats } {
  const failed = and(eq(loginAttempts.success, false), gt(loginAttempts.at, q.since), lt(loginAttempts.id, q.beforeId));
  const stats = (where: SQL | undefined): FailureStats => {
    const row = db
      .select({ n: count(), last: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(where)
      .get();
    return { n: row?.n ?? 0, last: row?.last ?? null };
  };
  const none = { n: 0, last: null };
  return {
    byLogin: stats(and(failed, eq(loginAttempts.login, q.login))),
    byPair: q.ip ? stats(and(failed, eq(loginAttempts.login, q.login), eq(loginAttempts.ip, q.ip))) : none,
    byIp: q.ip ? stats(and(failed, eq(loginAttempts.ip, q.ip))) : none,
  };
}

/** A refused (throttled) attempt is forgotten, so retrying while waiting does not lengthen the wait. */
export function deleteLoginAttempt(db: Db, attemptId: number): void {
  db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId)).run();
}

/**
 * A successful login forgets the failures of that login from that address (the owner's own typos); those
 * from other addresses, perhaps a guesser's, keep counting.
 */
export function clearLoginFailures(db: Db, login: string, ip: string): void {
  db.delete(loginAttempts)
    .where(and(eq(loginAttempts.login, login), eq(loginAttempts.ip, ip), eq(loginAttempts.success, false)))
    .run();
}

/** Revokes a token that is still live; returns false when there was none to revoke. */
export function revokeApiToken(db: Db, tokenId: number, at: Date): boolean {
  return (
    db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .run().changes === 1
  );
}

/**
 * A new password hash, and every session of the user ended, in one transaction: whoever held a session
 * with the old password (a stolen cookie, a forgotten browser) holds nothing afterwards.
 */
export function replacePassword(db: Db, userId: number, passwordHash: string, at: Date): number {
  return db.transaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, userId)).run();
    return tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
  });
}

export function userById(db: Db, userId: number): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

/** Failed password changes by one user from one session since `since`, from the audit chain that records them. */
export function passwordChangeFailures(db: Db, q: { userId: number; session: string; since: Date }): FailureStats {
  const row = db
    .select({ n: count(), last: max(auditLog.at) })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityKind, 'user'),
        eq(auditLog.entityId, q.userId),
        eq(auditLog.action, PASSWORD_CHANGE_FAILED),
        gt(auditLog.at, q.since),
        sql`json_extract(${auditLog.after}, '$.session') = ${q.session}`,
      ),
    )
    .get();
  return { n: row?.n ?? 0, last: row?.last ?? null };
}

export const PASSWORD_CHANGE_FAILED = 'user.password_change_failed';
