import { parseArgs } from 'node:util';
import { required, withDb, type Command } from '@/cli/command';
import { userByLogin } from '@/db/auth/auth';
import { FieldProblem } from '@/domain/errors';
import { createApiToken } from '@/features/auth/api-tokens';

export const tokenCreate: Command = {
  name: 'token create',
  usage: `  token create --user L [--name NAME]
      Prints a new API token for user L once; only its hash is stored.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { user: { type: 'string' }, name: { type: 'string' } } });
    const login = required(values, 'user');
    const { token } = await withDb(async (db) => {
      const user = await userByLogin(db, login);
      if (!user) throw new FieldProblem('user', 'validation.unknownUser', { login });
      return createApiToken(db, user.id, values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`);
    });
    // The token alone on stdout, so scripts can capture it; the advice goes to stderr.
    console.log(token);
    console.error('Store this token now: it is shown only once.');
    return 0;
  },
};
