import { z } from 'zod';
import type { Db } from '@/db/client';
import { insertUser, userByLogin } from '@/db/auth/auth';
import { unitByCode } from '@/db/units/units';
import { roles } from '@/db/schema';
import { FieldProblem } from '@/domain/errors';
import { hashPassword } from '@/features/auth/password';

export const loginSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.@-]{3,64}$/, 'validation.loginFormat');
export const passwordSchema = z.string().min(10, 'validation.passwordLength').max(256);

export const newUserSchema = z.object({
  login: loginSchema,
  password: passwordSchema,
  role: z.enum(roles),
  unitCode: z.string().trim().min(1),
  displayName: z.string().trim().max(100).optional(),
});
export type NewUser = z.input<typeof newUserSchema>;

/** Creates a user after validating it; an unknown unit or a taken login is a FieldProblem. */
export async function createUser(db: Db, input: NewUser): Promise<number> {
  const data = newUserSchema.parse(input);
  const unit = await unitByCode(db, data.unitCode);
  if (!unit) throw new FieldProblem('unitCode', 'validation.unknownUnit', { code: data.unitCode });
  if (await userByLogin(db, data.login)) throw new FieldProblem('login', 'validation.loginTaken', { login: data.login });
  return insertUser(db, {
    login: data.login,
    displayName: data.displayName || data.login,
    passwordHash: await hashPassword(data.password),
    role: data.role,
    unitId: unit.id,
  });
}
