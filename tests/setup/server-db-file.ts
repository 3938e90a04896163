import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Points the server's database (FENGHUO_DB, what getDb() and the import pool's workers open) at a file in a
 * fresh folder. The configuration is read once, by whatever first needs it, so a test calls this before it
 * imports anything of the product (hence dynamic imports after it, and no product import here).
 */
export function serverDbFile(prefix: string, name = 'fenghuo.db'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // In the pg project the file's own database is already FENGHUO_DATABASE_URL (tests/setup/pg-env.ts).
  if (!process.env.FENGHUO_DATABASE_URL) process.env.FENGHUO_DB = path.join(dir, name);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
