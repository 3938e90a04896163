import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';

// The specs' own look into a server's database, on either engine, with the one synchronous interface they
// were written against (better-sqlite3's prepare(sql).get/all): the same spec then checks the same rows on
// SQLite and on PostgreSQL (playwright.pg.config.ts). Statements are written with SQLite's `?` placeholders
// in SQL both engines accept.
//
// node-postgres has no synchronous client, so on PostgreSQL one client lives in a worker thread and the
// test's thread waits for each answer on a shared flag (Atomics.wait), then takes it from a message port
// synchronously. A test process opens one such worker per database and keeps it for its life.

export interface Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface SpecDb {
  prepare(sql: string): Statement;
  close(): void;
}

/** Opens the database at `location` (a SQLite file, or a postgres:// URL); SQLite files read-only unless `writable`. */
export function openSpecDb(location: string, opts: { writable?: boolean } = {}): SpecDb {
  if (/^postgres(ql)?:\/\//i.test(location)) return pgSpecDb(location);
  const db = new Database(location, { readonly: !opts.writable, fileMustExist: true });
  if (opts.writable) db.pragma('busy_timeout = 10000');
  return db as unknown as SpecDb;
}

// Worker code in plain CommonJS (a worker does not go through Playwright's TypeScript loader). Counts
// (bigint) and sums (numeric) come back as numbers, as SQLite answers them.
const workerSource = `
const { workerData } = require('node:worker_threads');
const pg = require('pg');
const asNumber = (v) => (v === null ? null : Number(v));
const client = new pg.Client({
  connectionString: workerData.url,
  types: { getTypeParser: (oid, format) => (oid === 20 || oid === 1700 ? asNumber : pg.types.getTypeParser(oid, format)) },
});
// A dropped database ends the connection: the next query says so, the thread does not die of it.
client.on('error', () => undefined);
const ready = client.connect();
const { port, flag } = workerData;
port.on('message', async ({ id, sql, params }) => {
  let answer;
  try {
    await ready;
    answer = { id, rows: (await client.query(sql, params)).rows };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface PgLink {
  port: MessagePort;
  flag: Int32Array;
  worker: Worker;
}

const links = new Map<string, PgLink>();

function link(url: string): PgLink {
  let l = links.get(url);
  if (!l) {
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerSource, { eval: true, workerData: { url, port: port2, flag }, transferList: [port2] });
    worker.unref();
    worker.on('error', (error) => console.error('[e2e-db]', error));
    l = { port: port1, flag, worker };
    links.set(url, l);
  }
  return l;
}

/** `?` placeholders as PostgreSQL's $1, $2, … (outside quoted text). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (m) => (m === '?' ? `$${++n}` : m));
}

interface Answer {
  id: number;
  rows?: Record<string, unknown>[];
  error?: string;
}

let lastId = 0;

/**
 * A query's rows, waiting at most 60 s. Each answer carries its query's id: an answer that comes after its
 * query gave up waiting is dropped when found, never taken for the next query's.
 */
function pgQuery(url: string, sql: string, params: unknown[]): Record<string, unknown>[] {
  const { port, flag } = link(url);
  const id = ++lastId;
  const deadline = Date.now() + 60_000;
  Atomics.store(flag, 0, 0);
  port.postMessage({ id, sql: numbered(sql), params });
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') throw new Error(`no answer from PostgreSQL within 60 s: ${sql}`);
    // The worker posts before it raises the flag: whatever woke this wait is in the port by now.
    Atomics.store(flag, 0, 0);
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const answer = m.message as Answer;
      if (answer.id !== id) continue;
      if (!answer.rows) throw new Error(`${answer.error ?? 'no answer'}\n  in: ${sql}`);
      return answer.rows;
    }
  }
}

/** Ends this process's connection to `location` (before the database is dropped); nothing for a SQLite file. */
export async function releaseSpecDb(location: string): Promise<void> {
  const l = links.get(location);
  links.delete(location);
  l?.port.close();
  await l?.worker.terminate();
}

function pgSpecDb(url: string): SpecDb {
  return {
    prepare: (sql) => ({
      get: (...params) => pgQuery(url, sql, params)[0],
      all: (...params) => pgQuery(url, sql, params),
    }),
    // The worker's connection serves the next open of this database in this process.
    close: () => undefined,
  };
}
