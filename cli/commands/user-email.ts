import { parseArgs } from 'node:util';
import { required, UsageError, withDb, type Command } from '@/cli/command';
import { setUserEmail } from '@/db/auth/users-email';

export const userEmail: Command = {
  name: 'user email',
  usage: `  user email --login L --email ADDRESS
      Sets (or with --email "" clears) where user L receives alert e-mails.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { login: { type: 'string' }, email: { type: 'string' } } });
    const login = required(values, 'login');
    const email = typeof values.email === 'string' ? values.email.trim() : undefined;
    if (email === undefined) throw new UsageError('--email is required (use --email "" to clear)');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new UsageError('--email: must be an e-mail address such as name@example.org');
    const changed = await withDb((db) => setUserEmail(db, login, email || null));
    if (!changed) throw new UsageError(`--login: no user has the login ${login}`);
    console.log(email ? `Alert e-mails for ${login} go to ${email}.` : `Alert e-mails for ${login} are off.`);
    return 0;
  },
};
