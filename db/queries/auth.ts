import { and, count, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../client';
import { apiTokens, loginAttempts, sessions, units, users, type Role } from '../schema';

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

/** Failed attempts since `since`, for one login and for one address. */
export function recentLoginFailures(db: Db, login: string, ip: string, since: Date): { byLogin: number; byIp: number } {
  const failed = and(eq(loginAttempts.success, false), gt(loginAttempts.at, since));
  const byLogin =
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(failed, eq(loginAttempts.login, login)))
      .get()?.n ?? 0;
  const byIp =
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(failed, eq(loginAttempts.ip, ip)))
      .get()?.n ?? 0;
  return { byLogin, byIp };
}

/** A successful login clears the account's failure count, as users expect. */
export function clearLoginFailures(db: Db, login: string): void {
  db.delete(loginAttempts)
    .where(and(eq(loginAttempts.login, login), eq(loginAttempts.success, false)))
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
