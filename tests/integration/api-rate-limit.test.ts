import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiTestbed, noParams } from '../setup/api-client';

// A small limit for this file's process: 3 requests at once, one more per second.
const testbed = await apiTestbed('rate', { FENGHUO_API_RATE: '1', FENGHUO_API_BURST: '3' });

const { getDb } = await import('@/db/client');
const { rawGet } = await import('@/db/engine');
const { sql } = await import('drizzle-orm');
const me = await import('@/app/api/v1/me/route');
const incidents = await import('@/app/api/v1/incidents/route');

let a = '';
let b = '';
const call = (handler: typeof me.GET, token: string, init: RequestInit = {}) =>
  handler(new Request('http://localhost/api/v1/x', { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } }), noParams);

beforeAll(async () => {
  await testbed.setUp();
  a = await testbed.token('rl.a', 'reporter', 'BJ01', 'a');
  b = await testbed.token('rl.b', 'reporter', 'BJ01', 'b');
});
afterAll(testbed.tearDown);

it('answers 429 with Retry-After and the documented error once a token spends its burst; others are unaffected', async () => {
  for (let i = 0; i < 3; i++) expect((await call(me.GET, a)).status).toBe(200);
  const limited = await call(me.GET, a);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(await limited.json()).toEqual({
    error: {
      code: 'rate_limited',
      message: expect.stringMatching(/retry after/),
      details: [{ field: '(token)', message: expect.any(String) }],
    },
  });
  // A refused write stores nothing.
  const write = await call(incidents.POST as typeof me.GET, a, {
    method: 'POST',
    body: JSON.stringify({
      externalId: 'RL-1',
      unitCode: 'BJ01',
      domain: 'ai',
      dimension: 'loss',
      tier: 4,
      occurredAt: '2026-03-04T09:30:00Z',
    }),
  });
  expect(write.status).toBe(429);
  expect(await rawGet(getDb(), sql`SELECT count(*) AS n FROM incidents WHERE external_id = 'RL-1'`)).toEqual({ n: 0 });
  // Another token has its own bucket; a bad token is a 401, not a 429, and spends nothing.
  expect((await call(me.GET, b)).status).toBe(200);
  expect((await call(me.GET, 'fh_wrong')).status).toBe(401);
  // After a second the bucket holds one request again.
  await new Promise((r) => setTimeout(r, 1100));
  expect((await call(me.GET, a)).status).toBe(200);
  expect((await call(me.GET, a)).status).toBe(429);
});
