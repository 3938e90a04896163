// E2E_PORT lets two checkouts run their suites side by side on one machine.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DB = '.tmp/e2e/fenghuo.db';
export const DEMO_PASSWORD = 'fenghuo-demo';

/**
 * The PostgreSQL run (playwright.pg.config.ts): its global setup sets this to the URL of the database its
 * server runs on; the specs' helpers then read that database instead of E2E_DB.
 */
export const E2E_PG_URL_VAR = 'FENGHUO_E2E_DATABASE_URL';
/** Set by that setup too (the workers inherit its environment): the cluster, for specs' databases of their own. */
export const E2E_PG_SERVER_VAR = 'FENGHUO_E2E_PG_SERVER';
/** Its server's port (E2E_PG_PORT; clear of the main run's 3100, the multi run's 3200s and the 3300s). */
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 3130);

/** Where the e2e server's database is: the PostgreSQL run's URL when set, else the SQLite file. */
export function e2eDatabase(): string {
  return process.env[E2E_PG_URL_VAR] ?? E2E_DB;
}
