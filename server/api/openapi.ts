import { z } from 'zod';
import type { RecordKind } from '@/db/queries/record-kinds';
import { kindDefs } from '@/features/records/kinds';
import { unitInput } from '@/features/units/submit-units';
import { MAX_BATCH } from '@/server/api/record-routes';
import { ratingSchema, ratingsPath } from '@/server/api/openapi-ratings';

// The OpenAPI 3.1 description served at /api/v1/openapi.json, generated from the same zod schemas that
// validate requests, so the document cannot drift from what the server accepts.

const jsonSchema = (schema: z.ZodType) => {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
};

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'bad_request',
            'unauthorized',
            'forbidden',
            'not_found',
            'conflict',
            'payload_too_large',
            'validation_failed',
            'rate_limited',
            'internal',
          ],
        },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { index: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const writeResult = {
  type: 'object',
  required: ['created', 'updated', 'unchanged', 'ids'],
  properties: {
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    ids: { type: 'array', items: { type: 'integer' }, description: 'The stored ids, in the order of the items sent.' },
    warnings: {
      type: 'array',
      description:
        'Present only when there is something to say. late_by_default: a new incident sent without reportedAt whose default report time (the time received) is after its deadline, so it counts as late; send reportTimeUnknown: true for history (decision 033).',
      items: {
        type: 'object',
        required: ['index', 'field', 'code', 'message'],
        properties: {
          index: { type: 'integer' },
          field: { type: 'string' },
          code: { type: 'string', enum: ['late_by_default'] },
          message: { type: 'string' },
        },
      },
    },
  },
};

const errors = Object.fromEntries(
  [
    ['400', 'Malformed JSON'],
    ['401', 'No or bad token'],
    ['403', "Outside the caller's role or unit scope; nothing stored"],
    ['413', 'Body or array too large'],
    ['422', 'Validation failed; every problem as {index, field, message}; nothing stored'],
    ['429', 'Rate limited per token; retry after the seconds in the Retry-After header'],
  ].map(([code, description]) => [
    code,
    { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  ]),
);

const listParams = [
  { name: 'unit', in: 'query', schema: { type: 'string' }, description: 'Only this unit and the units below it' },
  { name: 'from', in: 'query', schema: { type: 'string' }, description: "Records dated at or after (the kind's main date)" },
  { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Records dated before' },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 } },
];

export const apiPaths: Record<RecordKind, string> = {
  projects: '/api/v1/projects',
  assessments: '/api/v1/assessments',
  hazards: '/api/v1/hazards',
  incidents: '/api/v1/incidents',
  inspections: '/api/v1/inspections',
  'ethics-committees': '/api/v1/ethics/committees',
  'ethics-activities': '/api/v1/ethics/activities',
  'ethics-annual-reports': '/api/v1/ethics/annual-reports',
};

// GET /api/v1/alerts (README "Alerts"): what an integration reads of the early warnings.
const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    rule: {
      type: 'string',
      description: 'incident.serious, rating.rise, rating.near, hazard.overdue, domain.surge, review.stale, ethics.deadline',
    },
    colour: { type: 'string', enum: ['blue', 'yellow', 'orange', 'red'] },
    subjectKind: {
      type: 'string',
      description: 'incident, unit, hazard, domain, assessment, ethics-committee, ethics-activity, annual-report',
    },
    subjectKey: { type: 'string' },
    period: { type: 'string', description: 'With rule and subject, what makes the alert unique (fires once)' },
    unitCode: { type: ['string', 'null'], description: 'null for an academy-wide alert (domain.surge)' },
    domain: { type: ['string', 'null'] },
    message: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
    links: { type: 'array', items: { type: 'object' }, description: 'What caused it: records, a rating or a list' },
    firedAt: { type: 'string', format: 'date-time' },
    acknowledgedAt: { type: ['string', 'null'], format: 'date-time' },
    acknowledgedBy: { type: ['string', 'null'], description: 'login' },
    acknowledgeComment: { type: ['string', 'null'] },
  },
};

const alertsPath = {
  get: {
    summary: "Alerts in the caller's scope fired in [from, to), in id order, paginated",
    parameters: listParams
      .filter((p) => p.name !== 'unit')
      .map((p) =>
        p.name === 'from' ? { ...p, description: 'Fired at or after' } : p.name === 'to' ? { ...p, description: 'Fired before' } : p,
      ),
    responses: {
      '200': {
        description: 'A page',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                data: { type: 'array', items: { $ref: '#/components/schemas/Alert' } },
                nextCursor: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
      ...errors,
    },
  },
};

// What an incident's GET adds: the tier the rating counts (shared/API.md "Read").
const effectiveTierFields = {
  effectiveTier: {
    type: 'integer',
    enum: [1, 2, 3, 4],
    description: 'The more serious of the tier sent and the tier its figures imply under the active rule set: what the rating counts',
  },
  effectiveTierBy: {
    type: 'array',
    description: 'The figures that raised the tier above the one sent (empty when the tier sent stands)',
    items: {
      type: 'object',
      properties: {
        figure: { type: 'string', enum: ['deaths', 'seriousInjuries', 'directLossCny'] },
        value: { type: 'number' },
        threshold: { type: 'number' },
      },
    },
  },
};

const schemaName = (kind: string) => kind.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

export function openApiDocument(extraPaths: Record<string, unknown> = {}): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Error: errorBody, WriteResult: writeResult, Unit: jsonSchema(unitInput) };
  const paths: Record<string, unknown> = {};
  for (const [kind, path] of Object.entries(apiPaths) as [RecordKind, string][]) {
    const name = schemaName(kind);
    schemas[name] = jsonSchema(kindDefs[kind].schema);
    const ref = { $ref: `#/components/schemas/${name}` };
    paths[path] = {
      post: {
        summary: `Create or update ${kind} by externalId (one object or an array of up to ${MAX_BATCH}, all or nothing)`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { oneOf: [ref, { type: 'array', items: ref, minItems: 1, maxItems: MAX_BATCH }] } } },
        },
        responses: {
          '200': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/WriteResult' } } } },
          ...errors,
        },
      },
      get: {
        summary: `${kind} in the caller's scope, in id order, paginated`,
        parameters: listParams,
        responses: {
          '200': {
            description: 'A page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    data: {
                      type: 'array',
                      items: {
                        allOf: [
                          ref,
                          {
                            type: 'object',
                            properties: {
                              id: { type: 'integer' },
                              createdAt: { type: 'string' },
                              updatedAt: { type: 'string' },
                              ...(kind === 'incidents' ? effectiveTierFields : {}),
                            },
                          },
                        ],
                      },
                    },
                    nextCursor: { type: ['string', 'null'] },
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
  paths['/api/v1/units'] = {
    post: {
      summary: 'Create or update units by code (office and administrators)',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { oneOf: [{ $ref: '#/components/schemas/Unit' }, { type: 'array', items: { $ref: '#/components/schemas/Unit' } }] },
          },
        },
      },
      responses: {
        '200': { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/WriteResult' } } } },
        ...errors,
      },
    },
    get: {
      summary: "Units in the caller's scope",
      parameters: listParams.filter((p) => p.name === 'cursor' || p.name === 'limit'),
      responses: { '200': { description: 'A page' }, ...errors },
    },
  };
  paths['/api/v1/me'] = {
    get: { summary: 'The token’s user, role and unit', responses: { '200': { description: 'The caller' }, ...errors } },
  };
  paths['/api/v1/bulletins/{month}'] = {
    get: {
      summary: "The stored monthly bulletin of month YYYY-MM, limited to the caller's scope (totals recomputed from the visible units)",
      parameters: [{ name: 'month', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } }],
      responses: { '200': { description: 'The bulletin' }, ...errors },
    },
  };
  paths['/api/v1/alerts'] = alertsPath;
  schemas.Alert = alertSchema;
  paths['/api/v1/ratings'] = ratingsPath(errors);
  schemas.Rating = ratingSchema;
  Object.assign(paths, extraPaths);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fenghuo (烽火) API',
      version: '1',
      description:
        'Units push records and read ratings. Authorization: Bearer <token>. Timestamps need an offset; a bare date means 00:00 Asia/Shanghai. Sending the same externalId again updates the record or changes nothing.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
