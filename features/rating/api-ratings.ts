import type { StoredStatus } from '@/db/rating/ratings';
import type { Db, Tx } from '@/db/tx';
import { institutesPage, recordCountsUpTo, storedRatingHeads } from '@/db/rating/rating-api';
import { storedLineGroups, storedLinesAfter } from '@/db/rating/rating-lines';
import { activeRatingRuleSet } from '@/db/rule-sets/rating-rule-sets';
import { unitByCode } from '@/db/units/units';
import type { Actor } from '@/domain/auth/actor';
import { FieldProblem } from '@/domain/errors';
import { evaluationInstant } from '@/domain/rating/evaluate';
import { livePageToApi, storedRatingToApi, type ApiRating } from '@/features/rating/api-shape';
import { rateInstitutes, yearHasEnded } from '@/features/rating/rate-institutes';
import { awaitProvisionalRatings, ensureYearRatings } from '@/features/rating/year-ratings';

// GET /api/v1/ratings (decision 039). Without asOf it answers the stored ratings the ratings page shows
// (same refresh, same status, same rows), so the two cannot disagree; with asOf it rates live, a pure
// computation, but only as many records per request as rate in a few hundred milliseconds. Every answer is
// bounded: units a page at a time, each unit's lines a page at a time, its floors the first few.

/** A unit's lines per answer; the rest are a `contributionsNext` away. */
export const CONTRIBUTIONS_PER_PAGE = 500;
/** A unit's floors per answer; `floorsTotal` counts them all (each is also one of its lines). */
export const FLOORS_SHOWN = 100;
/** Lines and floors in one page of units: the page ends at the unit that would pass it (never before the first). */
export const LINES_PER_ANSWER = 5_000;
/** Units per page: by default, and at most (`limit`). */
export const UNITS_PER_PAGE = 100;
export const MAX_UNITS_PER_PAGE = 1_000;
/** Hazards, incidents and projects rated live (asOf) in one request: about 0.2 s of CPU here (decision 039). */
export const AS_OF_RECORDS = 20_000;

export interface RatingsApiQuery {
  year: number;
  asOf?: Date;
  unit?: string;
  /** The unit code after which the page starts (the previous answer's nextCursor). */
  cursor?: string;
  limit: number;
  /** A unit's next lines: `r<ratingId>.<lineId>` of a stored rating, `o<offset>` of a live one. */
  contributionsCursor?: string;
}

export interface RatingsApiAnswer {
  data: ApiRating[];
  nextCursor: string | null;
  /** With asOf: institutes in the page's range holding more than AS_OF_RECORDS, not rated (decision 039). */
  notEvaluated?: string[];
}

const nothing: RatingsApiAnswer = { data: [], nextCursor: null };

/** The ratings of year Y in the caller's scope, one bounded page of them. */
export async function ratingsForApi(db: Db, actor: Actor, q: RatingsApiQuery, now: Date): Promise<RatingsApiAnswer> {
  let only: number[] | undefined;
  if (q.unit) {
    const unit = await unitByCode(db, q.unit);
    if (!unit || unit.kind !== 'institute' || !(actor.scope.all || actor.scope.unitIds.includes(unit.id))) return nothing;
    only = [unit.id];
  }
  return q.asOf ? liveRatings(db, actor, q, q.asOf, only) : storedRatingsPage(db, actor, q, now, only);
}

/** The stored ratings the ratings page shows, after the same refresh it waits for. */
async function storedRatingsPage(db: Db, actor: Actor, q: RatingsApiQuery, now: Date, only?: number[]): Promise<RatingsApiAnswer> {
  await awaitProvisionalRatings(db, q.year, now);
  const status = await ensureYearRatings(db, q.year, now);
  if (!status) return nothing;
  // Heads, lines and groups in one view: a recomputation committed between them must not pair a head
  // with another rating's lines (or none).
  return db.snapshot((tx) => storedPage(db, tx, actor, q, status, only));
}

async function storedPage(
  db: Db,
  tx: Tx,
  actor: Actor,
  q: RatingsApiQuery,
  status: StoredStatus,
  only?: number[],
): Promise<RatingsApiAnswer> {
  const heads = await storedRatingHeads(tx, actor.scope, q.year, status, {
    only,
    after: q.cursor,
    limit: q.limit + 1,
    floorsLimit: FLOORS_SHOWN,
  });
  const from = storedCursor(q.contributionsCursor);
  // A cursor names the rating it pages: if that rating was recomputed (or is another unit's), its line ids
  // mean nothing here, so the client starts again rather than missing or repeating lines.
  if (from && heads[0]?.id !== from.ratingId) throw new FieldProblem('contributionsCursor', 'validation.ratingRecomputed');
  const page: { head: (typeof heads)[number]; lines: Awaited<ReturnType<typeof storedLinesAfter>> }[] = [];
  let room = LINES_PER_ANSWER;
  for (const head of heads.slice(0, q.limit)) {
    const lines = await storedLinesAfter(tx, head.id, from?.after ?? 0, CONTRIBUTIONS_PER_PAGE + 1);
    const weight = Math.min(lines.length, CONTRIBUTIONS_PER_PAGE) + head.floors.length;
    if (page.length > 0 && weight > room) break;
    room -= weight;
    page.push({ head, lines });
  }
  const groups = await storedLineGroups(
    db,
    page.map((p) => p.head.id),
    tx,
  );
  const data = page.map(({ head, lines }) => {
    const shown = lines.slice(0, CONTRIBUTIONS_PER_PAGE);
    return storedRatingToApi(head, {
      lines: shown.map((c) => ({ rule: c.rule, kind: c.recordKind, externalId: c.recordExternalId, points: c.points })),
      groups: groups.get(head.id) ?? [],
      next: lines.length > CONTRIBUTIONS_PER_PAGE ? `r${head.id}.${shown.at(-1)!.id}` : null,
    });
  });
  return { data, nextCursor: page.length < heads.length ? page.at(-1)!.head.unitCode : null };
}

/**
 * Rates a page of institutes at an instant. An institute holding more than AS_OF_RECORDS is refused when
 * asked alone (422) and named in `notEvaluated` in a list; a page ends before the institute that would pass
 * the bound, so no request rates more than AS_OF_RECORDS records on the serving thread.
 */
async function liveRatings(db: Db, actor: Actor, q: RatingsApiQuery, asOf: Date, only?: number[]): Promise<RatingsApiAnswer> {
  const candidates = await institutesPage(db, actor.scope, { only, after: q.cursor, limit: q.limit + 1 });
  const counts = await recordCountsUpTo(
    db,
    candidates.slice(0, q.limit).map((c) => c.id),
    AS_OF_RECORDS,
  );
  if (only && (counts.get(only[0]!) ?? 0) > AS_OF_RECORDS)
    throw new FieldProblem('asOf', 'validation.asOfTooLarge', { max: AS_OF_RECORDS.toLocaleString('en'), unit: q.unit! });
  const chosen: number[] = [];
  const notEvaluated: string[] = [];
  let examined = 0;
  let records = 0;
  for (const c of candidates.slice(0, q.limit)) {
    const n = counts.get(c.id)!;
    if (n > AS_OF_RECORDS) notEvaluated.push(c.code);
    else if (chosen.length > 0 && records + n > AS_OF_RECORDS) break;
    else {
      chosen.push(c.id);
      records += n;
    }
    examined++;
  }
  const T = evaluationInstant(q.year, asOf);
  const status = yearHasEnded(q.year, T) ? 'final' : 'provisional';
  const rated = chosen.length > 0 ? await rateInstitutes(db, await activeRatingRuleSet(db), q.year, { asOf: T, only: chosen }) : [];
  const offset = liveOffset(q.contributionsCursor);
  const data = [...rated]
    .sort((a, b) => (a.institute.code < b.institute.code ? -1 : 1))
    .map((r) => livePageToApi(r, status, { offset, perPage: CONTRIBUTIONS_PER_PAGE, floorsShown: FLOORS_SHOWN }));
  const nextCursor = examined < candidates.length ? candidates[examined - 1]!.code : null;
  return { data, nextCursor, notEvaluated };
}

/** `r<ratingId>.<lineId>`: the stored rating paged and the last line already read. */
function storedCursor(cursor: string | undefined): { ratingId: number; after: number } | null {
  const m = cursor?.match(/^r(\d{1,15})\.(\d{1,15})$/);
  return m ? { ratingId: Number(m[1]), after: Number(m[2]) } : null;
}

/** `o<offset>`: where the next page of a live evaluation's lines starts. */
function liveOffset(cursor: string | undefined): number {
  const m = cursor?.match(/^o(\d{1,15})$/);
  return m ? Number(m[1]) : 0;
}
