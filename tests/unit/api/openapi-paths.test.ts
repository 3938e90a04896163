import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/server/api/openapi';

// Every route under app/api/v1 is part of the published contract (shared/API.md): an integrator who
// generates a client from /api/v1/openapi.json must find each one there, and nothing that does not exist.

const root = path.resolve(__dirname, '../../../app/api/v1');

function routePaths(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const segment = name.replace(/^\[(.+)\]$/, '{$1}');
      out.push(...routePaths(full, `${prefix}/${segment}`));
    } else if (/^route\.tsx?$/.test(name)) out.push(prefix);
  }
  return out;
}

describe('the OpenAPI document', () => {
  const documented = Object.keys(openApiDocument().paths as Record<string, unknown>).sort();
  const served = routePaths(root, '/api/v1')
    // The document does not describe itself.
    .filter((p) => p !== '/api/v1/openapi.json')
    .sort();

  it('describes every route under app/api/v1, and only those', () => {
    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(served);
  });

  it('describes GET /api/v1/ratings with its parameters and entry shape', () => {
    const ratings = (openApiDocument().paths as Record<string, { get?: { parameters?: { name: string }[] } }>)['/api/v1/ratings'];
    expect(ratings?.get?.parameters?.map((p) => p.name).sort()).toEqual(['asOf', 'contributionsCursor', 'cursor', 'limit', 'unit', 'year']);
  });
});
