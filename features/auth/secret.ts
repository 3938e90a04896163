import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { putSettingIfAbsent } from '@/db/settings';
import { env } from '@/server/env';

const KEY = 'session_secret';

// Read on every request, so kept per database: the stored secret never changes once written. The promise
// is kept, so requests arriving together share one read; a failed one is forgotten and tried again.
const cache = new WeakMap<Db, Promise<string>>();

/** FENGHUO_SESSION_SECRET if given; otherwise one generated on first use and kept in the database. */
export async function sessionSecret(db: Db): Promise<string> {
  const configured = env().FENGHUO_SESSION_SECRET;
  if (configured) return configured;
  const cached = cache.get(db);
  if (cached) return cached;
  const secret = putSettingIfAbsent(db, KEY, randomBytes(32).toString('hex'));
  cache.set(db, secret);
  secret.catch(() => {
    if (cache.get(db) === secret) cache.delete(db);
  });
  return secret;
}
