import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, noParams } from '../setup/api-client';

// Route handlers read FENGHUO_DB through the validated configuration; point it at this file's database
// before anything opens it.
const testbed = await apiTestbed('api');

const units = await import('@/app/api/v1/units/route');
const me = await import('@/app/api/v1/me/route');
const health = await import('@/app/api/health/route');

let reporterToken: string;
const get = (handler: typeof units.GET, url: string, token?: string) => handler(apiRequest(url, { token }), noParams);

beforeAll(async () => {
  await testbed.setUp();
  reporterToken = await testbed.token('api.rep', 'reporter', 'BJ01', 'test');
});
afterAll(testbed.tearDown);

describe('v1 API wrapper', () => {
  it('health answers ok once migrated', async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses a missing or wrong token with 401 and the documented error body', async () => {
    for (const token of [undefined, 'fh_not-a-token']) {
      const res = await get(units.GET, '/api/v1/units', token);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String), details: [] } });
    }
  });

  it('answers a token with its user and only the units in its scope', async () => {
    expect(await (await get(me.GET, '/api/v1/me', reporterToken)).json()).toMatchObject({
      login: 'api.rep',
      role: 'reporter',
      unitCode: 'BJ01',
    });
    const res = await get(units.GET, '/api/v1/units', reporterToken);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.map((u: { code: string }) => u.code)).toEqual(['BJ01', 'BJ01-D1']);
    expect(body.nextCursor).toBeNull();
  });

  it('pages with a cursor and rejects a bad query with 422 naming the field', async () => {
    const first = await (await get(units.GET, '/api/v1/units?limit=1', reporterToken)).json();
    expect(first.data).toHaveLength(1);
    const second = await (await get(units.GET, `/api/v1/units?limit=1&cursor=${first.nextCursor}`, reporterToken)).json();
    expect(second.data.map((u: { code: string }) => u.code)).toEqual(['BJ01-D1']);

    const bad = await get(units.GET, '/api/v1/units?limit=zero', reporterToken);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details[0]).toMatchObject({ field: 'limit' });
  });
});
