import { unitInput } from '@/features/units/submit-units';
import { alertSchema, alertsPath } from '@/server/api/openapi-alerts';
import { errorBody, errors, jsonSchema } from '@/server/api/openapi-parts';
import { ratingSchema, ratingsPath } from '@/server/api/openapi-ratings';
import { recordPaths, unitsPath, writeResult } from '@/server/api/openapi-records';

// The OpenAPI 3.1 description served at /api/v1/openapi.json, generated from the same zod schemas that
// validate requests, so the document cannot drift from what the server accepts. One file per path group:
// records and units (openapi-records.ts), alerts, ratings; the shared pieces in openapi-parts.ts.

const mePath = {
  get: { summary: 'The token’s user, role and unit', responses: { '200': { description: 'The caller' }, ...errors } },
};

const bulletinPath = {
  get: {
    summary: "The stored monthly bulletin of month YYYY-MM, limited to the caller's scope (totals recomputed from the visible units)",
    parameters: [{ name: 'month', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } }],
    responses: { '200': { description: 'The bulletin' }, ...errors },
  },
};

export function openApiDocument(extraPaths: Record<string, unknown> = {}): Record<string, unknown> {
  const records = recordPaths();
  const schemas = {
    Error: errorBody,
    WriteResult: writeResult,
    Unit: jsonSchema(unitInput),
    ...records.schemas,
    Alert: alertSchema,
    Rating: ratingSchema,
  };
  const paths = {
    ...records.paths,
    '/api/v1/units': unitsPath,
    '/api/v1/me': mePath,
    '/api/v1/bulletins/{month}': bulletinPath,
    '/api/v1/alerts': alertsPath,
    '/api/v1/ratings': ratingsPath(errors),
    ...extraPaths,
  };
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
