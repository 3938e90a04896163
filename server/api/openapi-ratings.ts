import { FIRST_RATED_YEAR } from '@/domain/records/date-range';
import {
  AS_OF_RECORDS,
  CONTRIBUTIONS_PER_PAGE,
  FLOORS_SHOWN,
  LINES_PER_ANSWER,
  MAX_UNITS_PER_PAGE,
  UNITS_PER_PAGE,
} from '@/features/rating/api-ratings';
// GET /api/v1/ratings (shared/API.md "Read"): the endpoint integrators read most, described for the
// OpenAPI document beside the record kinds. Its bounds come from the feature that applies them (decision 039).

const level = { type: 'string', enum: ['blue', 'yellow', 'orange', 'red'] };

export const ratingSchema = {
  type: 'object',
  required: ['unitCode', 'year', 'asOf', 'ruleSet', 'level', 'levelByPoints', 'points', 'floors', 'contributions', 'status'],
  properties: {
    unitCode: { type: 'string' },
    year: { type: 'integer' },
    asOf: {
      type: 'string',
      format: 'date-time',
      description:
        'The evaluation instant: the end of a past year; for the year in progress, when its stored provisional rating was computed (at asOf when asked)',
    },
    ruleSet: { type: 'string', description: 'The rating rule-set version it was computed with' },
    level: { ...level, description: 'The worse of the level by points and the highest floor' },
    levelByPoints: level,
    points: { type: 'integer' },
    floors: {
      type: 'array',
      description: `The first ${FLOORS_SHOWN} floors reached (floorsTotal counts them all; each is also one of the contributions)`,
      items: {
        type: 'object',
        properties: {
          floor: level,
          rule: { type: 'string', description: 'A rule id of RATING.md §4' },
          kind: { type: 'string', description: 'The record kind that set the floor' },
          externalId: { type: 'string' },
        },
      },
    },
    contributions: {
      type: 'array',
      description: `One page of the lines behind the points, at most ${CONTRIBUTIONS_PER_PAGE}, in the rating's order; contributionsNext reads the next`,
      items: {
        type: 'object',
        properties: {
          rule: { type: 'string', description: 'A rule id of RATING.md §3, e.g. incident.tier2, hazard.overdue.major' },
          kind: { type: 'string' },
          externalId: { type: 'string' },
          points: { type: 'integer' },
        },
      },
    },
    status: { type: 'string', enum: ['provisional', 'final', 'published'] },
    floorsTotal: { type: 'integer', description: 'How many floors the rating reached' },
    contributionsTotal: { type: 'integer', description: 'How many contribution lines the rating has, on every page' },
    contributionGroups: {
      type: 'array',
      description: 'Every line counted by rule and record kind, in the order each first appears',
      items: {
        type: 'object',
        properties: {
          rule: { type: 'string' },
          kind: { type: 'string' },
          count: { type: 'integer' },
          points: { type: 'integer' },
        },
      },
    },
    contributionsNext: {
      type: ['string', 'null'],
      description:
        'Pass as contributionsCursor (with the same year, unit and asOf) for the next page of contributions; null on the last page',
    },
  },
};

export function ratingsPath(errors: Record<string, unknown>) {
  return {
    get: {
      summary:
        "One entry per rated institute in the caller's scope, a bounded page at a time. Without asOf: the stored ratings the ratings page shows (published, else final for a past year; provisional for the current year). With asOf: evaluated at that instant.",
      parameters: [
        {
          name: 'year',
          in: 'query',
          required: true,
          schema: { type: 'integer', minimum: FIRST_RATED_YEAR },
          description: `A year from ${FIRST_RATED_YEAR} to the current year (Beijing time); another is refused with 422 naming the range`,
        },
        {
          name: 'asOf',
          in: 'query',
          schema: { type: 'string', format: 'date-time' },
          description: `Evaluate at this instant (ISO 8601 with an offset) with the active rule set, instead of reading the stored ratings. At most ${AS_OF_RECORDS.toLocaleString('en')} hazards, incidents and projects are rated per request: a larger institute asked alone is refused with 422 and named in notEvaluated in a list; a page ends before the institute that would pass the bound`,
        },
        { name: 'unit', in: 'query', schema: { type: 'string' }, description: 'Only this institute (by unit code)' },
        {
          name: 'cursor',
          in: 'query',
          schema: { type: 'string' },
          description: 'The nextCursor of the previous page: the page starts after this unit code',
        },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_UNITS_PER_PAGE, default: UNITS_PER_PAGE },
          description: `Units per page; a page also ends before the unit that would take its contributions and floors past ${LINES_PER_ANSWER.toLocaleString('en')}`,
        },
        {
          name: 'contributionsCursor',
          in: 'query',
          schema: { type: 'string' },
          description:
            "A unit's contributionsNext: the next page of that unit's contributions (with unit, and with asOf exactly when the first page had it). A cursor of a stored rating recomputed since is refused with 409: start again from the first page",
        },
      ],
      responses: {
        '200': {
          description: 'The ratings',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  data: { type: 'array', items: { $ref: '#/components/schemas/Rating' } },
                  nextCursor: {
                    type: ['string', 'null'],
                    description: 'Pass as cursor for the next page of units; null on the last',
                  },
                  notEvaluated: {
                    type: 'array',
                    items: { type: 'string' },
                    description: `With asOf: unit codes in this page's range holding more than ${AS_OF_RECORDS.toLocaleString('en')} records, not rated at the instant (read their stored rating without asOf)`,
                  },
                },
              },
            },
          },
        },
        ...errors,
      },
    },
  };
}
