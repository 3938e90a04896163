import { z } from 'zod';

// db/ reads its own two settings, checked with the same rules and messages as the rest of the environment
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
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: DbConfig | undefined;

/** The database settings of this process, read and checked once. */
export function dbConfig(): DbConfig {
  cached ??= parseConfig(dbConfigSchema, process.env);
  return cached;
}
