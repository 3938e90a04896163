import { parseArgs } from 'node:util';
import { required, withDb, type Command } from '@/cli/command';
import { roles } from '@/db/schema';
import { createUser } from '@/features/auth/users';

export const userCreate: Command = {
  name: 'user create',
  usage: `  user create --login L --password P --role R --unit CODE [--name "Display name"]
      Adds a user. Roles: ${roles.join(', ')}.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        login: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        name: { type: 'string' },
      },
    });
    const role = required(values, 'role') as (typeof roles)[number];
    const id = await withDb((db) =>
      createUser(db, {
        login: required(values, 'login'),
        password: required(values, 'password'),
        role,
        unitCode: required(values, 'unit'),
        displayName: values.name,
      }),
    );
    console.log(`User ${values.login} created (id ${id}, role ${role}, unit ${values.unit}).`);
    return 0;
  },
};
