import { asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db/tx';
import { apiTokens, units, users } from '@/db/schema';

/** Users with their units, for administrators (the caller's role is checked by the page). */
export async function listUsers(q: Queryable) {
  return q
    .select({
      id: users.id,
      login: users.login,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      unitCode: units.code,
      unitName: units.name,
      unitNameEn: units.nameEn,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .orderBy(asc(users.login));
}

export async function listTokens(q: Queryable) {
  return q
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      login: users.login,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.id));
}
