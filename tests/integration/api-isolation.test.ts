import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne } from './record-sql';
import { recordApiRoutes, type RecordRoute } from './record-api-routes';
import { apiRequest, apiTestbed, callJson, noParams } from '../setup/api-client';

// Every record kind through the v1 API: a reporter of one institute can neither write another institute's
// records (403, nothing stored) nor read them (filtered out), while writing its own works.
const testbed = await apiTestbed('api-iso');

const { getDb } = await import('@/db/client');

const routes: Record<string, RecordRoute> = await recordApiRoutes();

const dims = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'].map((dimension) => ({
  dimension,
  likelihood: 1,
  impact: 2,
}));
const item = (kind: string, unitCode: string, ref: string): Record<string, unknown> =>
  ({
    projects: { externalId: ref, unitCode, title: '项目', domain: 'ai' },
    assessments: {
      externalId: ref,
      unitCode,
      projectExternalId: `P-${unitCode}`,
      stage: 'initiation',
      status: 'submitted',
      dimensions: dims,
    },
    hazards: {
      externalId: ref,
      unitCode,
      domain: 'ai',
      dimension: 'data',
      severity: 'general',
      foundAt: '2026-03-01',
      dueAt: '2026-04-01',
    },
    incidents: { externalId: ref, unitCode, domain: 'ai', dimension: 'data', tier: 4, occurredAt: '2026-03-01T10:00:00+08:00' },
    inspections: { externalId: ref, unitCode, inspectedAt: '2026-03-01' },
    'ethics-committees': { externalId: ref, unitCode, establishedAt: '2026-03-01' },
    'ethics-activities': { externalId: ref, unitCode, approvedAt: '2026-03-01' },
    'ethics-annual-reports': { unitCode, year: 2019, submittedAt: '2020-03-01' },
  })[kind]!;

const tokens = {} as { bj: string; sh: string };
const post = (kind: string, body: unknown, token: string) => routes[kind]!.POST(apiRequest('/x', { token, body }), noParams);
const get = async (kind: string, query: string, token: string) =>
  (await callJson(routes[kind]!.GET, apiRequest(`/x${query}`, { token }))).body;

beforeAll(async () => {
  await testbed.setUp();
  tokens.bj = await testbed.token('iso.bj', 'reporter', 'BJ01');
  tokens.sh = await testbed.token('iso.sh', 'reporter', 'SH01');
  for (const [code, token] of [
    ['BJ01', tokens.bj],
    ['SH01', tokens.sh],
  ] as const)
    expect((await post('projects', item('projects', code, `P-${code}`), token)).status).toBe(200);
});
afterAll(testbed.tearDown);

describe.each(Object.keys(routes))('%s', (kind) => {
  it('a reporter writes its own institute, is refused another (403, nothing stored), and never reads it', async () => {
    const own = await post(kind, item(kind, 'BJ01', `ISO-${kind}-BJ`), tokens.bj);
    expect(own.status).toBe(200);
    const theirs = await post(kind, item(kind, 'SH01', `ISO-${kind}-SH`), tokens.sh);
    expect(theirs.status).toBe(200);
    const shId = (await theirs.json()).ids[0];

    const writes = async () => ((await sqlOne(getDb(), 'SELECT count(*) AS n FROM audit_log')) as { n: number }).n;
    const before = await writes();
    const attempt = await post(kind, { ...item(kind, 'SH01', `ISO-${kind}-SH`), status: 'withdrawn' }, tokens.bj);
    expect(attempt.status).toBe(403);
    expect(await writes()).toBe(before);
    const attemptNew = await post(kind, item(kind, 'SH01', `ISO-${kind}-SH-NEW`), tokens.bj);
    expect(attemptNew.status).toBe(403);
    expect(await writes()).toBe(before);
    const shRows = await get(kind, '', tokens.sh);
    expect(shRows.data.filter((r: { unitCode: string }) => r.unitCode === 'SH01').length).toBeGreaterThan(0);

    expect(await get(kind, '?unit=SH01', tokens.bj)).toEqual({ data: [], nextCursor: null });
    const mine = await get(kind, '?limit=1000', tokens.bj);
    expect(mine.data.some((r: { id: number; unitCode: string }) => r.id === shId || r.unitCode === 'SH01')).toBe(false);
  });
});

describe.each(Object.keys(routes))('%s: idempotency and all-or-nothing', (kind) => {
  it('stores a batch sent three times once, and nothing of a batch with one bad item', async () => {
    const batch = [item(kind, 'BJ01', `IDEM-${kind}-1`), item(kind, 'BJ01', `IDEM-${kind}-2`)];
    // Annual reports are keyed by unit and year, so each item of this batch needs its own year.
    if (kind === 'ethics-annual-reports') batch.splice(0, 2, { ...batch[0], year: 2016 }, { ...batch[1], year: 2017 });
    const answers: { ids: number[] }[] = [];
    for (let i = 0; i < 3; i++) answers.push(await (await post(kind, batch, tokens.bj)).json());
    expect(answers[0]).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(answers[2]).toMatchObject({ created: 0, updated: 0, unchanged: 2, ids: answers[0]!.ids });
    const listed = await get(kind, '?limit=1000', tokens.bj);
    expect(listed.data.filter((r: { id: number }) => answers[0]!.ids.includes(r.id))).toHaveLength(2);

    const before = (await get(kind, '?limit=1000', tokens.bj)).data.length;
    const bad = await post(
      kind,
      [item(kind, 'BJ01', `IDEM-${kind}-3`), { ...item(kind, 'BJ01', `IDEM-${kind}-4`), unitCode: '' }],
      tokens.bj,
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details).toEqual([expect.objectContaining({ index: 1, field: 'unitCode' })]);
    expect((await get(kind, '?limit=1000', tokens.bj)).data.length).toBe(before);
  });
});
