import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { sqlOne } from './record-sql';
import { serverDbFile } from '../setup/server-db-file';

// The import pool behind the upload (issue 13, item 4) on a real migrated SQLite file: beyond its queue an
// upload is refused with 503, Retry-After and a message in the reader's language; a read that exhausts its
// worker's heap ends that worker only, the user is told why, and the next upload is read by a fresh one;
// a confirmed preview is stored by this thread in one transaction.
const { remove } = serverDbFile('fenghuo-import-pool-', 'pool.db');

const { getDb } = await import('@/db/client');
const { seedServerDb } = await import('../setup/reporter');
const { ImportPool, DEFAULT_POOL } = await import('@/features/import/import-pool');
const { TextBudget } = await import('@/platform/spreadsheets/read/text-budget');
const { incidentCsv } = await import('../setup/hostile-uploads');
const { previewOf, upload, uploadRequest } = await import('../setup/upload-request');

const db = getDb();
let actor: Actor;
const pools: InstanceType<typeof ImportPool>[] = [];
const poolOf = (o: Partial<typeof DEFAULT_POOL>) => {
  const pool = new ImportPool({ ...DEFAULT_POOL, ...o });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  actor = await seedServerDb(db, 'pool.rep');
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  remove();
});

const stagedRows = async (id: string) => (await sqlOne<{ n: number }>(db, 'SELECT count(*) AS n FROM staged_imports WHERE id = ?', id)).n;

describe('the import pool', () => {
  it('refuses uploads past its workers and queue with 503, Retry-After and a translated message, before reading them', async () => {
    const pool = poolOf({ workers: 1, queue: 1, retryAfterSeconds: 20 });
    const request = await previewOf(incidentCsv(2_000, 'BJ01', 'Q'), 'q.csv');
    const answers = await Promise.all(
      (['zh-CN', 'en', 'zh-CN', 'en'] as const).map((locale) => upload(request, { db, actor, pool, locale })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 503, 503]);
    expect(answers[2]).toMatchObject({ retryAfter: '20', error: '服务器正在处理其他导入，请约 20 秒后重试。' });
    expect(answers[3]).toMatchObject({
      retryAfter: '20',
      error: 'The server is busy with other imports. Please try again in about 20 seconds.',
    });
    expect(answers[0]!.report).toMatchObject({ ok: true, rows: 2_000 });
    expect(pool.load).toBe(0);
  }, 120_000);

  it('a read that exhausts its worker’s heap ends that worker only; the next upload is read by a fresh one', async () => {
    // A worker needs ~22 MB of heap just to load its modules (at 20 MB even the 5-row file fails on both
    // engines), and the 100,000-row file exhausts 128 MB: 64 leaves room both ways. 24 failed in CI on pg.
    const pool = poolOf({ workers: 1, queue: 2, heapMb: 64 });
    const [big, small] = await Promise.all([
      previewOf(incidentCsv(100_000, 'BJ01', 'OOM'), 'big.csv'),
      previewOf(incidentCsv(5), 'small.csv'),
    ]);
    const [first, second] = await Promise.all([upload(big, { db, actor, pool }), upload(small, { db, actor, pool, locale: 'en' })]);
    expect(first.status).toBe(200);
    expect(first.report).toMatchObject({ ok: false });
    expect(first.report!.fileError).toMatch(/内存/);
    expect(second.report).toMatchObject({ ok: true, rows: 5 });
  }, 120_000);

  it('a confirmed preview is stored in one transaction and its staged upload removed', async () => {
    const pool = poolOf({ workers: 1, queue: 1 });
    const previewed = await upload(await previewOf(incidentCsv(3, 'BJ01', 'CONF'), 'c.csv'), { db, actor, pool });
    expect(previewed.report).toMatchObject({ ok: true, dryRun: true, created: 3 });
    expect(await stagedRows(previewed.stagedId!)).toBe(1);
    const confirmed = await upload(await uploadRequest({ step: 'confirm', stagedId: previewed.stagedId! }), { db, actor, pool });
    expect(confirmed.report).toMatchObject({ ok: true, dryRun: false, created: 3 });
    const stored = (await sqlOne(db, "SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'CONF-%'")) as { n: number };
    expect(stored.n).toBe(3);
    expect(await stagedRows(previewed.stagedId!)).toBe(0);
  }, 120_000);
});

describe('the text budget shared by concurrent parses', () => {
  it('is one count across threads: what one holds, another cannot take', () => {
    const budget = new TextBudget(10 * 1024 * 1024);
    const other = new TextBudget(budget.maxBytes, budget.shared);
    expect(budget.reserve(6 * 1024 * 1024)).toBe(true);
    expect(other.reserve(6 * 1024 * 1024)).toBe(false);
    budget.release(6 * 1024 * 1024);
    expect(other.reserve(6 * 1024 * 1024)).toBe(true);
    expect(budget.usedBytes()).toBe(6 * 1024 * 1024);
  });
});
