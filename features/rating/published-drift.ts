import type { Db, Queryable } from '@/db/tx';
import { compareAndPutSetting, getSetting, putSetting } from '@/db/settings';
import { storedRatings } from '@/db/rating/ratings';
import { auditedSince } from '@/db/rating/rating-changes';
import { latestChanges } from '@/db/changes/latest-changes';
import { ALL_UNITS } from '@/domain/auth/actor';
import { institutesThatWouldDiffer } from '@/features/rating/recheck';
import { refreshPlan, type RefreshPlan } from '@/features/rating/refresh-plan';
import { markKey, parseMark, storedYears } from '@/features/rating/rated-years';

// RATING.md §6: a published rating is frozen, but "the interface flags a published rating whose
// recomputation would now differ". Rechecking a whole year is about one rating run (a second or more at
// 2,000 institutes), too much for a page view now that reads never rate (decision 045). So the institutes
// whose published rating would differ are kept per year in settings, with the audit entry they include,
// and follow writes the way stored ratings do: the written institutes are rechecked, everyone after a unit
// created or moved. A final (unpublished) rating needs no flag: it follows writes itself.

interface Drift {
  auditId: number;
  ids: number[];
}

const driftKey = (year: number) => `published_drift:${year}`;

function parse(raw: string | undefined): Drift | null {
  try {
    const d = JSON.parse(raw ?? 'null') as Drift | null;
    return d && Number.isSafeInteger(d.auditId) && Array.isArray(d.ids) && d.ids.every(Number.isSafeInteger) ? d : null;
  } catch {
    return null;
  }
}

/** The institutes whose published rating of year Y would differ if recomputed now, as last rechecked. */
export async function publishedDrift(q: Queryable, year: number): Promise<Set<number>> {
  return new Set(parse(await getSetting(q, driftKey(year)))?.ids ?? []);
}

/**
 * Records, in the publishing transaction, that year Y's published ratings equal their recomputation as of
 * the audit entry the final ratings include (their mark), not as of now: a write committed before the
 * office published whose re-rating had not stored yet is after that mark, so the drift check looks at it
 * (else the published copy would miss it and never be flagged).
 */
export async function publishedWithoutDrift(q: Queryable, year: number): Promise<void> {
  const latest = (await latestChanges(q)).audit;
  const included = parseMark(await getSetting(q, markKey(year)))?.auditId ?? 0;
  await putSetting(q, driftKey(year), JSON.stringify({ auditId: Math.min(latest, included), ids: [] } satisfies Drift));
}

/**
 * Rechecks, for every published year, what the audit entries after its drift mark touched. `whole` allows
 * a whole year's recheck (no mark yet, a unit moved): the job thread's, or inline without one.
 */
export async function followPublishedDrift(db: Db, whole: boolean): Promise<void> {
  const auditId = (await latestChanges(db)).audit;
  for (const [year, c] of await storedYears(db)) {
    if (c.published === 0) continue;
    const raw = await getSetting(db, driftKey(year));
    const drift = parse(raw);
    const plan: RefreshPlan = !drift
      ? { kind: 'all' }
      : drift.auditId >= auditId
        ? { kind: 'none' }
        : refreshPlan(await auditedSince(db, drift.auditId, auditId));
    if ((plan.kind === 'all' && !whole) || (drift && drift.auditId >= auditId)) continue;
    let ids = drift?.ids ?? [];
    if (plan.kind !== 'none') {
      const only = plan.kind === 'institutes' ? plan.ids : undefined;
      const differ = await institutesThatWouldDiffer(db, await storedRatings(db, ALL_UNITS, year, 'published', only));
      ids = [...ids.filter((id) => only && !only.includes(id)), ...differ].sort((a, b) => a - b);
    }
    // Another recheck stored since this one read: what it stored stands, and the next one goes on from it.
    // One conditional statement, so that holds across servers too (decision 047 row 5).
    await compareAndPutSetting(db, driftKey(year), raw, JSON.stringify({ auditId, ids }));
  }
}
