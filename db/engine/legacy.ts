import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../schema';
import type { Db as SyncDb } from '../client';
import type { Connections } from './connections';

// The bridge for the conversion period (decision 040): today's synchronous drizzle, over the engine's own
// writer connection, so a legacy write never meets a file lock held by our own async transaction (which
// would stall the thread for the busy timeout and fail). Inside an async transaction it joins it; while
// another context's transaction is open it reads from the reader and refuses to write (SQLITE_BUSY, which
// every edge answers "busy, try again"). Deleted when no synchronous caller is left.

const bridges = new WeakMap<Connections, SyncDb>();

/** The synchronous drizzle database over an engine's connections. */
export function legacyOf(connections: Connections): SyncDb {
  let found = bridges.get(connections);
  if (!found) {
    found = drizzle(guarded(connections), { schema }) as SyncDb;
    bridges.set(connections, found);
  }
  return found;
}

/** The writer, with prepare, exec and transaction going through the engine's checks. */
function guarded(connections: Connections): Database.Database {
  const writer = connections.writer.connection;
  return new Proxy(writer, {
    get(target, property) {
      if (property === 'prepare') return (text: string) => connections.legacyStatement(text);
      if (property === 'exec' || property === 'transaction') {
        return (...args: unknown[]) => {
          connections.legacyWrite();
          return (target[property] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
