import type { RatingHead } from '@/db/rating/rating-api';
import type { LineGroup } from '@/db/rating/rating-lines';
import type { InstituteRating } from '@/features/rating/rate-institutes';

// One rated unit as GET /api/v1/ratings answers it (API.md): the promised fields, then what says how much of
// a bounded list is shown (decision 039). `contributions` holds one page of lines, `contributionsNext` the
// cursor of the next (null on the last); `floors` the first floors, `floorsTotal` how many there are.

export interface ApiFloor {
  floor: string;
  rule: string;
  kind: string;
  externalId: string;
}
export interface ApiContribution {
  rule: string;
  kind: string;
  externalId: string | null;
  points: number;
}
export interface ApiRating {
  unitCode: string;
  year: number;
  asOf: string;
  ruleSet: string;
  level: string;
  levelByPoints: string;
  points: number;
  floors: ApiFloor[];
  contributions: ApiContribution[];
  status: 'provisional' | 'final' | 'published';
  floorsTotal: number;
  contributionsTotal: number;
  contributionGroups: LineGroup[];
  contributionsNext: string | null;
}

/** One page of a stored rating's lines, with the rating's groups and the cursor of the next page. */
export interface LinesPage {
  lines: ApiContribution[];
  groups: LineGroup[];
  next: string | null;
}

/** The promised fields of a live evaluation before its lists (the lists are complete or paged by the caller). */
function liveHead({ institute, rating }: InstituteRating) {
  return {
    unitCode: institute.code,
    year: rating.year,
    asOf: rating.asOf.toISOString(),
    ruleSet: rating.ruleSetVersion,
    level: rating.level,
    levelByPoints: rating.levelByPoints,
    points: rating.points,
  };
}

const liveFloor = (f: InstituteRating['rating']['floors'][number]): ApiFloor => ({
  floor: f.floor,
  rule: f.rule,
  kind: f.kind,
  externalId: f.externalId,
});
const liveLine = (c: InstituteRating['rating']['contributions'][number]): ApiContribution => ({
  rule: c.rule,
  kind: c.kind,
  externalId: c.externalId,
  points: c.points,
});

/** A live evaluation with every floor and line, as API.md first promised (the command line prints this). */
export function liveRatingToApi(r: InstituteRating, status: 'provisional' | 'final') {
  return {
    ...liveHead(r),
    floors: r.rating.floors.map(liveFloor),
    contributions: r.rating.contributions.map(liveLine),
    status,
  };
}

/**
 * A live evaluation (with asOf) as the bounded API answers it: the first `floorsShown` floors, and the lines
 * from `offset` on, `perPage` of them, with the rating's groups and the cursor of the next page.
 */
export function livePageToApi(
  r: InstituteRating,
  status: 'provisional' | 'final',
  opts: { offset: number; perPage: number; floorsShown: number },
): ApiRating {
  const lines = r.rating.contributions;
  const end = opts.offset + opts.perPage;
  const groups = new Map<string, LineGroup>();
  for (const c of lines) {
    const key = `${c.rule}|${c.kind}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.points += c.points;
    } else groups.set(key, { rule: c.rule, kind: c.kind, count: 1, points: c.points });
  }
  return {
    ...liveHead(r),
    floors: r.rating.floors.slice(0, opts.floorsShown).map(liveFloor),
    contributions: lines.slice(opts.offset, end).map(liveLine),
    status,
    floorsTotal: r.rating.floors.length,
    contributionsTotal: lines.length,
    contributionGroups: [...groups.values()],
    contributionsNext: end < lines.length ? `o${end}` : null,
  };
}

/** A stored rating (provisional, final or published), its floors already cut in SQL. */
export function storedRatingToApi(r: RatingHead, page: LinesPage): ApiRating {
  return {
    unitCode: r.unitCode,
    year: r.year,
    asOf: r.asOf.toISOString(),
    ruleSet: r.ruleSetVersion,
    level: r.level,
    levelByPoints: r.levelByPoints,
    points: r.points,
    floors: r.floors.map((f) => ({ floor: f.floor, rule: f.rule, kind: f.recordKind, externalId: f.recordExternalId })),
    contributions: page.lines,
    status: r.status,
    floorsTotal: r.floorsTotal,
    contributionsTotal: page.groups.reduce((n, g) => n + g.count, 0),
    contributionGroups: page.groups,
    contributionsNext: page.next,
  };
}
