import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { adminQuery, databaseUrl, quoteIdent } from '../../setup/pg-admin';
import { startCluster, type Cluster } from '../../setup/pg-cluster';
import { MULTI, type Engine } from './config';

// The run's one database, on either engine, and the spec's own look into it: counting rows, and removing what
// a test must see made again. Statements are written once with PostgreSQL's $1 placeholders; SQLite takes
// them as ?1. Both engines store instants as integer milliseconds and flags as booleans, so the same
// statements answer the same.

export interface RunDatabase {
  /** The variables that point a server or a command at it: FENGHUO_DB, or FENGHUO_DATABASE_URL. */
  dbEnv: Record<string, string>;
  /** Removes it (and stops the PostgreSQL cluster started for it). */
  release: () => Promise<void>;
}

/**
 * Creates the run's empty database. On PostgreSQL: a database with the byte-order collation the engine
 * requires, on a throwaway cluster started as the `pg` vitest project starts its own (tests/setup/pg-cluster.ts),
 * or on the server FENGHUO_TEST_DATABASE_URL names.
 */
export async function createDatabase(engine: Engine): Promise<RunDatabase> {
  if (engine === 'sqlite') {
    const file = path.join(MULTI.dir, 'fenghuo.db');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return { dbEnv: { FENGHUO_DB: file }, release: async () => undefined };
  }
  const given = process.env.FENGHUO_TEST_DATABASE_URL;
  const cluster: Cluster = given ? { url: given, stop: () => undefined } : await startCluster();
  // On a server of the caller's, a name of this run's own.
  const name = quoteIdent(given ? `fenghuo_multi_${process.pid}` : 'fenghuo_multi');
  const drop = () => adminQuery(cluster.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    await drop();
    await adminQuery(cluster.url, `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  const release = async () => {
    if (given) await drop();
    cluster.stop();
  };
  return { dbEnv: { FENGHUO_DATABASE_URL: databaseUrl(cluster.url, name.slice(1, -1)) }, release };
}

/** Migrates and seeds the demo academy, in a process of its own (tests/e2e/multi/prepare-db.ts). */
export function seedDatabase(dbEnv: Record<string, string>): string {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.FENGHUO_DB;
  delete env.FENGHUO_DATABASE_URL;
  return execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/multi/prepare-db.ts'], {
    env: { ...env, ...dbEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Probe {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first column of the first row, as a number (PostgreSQL answers count(*) as text). */
  num(sql: string, ...params: unknown[]): Promise<number>;
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Call before a write to watch: afterwards `writing(table)` tells whether a transaction is writing into `table`. */
  markIdle(): Promise<void>;
  writing(table: string): Promise<boolean>;
  close(): Promise<void>;
}

export function openProbe(engine: Engine, dbEnv: Record<string, string>): Probe {
  return engine === 'sqlite' ? sqliteProbe(dbEnv.FENGHUO_DB!) : pgProbe(dbEnv.FENGHUO_DATABASE_URL!);
}

function sqliteProbe(file: string): Probe {
  const c = new Database(file, { fileMustExist: true });
  c.pragma('busy_timeout = 10000');
  // $n becomes ?, with its value repeated in the order of appearance.
  const bound = (sql: string, params: unknown[]) => {
    const ordered: unknown[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => (ordered.push(params[Number(n) - 1]), '?'));
    return { statement: c.prepare(text), ordered };
  };
  const wal = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  return {
    all: async <T>(sql: string, ...params: unknown[]) => {
      const { statement, ordered } = bound(sql, params);
      return statement.all(...ordered) as T[];
    },
    num: async (sql, ...params) => {
      const { statement, ordered } = bound(sql, params);
      return Number(Object.values(statement.get(...ordered) as object)[0]);
    },
    run: async (sql, ...params) => {
      const { statement, ordered } = bound(sql, params);
      return statement.run(...ordered).changes;
    },
    // An idle server's log emptied: a transaction being written then shows as the log's growth (whatever
    // the table: the servers are otherwise idle).
    markIdle: async () => void c.pragma('wal_checkpoint(TRUNCATE)'),
    writing: async () => wal() > 256 * 1024,
    close: async () => void c.close(),
  };
}

function pgProbe(url: string): Probe {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const query = async (sql: string, params: unknown[]) => {
    await connected;
    return client.query(sql, params);
  };
  return {
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    num: async (sql, ...params) => Number(Object.values((await query(sql, params)).rows[0] as object)[0]),
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    markIdle: async () => undefined,
    // A transaction gets its id at its first write: another session holding one, last seen sending a
    // statement on the table, is writing into it.
    writing: async (table) =>
      Number(
        (
          await query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL
               AND pid <> pg_backend_pid() AND query ILIKE $1`,
            [`%"${table}"%`],
          )
        ).rows[0].n,
      ) > 0,
    close: () => client.end(),
  };
}
