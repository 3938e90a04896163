import { closeDatabase, openDatabase, type Db } from '@/db/client';
import { databaseLocation } from '@/db/config';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { parseInstant } from '@/domain/records/instant';
import { translate } from '@/domain/i18n/translate';
import { parseEnv } from '@/server/env';

/** One command of `npm run cli`: its words (`user create`), its lines in the usage text, and its work. */
export interface Command {
  name: string;
  usage: string;
  /** The arguments after the command's words; answers the process's exit code. */
  run(args: string[]): Promise<number>;
}

/** A mistake in the command line itself: said with the usage text, exit code 2. */
export class UsageError extends Error {}

/**
 * Opens FENGHUO_DATABASE_URL or FENGHUO_DB (migrated), runs `work`, and always closes it so the write-ahead
 * log is checkpointed (on PostgreSQL, the pool ends).
 */
export async function withDb<T>(work: (db: Db) => T | Promise<T>): Promise<T> {
  const config = parseEnv(process.env);
  const db = openDatabase(databaseLocation(config));
  try {
    await migrateDatabase(db);
    await ensureReferenceData(db);
    return await work(db);
  } finally {
    await closeDatabase(db);
  }
}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** `--as-of ISO`, by the same rules as the API's instants; absent means now. */
export function asOfOption(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new UsageError(`--as-of: ${translate('en', parsed.key)}`);
  return parsed.value;
}
