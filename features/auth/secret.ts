import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { putSettingIfAbsent } from '@/db/settings';
import { env } from '@/server/env';

const KEY = 'session_secret';

// Read on every request, so kept per connection: the stored secret never changes once written.
const cache = new WeakMap<Db, string>();

/** FENGHUO_SESSION_SECRET if given; otherwise one generated on first use and kept in the database. */
export function sessionSecret(db: Db): string {
  const configured = env().FENGHUO_SESSION_SECRET;
  if (configured) return configured;
  let secret = cache.get(db);
  if (!secret) {
    secret = putSettingIfAbsent(db, KEY, randomBytes(32).toString('hex'));
    cache.set(db, secret);
  }
  return secret;
}
