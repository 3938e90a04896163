'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { revokeApiToken, userByLogin } from '@/db/auth/auth';
import { createApiToken } from '@/features/auth/api-tokens';
import { canManageUsers } from '@/domain/auth/roles';
import type { Actor } from '@/domain/auth/actor';
import { createUser, newUserSchema } from '@/features/auth/users';
import { FieldProblem } from '@/domain/errors';
import { safeAction } from '@/server/actions/safe-action';

const adminOnly = { allow: (actor: Actor) => canManageUsers(actor.role) };

export const createUserAction = safeAction({ schema: newUserSchema, ...adminOnly }, async (input, { db }) => {
  await createUser(db, input);
  revalidatePath('/admin');
  return { login: input.login };
});

const tokenSchema = z.object({
  login: z.string().trim().min(1),
  name: z.string().trim().min(1).max(80),
});

/** The plain token goes back to the administrator once, in this answer; only its hash is kept. */
export const createTokenAction = safeAction({ schema: tokenSchema, ...adminOnly }, async (input, { db }) => {
  const user = await userByLogin(db, input.login);
  if (!user) throw new FieldProblem('login', 'validation.unknownUser', { login: input.login });
  const { token } = await createApiToken(db, user.id, input.name);
  revalidatePath('/admin');
  return { token, login: user.login };
});

export const revokeTokenAction = safeAction(
  { schema: z.object({ tokenId: z.coerce.number().int().positive() }), ...adminOnly },
  async (input, { db }) => {
    if (!(await revokeApiToken(db, input.tokenId, new Date()))) throw new FieldProblem('tokenId', 'validation.unknownToken');
    revalidatePath('/admin');
    return { tokenId: input.tokenId };
  },
);
