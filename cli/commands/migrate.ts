import { withDb, type Command } from '@/cli/command';

export const migrate: Command = {
  name: 'migrate',
  usage: `  migrate
      Applies pending database migrations.`,
  async run() {
    await withDb(() => console.log('Migrations applied.'));
    return 0;
  },
};
