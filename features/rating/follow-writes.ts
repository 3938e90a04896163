import type { Db } from '@/db/tx';
import { institutesHoldMoreThan } from '@/db/rating/rating-inputs';
import { applyRefresh, planRefresh, type PlannedRefresh } from '@/features/rating/refresh';
import { handOver, provisionalRefresher } from '@/features/rating/refresh-delegate';
import { followPublishedDrift } from '@/features/rating/published-drift';

/**
 * Institutes' records beyond which rating them again is not done inside a request when the server has a job
 * thread: a normal institute (hundreds of records) rates in milliseconds, so a write shows on the very next
 * read; 150,000 hazards took seconds of CPU (decision 031).
 */
export const INLINE_REFRESH_RECORDS = 5_000;

/**
 * The "records changed" event (issue 15, decision 045): every write path calls it after its transaction
 * commits (submissions, workflow, corrections, imports, unit moves, rule-set activation). It re-rates, for
 * this year and every past year with stored ratings that is not published, what the audit entries
 * committed since that year's mark touched: the written institutes, everyone after a unit created or
 * moved or another rule-set version (this year with nothing stored yet: everyone). A past year with
 * nothing stored whose records the entries name (history loaded today) is rated whole. It also keeps the
 * published years' "would differ now" flags (published-drift.ts).
 * Small re-ratings run here, so the next read shows the write; a large one (everyone, or an institute
 * holding more than INLINE_REFRESH_RECORDS records) is handed to the job thread and not waited for. It
 * never throws: the write has committed, and whatever is not rated now stays after the mark, for the next
 * call, the daily job or the start-up catch-up. Calls on one database run one after another.
 */
export async function ratingsFollowWrites(db: Db, now: Date = new Date()): Promise<void> {
  // Kept on globalThis: Next may load this module once per route bundle.
  const state = globalThis as unknown as { fenghuoFollowing?: WeakMap<Db, Promise<void>> };
  const byDb = (state.fenghuoFollowing ??= new WeakMap());
  const run = (byDb.get(db) ?? Promise.resolve()).then(() => followOnce(db, now));
  byDb.set(db, run);
  await run;
}

async function followOnce(db: Db, now: Date): Promise<void> {
  try {
    const planned = await planRefresh(db, now, false);
    if (await tooLargeForRequest(db, planned)) {
      void handOver(now);
      return;
    }
    for (const p of planned) await applyRefresh(db, now, p);
    // A published year's flags of "would differ now" (a whole recheck only where there is no job thread).
    await followPublishedDrift(db, !provisionalRefresher());
  } catch (error) {
    console.error('[rating] re-rating after a write failed; the next one or the daily job catches up', error);
  }
}

/** Whether the planned re-rating goes to the job thread: when there is one, for everyone or a large institute. */
async function tooLargeForRequest(db: Db, planned: readonly PlannedRefresh[]): Promise<boolean> {
  if (!planned.some((p) => p.plan.kind !== 'none') || !provisionalRefresher()) return false;
  if (planned.some((p) => p.plan.kind === 'all')) return true;
  const ids = new Set(planned.flatMap((p) => (p.plan.kind === 'institutes' ? p.plan.ids : [])));
  return await institutesHoldMoreThan(db, [...ids], INLINE_REFRESH_RECORDS);
}
