import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { bulletinByMonth } from '@/db/bulletins/bulletins';
import { seedSmallOrg } from '../setup/small-org';

// `npm run cli -- bulletin --month M` as a person runs it: generates once, then says it exists.
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bulletin-cli-'));
const file = path.join(dir, 'cli.db');
const tsx = path.resolve('node_modules/.bin/tsx');
const cli = (...args: string[]) =>
  run(tsx, ['cli/index.ts', ...args], { env: { ...process.env, FENGHUO_DB: file }, cwd: process.cwd() }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

beforeAll(async () => {
  const db = openDatabase(file);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('generates a month once; a second run reports it exists and changes nothing; a bad month is refused', async () => {
  const first = await cli('bulletin', '--month', '2026-03');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Bulletin 2026-03 generated/);
  const read = async () => {
    const db = openDatabase(file);
    try {
      return await bulletinByMonth(db, '2026-03');
    } finally {
      db.close();
    }
  };
  const stored = (await read())!;
  expect((stored.body as { institutes: unknown[] }).institutes).toHaveLength(3);

  const second = await cli('bulletin', '--month', '2026-03');
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/already exists; nothing changed/);
  expect(await read()).toEqual(stored);

  const bad = await cli('bulletin', '--month', '2026-3');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--month must be a month such as/);
}, 60_000);
