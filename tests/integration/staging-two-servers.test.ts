import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';

// Issue 16: an import previewed through one app server is confirmed through another, and the bounds on
// staged uploads hold for all servers together. Two engines opened on one real migrated SQLite file stand
// for two servers on one database: each has its own connections and write queue, as two processes would.
// On PostgreSQL the two engines are two pools on one database.
const { location, remove } = serverDbFile('fenghuo-staging-two-', 'two.db');
const onPg = Boolean(process.env.FENGHUO_DATABASE_URL);

const { closeDatabase, getDb, openDatabase } = await import('@/db/client');
const { stagedImports } = await import('@/db/schema');
const { seedServerDb } = await import('../setup/reporter');
const { addUser } = await import('../setup/small-org');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { ImportPool, DEFAULT_POOL } = await import('@/features/import/import-pool');
const { stageImport, StagingFull } = await import('@/features/import/staging');
const { incidentCsv } = await import('../setup/hostile-uploads');
const { previewOf, upload, uploadRequest } = await import('../setup/upload-request');
const { sqlOne } = await import('./record-sql');
const { translate } = await import('@/domain/i18n/translate');

const MB = 1024 * 1024;
const one = getDb();
const other = openDatabase(location);
const pool = new ImportPool({ ...DEFAULT_POOL, workers: 1, queue: 4 });
let owner: Actor;
let colleague: Actor;

beforeAll(async () => {
  owner = await seedServerDb(one, 'two.owner');
  await addUser(one, 'two.colleague', 'reporter', 'BJ01');
  colleague = (await resolveActor(one, { cliLogin: 'two.colleague' }))!;
}, 120_000);
afterAll(async () => {
  await pool.close();
  await closeDatabase(other);
  remove();
});

const stagedRows = async () => await one.select({ id: stagedImports.id, owner: stagedImports.ownerUserId }).from(stagedImports);
const incidents = async (prefix: string) =>
  (await sqlOne<{ n: number }>(one, 'SELECT count(*) AS n FROM incidents WHERE external_id LIKE ?', `${prefix}-%`)).n;

describe('an import previewed through one server', () => {
  it('is confirmed through the other, by its owner only, once', async () => {
    const previewed = await upload(await previewOf(incidentCsv(3, 'BJ01', 'TWO'), 'two.csv'), { db: one, actor: owner, pool });
    expect(previewed.report).toMatchObject({ ok: true, dryRun: true, created: 3 });
    expect(await stagedRows()).toEqual([{ id: previewed.stagedId, owner: owner.userId }]);
    const confirm = await uploadRequest({ step: 'confirm', stagedId: previewed.stagedId! });

    // A colleague of the same institute who learns the id can neither confirm it nor remove it.
    const stolen = await upload(confirm, { db: other, actor: colleague, pool, locale: 'en' });
    expect(stolen.status).toBe(404);
    expect(await incidents('TWO')).toBe(0);
    expect(await stagedRows()).toHaveLength(1);

    const confirmed = await upload(confirm, { db: other, actor: owner, pool });
    expect(confirmed.report).toMatchObject({ ok: true, dryRun: false, created: 3 });
    expect(await incidents('TWO')).toBe(3);
    expect(await stagedRows()).toEqual([]);
    // Confirmed through one server, it is gone for the first as well.
    expect((await upload(confirm, { db: one, actor: owner, pool })).status).toBe(404);
  }, 120_000);
});

describe('the bounds on staged uploads', () => {
  // A file that leaves room for its description inside one MB, so that a bound of n MB takes exactly n.
  const file = Buffer.alloc(MB - 1024, 0x41);
  const meta = (actor: Actor) => ({ userId: actor.userId, kind: 'incidents', format: 'csv' as const, name: 'a.csv' });
  const bounds = { perUserBytes: 3 * MB, totalBytes: 5 * MB };
  /** Ten uploads at once, every other one through each server: the scopes of the refused ones. */
  const tenAtOnce = async (actor: Actor) => {
    const answers = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => stageImport(i % 2 ? other : one, file, meta(actor), bounds)),
    );
    return answers.flatMap((a) => {
      if (a.status === 'fulfilled') return [];
      expect(a.reason).toBeInstanceOf(StagingFull);
      return [(a.reason as InstanceType<typeof StagingFull>).scope];
    });
  };

  it('hold across both servers: uploads through the two at once never pass them together', async () => {
    await one.delete(stagedImports);
    expect(await tenAtOnce(owner)).toEqual(Array(7).fill('user'));
    expect(await tenAtOnce(colleague)).toEqual(Array(8).fill('total'));
    const rows = await stagedRows();
    expect(rows.filter((r) => r.owner === owner.userId)).toHaveLength(3);
    expect(rows.filter((r) => r.owner === colleague.userId)).toHaveLength(2);
    await one.delete(stagedImports);
  }, 60_000);
});

// SQLite only: the busy wait is SQLite's single writer, held here through the file by better-sqlite3 itself;
// PostgreSQL has no database-wide write lock to hold.
describe.skipIf(onPg)('a preview while another server holds the write lock past the wait', () => {
  it('answers 503 with Retry-After in the reader’s language, stages nothing and gives back its place in the pool', async () => {
    // A server that waits 200 ms for its turn; another process holds the write lock meanwhile.
    const impatient = openDatabase(location, 200);
    const holder = new Database(location);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const answer = await upload(await previewOf(incidentCsv(3, 'BJ01', 'BUSY'), 'busy.csv'), {
        db: impatient,
        actor: owner,
        pool,
        locale: 'en',
      });
      expect(answer).toMatchObject({ status: 503, retryAfter: '5', error: translate('en', 'actions.busy') });
      expect(pool.load).toBe(0);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      impatient.close();
    }
    expect(await stagedRows()).toEqual([]);
  }, 60_000);
});
