import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';

// Issue 13, items 4 and 5, through the upload's own logic (features/import/import-upload.ts) on a real migrated
// SQLite file: a shared-strings bomb under the zip-bomb checks is refused in bounded memory, however many
// arrive at once; a 100,000-row preview leaves the event loop free; a failed preview leaves no staged upload.
const { remove } = serverDbFile('fenghuo-upload-mem-', 'upload.db');

const { getDb } = await import('@/db/client');
const { seedServerDb } = await import('../setup/reporter');
const { readTable, ImportFileError } = await import('@/platform/spreadsheets/read/read-table');
const { previewOf, upload } = await import('../setup/upload-request');
const { sharedStringsBomb, incidentCsv } = await import('../setup/hostile-uploads');
const { COLUMNS } = await import('../unit/import/helpers');
const { stagedImports } = await import('@/db/schema');

const MB = 1024 * 1024;
const db = getDb();
let actor: Actor;
let bomb: Buffer;

beforeAll(async () => {
  actor = await seedServerDb(db, 'up.rep');
  bomb = await sharedStringsBomb();
}, 120_000);
afterAll(() => remove());

const preview = async (file: Buffer | (() => Request), name: string) =>
  upload(typeof file === 'function' ? file : await previewOf(file, name), { db, actor });

/** Samples a figure every few milliseconds while `work` runs; answers its result and the peak. */
async function peakDuring<T>(sample: () => number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 5);
  try {
    return { result: await work(), peak: Math.max(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}

/** The ids of the uploads staged in the database, waiting for their confirmation. */
const stagedIds = async () => (await db.select({ id: stagedImports.id }).from(stagedImports)).map((r) => r.id);

describe('shared-strings bombs under the zip-bomb checks', () => {
  it('one is refused once its text passes the per-file cap, before it fills the heap', async () => {
    const before = process.memoryUsage().heapUsed;
    const { result, peak } = await peakDuring(
      () => process.memoryUsage().heapUsed,
      () =>
        readTable(bomb, 'xlsx', COLUMNS).then(
          () => null,
          (error: unknown) => error,
        ),
    );
    expect(result).toBeInstanceOf(ImportFileError);
    expect((result as InstanceType<typeof ImportFileError>).key).toBe('import.sharedStringsTooLarge');
    expect((result as InstanceType<typeof ImportFileError>).localized('zh-CN')).toMatch(/共享文本/);
    expect((peak - before) / MB).toBeLessThan(100);
  });

  it('eight at once through the upload keep the process within a bounded memory, each refused in the reader’s language', async () => {
    const before = process.memoryUsage().rss;
    const { result: answers, peak } = await peakDuring(
      () => process.memoryUsage().rss,
      () => Promise.all(Array.from({ length: 8 }, (_, i) => preview(bomb, `bomb-${i}.xlsx`))),
    );
    console.log(`[upload-memory] 8 bombs: RSS +${((peak - before) / MB).toFixed(0)} MB`);
    for (const a of answers) {
      if (a.status === 503) {
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
        expect(a.error).toMatch(/稍后|秒/);
        continue;
      }
      expect(a.status).toBe(200);
      expect(a.report?.ok).toBe(false);
      expect(a.report?.fileError).toMatch(/共享文本/);
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect((peak - before) / MB).toBeLessThan(600);
  }, 120_000);
});

describe('a 100,000-row preview', () => {
  it('leaves the event loop free while it is read and checked', async () => {
    const request = await previewOf(incidentCsv(100_000), 'big.csv');
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 10);
      last = now;
    }, 10);
    const answer = await preview(request, 'big.csv').finally(() => clearInterval(timer));
    // The last stretch counts too: work that never yields runs to the end without letting the timer fire once.
    worst = Math.max(worst, performance.now() - last - 10);
    console.log(`[upload-memory] 100k-row preview: worst event-loop delay ${worst.toFixed(0)} ms`);
    expect(answer.status).toBe(200);
    expect(answer.report).toMatchObject({ ok: true, rows: 100_000 });
    // Before the pool this preview held the loop for 12.4 s in one piece. A loaded two-core machine delays an
    // idle loop's timers by up to half a second by itself (measured here at load average 25), so the bound
    // separates the defect from that noise; the upload storm (tests/e2e/upload-storm.spec.ts) holds the server
    // to p95 < 200 ms.
    expect(worst).toBeLessThan(1000);
  }, 120_000);
});

describe('staged uploads', () => {
  it('a failed preview removes its staged upload at once; a good one keeps it for the confirmation', async () => {
    await db.delete(stagedImports);
    const bad = await preview(Buffer.from('externalId,unitCode\n"broken,BJ01'), 'bad.csv');
    expect(bad.report?.ok).toBe(false);
    expect(await stagedIds()).toEqual([]);
    const good = await preview(incidentCsv(3, 'BJ01', 'KEEP'), 'good.csv');
    expect(good.report?.ok).toBe(true);
    expect(await stagedIds()).toEqual([good.stagedId]);
  });
});
