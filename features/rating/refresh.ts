import type { Db, Queryable, Tx } from '@/db/tx';
import { getSetting, putSetting } from '@/db/settings';
import { storeRatings } from '@/db/rating/rating-store';
import { ratingYearSummary } from '@/db/rating/ratings';
import { latestChanges } from '@/db/changes/latest-changes';
import { auditedSince } from '@/db/rating/rating-changes';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { shanghaiDayNumber, shanghaiYear } from '@/domain/time/shanghai';
import { evaluationInstant } from '@/domain/rating/evaluate';
import type { RatingRuleSet } from '@/domain/rating/rule-set';
import { rateInstitutes, yearHasEnded, type InstituteRating } from '@/features/rating/rate-institutes';
import { refreshPlan, type RefreshPlan } from '@/features/rating/refresh-plan';
import { markKey, parseMark, standingStatus, storedYears, type RatingsMark } from '@/features/rating/rated-years';
import { followPublishedDrift } from '@/features/rating/published-drift';
import { yearsOfAuditedRecords, yearsWithRecords } from '@/db/rating/record-years';
import { ratedYears } from '@/domain/records/date-range';

// Keeping stored ratings current (decisions 022, 031, 045). Reads never rate: they answer from what is
// stored. What stores: the "records changed" event after a write commits (features/rating/follow-writes.ts),
// the daily job at 00:00 Beijing time and at start (refreshProvisionalRatings below), the annual job, the
// office's recompute and `cli rate` (computeAndStoreRatings). Each year has a mark in settings saying which
// audit entry its stored ratings include, so whatever was committed after it (even if the process died
// before re-rating) is rated by the next of them.

/**
 * Computes year Y's ratings with the active rule set and stores them: final once the year has ended (the
 * annual job, `cli rate`), provisional (year to date) before. Returns what was stored. `within` runs first
 * inside the storing transaction (checks that may refuse, the audit entry).
 */
export async function computeAndStoreRatings(
  db: Db,
  year: number,
  now: Date,
  asOf?: Date,
  within?: (tx: Tx) => Promise<void>,
): Promise<{ status: 'final' | 'provisional'; results: InstituteRating[] }> {
  const T = evaluationInstant(year, asOf ?? now);
  // Read before rating: an entry committed meanwhile is after the mark, and the next follow rates it.
  const auditId = (await latestChanges(db)).audit;
  const rules = await activeRatingRuleSet(db);
  const results = await rateInstitutes(db, rules, year, { asOf: T });
  const status = yearHasEnded(year, T) ? 'final' : 'provisional';
  await storeRatings(db, year, status, results, now, async (tx: Tx) => {
    await within?.(tx);
    // Ratings as of another instant (`cli rate --as-of`) are not what the mark promises: it stays.
    if (!asOf) await putSetting(tx, markKey(year), JSON.stringify({ auditId, fullAt: now.getTime(), ruleSet: rules.version }));
  });
  return { status, results };
}

export { markKey, type RatingsMark };

/** The stored mark, and its text as read (to tell whether another refresh stored one since). */
async function readMark(q: Queryable, year: number): Promise<{ raw: string | undefined; mark: RatingsMark | null }> {
  const raw = await getSetting(q, markKey(year));
  return { raw, mark: parseMark(raw) };
}

/** What a refresh of one year's stored ratings would do at `now`, read before rating. */
export interface PlannedRefresh {
  year: number;
  /** The status stored and re-rated: provisional this year, the year's standing status for a past one. */
  status: 'provisional' | 'final';
  /** The newest audit entry when planned: an entry written meanwhile is after the mark and is seen next time. */
  auditId: number;
  rules: RatingRuleSet;
  raw: string | undefined;
  mark: RatingsMark | null;
  plan: RefreshPlan;
}

/**
 * The years whose stored ratings follow writes, each planned: a past year that has records and nothing
 * stored (history loaded today: rated whole, final, first, before this year's mark moves past the entries
 * that showed it), this year, and every past year that has stored ratings and is not published (a
 * published year never changes). Everyone is rated again when the year has nothing stored, when the mark
 * is missing or names another rule-set version (an activation), and, with `daily` (the job), on this
 * year's first run of each Beijing day (rules that move with the clock: overdue, deadlines); after writes
 * to records, only their institutes; after a unit created or moved, everyone; nothing else audited rates
 * anybody (refresh-plan.ts). Cheap: it rates nothing.
 */
export async function planRefresh(db: Db, now: Date, daily: boolean): Promise<PlannedRefresh[]> {
  const current = shanghaiYear(now);
  const auditId = (await latestChanges(db)).audit;
  const rules = await activeRatingRuleSet(db);
  const years = await storedYears(db);
  // This year is always followed: with nothing stored yet (a new year before the daily job, a new
  // database before the start-up catch-up) the first write's event rates it whole.
  const here = years.get(current);
  const thisYear = await planYear(db, current, 'provisional', now, { auditId, rules, daily, stored: !!here?.provisional });
  const planned: PlannedRefresh[] = [];
  for (const year of await unratedYears(db, years, thisYear, now, daily))
    planned.push(await planYear(db, year, 'final', now, { auditId, rules, daily: false, stored: false }));
  planned.push(thisYear);
  for (const [year, c] of [...years].sort(([a], [b]) => b - a)) {
    if (year >= current || c.published > 0) continue;
    planned.push(await planYear(db, year, standingStatus(c), now, { auditId, rules, daily: false, stored: true }));
  }
  return planned;
}

/**
 * The past years (within ratedYears) with nothing stored that hold records, newest first. After a write,
 * only the years of the records its audit entries name, those after this year's mark (what the event is
 * following now; index-backed, decision 045); with no mark yet (a new year or database before the daily
 * job's first run) none: that run, at 00:00 or at start, looks at every such year (one index seek per year
 * and large table). A year without any record is never rated.
 */
async function unratedYears(db: Db, stored: ReadonlyMap<number, unknown>, thisYear: PlannedRefresh, now: Date, daily: boolean) {
  const candidates = ratedYears(now).filter((y) => y < thisYear.year && !stored.has(y));
  if (candidates.length === 0) return [];
  const { mark, auditId } = thisYear;
  if (daily) {
    const found = await yearsWithRecords(db, candidates);
    return candidates.filter((y) => found.has(y));
  }
  if (!mark) return [];
  const written = new Set(await yearsOfAuditedRecords(db, mark.auditId, auditId));
  return candidates.filter((y) => written.has(y));
}

async function planYear(
  db: Db,
  year: number,
  status: 'provisional' | 'final',
  now: Date,
  o: { auditId: number; rules: RatingRuleSet; daily: boolean; stored: boolean },
): Promise<PlannedRefresh> {
  const { raw, mark } = await readMark(db, year);
  const whole =
    !mark ||
    !o.stored ||
    mark.ruleSet !== o.rules.version ||
    (o.daily && shanghaiDayNumber(new Date(mark.fullAt)) !== shanghaiDayNumber(now));
  const plan: RefreshPlan = whole
    ? { kind: 'all' }
    : mark.auditId >= o.auditId
      ? { kind: 'none' }
      : refreshPlan(await auditedSince(db, mark.auditId, o.auditId));
  return { year, status, auditId: o.auditId, rules: o.rules, raw, mark, plan };
}

/**
 * The daily job's work (00:00 Beijing time, at start, and in the job thread for what a request hands it,
 * decision 031): the year just ended gets final ratings over its provisional ones (the annual job on 10
 * January rates it again, RATING.md §6), every past year that holds records and has nothing stored is
 * rated whole (history loaded while no event saw it), then every followed year is brought up to date,
 * this year's institutes all rated again once per Beijing day, and the published years' drift flags
 * rechecked. Returns whether any
 * rating was stored. The name is kept from when it only kept this year's provisional ratings.
 */
export async function refreshProvisionalRatings(db: Db, now = new Date()): Promise<boolean> {
  const last = shanghaiYear(now) - 1;
  const summary = await ratingYearSummary(db, last);
  let stored = false;
  // Only over the provisional ratings it stood in; a year just ended with nothing stored is rated below
  // only if it holds records (no data is not "safe").
  if (summary.published === 0 && summary.final === 0 && summary.provisional > 0) {
    await computeAndStoreRatings(db, last, now);
    stored = true;
  }
  for (const planned of await planRefresh(db, now, true)) if (await applyRefresh(db, now, planned)) stored = true;
  await followPublishedDrift(db, true);
  return stored;
}

/** Thrown inside the storing transaction when the year was published meanwhile: it rolls back. */
class YearPublished extends Error {}

/** Rates and stores what `planned` says, with the mark, in one transaction; whether anything was stored. */
export async function applyRefresh(db: Db, now: Date, planned: PlannedRefresh): Promise<boolean> {
  const { year, status, auditId, rules, raw, mark, plan } = planned;
  const key = markKey(year);
  if (plan.kind === 'none') {
    // Nothing to rate; the mark moves past what was looked at, unless another refresh stored one meanwhile.
    if (mark && mark.auditId < auditId)
      await db.transaction(async (tx) => {
        if ((await getSetting(tx, key)) === raw) await putSetting(tx, key, JSON.stringify({ ...mark, auditId }));
      });
    return false;
  }
  const T = evaluationInstant(year, now);
  const results = await rateInstitutes(db, rules, year, { asOf: T, only: plan.kind === 'institutes' ? plan.ids : undefined });
  try {
    await storeRatings(db, year, status, results, now, async (tx: Tx) => {
      if (year < shanghaiYear(now) && (await ratingYearSummary(tx, year)).published > 0) throw new YearPublished();
      let next: RatingsMark = { auditId, fullAt: plan.kind === 'all' ? now.getTime() : mark!.fullAt, ruleSet: rules.version };
      const current = await readMark(tx, year);
      if (plan.kind === 'institutes' && current.raw !== raw) {
        // Another refresh (another process, or the job thread) stored since this one read the mark, and each
        // may have rated an institute from records the other had not seen. The mark goes back to the earlier
        // of the two, so whatever was audited after it is rated again next time rather than lost.
        next = {
          auditId: Math.min(mark!.auditId, current.mark?.auditId ?? 0),
          // An unreadable mark: rate everyone next time.
          fullAt: current.mark ? current.mark.fullAt : 0,
          ruleSet: current.mark?.ruleSet ?? rules.version,
        };
      }
      await putSetting(tx, key, JSON.stringify(next));
    });
  } catch (error) {
    if (error instanceof YearPublished) return false;
    throw error;
  }
  return true;
}
