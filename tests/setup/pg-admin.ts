import pg from 'pg';

// Statements about databases themselves (create from the template, drop), on the test server's maintenance
// database: one short connection each, so that nothing stays connected to a database being copied or dropped.

/** Runs one statement on the server `url` names. */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Creates an empty database `name` on the server of `url` (dropping one left by an interrupted run) with the
 * byte-order collation the product requires (decision 046), and answers its URL.
 */
export async function createEmptyDatabase(url: string, name: string): Promise<string> {
  await adminQuery(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE ${quoteIdent(name)} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
  return databaseUrl(url, name);
}

/** A database name as an SQL identifier (ours are plain, but quoting costs nothing). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Drops of test databases started by close() (which answers nothing, as on SQLite); settled after each file. */
const pendingDrops = new Set<Promise<void>>();

/** Starts `drop` now and lets settleDrops() wait for it. */
export function dropLater(drop: () => Promise<void>): void {
  const running: Promise<void> = drop()
    .catch((error: unknown) => console.error('[pg] dropping a test database failed:', error))
    .finally(() => pendingDrops.delete(running));
  pendingDrops.add(running);
}

/** Waits for every drop started so far (the pg project's setup file, after each test file). */
export async function settleDrops(): Promise<void> {
  while (pendingDrops.size) await Promise.all([...pendingDrops]);
}

let created = 0;

/** A database name private to this worker process: fenghuo_w<pool id>_<pid>_<n>. */
export function testDatabaseName(): string {
  return `fenghuo_w${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}_${++created}`;
}

/** Creates a copy of the migrated template (tests/setup/pg-cluster.ts) and answers its URL. */
export async function createFromTemplate(name: string): Promise<string> {
  const server = process.env.FENGHUO_TEST_PG_SERVER;
  const template = process.env.FENGHUO_TEST_PG_TEMPLATE;
  if (!server || !template) throw new Error('no test PostgreSQL server: run the `pg` vitest project (tests/setup/pg-cluster.ts)');
  await adminQuery(server, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
  return databaseUrl(server, name);
}

/** Drops a test database, ending whatever is still connected to it. */
export function dropDatabase(name: string): Promise<void> {
  return adminQuery(process.env.FENGHUO_TEST_PG_SERVER!, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}
