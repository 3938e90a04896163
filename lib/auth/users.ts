import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertUser, userByLogin } from '@/db/queries/auth';
import { unitByCode } from '@/db/queries/units';
import { roles } from '@/db/schema';
import { hashPassword } from './password';

export const newUserSchema = z.object({
  login: z.string().trim().regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'must be 3-64 letters, digits or _ . @ -'),
  password: z.string().min(10, 'must be at least 10 characters').max(256),
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  unitCode: z.string().trim().min(1, 'is required'),
  displayName: z.string().trim().min(1).max(100).optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

export class UserError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Creates a user after validating it; throws UserError naming the field at fault. */
export async function createUser(db: Db, input: NewUser): Promise<number> {
  const data = newUserSchema.parse(input);
  const unit = unitByCode(db, data.unitCode);
  if (!unit) throw new UserError('unit', `no unit with code ${data.unitCode}`);
  if (userByLogin(db, data.login)) throw new UserError('login', `${data.login} already exists`);
  return insertUser(db, {
    login: data.login,
    displayName: data.displayName ?? data.login,
    passwordHash: await hashPassword(data.password),
    role: data.role,
    unitId: unit.id,
  });
}
