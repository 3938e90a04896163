import { parseArgs } from 'node:util';
import { UsageError, type Command } from '@/cli/command';
import { isPostgresUrl } from '@/db/config';
import { copyToPostgres } from '@/features/copy/copy-to-postgres';
import { parseEnv } from '@/server/env';

export const copyTo: Command = {
  name: 'copy-to',
  usage: `  copy-to postgres://USER[:PASSWORD]@HOST:PORT/DB
      Copies the SQLite installation (FENGHUO_DB) into an empty PostgreSQL database, row for row with its ids:
      migrates the target, copies every table in one transaction, then compares the row counts and verifies
      the audit chain there. Refuses a database that already has rows. Stop the server first.`,
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const url = positionals[0];
    if (!url || !isPostgresUrl(url)) throw new UsageError('copy-to needs a postgres:// or postgresql:// URL');
    const config = parseEnv(process.env);
    if (config.FENGHUO_DATABASE_URL) throw new UsageError('copy-to reads the SQLite file FENGHUO_DB; unset FENGHUO_DATABASE_URL');
    console.log(`Copying ${config.FENGHUO_DB}:`);
    const result = await copyToPostgres(config.FENGHUO_DB, url, (line) => console.log(line));
    const differ = result.tables.filter((t) => t.source !== t.target);
    console.log('Row counts (SQLite -> PostgreSQL):');
    for (const t of result.tables) console.log(`  ${t.table}: ${t.source} -> ${t.target}${t.source === t.target ? '' : '  DIFFERS'}`);
    console.log(`Audit chain on the target: ${result.chain.ok ? 'verifies' : 'BROKEN'} (${result.chain.entries} entries).`);
    const ok = !differ.length && result.chain.ok;
    console.log(
      ok
        ? `Copied in ${(result.ms / 1000).toFixed(1)} s. Point FENGHUO_DATABASE_URL at the target to run on it.`
        : 'The copy did not verify.',
    );
    return ok ? 0 : 1;
  },
};
