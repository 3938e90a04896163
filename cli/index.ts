// The command line: `npm run cli -- <command> ...`. It works on the database named by FENGHUO_DB.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/queries/reference';
import { userByLogin } from '@/db/queries/auth';
import { ConfigError, parseEnv } from '@/server/env';
import { createUser } from '@/features/auth/users';
import { FieldProblem } from '@/domain/errors';
import { fieldErrors } from '@/domain/i18n/validation';
import { createApiToken } from '@/features/auth/api-tokens';
import { roles } from '@/db/schema';
import fs from 'node:fs';
import { verifyAuditChain } from '@/db/queries/audit';
import { isRecordKind, recordKindCodes } from '@/db/queries/record-kinds';
import { importSpreadsheet } from '@/features/import/import';
import { lateByDefaultSummary } from '@/domain/incidents/late-by-default';
import { changeListText } from '@/features/import/change-list-present';
import { resolveActor } from '@/features/auth/resolve-actor';
import { firstAdminLogin } from '@/db/queries/auth';
import { parseInstant } from '@/domain/records/instant';
import { translate } from '@/domain/i18n/translate';
import { computeAndStoreRatings } from '@/features/rating/refresh';
import { liveRatingToApi } from '@/features/rating/api-shape';
import { shanghaiMonth, yearStart } from '@/domain/time/shanghai';
import { generateBulletin } from '@/features/bulletins/due-bulletins';
import { isMonth } from '@/domain/time/months';
import { setUserEmail } from '@/db/queries/users-email';
import { runAlerts } from '@/features/alerts/run-alerts';
import { BackupError, backupDatabase } from '@/platform/backup/backup';
import { restoreDatabase } from '@/platform/backup/restore';
import { isDatabaseBusy } from '@/db/busy';

const usage = `Usage: npm run cli -- <command>

  user create --login L --password P --role R --unit CODE [--name "Display name"]
      Adds a user. Roles: ${roles.join(', ')}.
  token create --user L [--name NAME]
      Prints a new API token for user L once; only its hash is stored.
  migrate
      Applies pending database migrations.
  rate --year Y [--as-of ISO] [--json]
      Rates every institute for year Y with the active rule set and stores it: final once Y has ended,
      provisional (year to date) before. Prints a table, or the API's JSON with --json.
  import FILE --kind K [--dry-run] [--user LOGIN]
      Imports an XLSX or CSV file of one record kind (${recordKindCodes.join(', ')}), all or nothing,
      idempotent by externalId. --dry-run only reports what would be created, updated or left unchanged, which
      records would change and which fields (the first 50 of each), and every bad row. Acts as LOGIN (default: the first administrator), within that user's scope.
  bulletin --month YYYY-MM
      Generates the monthly bulletin of that month and stores it; if it exists, says so and changes nothing.
  user email --login L --email ADDRESS
      Sets (or with --email "" clears) where user L receives alert e-mails.
  alerts run [--as-of ISO]
      Evaluates every alert rule (as of now, or of the given instant) and stores the new alerts; each
      alert is stored once however often this runs. Prints how many were new, by rule.
  backup FILE [--force]
      Writes a consistent copy of the database to FILE while the server keeps running (VACUUM INTO, checked
      and synced before it takes FILE's name). Refuses an existing FILE unless --force.
  restore FILE [--force]
      Replaces the database with the backup FILE: checks its integrity and migrations, migrates a copy and
      swaps it in atomically. Stop the server first (refused while the database is open elsewhere). A
      database holding data is replaced only with --force; the old one is kept as <db>.pre-restore-<time>.
  audit verify
      Recomputes the audit log's hash chain; exits 1 and names the first broken entry if it was altered.

The database is FENGHUO_DB (default ./data/fenghuo.db).`;

class UsageError extends Error {}

/** EX_TEMPFAIL: a temporary failure, worth retrying (the database was busy). */
const BUSY_EXIT = 75;

/** Opens FENGHUO_DB (migrated), runs `work`, and always closes it so the write-ahead log is checkpointed. */
async function withDb<T>(work: (db: Db) => T | Promise<T>): Promise<T> {
  const config = parseEnv(process.env);
  const db = openDatabase(config.FENGHUO_DB);
  try {
    migrateDatabase(db);
    ensureReferenceData(db);
    return await work(db);
  } finally {
    db.$client.close();
  }
}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

async function main(argv: string[]): Promise<number> {
  const [group, action, ...rest] = argv;
  if (!group || group === 'help' || group === '--help') {
    console.log(usage);
    return group ? 0 : 2;
  }
  if (group === 'migrate') {
    await withDb(() => console.log('Migrations applied.'));
    return 0;
  }
  if (group === 'user' && action === 'create') {
    const { values } = parseArgs({
      args: rest,
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
  }
  if (group === 'token' && action === 'create') {
    const { values } = parseArgs({ args: rest, options: { user: { type: 'string' }, name: { type: 'string' } } });
    const login = required(values, 'user');
    const { token } = await withDb((db) => {
      const user = userByLogin(db, login);
      if (!user) throw new FieldProblem('user', 'validation.unknownUser', { login });
      return createApiToken(db, user.id, values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`);
    });
    // The token alone on stdout, so scripts can capture it; the advice goes to stderr.
    console.log(token);
    console.error('Store this token now: it is shown only once.');
    return 0;
  }
  if (group === 'bulletin') {
    const { values } = parseArgs({ args: [action ?? '', ...rest].filter(Boolean), options: { month: { type: 'string' } } });
    const month = required(values, 'month');
    if (!isMonth(month)) throw new UsageError('--month must be a month such as 2026-10 (YYYY-MM)');
    const now = new Date();
    if (month >= shanghaiMonth(now)) throw new UsageError(`${month} has not ended yet; a bulletin covers a whole month`);
    const outcome = await withDb((db) => generateBulletin(db, month, now));
    if (outcome === 'generated') console.log(`Bulletin ${month} generated.`);
    else if (outcome === 'exists') console.log(`Bulletin ${month} already exists; nothing changed.`);
    else {
      console.error(
        `Bulletin ${month} was not generated (${outcome === 'skipped' ? 'another process is generating it' : 'it failed; see the log above'}).`,
      );
      return 1;
    }
    return 0;
  }
  if (group === 'user' && action === 'email') {
    const { values } = parseArgs({ args: rest, options: { login: { type: 'string' }, email: { type: 'string' } } });
    const login = required(values, 'login');
    const email = typeof values.email === 'string' ? values.email.trim() : undefined;
    if (email === undefined) throw new UsageError('--email is required (use --email "" to clear)');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new UsageError('--email: must be an e-mail address such as name@example.org');
    const changed = await withDb((db) => setUserEmail(db, login, email || null));
    if (!changed) throw new UsageError(`--login: no user has the login ${login}`);
    console.log(email ? `Alert e-mails for ${login} go to ${email}.` : `Alert e-mails for ${login} are off.`);
    return 0;
  }
  if (group === 'rate') {
    const { values } = parseArgs({
      args: [action ?? '', ...rest].filter(Boolean),
      options: { year: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
    });
    const year = Number(required(values, 'year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year must be a year such as 2025');
    let asOf: Date | undefined;
    if (values['as-of']) {
      const parsed = parseInstant(values['as-of']);
      if (!parsed.ok) throw new UsageError(`--as-of: ${translate('en', parsed.key)}`);
      asOf = parsed.value;
    }
    const now = new Date();
    if ((asOf ?? now) < yearStart(year)) throw new UsageError(`${year} has not started at that instant`);
    const { status, results } = await withDb((db) => computeAndStoreRatings(db, year, now, asOf));
    if (values.json) {
      console.log(JSON.stringify({ data: results.map((r) => liveRatingToApi(r, status)) }, null, 2));
      return 0;
    }
    const counts = { blue: 0, yellow: 0, orange: 0, red: 0 };
    for (const { institute, rating } of results) {
      counts[rating.level]++;
      const floors = rating.floors.length ? `  floors: ${[...new Set(rating.floors.map((f) => `${f.floor} (${f.rule})`))].join(', ')}` : '';
      console.log(`${institute.code.padEnd(12)} ${rating.level.padEnd(7)} ${String(rating.points).padStart(4)} pts${floors}`);
    }
    console.log(
      `\n${results.length} institutes rated for ${year} (${status}, as of ${results[0]?.rating.asOf.toISOString() ?? '-'}): ${Object.entries(
        counts,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}.`,
    );
    return 0;
  }
  if (group === 'import') {
    const { values, positionals } = parseArgs({
      args: [action ?? '', ...rest].filter(Boolean),
      allowPositionals: true,
      options: { kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, user: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError('import needs a FILE');
    const kind = required(values, 'kind');
    if (!isRecordKind(kind)) throw new UsageError(`--kind must be one of ${recordKindCodes.join(', ')}`);
    const format = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
    if (!format) throw new UsageError('FILE must end in .xlsx or .csv');
    const buffer = fs.readFileSync(file);
    const report = await withDb(async (db) => {
      const login = values.user ?? firstAdminLogin(db);
      if (!login) throw new UsageError('no administrator exists; pass --user LOGIN');
      const actor = resolveActor(db, { cliLogin: login });
      if (!actor) throw new FieldProblem('user', 'validation.unknownUser', { login });
      const started = Date.now();
      const r = await importSpreadsheet(db, actor, kind, buffer, format, {
        dryRun: Boolean(values['dry-run']),
        now: new Date(),
        onPhase: (phase, d) =>
          console.error(`… ${phase}${d.rows ? ` ${d.rows} rows` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
      });
      return r;
    });
    if (report.fileError) {
      console.error(`Refused: ${report.fileError.say('en')}`);
      return 1;
    }
    for (const p of report.problems.slice(0, 200)) console.error(`row ${p.row}, ${p.column}: ${p.say('en')}`);
    if (report.problems.length > 200) console.error(`… and ${report.problems.length - 200} more problems`);
    const counts = `${report.rows} rows, ${report.records} records: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
    if (!report.ok) {
      console.error(`Nothing stored: ${report.problems.length} problem(s). (${report.rows} rows read)`);
      return 1;
    }
    console.log(report.dryRun ? `Dry run, nothing stored. Would be ${counts}.` : `Imported ${counts}.`);
    // The backfill warning (decision 033): its own line, after the counts.
    if (report.lateByDefault.rows.length)
      console.log(`Warning: ${lateByDefaultSummary(report.lateByDefault.rows, report.lateByDefault.points, 'en')}`);
    for (const line of changeListText(report, kind)) console.log(line);
    return 0;
  }
  if (group === 'alerts' && action === 'run') {
    const { values } = parseArgs({ args: rest, options: { 'as-of': { type: 'string' } } });
    let asOf: Date | undefined;
    if (values['as-of']) {
      const parsed = parseInstant(values['as-of']);
      if (!parsed.ok) throw new UsageError(`--as-of: ${translate('en', parsed.key)}`);
      asOf = parsed.value;
    }
    const r = await withDb((db) => runAlerts(db, { asOf }));
    const rules = Object.entries(r.byRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    console.log(
      `Alerts as of ${r.asOf.toISOString()}: ${r.stored} new, ${r.candidates - r.stored} already stored${rules ? ` (${rules})` : ''}.`,
    );
    return 0;
  }
  if (group === 'backup' || group === 'restore') {
    const { values, positionals } = parseArgs({
      args: [action ?? '', ...rest].filter(Boolean),
      allowPositionals: true,
      options: { force: { type: 'boolean' } },
    });
    const file = positionals[0];
    if (!file) throw new UsageError(`${group} needs a FILE`);
    const config = parseEnv(process.env);
    if (group === 'backup') {
      const result = await withDb((db) => backupDatabase(db, file, { overwrite: Boolean(values.force) }));
      console.log(`Backup written to ${result.file}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${(result.ms / 1000).toFixed(1)} s.`);
      return 0;
    }
    const result = restoreDatabase(file, config.FENGHUO_DB, { force: Boolean(values.force) });
    console.log(
      `Restored ${config.FENGHUO_DB} from ${file} in ${(result.ms / 1000).toFixed(1)} s` +
        (result.migrated ? `, applying ${result.migrated} newer migration(s)` : '') +
        (result.previous ? `; the previous database is kept as ${result.previous}.` : '.'),
    );
    return 0;
  }
  if (group === 'audit' && action === 'verify') {
    const check = await withDb((db) => verifyAuditChain(db));
    if (check.ok) {
      console.log(`Audit chain intact: ${check.entries} entries verified.`);
      return 0;
    }
    console.error(
      `Audit chain BROKEN at entry ${check.brokenAt!.id} (${check.brokenAt!.reason === 'link' ? 'its link to the previous entry' : 'its content'} does not match); ${check.entries - 1} entries before it verify.`,
    );
    return 1;
  }
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof FieldProblem || error instanceof ConfigError || error instanceof BackupError) {
      console.error(`Error: ${error.message}`);
      if (error instanceof UsageError) console.error(`\n${usage}`);
      process.exit(2);
    }
    if (error instanceof ZodError) {
      for (const e of fieldErrors(error, 'en')) console.error(`Error: ${e.field}: ${e.message}`);
      process.exit(2);
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`Error: ${error.message}\n\n${usage}`);
      process.exit(2);
    }
    if (isDatabaseBusy(error)) {
      // Another process (the server, another import) held the write lock past FENGHUO_DB_BUSY_TIMEOUT_MS;
      // the command's transaction was rolled back whole.
      console.error('Error: the database is busy (another process is writing to it); nothing was stored. Try again.');
      process.exit(BUSY_EXIT);
    }
    console.error(error);
    process.exit(1);
  },
);
