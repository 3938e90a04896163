import { parseArgs } from 'node:util';
import { UsageError, type Command } from '@/cli/command';
import { databaseLocation, printableLocation } from '@/db/config';
import { backupDir } from '@/platform/backup/backup';
import { restoreDatabase } from '@/platform/backup/restore';
import { parseEnv } from '@/server/env';

export const restore: Command = {
  name: 'restore',
  usage: `  restore FILE [--force]
      Replaces the database with the backup FILE: checks its integrity and migrations, migrates a copy and
      swaps it in atomically. Stop the server first (refused while the database is open elsewhere). A
      database holding data is replaced only with --force; the old one is kept as <db>.pre-restore-<time>.
      On PostgreSQL (FENGHUO_DATABASE_URL), FILE is a pg_dump archive (.dump), restored with pg_restore in one
      transaction; a database holding data is first dumped to the backup folder (fenghuo-pre-restore-<time>.dump).`,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    const file = positionals[0];
    if (!file) throw new UsageError('restore needs a FILE');
    const config = parseEnv(process.env);
    const target = databaseLocation(config);
    const result = await restoreDatabase(file, target, { force: Boolean(values.force), keepDir: backupDir(config) });
    console.log(
      `Restored ${printableLocation(target)} from ${file} in ${(result.ms / 1000).toFixed(1)} s` +
        (result.migrated ? `, applying ${result.migrated} newer migration(s)` : '') +
        (result.previous ? `; the previous database is kept as ${result.previous}.` : '.'),
    );
    return 0;
  },
};
