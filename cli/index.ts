// The command line: `npm run cli -- <command> ...`. It works on the database named by FENGHUO_DB. Each
// command is a small file in cli/commands/ calling features; this file finds it and says how it failed.
import { ZodError } from 'zod';
import { isDatabaseBusy } from '@/db/busy';
import { FieldProblem } from '@/domain/errors';
import { fieldErrors } from '@/domain/i18n/validation';
import { BackupError } from '@/platform/backup/backup';
import { CopyRefused } from '@/features/copy/copy-to-postgres';
import { ConfigError } from '@/server/env';
import { UsageError, type Command } from '@/cli/command';
import { alertsRun } from '@/cli/commands/alerts-run';
import { auditVerify } from '@/cli/commands/audit-verify';
import { backup } from '@/cli/commands/backup';
import { bulletin } from '@/cli/commands/bulletin';
import { copyTo } from '@/cli/commands/copy-to';
import { importFile } from '@/cli/commands/import';
import { migrate } from '@/cli/commands/migrate';
import { rate } from '@/cli/commands/rate';
import { restore } from '@/cli/commands/restore';
import { tokenCreate } from '@/cli/commands/token-create';
import { userCreate } from '@/cli/commands/user-create';
import { userEmail } from '@/cli/commands/user-email';

/** In the order the usage text lists them. */
const commands: Command[] = [
  userCreate,
  tokenCreate,
  migrate,
  rate,
  importFile,
  bulletin,
  userEmail,
  alertsRun,
  backup,
  restore,
  copyTo,
  auditVerify,
];

const usage = `Usage: npm run cli -- <command>

${commands.map((c) => c.usage).join('\n')}

The database is FENGHUO_DB (default ./data/fenghuo.db).`;

/** EX_TEMPFAIL: a temporary failure, worth retrying (the database was busy). */
const BUSY_EXIT = 75;

async function main(argv: string[]): Promise<number> {
  const [group] = argv;
  if (!group || group === 'help' || group === '--help') {
    console.log(usage);
    return group ? 0 : 2;
  }
  for (const command of commands) {
    const words = command.name.split(' ');
    if (!words.every((w, i) => argv[i] === w)) continue;
    // A one-word command takes everything after it but empty words; `user email --email ""` keeps its "".
    return command.run(words.length === 1 ? argv.slice(1).filter(Boolean) : argv.slice(words.length));
  }
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

/** Mistakes in the input exit 2 with the reason (and the usage for a command-line mistake); a busy database 75; anything else 1. */
function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof FieldProblem ||
    error instanceof ConfigError ||
    error instanceof BackupError ||
    error instanceof CopyRefused
  ) {
    console.error(`Error: ${error.message}`);
    if (error instanceof UsageError) console.error(`\n${usage}`);
    return 2;
  }
  if (error instanceof ZodError) {
    for (const e of fieldErrors(error, 'en')) console.error(`Error: ${e.field}: ${e.message}`);
    return 2;
  }
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`Error: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (isDatabaseBusy(error)) {
    // Another process (the server, another import) held the write lock past FENGHUO_DB_BUSY_TIMEOUT_MS;
    // the command's transaction was rolled back whole.
    console.error('Error: the database is busy (another process is writing to it); nothing was stored. Try again.');
    return BUSY_EXIT;
  }
  console.error(error);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(exitCodeOf(error)),
);
