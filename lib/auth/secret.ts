import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { putSettingIfAbsent } from '@/db/queries/settings';
import { env } from '@/lib/env';

const KEY = 'session_secret';

/** FENGHUO_SESSION_SECRET if given; otherwise one generated on first use and kept in the database. */
export function sessionSecret(db: Db): string {
  const configured = env().FENGHUO_SESSION_SECRET;
  if (configured) return configured;
  return putSettingIfAbsent(db, KEY, randomBytes(32).toString('hex'));
}
