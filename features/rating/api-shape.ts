import type { StoredRating } from '@/db/queries/ratings';
import type { InstituteRating } from '@/features/rating/rate-institutes';

/** One rated unit as GET /api/v1/ratings answers it (API.md), from a live evaluation. */
export function liveRatingToApi({ institute, rating }: InstituteRating, status: 'provisional' | 'final') {
  return {
    unitCode: institute.code,
    year: rating.year,
    asOf: rating.asOf.toISOString(),
    ruleSet: rating.ruleSetVersion,
    level: rating.level,
    levelByPoints: rating.levelByPoints,
    points: rating.points,
    floors: rating.floors.map((f) => ({ floor: f.floor, rule: f.rule, kind: f.kind, externalId: f.externalId })),
    contributions: rating.contributions.map((c) => ({ rule: c.rule, kind: c.kind, externalId: c.externalId, points: c.points })),
    status,
  };
}

/** The same shape from a stored (e.g. published, frozen) rating. */
export function storedRatingToApi(r: StoredRating) {
  return {
    unitCode: r.unitCode,
    year: r.year,
    asOf: r.asOf.toISOString(),
    ruleSet: r.ruleSetVersion,
    level: r.level,
    levelByPoints: r.levelByPoints,
    points: r.points,
    floors: r.floors.map((f) => ({ floor: f.floor, rule: f.rule, kind: f.recordKind, externalId: f.recordExternalId })),
    contributions: r.contributions.map((c) => ({ rule: c.rule, kind: c.recordKind, externalId: c.recordExternalId, points: c.points })),
    status: r.status,
  };
}
