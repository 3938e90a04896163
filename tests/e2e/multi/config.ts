import path from 'node:path';

// The multi-server run (playwright.multi.config.ts): two production servers on one database, behind nginx.
// Ports come from the environment so that two checkouts can run side by side; the defaults keep clear of
// the main suite's E2E_PORT (3100) and of the specs that start servers of their own (3300s).

export type Engine = 'sqlite' | 'pg';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const MULTI = {
  /**
   * The engine both servers run on: PostgreSQL (issue 16's test), or with FENGHUO_MULTI_ENGINE=sqlite one
   * SQLite file both servers open (WAL lets processes of one machine share it: decision 048).
   */
  engine: (process.env.FENGHUO_MULTI_ENGINE === 'sqlite' ? 'sqlite' : 'pg') as Engine,
  nginxPort: port('E2E_MULTI_NGINX_PORT', 3200),
  ports: { a: port('E2E_MULTI_PORT_A', 3201), b: port('E2E_MULTI_PORT_B', 3202) },
  /** Everything the run writes: the SQLite file, nginx's prefix, the servers' logs, the run's state. */
  dir: path.resolve('.tmp/e2e-multi'),
};

export type ServerName = keyof typeof MULTI.ports;
export const SERVER_NAMES: readonly ServerName[] = ['a', 'b'];

export const serverUrl = (name: ServerName) => `http://127.0.0.1:${MULTI.ports[name]}`;
export const NGINX_URL = `http://127.0.0.1:${MULTI.nginxPort}`;
