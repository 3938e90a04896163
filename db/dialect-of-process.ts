export type Dialect = 'sqlite' | 'pg';

/**
 * The engine this process runs, for its whole life: PostgreSQL when FENGHUO_DATABASE_URL names one, else
 * the SQLite file. Read here (not through db/config.ts) so that db/schema can pick its tables at first
 * import without pulling the engine's configuration in.
 */
export function dialectOfProcess(): Dialect {
  const url = process.env.FENGHUO_DATABASE_URL;
  return typeof url === 'string' && url !== '' ? 'pg' : 'sqlite';
}
