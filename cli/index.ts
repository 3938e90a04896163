// The command line: `npm run cli -- <command> ...`. It works on the database named by FENGHUO_DB.
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { openDatabase, type Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/queries/reference';
import { userByLogin } from '@/db/queries/auth';
import { ConfigError, parseEnv } from '@/lib/env';
import { createUser } from '@/lib/auth/users';
import { FieldProblem } from '@/lib/errors';
import { fieldErrors } from '@/lib/i18n/validation';
import { createApiToken } from '@/lib/auth/api-tokens';
import { roles } from '@/db/schema';
import { verifyAuditChain } from '@/db/queries/audit';
import { parseInstant } from '@/lib/intake/instant';
import { translate } from '@/lib/i18n/translate';
import { computeAndStoreRatings } from '@/lib/rating/refresh';
import { liveRatingToApi } from '@/lib/rating/api-shape';
import { yearStart } from '@/lib/time';

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
  audit verify
      Recomputes the audit log's hash chain; exits 1 and names the first broken entry if it was altered.

The database is FENGHUO_DB (default ./data/fenghuo.db).`;

class UsageError extends Error {}

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
    if (error instanceof UsageError || error instanceof FieldProblem || error instanceof ConfigError) {
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
    console.error(error);
    process.exit(1);
  },
);
