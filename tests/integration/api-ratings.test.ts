import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, callJson, noParams, type Handler } from '../setup/api-client';

// Records pushed through the v1 API, then rated through it: the answer must be what RATING.md prescribes.
const testbed = await apiTestbed('api-ratings');

const { shanghaiYear } = await import('@/domain/time/shanghai');
const { getDb } = await import('@/db/client');
const { computeAndStoreRatings } = await import('@/features/rating/refresh');
const routes = {
  units: await import('@/app/api/v1/units/route'),
  incidents: await import('@/app/api/v1/incidents/route'),
  hazards: await import('@/app/api/v1/hazards/route'),
  projects: await import('@/app/api/v1/projects/route'),
  ratings: await import('@/app/api/v1/ratings/route'),
};

const tokens = {} as { office: string; rt1: string };
async function post(route: keyof typeof routes, body: unknown, token = tokens.office) {
  const res = await callJson((routes[route] as { POST: Handler }).POST, apiRequest('/x', { token, body }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
const ratings = (query: string, token = tokens.office) => callJson(routes.ratings.GET, apiRequest(`/api/v1/ratings${query}`, { token }));

beforeAll(async () => {
  await testbed.setUp();
  // 2025 is rated and stored first (as `cli rate --year 2025` does; reads never rate, decision 045): the
  // records pushed below change its stored ratings as each write commits (issue 15).
  await computeAndStoreRatings(getDb(), 2025, new Date());
  tokens.office = await testbed.token('r.office', 'office', 'HX');
  await post('units', [
    { code: 'RT', name: '评估测试分院', kind: 'branch', parentCode: 'HX' },
    { code: 'RT1', name: '测试一所', kind: 'institute', parentCode: 'RT' },
    { code: 'RT2', name: '测试二所', kind: 'institute', parentCode: 'RT' },
    { code: 'RT3', name: '测试三所', kind: 'institute', parentCode: 'RT' },
    { code: 'RT1-A', name: '一所一室', kind: 'department', parentCode: 'RT1' },
  ]);
  tokens.rt1 = await testbed.token('r.rt1', 'reporter', 'RT1');
  // RT1: a tier-IV report whose 3 deaths make it tier III (20, floor orange), reported 24 h + 1 s after
  // discovery (late for tier III: +5), filed by a department; a general hazard rectified exactly at its due
  // instant (+1, not overdue).
  await post(
    'incidents',
    {
      externalId: 'INC-RT1-1',
      unitCode: 'RT1-A',
      domain: 'ai',
      dimension: 'loss',
      tier: 4,
      deaths: 3,
      occurredAt: '2025-03-04T09:00:00+08:00',
      discoveredAt: '2025-03-04T10:00:00+08:00',
      reportedAt: '2025-03-05T02:00:01Z',
    },
    tokens.rt1,
  );
  await post(
    'hazards',
    {
      externalId: 'HZ-RT1-1',
      unitCode: 'RT1',
      domain: 'ai',
      dimension: 'data',
      severity: 'general',
      foundAt: '2025-05-01',
      dueAt: '2025-06-01',
      rectifiedAt: '2025-05-31T16:00:00Z',
    },
    tokens.rt1,
  );
  // RT2: a project started without an approved assessment (+5, floor yellow) that also needed filing (+3).
  await post('projects', {
    externalId: 'PRJ-RT2-1',
    unitCode: 'RT2',
    title: '自动驾驶路测',
    domain: 'autonomous_driving',
    requiresFiling: true,
    startedAt: '2025-03-01',
    status: 'active',
  });
  // RT3: only a withdrawn tier-I incident, which does not count.
  await post('incidents', {
    externalId: 'INC-RT3-1',
    unitCode: 'RT3',
    domain: 'drones',
    dimension: 'loss',
    tier: 1,
    occurredAt: '2025-07-01T00:00:00+08:00',
    status: 'withdrawn',
  });
});
afterAll(testbed.tearDown);

describe('GET /api/v1/ratings', () => {
  it('rates a past year at its end, unit by unit, as RATING.md prescribes', async () => {
    const { status, body } = await ratings('?year=2025');
    expect(status).toBe(200);
    const by = Object.fromEntries(body.data.map((r: { unitCode: string }) => [r.unitCode, r]));
    expect(by.RT1).toEqual({
      unitCode: 'RT1',
      year: 2025,
      asOf: '2025-12-31T16:00:00.000Z',
      ruleSet: 'cas-2019-v1',
      level: 'orange',
      levelByPoints: 'orange',
      points: 26,
      floors: [{ floor: 'orange', rule: 'incident.tier3', kind: 'incidents', externalId: 'INC-RT1-1' }],
      contributions: [
        { rule: 'incident.tier3', kind: 'incidents', externalId: 'INC-RT1-1', points: 20 },
        { rule: 'incident.late', kind: 'incidents', externalId: 'INC-RT1-1', points: 5 },
        { rule: 'hazard.general', kind: 'hazards', externalId: 'HZ-RT1-1', points: 1 },
      ],
      status: 'final',
      // Decision 039: what says how much of each list is shown (here all of it).
      floorsTotal: 1,
      contributionsTotal: 3,
      contributionGroups: [
        { rule: 'incident.tier3', kind: 'incidents', count: 1, points: 20 },
        { rule: 'incident.late', kind: 'incidents', count: 1, points: 5 },
        { rule: 'hazard.general', kind: 'hazards', count: 1, points: 1 },
      ],
      contributionsNext: null,
    });
    expect(by.RT2).toMatchObject({
      level: 'yellow',
      levelByPoints: 'blue',
      points: 8,
      floors: [{ floor: 'yellow', rule: 'control.unassessed_start', externalId: 'PRJ-RT2-1' }],
    });
    expect(by.RT2.contributions.map((c: { rule: string }) => c.rule).sort()).toEqual(['control.unassessed_start', 'control.unfiled_start']);
    expect(by.RT3).toMatchObject({ level: 'blue', levelByPoints: 'blue', points: 0, floors: [], contributions: [] });
    // Every institute is rated, including the small organisation's.
    expect(Object.keys(by)).toEqual(expect.arrayContaining(['BJ01', 'BJ02', 'SH01', 'RT1', 'RT2', 'RT3']));
  });

  it('evaluates at asOf (provisional before the end of the year) and limits a unit to its own rating', async () => {
    const early = await ratings('?year=2025&asOf=2025-03-01T00:00:00%2B08:00&unit=RT1');
    expect(early.body.data).toEqual([
      expect.objectContaining({ unitCode: 'RT1', points: 0, level: 'blue', status: 'provisional', asOf: '2025-02-28T16:00:00.000Z' }),
    ]);
    const own = await ratings('?year=2025', tokens.rt1);
    expect(own.body.data.map((r: { unitCode: string }) => r.unitCode)).toEqual(['RT1']);
    expect((await ratings('?year=2025&unit=RT2', tokens.rt1)).body.data).toEqual([]);
  });

  it('refuses a bad year or an instant without offset with 422', async () => {
    expect((await ratings('?year=abc')).status).toBe(422);
    expect((await ratings('?year=2025&asOf=2025-06-01T00:00:00')).status).toBe(422);
    expect((await ratings('?year=2025&asOf=2024-06-01')).status).toBe(422);
  });

  it('names the one range of years in the caller’s language, for a year outside it and an instant before the year (issue 14, item 7)', async () => {
    const last = shanghaiYear(new Date());
    const ask = async (query: string, lang: string) => {
      const res = await routes.ratings.GET(
        new Request(`http://localhost/api/v1/ratings${query}`, {
          headers: { authorization: `Bearer ${tokens.office}`, 'accept-language': lang },
        }),
        noParams,
      );
      return { status: res.status, body: await res.json() };
    };
    for (const year of ['1988', String(last + 1), 'abc']) {
      const zh = await ask(`?year=${year}`, 'zh-CN');
      expect(zh.status).toBe(422);
      expect(zh.body.error.details).toEqual([
        { field: 'year', message: `须是 2000 年至 ${last} 年之间的年份：本系统评估和显示这些年份。` },
      ]);
      const en = await ask(`?year=${year}`, 'en');
      expect(en.body.error.details[0].message).toBe(`must be a year from 2000 to ${last}: Fenghuo rates and shows these years.`);
    }
    const early = await ask('?year=2025&asOf=2024-06-01T00:00:00%2B08:00', 'zh-CN');
    expect(early.status).toBe(422);
    expect(early.body.error.details).toEqual([{ field: 'asOf', message: expect.stringContaining('早于 2025 年的开始') }]);
    expect((await ask('?year=2000', 'en')).status).toBe(200);
  });
});
