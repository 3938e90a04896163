import { z } from 'zod';

// db/ reads its own settings, checked with the same rules and messages as the rest of the environment
// (server/env.ts takes these fields from here, so each rule is written once). db/ sits below server/ and
// must not import it (decision 037).

/** The database's fields of the environment schema; server/env.ts spreads them into the full schema. */
export const dbEnvShape = {
  FENGHUO_DB: z.string().trim().min(1, 'must be a file path').default('./data/fenghuo.db'),
  // How long a writer waits for another's lock (SQLite's busy_timeout, and the async engine's write queue)
  // before answering "busy, try again" (503 with Retry-After, a plain CLI message); issue 13, decision 026.
  FENGHUO_DB_BUSY_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 (fail at once) or more')
    .max(600_000, 'must be at most 600000 (10 minutes)')
    .default(5000),
  // PostgreSQL instead of the SQLite file (issue 16, decision 046): set, the process runs on that database
  // for its whole life (db/schema binds the pg twins); unset, FENGHUO_DB as before.
  FENGHUO_DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/\S+$/i,
      'must be a postgres:// or postgresql:// URL, e.g. postgres://fenghuo:secret@db.example.org:5432/fenghuo',
    )
    .optional(),
  // The most connections this process keeps to PostgreSQL (each worker thread's engine has a pool of its own).
  FENGHUO_DB_POOL: z.coerce
    .number({ message: 'must be a whole number of connections' })
    .int('must be a whole number of connections')
    .min(1, 'must be between 1 and 200')
    .max(200, 'must be between 1 and 200')
    .default(10),
};

const dbConfigSchema = z.object(dbEnvShape);
export type DbConfig = z.infer<typeof dbConfigSchema>;

/** A bad setting: the start stops with the variable's name and what is wrong with it. */
export class ConfigError extends Error {}

/**
 * Checks `source` (usually process.env) against a schema. An empty variable means "not set", as a shell's
 * `X= npm start` would suggest; every problem is listed, one line each, under "Invalid configuration:".
 */
export function parseConfig<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  const lines = [
    ...engineConflicts(cleaned),
    ...(result.error?.issues ?? []).map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`),
  ];
  if (lines.length || !result.success) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  return result.data;
}

/**
 * Two databases named at once. Checked on the variables as given, before FENGHUO_DB's default fills in: the
 * default is no choice, but an explicit file beside a URL is a mistake the start must not guess about.
 */
function engineConflicts(given: Record<string, string | undefined>): string[] {
  if (given.FENGHUO_DATABASE_URL === undefined || given.FENGHUO_DB === undefined) return [];
  return ['  FENGHUO_DATABASE_URL, FENGHUO_DB: name one database, not both (the URL selects PostgreSQL, the file SQLite)'];
}

/** Where the process's database is: the PostgreSQL URL if one is set, else the SQLite file. */
export function databaseLocation(config: Pick<DbConfig, 'FENGHUO_DB' | 'FENGHUO_DATABASE_URL'>): string {
  return config.FENGHUO_DATABASE_URL ?? config.FENGHUO_DB;
}

/** Whether a database location is a PostgreSQL URL (else it is a SQLite file). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A location fit for a log line: a URL's password replaced by ***. */
export function printableLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(an unreadable URL)';
  }
}

let cached: DbConfig | undefined;

/** The database settings of this process, read and checked once. */
export function dbConfig(): DbConfig {
  cached ??= parseConfig(dbConfigSchema, process.env);
  return cached;
}
