import { parseArgs } from 'node:util';
import { UsageError, withDb, type Command } from '@/cli/command';
import { backupDatabase } from '@/platform/backup/backup';

export const backup: Command = {
  name: 'backup',
  usage: `  backup FILE [--force]
      Writes a consistent copy of the database to FILE while the server keeps running (VACUUM INTO, checked
      and synced before it takes FILE's name). Refuses an existing FILE unless --force. On PostgreSQL
      (FENGHUO_DATABASE_URL), a pg_dump archive in its custom format, checked with pg_restore --list.`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) throw new UsageError('backup needs a FILE');
    const result = await withDb((db) => backupDatabase(db, file, { overwrite: Boolean(values.force) }));
    console.log(`Backup written to ${result.file}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${(result.ms / 1000).toFixed(1)} s.`);
    return 0;
  },
};
