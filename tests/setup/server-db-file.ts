import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Points the server's database (FENGHUO_DB, what getDb() and the import pool's workers open) at a file in a
 * fresh folder. The configuration is read once, by whatever first needs it, so a test calls this before it
 * imports anything of the product (hence dynamic imports after it, and no product import here). In the pg
 * project the process's database is already a fresh copy of the template (FENGHUO_DATABASE_URL, set by
 * tests/setup/pg-env.ts), so the folder only holds the test's other files. `location` names the process's
 * database either way, for openDatabase(location) to stand for a second server on it.
 */
export function serverDbFile(prefix: string, name = 'fenghuo.db'): { dir: string; location: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const url = process.env.FENGHUO_DATABASE_URL;
  const location = url || path.join(dir, name);
  if (!url) process.env.FENGHUO_DB = location;
  return { dir, location, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
