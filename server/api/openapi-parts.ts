import { z } from 'zod';

// Pieces every path group of the OpenAPI document uses: the error body and responses, a paginated
// answer, the list parameters, and a zod schema as JSON Schema.

/** A zod schema as the JSON Schema of what a client sends (the same schema that validates it). */
export const jsonSchema = (schema: z.ZodType) => {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
};

export const errorBody = {
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

/** The error responses every path may answer, each with the body above. */
export const errors = Object.fromEntries(
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

/** `200 A page`: `{data: [item], nextCursor}`. */
export function pageOf(item: unknown) {
  return {
    description: 'A page',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            data: { type: 'array', items: item },
            nextCursor: { type: ['string', 'null'] },
          },
        },
      },
    },
  };
}

export const listParams = [
  { name: 'unit', in: 'query', schema: { type: 'string' }, description: 'Only this unit and the units below it' },
  { name: 'from', in: 'query', schema: { type: 'string' }, description: "Records dated at or after (the kind's main date)" },
  { name: 'to', in: 'query', schema: { type: 'string' }, description: 'Records dated before' },
  { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 500 } },
];
