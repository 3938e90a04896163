import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { rawGet } from '@/db/engine';
import { poolOf } from '@/db/engine/pg/pg-engine';
import type { Db } from '@/db/tx';

// A forced interleaving for decision 047's races: hoping two servers' transactions overlap under load
// proves nothing when they happen not to (row 5's first test passed without its lock). Here the test stops
// one server's transaction just before a chosen statement, on its own connection, lets the other server
// commit whatever the race needs, and then lets it go on. Nothing in the product changes: the hook sits on
// the connections of that engine's pool, below drizzle.

/** A statement as node-postgres receives it. */
export interface Statement {
  text: string;
  values: readonly unknown[];
}

/** One stop: the first statement matching `when` on the engine waits there until `go()`. */
export interface Stop {
  /** Resolves when a transaction reached the stop (the statement is not yet sent). */
  reached: Promise<void>;
  /** Lets the stopped statement run. */
  go: () => void;
}

type Rule = { when: (s: Statement) => boolean; hit: () => void; wait: Promise<void> };

const rules = new WeakMap<pg.Pool, Rule[]>();

function hooked(client: pg.PoolClient, pool: pg.Pool): void {
  const marked = client as pg.PoolClient & { pausable?: true };
  if (marked.pausable) return;
  marked.pausable = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Every form node-postgres takes (a config or a text, values, a callback), passed through untouched
  // unless a stop matches: the pool's own query() uses the callback form.
  (client as unknown as { query: typeof query }).query = (...args: unknown[]) => {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : String((config as { text?: string }).text ?? '');
    const given = (Array.isArray(values) ? values : ((config as { values?: unknown[] })?.values ?? [])) as unknown[];
    const list = rules.get(pool) ?? [];
    const rule = list.find((r) => r.when({ text, values: given }));
    if (!rule) return query(...args);
    // Each stop fires once.
    list.splice(list.indexOf(rule), 1);
    rule.hit();
    const later = rule.wait.then(() => query(...args));
    return typeof args[args.length - 1] === 'function' ? undefined : later;
  };
}

/** Makes every connection `db`'s pool hands out stoppable (call before the engine's first transaction). */
export function pausable(db: Db): void {
  const pool = poolOf(db);
  type Done = (error: Error | undefined, client: pg.PoolClient, release: () => void) => void;
  const connect = pool.connect.bind(pool) as (done?: Done) => Promise<pg.PoolClient> | undefined;
  // Both forms: the engine's transactions await it, the pool's own query() passes a callback.
  (pool as unknown as { connect: typeof connect }).connect = (done?: Done) => {
    if (done) return connect((error, client, release) => (client && hooked(client, pool), done(error, client, release)));
    return connect()!.then((client) => (hooked(client, pool), client));
  };
}

/** Arms a stop on `db` (made pausable) before the next statement that matches `when`. */
export function stopAt(db: Db, when: (s: Statement) => boolean): Stop {
  let hit!: () => void;
  let go!: () => void;
  const reached = new Promise<void>((r) => (hit = r));
  const wait = new Promise<void>((r) => (go = r));
  const pool = poolOf(db);
  const list = rules.get(pool) ?? [];
  list.push({ when, hit, wait });
  rules.set(pool, list);
  return { reached, go };
}

/** Backends of this database now waiting for a lock (an advisory lock, a row another transaction holds). */
export async function waitingForLocks(db: Db): Promise<number> {
  const row = await rawGet<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return row!.n;
}

/**
 * Resolves once `work` has settled or one more backend than `before` waits for a lock: "it ran as far as it
 * could". Which of the two happens is what the mechanism under test decides; the test goes on either way.
 */
export async function ranAsFarAsItCan(db: Db, work: Promise<unknown>, before: number): Promise<void> {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 600 && !settled; i++) {
    if ((await waitingForLocks(db)) > before) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!settled) throw new Error('neither finished nor waiting for a lock after 15 s');
}
