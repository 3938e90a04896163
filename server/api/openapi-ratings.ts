import { FIRST_RATED_YEAR } from '@/domain/records/date-range';
// GET /api/v1/ratings (shared/API.md "Read"): the endpoint integrators read most, described for the
// OpenAPI document beside the record kinds.

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
      description: 'The evaluation instant: the end of the year, or now for a year in progress',
    },
    ruleSet: { type: 'string', description: 'The rating rule-set version it was computed with' },
    level: { ...level, description: 'The worse of the level by points and the highest floor' },
    levelByPoints: level,
    points: { type: 'integer' },
    floors: {
      type: 'array',
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
  },
};

export function ratingsPath(errors: Record<string, unknown>) {
  return {
    get: {
      summary:
        "One entry per rated institute in the caller's scope. A published year answers its frozen ratings; otherwise a past year is evaluated at its end and the current year at now (or at asOf).",
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
          description: 'Evaluate at this instant (ISO 8601 with an offset) instead',
        },
        { name: 'unit', in: 'query', schema: { type: 'string' }, description: 'Only this institute (by unit code)' },
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
                  nextCursor: { type: 'null' },
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
