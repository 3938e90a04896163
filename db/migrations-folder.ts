import path from 'node:path';

/** Where the committed drizzle-kit migrations are. */
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
