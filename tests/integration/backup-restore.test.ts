import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { rawGet } from '@/db/engine';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/reference/reference';
import { verifyAuditChain } from '@/db/audit/audit-log';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { resolveActor } from '@/features/auth/resolve-actor';
import { submitRecords } from '@/features/records/submit';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { liveRatingToApi } from '@/features/rating/api-shape';
import { BackupError, backupDatabase, pruneBackups } from '@/platform/backup/backup';
import { restoreDatabase, verifyBackupFile } from '@/platform/backup/restore';
import { nightlyBackup } from '@/jobs/backup';
import { parseEnv } from '@/server/env';
import { addUser, seedSmallOrg } from '../setup/small-org';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-backup-'));
const live = path.join(dir, 'live.db');
let db: Db;

function cli(dbFile: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], { env: { ...process.env, FENGHUO_DB: dbFile } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** What the API would answer for 2026 at a fixed instant: the comparison is exact. */
async function ratings2026(d: Db) {
  const asOf = new Date('2026-09-30T12:00:00+08:00');
  return (await rateInstitutes(d, await activeRatingRuleSet(d), 2026, { asOf })).map((r) => liveRatingToApi(r, 'provisional'));
}

beforeAll(async () => {
  db = openDatabase(live);
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await seedSmallOrg(db);
  await addUser(db, 'bk.office', 'office', 'HX');
  const actor = (await resolveActor(db, { cliLogin: 'bk.office' }))!;
  // Audited records that move the 2026 ratings: a serious incident (a floor) and some general ones.
  await submitRecords(
    db,
    actor,
    'incidents',
    [
      { externalId: 'BK-1', unitCode: 'BJ01', domain: 'ai', dimension: 'loss', tier: 2, occurredAt: '2026-04-01T10:00:00+08:00' },
      { externalId: 'BK-2', unitCode: 'SH01', domain: 'drones', dimension: 'loss', tier: 4, occurredAt: '2026-05-01T10:00:00+08:00' },
      { externalId: 'BK-3', unitCode: 'BJ02', domain: 'drones', dimension: 'loss', tier: 3, occurredAt: '2026-06-01T10:00:00+08:00' },
    ],
    { now: new Date('2026-07-01T00:00:00Z'), source: 'api' },
  );
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('takes a consistent backup with the CLI while another process writes, and the restore rates and verifies alike', async () => {
    const expected = await ratings2026(db);
    expect(expected.some((r) => r.level !== 'blue')).toBe(true);
    const chainBefore = await verifyAuditChain(db);
    expect(chainBefore.ok).toBe(true);

    // A writer in another process, one audited submission per transaction, for the whole backup.
    const stop = path.join(dir, 'stop-writer');
    const writer = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/write-load.ts', live, 'bk.office', '50000', 'LOAD', stop], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let written = '';
    writer.stdout.on('data', (c: Buffer) => (written += c.toString()));
    const writerDone = new Promise<number>((resolve) => writer.on('exit', (code) => resolve(code ?? 1)));
    // Wait until the writer is under way, then back up twice through the command line.
    const count = async () =>
      (await rawGet<{ n: number }>(db, sql`SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'LOAD-%'`))!.n;
    for (let i = 0; i < 100 && (await count()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const file = path.join(dir, 'during-load.db');
    const out = await cli(live, 'backup', file);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Backup written to .*during-load\.db/);
    console.log(`backup under write load: ${out.stdout.trim()}`);
    const atBackup = await count();
    expect(await cli(live, 'backup', file)).toMatchObject({ code: 2, stderr: expect.stringMatching(/already exists/) });
    // The writer went on after the backup; then stop it.
    for (let i = 0; i < 200 && (await count()) <= atBackup; i++) await new Promise((r) => setTimeout(r, 50));
    fs.writeFileSync(stop, '');
    expect(await writerDone).toBe(0);
    const total = Number(written.trim());
    expect(total).toBeGreaterThan(atBackup);

    // The backup is one snapshot: load records present in it each have their audit entry, and the chain holds.
    const copy = new Database(file, { readonly: true });
    const inCopy = (copy.prepare("SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'LOAD-%'").get() as { n: number }).n;
    const auditedInCopy = (
      copy
        .prepare(
          "SELECT count(*) AS n FROM audit_log a JOIN incidents i ON i.id = a.entity_id AND a.entity_kind = 'incidents' WHERE i.external_id LIKE 'LOAD-%'",
        )
        .get() as { n: number }
    ).n;
    copy.close();
    expect(inCopy).toBeGreaterThan(0);
    expect(inCopy).toBeLessThan(total);
    expect(auditedInCopy).toBe(inCopy);

    // Restore it as a new database through the command line, and compare.
    const restored = path.join(dir, 'restored.db');
    const r = await cli(restored, 'restore', file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const back = openDatabase(restored);
    try {
      expect(await ratings2026(back)).toEqual(expected);
      const chain = await verifyAuditChain(back);
      expect(chain.ok).toBe(true);
      expect(chain.entries).toBe(chainBefore.entries + inCopy);
    } finally {
      back.close();
    }
  }, 60_000);

  it('refuses to replace a database that holds data without --force, or one that is open elsewhere', async () => {
    const file = path.join(dir, 'plain.db');
    await backupDatabase(db, file);
    const target = path.join(dir, 'target.db');
    await restoreDatabase(file, target);
    await expect(restoreDatabase(file, target)).rejects.toThrow(/already holds data; add --force/);
    const result = await restoreDatabase(file, target, { force: true, now: new Date('2026-11-23T08:00:00Z') });
    expect(result.previous).toBe(`${target}.pre-restore-20261123T080000Z`);
    expect(fs.existsSync(result.previous!)).toBe(true);
    // The live database is open in this process: a restore over it is refused even with --force.
    await expect(restoreDatabase(file, live, { force: true })).rejects.toThrow(/in use by another process/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses a damaged backup, a file that is not a database, and a backup from a newer version', async () => {
    const good = path.join(dir, 'good.db');
    await backupDatabase(db, good);
    expect(verifyBackupFile(good)).toEqual({ pending: 0 });

    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'not a database at all'.repeat(100));
    expect(() => verifyBackupFile(garbage)).toThrow(BackupError);

    // Damage one b-tree page in the middle of the file (not the header): the integrity check must notice.
    // A b-tree page, not just the middle one: the middle page can be an overflow page of a long value, whose
    // bytes past the next-page pointer are data that no integrity check can tell from other data.
    const damaged = path.join(dir, 'damaged.db');
    fs.copyFileSync(good, damaged);
    const bytes = fs.readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16);
    const pages = Math.floor(bytes.length / pageSize);
    const isBtree = (p: number) => [0x02, 0x05, 0x0a, 0x0d].includes(bytes[p * pageSize]!);
    let page = Math.floor(pages / 2);
    while (page < pages - 1 && !isBtree(page)) page++;
    expect(isBtree(page)).toBe(true);
    bytes.fill(0x5a, page * pageSize + 8, (page + 1) * pageSize - 8);
    fs.writeFileSync(damaged, bytes);
    await expect(restoreDatabase(damaged, path.join(dir, 'from-damaged.db'))).rejects.toThrow(
      /integrity check|not a SQLite database|malformed/,
    );
    expect(fs.existsSync(path.join(dir, 'from-damaged.db'))).toBe(false);

    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 4_000_000_000_000);
    n.close();
    expect(() => verifyBackupFile(newer)).toThrow(/newer version/);
  });

  it('the nightly job backs up once per night and keeps only the newest FENGHUO_BACKUP_KEEP', async () => {
    const backups = path.join(dir, 'nightly');
    const config = parseEnv({ FENGHUO_DB: live, FENGHUO_BACKUP_DIR: backups, FENGHUO_BACKUP_KEEP: '2' });
    const nights = ['2026-11-20T19:30:00Z', '2026-11-21T19:30:00Z', '2026-11-22T19:30:00Z'];
    for (const at of nights) expect(await nightlyBackup(db, new Date(at), config)).toBe('ran');
    // 02:00 in Shanghai still belongs to the night before: already done.
    expect(await nightlyBackup(db, new Date('2026-11-22T18:00:00Z'), config)).toBe('skipped');
    expect(fs.readdirSync(backups).sort()).toEqual(['fenghuo-20261121T193000Z.db', 'fenghuo-20261122T193000Z.db']);
    expect(verifyBackupFile(path.join(backups, 'fenghuo-20261122T193000Z.db'))).toEqual({ pending: 0 });
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'kept');
    expect(pruneBackups(backups, 1)).toEqual(['fenghuo-20261121T193000Z.db']);
    expect(fs.existsSync(path.join(backups, 'notes.txt'))).toBe(true);
    expect(await nightlyBackup(db, new Date('2026-11-23T19:30:00Z'), { ...config, FENGHUO_BACKUP_KEEP: 0 })).toBe('skipped');
  });
});
