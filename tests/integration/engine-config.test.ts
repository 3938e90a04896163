import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// db/ reads its own settings (db/config.ts), and getEngine() opens one engine per process on FENGHUO_DB.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-engine-config-'));
process.env.FENGHUO_DB = path.join(dir, 'configured.db');
process.env.FENGHUO_DB_BUSY_TIMEOUT_MS = '250';

const { ConfigError, dbConfig, dbEnvShape, parseConfig } = await import('@/db/config');
const { getEngine, migrateEngine } = await import('@/db/engine');

afterAll(() => {
  getEngine().close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db/config', () => {
  it('reads FENGHUO_DB and FENGHUO_DB_BUSY_TIMEOUT_MS from the environment', () => {
    expect(dbConfig()).toEqual({ FENGHUO_DB: path.join(dir, 'configured.db'), FENGHUO_DB_BUSY_TIMEOUT_MS: 250 });
  });

  it('answers a bad value with the variable’s name, and an empty one as unset', () => {
    const schema = z.object(dbEnvShape);
    expect(() => parseConfig(schema, { FENGHUO_DB_BUSY_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { FENGHUO_DB_BUSY_TIMEOUT_MS: '-1' })).toThrow(
      /Invalid configuration:\n {2}FENGHUO_DB_BUSY_TIMEOUT_MS: must be 0 \(fail at once\) or more/,
    );
    expect(parseConfig(schema, { FENGHUO_DB: '', FENGHUO_DB_BUSY_TIMEOUT_MS: '' })).toEqual({
      FENGHUO_DB: './data/fenghuo.db',
      FENGHUO_DB_BUSY_TIMEOUT_MS: 5000,
    });
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
