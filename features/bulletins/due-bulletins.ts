import type { Db } from '@/db/tx';
import { bulletinByMonth, insertBulletin, latestBulletinMonth } from '@/db/bulletins/bulletins';
import { jobRunDone, reopenDoneJobRun } from '@/db/jobs/job-runs';
import { buildBulletinBody } from '@/features/bulletins/build';
import { addMonths, latestDueMonth, monthRange } from '@/domain/time/months';
import { runClaimed } from '@/features/jobs/run-claimed';

// The monthly bulletins that are due, each generated once (docs/decisions/013-job-leases-and-bulletins.md):
// the scheduled job (jobs/bulletin.ts) catches up on them, the command line generates one month by hand.

export const BULLETIN_JOB = 'monthly-bulletin';

/**
 * Generates month M's bulletin once: claimed as (monthly-bulletin, M) so two processes or a repeated call
 * never build it twice, and stored with INSERT … ON CONFLICT DO NOTHING so a stored bulletin is never
 * replaced. Returns 'exists' when it was already stored.
 */
export async function generateBulletin(db: Db, month: string, now = new Date()): Promise<'generated' | 'exists' | 'skipped' | 'failed'> {
  // Done before, yet not stored (deleted to be regenerated): reopen the period. Checked and reopened in one
  // write transaction, so no other generation slips in between. The unique month still guarantees a single
  // stored bulletin if two processes get here at once.
  const exists = await db.transaction(async (tx) => {
    if (await bulletinByMonth(tx, month)) return true;
    if (await jobRunDone(tx, BULLETIN_JOB, month)) await reopenDoneJobRun(tx, BULLETIN_JOB, month, 'bulletin missing; regenerated', now);
    return false;
  });
  if (exists) return 'exists';
  let stored = false;
  const outcome = await runClaimed(
    db,
    BULLETIN_JOB,
    month,
    async () => {
      // Built from one state of the records (a read-only snapshot), then stored.
      const body = await db.snapshot((tx) => buildBulletinBody(tx, month));
      stored = await insertBulletin(db, month, body, now);
    },
    { now },
  );
  if (outcome === 'ran') return stored ? 'generated' : 'exists';
  return outcome === 'skipped' && (await bulletinByMonth(db, month)) ? 'exists' : outcome;
}

/**
 * Every bulletin that is due and missing: from the month after the last stored one (on a database with
 * none, only the latest due month) up to the latest due month (the previous month, from 08:00 on the 1st).
 * The job runs it at start and on schedule (jobs/bulletin.ts), so a server that was down over month ends
 * catches up.
 */
export async function catchUpBulletins(db: Db, now = new Date()): Promise<string[]> {
  const due = latestDueMonth(now);
  const last = await latestBulletinMonth(db);
  const from = last ? addMonths(last, 1) : due;
  const generated: string[] = [];
  for (const month of monthRange(from, due)) {
    const outcome = await generateBulletin(db, month, now);
    if (outcome === 'generated') generated.push(month);
    // Months stay in order: after a failure (or a month another process holds) stop, so the next run
    // starts from the missing month rather than past it.
    if (outcome === 'failed' || outcome === 'skipped') break;
  }
  return generated;
}
