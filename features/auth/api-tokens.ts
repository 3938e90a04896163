import type { Db } from '@/db/client';
import { insertApiToken } from '@/db/auth/auth';
import { hashApiToken, newSecretToken } from '@/features/auth/tokens';

export const API_TOKEN_PREFIX = 'fh_';

/** Creates a token for a user; the plain token is returned once and only its hash is stored. */
export async function createApiToken(db: Db, userId: number, name: string, now = new Date()): Promise<{ id: number; token: string }> {
  const token = newSecretToken(API_TOKEN_PREFIX);
  const id = await insertApiToken(db, {
    userId,
    name,
    tokenHash: hashApiToken(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    createdAt: now,
  });
  return { id, token };
}
