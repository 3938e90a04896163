import type { RecordKind } from '@/db/records/record-kinds';
import { kindDefs } from '@/features/records/kinds';
import { MAX_BATCH } from '@/server/api/record-routes';
import { errors, jsonSchema, listParams, pageOf } from '@/server/api/openapi-parts';

// The record kinds' paths of the OpenAPI document (POST and GET per kind) and the units' path, which
// writes the same way.

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

export const writeResult = {
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

const stored = { description: 'Stored', content: { 'application/json': { schema: { $ref: '#/components/schemas/WriteResult' } } } };

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

/** POST and GET of one record kind, whose schema is `ref`. */
function recordPath(kind: RecordKind, ref: { $ref: string }) {
  const stamps = { id: { type: 'integer' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' } };
  return {
    post: {
      summary: `Create or update ${kind} by externalId (one object or an array of up to ${MAX_BATCH}, all or nothing)`,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { oneOf: [ref, { type: 'array', items: ref, minItems: 1, maxItems: MAX_BATCH }] } } },
      },
      responses: { '200': stored, ...errors },
    },
    get: {
      summary: `${kind} in the caller's scope, in id order, paginated`,
      parameters: listParams,
      responses: {
        '200': pageOf({
          allOf: [ref, { type: 'object', properties: { ...stamps, ...(kind === 'incidents' ? effectiveTierFields : {}) } }],
        }),
        ...errors,
      },
    },
  };
}

/** Every record kind's path and request schema, in the order of `apiPaths`. */
export function recordPaths(): { schemas: Record<string, unknown>; paths: Record<string, unknown> } {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, unknown> = {};
  for (const [kind, path] of Object.entries(apiPaths) as [RecordKind, string][]) {
    const name = schemaName(kind);
    schemas[name] = jsonSchema(kindDefs[kind].schema);
    paths[path] = recordPath(kind, { $ref: `#/components/schemas/${name}` });
  }
  return { schemas, paths };
}

export const unitsPath = {
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
    responses: { '200': stored, ...errors },
  },
  get: {
    summary: "Units in the caller's scope",
    parameters: listParams.filter((p) => p.name === 'cursor' || p.name === 'limit'),
    responses: { '200': { description: 'A page' }, ...errors },
  },
};
