import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBranchB1, bootstrapRootDb, cliOn } from '../setup/cli-process';
import { incidentHeader } from '../setup/incident-sheet';
import { closeDatabase, openDatabase } from '@/db/client';
import { resolveActor } from '@/features/auth/resolve-actor';

// `cli import --dry-run` names the records that would change and their fields (issue 14 item 6).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-cli-changes-'));
// In the pg project the CLI runs on the file's own database (tests/setup/pg-env.ts), empty but migrated.
const file = process.env.FENGHUO_DATABASE_URL || path.join(dir, 'cli.db');
const cli = cliOn(file);

const header = incidentHeader('externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt', 'reportedAt', 'summary').join(',');
const line = (i: number, tier = 4, summary = `Summary ${i}`) =>
  `INC-CLI-${i},I1,ai,data,${tier},2026-03-04T09:30:00+08:00,2026-03-04T10:30:00+08:00,"${summary}"`;
function csv(name: string, lines: string[]): string {
  const out = path.join(dir, name);
  fs.writeFileSync(out, `\uFEFF${[header, ...lines].join('\r\n')}`);
  return out;
}

beforeAll(async () => {
  await bootstrapRootDb(file);
  const db = openDatabase(file);
  await addBranchB1(db, (await resolveActor(db, { cliLogin: 'root' }))!);
  await closeDatabase(db);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli import --dry-run', () => {
  it('lists the records that would be updated with their fields, and those that would be created', async () => {
    const first = Array.from({ length: 60 }, (_, i) => line(i + 1));
    expect((await cli('import', csv('first.csv', first), '--kind', 'incidents')).code).toBe(0);

    const resend = first.map((l, i) => (i + 1 === 3 ? line(3, 2) : i + 1 === 8 ? line(8, 4, 'Summary 8\nsecond line') : l));
    const dry = await cli('import', csv('resend.csv', [...resend, line(61)]), '--kind', 'incidents', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would be 61 rows, 61 records: 1 created, 2 updated, 58 unchanged.');
    expect(dry.stdout).toContain('Would update 2 records:');
    expect(dry.stdout).toMatch(/row 4, INC-CLI-3\n\s+Tier \(tier\): 4 → 2\n/);
    // A line break is shown as such, quoted, so one record takes one line per field.
    expect(dry.stdout).toMatch(/row 9, INC-CLI-8\n\s+Summary \(summary\): Summary 8 → "Summary 8\\nsecond line"\n/);
    expect(dry.stdout).not.toContain('INC-CLI-4\n');
    expect(dry.stdout).toContain('Would create 1 record: INC-CLI-61 (row 62)');
  }, 60_000);

  it('bounds the list, saying how many more there are, and says when nothing would change', async () => {
    const all = Array.from({ length: 60 }, (_, i) => line(i + 1, 3));
    const dry = await cli('import', csv('all.csv', all), '--kind', 'incidents', '--dry-run');
    expect(dry.stdout).toContain('Would update 60 records:');
    expect(dry.stdout).toContain('… and 10 more records would be updated.');
    expect(dry.stdout.match(/^ {2}row \d+, /gm)).toHaveLength(50);

    const same = Array.from({ length: 60 }, (_, i) => line(i + 1));
    const none = await cli('import', csv('same.csv', same), '--kind', 'incidents', '--dry-run');
    expect(none.stdout).toContain('Nothing would change.');
  }, 60_000);
});
