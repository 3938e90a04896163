import { openApiDocument } from '@/server/api/openapi';

export const dynamic = 'force-static';

/** The contract, readable without a token so that integrators can generate clients from it. */
export function GET(): Response {
  return Response.json(openApiDocument());
}
