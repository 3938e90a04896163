import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// db/ reads its own settings (db/config.ts), and getEngine() opens one engine per process on FENGHUO_DB.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-engine-config-'));
process.env.FENGHUO_DB = path.join(dir, 'configured.db');
process.env.FENGHUO_DB_BUSY_TIMEOUT_MS = '250';

const { ConfigError, databaseLocation, dbConfig, dbEnvShape, parseConfig, printableLocation } = await import('@/db/config');
const { getEngine, migrateEngine } = await import('@/db/engine');

afterAll(() => {
  getEngine().close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db/config', () => {
  it('reads FENGHUO_DB and FENGHUO_DB_BUSY_TIMEOUT_MS from the environment', () => {
    expect(dbConfig()).toEqual({ FENGHUO_DB: path.join(dir, 'configured.db'), FENGHUO_DB_BUSY_TIMEOUT_MS: 250, FENGHUO_DB_POOL: 10 });
  });

  it('answers a bad value with the variable’s name, and an empty one as unset', () => {
    const schema = z.object(dbEnvShape);
    expect(() => parseConfig(schema, { FENGHUO_DB_BUSY_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { FENGHUO_DB_BUSY_TIMEOUT_MS: '-1' })).toThrow(
      /Invalid configuration:\n {2}FENGHUO_DB_BUSY_TIMEOUT_MS: must be 0 \(fail at once\) or more/,
    );
    expect(parseConfig(schema, { FENGHUO_DB: '', FENGHUO_DB_BUSY_TIMEOUT_MS: '', FENGHUO_DATABASE_URL: '' })).toEqual({
      FENGHUO_DB: './data/fenghuo.db',
      FENGHUO_DB_BUSY_TIMEOUT_MS: 5000,
      FENGHUO_DB_POOL: 10,
    });
  });

  it('reads FENGHUO_DATABASE_URL (postgres:// or postgresql://) and FENGHUO_DB_POOL (1 to 200)', () => {
    const schema = z.object(dbEnvShape);
    const url = 'postgresql://fenghuo:secret@db.example.org:5432/fenghuo';
    const config = parseConfig(schema, { FENGHUO_DATABASE_URL: url, FENGHUO_DB_POOL: '40' });
    expect(config).toMatchObject({ FENGHUO_DATABASE_URL: url, FENGHUO_DB_POOL: 40 });
    expect(databaseLocation(config)).toBe(url);
    expect(databaseLocation(parseConfig(schema, {}))).toBe('./data/fenghuo.db');
    expect(() => parseConfig(schema, { FENGHUO_DATABASE_URL: 'mysql://db/fenghuo' })).toThrow(
      /FENGHUO_DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    for (const bad of ['0', '201', '2.5', 'many']) {
      expect(() => parseConfig(schema, { FENGHUO_DB_POOL: bad })).toThrow(/FENGHUO_DB_POOL: must be/);
    }
  });

  it('refuses a URL beside an explicitly set FENGHUO_DB, naming both; the file’s default is no choice', () => {
    const schema = z.object(dbEnvShape);
    const url = 'postgres://fenghuo@127.0.0.1/fenghuo';
    expect(() => parseConfig(schema, { FENGHUO_DATABASE_URL: url, FENGHUO_DB: './data/fenghuo.db' })).toThrow(
      /FENGHUO_DATABASE_URL, FENGHUO_DB: name one database, not both/,
    );
    expect(parseConfig(schema, { FENGHUO_DATABASE_URL: url, FENGHUO_DB: '' }).FENGHUO_DATABASE_URL).toBe(url);
  });

  it('prints a URL without its password', () => {
    expect(printableLocation('postgres://fenghuo:s3cret@db.example.org:5432/fenghuo')).toBe(
      'postgres://fenghuo:***@db.example.org:5432/fenghuo',
    );
    expect(printableLocation('./data/fenghuo.db')).toBe('./data/fenghuo.db');
  });
});

describe('getEngine', () => {
  it('opens one engine per process on FENGHUO_DB, with its busy timeout', async () => {
    const db = getEngine();
    expect(getEngine()).toBe(db);
    expect(db.file).toBe(path.join(dir, 'configured.db'));
    await migrateEngine(db);
    let open!: () => void;
    const holding = db.transaction(() => new Promise<void>((resolve) => (open = resolve)));
    const started = Date.now();
    await expect(db.transaction(async () => undefined)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(245);
    open();
    await holding;
  });
});
