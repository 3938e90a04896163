import { afterAll, beforeAll, expect, it } from 'vitest';
import { bulletinByMonth } from '@/db/bulletins/bulletins';
import { seedSmallOrg } from '../setup/small-org';
import { cliOn } from '../setup/cli-process';
import { createTestDb, type TestDb } from '../setup/test-db';

// `npm run cli -- bulletin --month M` as a person runs it: generates once, then says it exists.
let t: TestDb;
let cli: ReturnType<typeof cliOn>;

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  cli = cliOn(t.file);
});
afterAll(() => t.close());

it('generates a month once; a second run reports it exists and changes nothing; a bad month is refused', async () => {
  const first = await cli('bulletin', '--month', '2026-03');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Bulletin 2026-03 generated/);
  const read = () => bulletinByMonth(t.db, '2026-03');
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
