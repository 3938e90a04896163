import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDbFile } from '../setup/server-db-file';

// Staged uploads wait beside the database for their confirmation; issue 13 item 7 filled the disk with
// them (30 refused uploads of 9.9 MB left 297 MB). Here: the bounds per user and in total, on real files
// beside a real migrated database.
// The staging folder is beside the configured database, and the configuration is read once, by whatever
// first needs it (opening a database reads the busy timeout): so it is set before anything is imported.
const { dir: root, remove } = serverDbFile('fenghuo-staging-');
let staging: typeof import('@/features/import/staging');
const MB = 1024 * 1024;
const meta = (userId: number) => ({ userId, kind: 'incidents', format: 'csv' as const, name: 'a.csv' });
const bytesIn = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0) : 0;

beforeAll(async () => {
  staging = await import('@/features/import/staging');
});
afterAll(() => remove());

describe('staged uploads', () => {
  const dir = () => path.join(root, 'imports');
  const bounds = { perUserBytes: 3 * MB, totalBytes: 4 * MB };

  it('are refused beyond the bound per user, then beyond the bound in total, writing nothing', () => {
    const file = Buffer.alloc(MB, 0x41);
    const first = staging.stageImport(file, meta(1), bounds);
    staging.stageImport(file, meta(1), bounds);
    const before = bytesIn(dir());
    const refused = () => staging.stageImport(file, meta(1), bounds);
    expect(refused).toThrow(staging.StagingFull);
    try {
      refused();
    } catch (error) {
      expect(error).toMatchObject({ scope: 'user', limitBytes: 3 * MB });
      // Its oldest upload expires in a day: that is when it may try again without confirming anything.
      expect((error as InstanceType<typeof staging.StagingFull>).retryAfterSeconds).toBeGreaterThan(86_000);
    }
    expect(bytesIn(dir())).toBe(before);

    // Another user still has room of their own, until the total is reached.
    staging.stageImport(file, meta(2), bounds);
    expect(() => staging.stageImport(file, meta(2), bounds)).toThrow(expect.objectContaining({ scope: 'total', limitBytes: 4 * MB }));

    // Confirming (or dropping) an upload frees its room at once.
    staging.dropStaged(first.id, 1);
    expect(staging.stageImport(file, meta(2), bounds).id).toEqual(expect.any(String));
    for (const name of fs.readdirSync(dir())) fs.rmSync(path.join(dir(), name));
  });

  it('count each file as at least 64 KB, so tiny uploads cannot pile up by the million', () => {
    const small = { perUserBytes: MB, totalBytes: 100 * MB };
    let staged = 0;
    expect(() => {
      for (; staged < 1000; staged++) staging.stageImport(Buffer.from('x'), meta(3), small);
    }).toThrow(staging.StagingFull);
    // A file and its description, 64 KB each: eight uploads fill 1 MB.
    expect(staged).toBe(8);
    for (const name of fs.readdirSync(dir())) fs.rmSync(path.join(dir(), name));
  });

  it('are read back only by their owner, dropped at once, and purged after a day', () => {
    const staged = staging.stageImport(Buffer.from('a,b\n1,2\n'), meta(4), bounds);
    expect(staging.readStaged(staged.id, 5)).toBeNull();
    expect(staging.readStaged(staged.id, 4)?.file.toString()).toBe('a,b\n1,2\n');
    staging.dropStaged(staged.id, 4);
    expect(staging.readStaged(staged.id, 4)).toBeNull();
    expect(fs.readdirSync(dir())).toEqual([]);

    staging.stageImport(Buffer.from('a'), meta(4), bounds);
    expect(staging.purgeStaged(Date.now())).toBe(0);
    expect(staging.purgeStaged(Date.now() + 25 * 3_600_000)).toBe(2);
    expect(fs.readdirSync(dir())).toEqual([]);
  });

  it('take their bounds from the configuration by default', async () => {
    const { env } = await import('@/server/env');
    expect(staging.stagingBounds()).toEqual({
      perUserBytes: env().FENGHUO_STAGED_MB_PER_USER * MB,
      totalBytes: env().FENGHUO_STAGED_MB_TOTAL * MB,
    });
  });
});
