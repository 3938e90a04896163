import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne, sqlRun } from './record-sql';
import { apiRequest, apiTestbed, callJson, noParams, type Handler } from '../setup/api-client';

// The v1 write and read endpoints, called as Next calls them, on a real migrated SQLite file.
const testbed = await apiTestbed('api-write');

const { getDb } = await import('@/db/client');
const { verifyAuditChain } = await import('@/db/audit/audit-log');
const incidentsRoute = await import('@/app/api/v1/incidents/route');
const hazardsRoute = await import('@/app/api/v1/hazards/route');
const projectsRoute = await import('@/app/api/v1/projects/route');
const assessmentsRoute = await import('@/app/api/v1/assessments/route');
const reportsRoute = await import('@/app/api/v1/ethics/annual-reports/route');
const committeesRoute = await import('@/app/api/v1/ethics/committees/route');
const activitiesRoute = await import('@/app/api/v1/ethics/activities/route');

const tokens: Record<string, string> = {};

function post(handler: Handler, body: unknown, token: string | null = tokens.reporter!, headers: Record<string, string> = {}) {
  return handler(apiRequest('/api/v1/x', { token, body, headers: { 'content-type': 'application/json', ...headers } }), noParams);
}
const get = (handler: Handler, query = '', token = tokens.reporter!) => callJson(handler, apiRequest(`/api/v1/x${query}`, { token }));

const incident = (overrides: Record<string, unknown> = {}) => ({
  externalId: 'INC-T-1',
  unitCode: 'BJ01',
  domain: 'drones',
  dimension: 'loss',
  tier: 4,
  occurredAt: '2026-03-04T09:30:00+08:00',
  discoveredAt: '2026-03-04T10:00:00+08:00',
  reportedAt: '2026-03-04T11:00:00+08:00',
  summary: '无人机试飞失控坠落',
  ...overrides,
});

const allDimensions = ['chokepoint', 'loss', 'regulatory', 'data', 'ethics', 'opinion', 'secrecy'].map((dimension) => ({
  dimension,
  likelihood: 2,
  impact: 3,
  measures: '落实防范措施',
}));

beforeAll(async () => {
  await testbed.setUp();
  tokens.reporter = await testbed.token('w.rep', 'reporter', 'BJ01', 'test');
  tokens.deptReporter = await testbed.token('w.dept', 'reporter', 'BJ01-D1', 'test');
  tokens.manager = await testbed.token('w.mgr', 'unit_manager', 'BJ01', 'test');
  tokens.leader = await testbed.token('w.lead', 'leader', 'HX', 'test');
  tokens.office = await testbed.token('w.office', 'office', 'HX', 'test');
  tokens.shReporter = await testbed.token('w.sh', 'reporter', 'SH01', 'test');
});
afterAll(testbed.tearDown);

describe('POST /api/v1/incidents', () => {
  it('stores a valid incident and reads it back with the fields it was written with, in UTC', async () => {
    const res = await post(incidentsRoute.POST, incident());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(body.ids).toHaveLength(1);
    const list = await get(incidentsRoute.GET, '?unit=BJ01');
    const stored = list.body.data.find((r: { externalId: string }) => r.externalId === 'INC-T-1');
    expect(stored).toMatchObject({
      id: body.ids[0],
      unitCode: 'BJ01',
      tier: 4,
      occurredAt: '2026-03-04T01:30:00.000Z',
      reportedAt: '2026-03-04T03:00:00.000Z',
      deaths: 0,
      concealed: false,
      status: 'reported',
      projectExternalId: null,
    });
    expect(stored.createdAt).toMatch(/Z$/);
  });

  it('stores the same batch sent three times once, and reports it unchanged', async () => {
    const batch = [incident({ externalId: 'INC-T-R1' }), incident({ externalId: 'INC-T-R2', tier: 3 })];
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await post(incidentsRoute.POST, batch)).json());
    expect(answers[0]).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(answers[1]).toMatchObject({ created: 0, updated: 0, unchanged: 2, ids: answers[0].ids });
    expect(answers[2]).toMatchObject({ created: 0, updated: 0, unchanged: 2, ids: answers[0].ids });
    const n = (await sqlOne(getDb(), "SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'INC-T-R%'")) as { n: number };
    expect(n.n).toBe(2);
  });

  it('updates a record sent again with a change, keeping fields the update leaves out', async () => {
    const first = await (await post(incidentsRoute.POST, incident({ externalId: 'INC-T-U', deaths: 1 }))).json();
    const again = await (
      await post(incidentsRoute.POST, { ...incident({ externalId: 'INC-T-U' }), summary: '更正：无人员伤亡', deaths: undefined })
    ).json();
    expect(again).toMatchObject({ created: 0, updated: 1, ids: first.ids });
    const row = (await sqlOne(getDb(), 'SELECT summary, deaths FROM incidents WHERE id = ?', first.ids[0])) as {
      summary: string;
      deaths: number;
    };
    expect(row).toEqual({ summary: '更正：无人员伤亡', deaths: 1 });
  });

  it('stores nothing of a batch with one bad item and names every problem by index and field', async () => {
    const res = await post(incidentsRoute.POST, [
      incident({ externalId: 'INC-T-B1' }),
      incident({ externalId: 'INC-T-B2', occurredAt: '2026-03-04T09:30:00' }),
      incident({ externalId: 'INC-T-B3', tier: 7, domain: 'astrology' }),
    ]);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { index: 1, field: 'occurredAt', message: expect.stringContaining('offset') },
        { index: 2, field: 'tier', message: expect.any(String) },
      ]),
    );
    const n = (await sqlOne(getDb(), "SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'INC-T-B%'")) as { n: number };
    expect(n.n).toBe(0);
  });

  it('checks codes against the reference tables and says so in Chinese when asked', async () => {
    const res = await post(incidentsRoute.POST, incident({ externalId: 'INC-T-C', domain: 'astrology' }), tokens.reporter, {
      'accept-language': 'zh-CN,zh;q=0.9',
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details).toEqual([{ index: 0, field: 'domain', message: '没有代码为 astrology 的条目。' }]);
  });

  it('answers 400 to malformed JSON, 401 without a token, 413 to oversized batches and bodies', async () => {
    const malformed = await post(incidentsRoute.POST, '{"externalId": ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('bad_request');
    expect((await post(incidentsRoute.POST, incident(), null)).status).toBe(401);
    const many = Array.from({ length: 5001 }, (_, i) => incident({ externalId: `INC-T-M${i}` }));
    const tooMany = await post(incidentsRoute.POST, many);
    expect(tooMany.status).toBe(413);
    const huge = await post(incidentsRoute.POST, incident({ summary: 'x'.repeat(33 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const deep = await post(incidentsRoute.POST, '['.repeat(1000) + ']'.repeat(1000));
    expect(deep.status).toBe(400);
  });

  it('refuses a reporter writing another institute with 403 and stores nothing; reading it gives nothing', async () => {
    const res = await post(incidentsRoute.POST, [
      incident({ externalId: 'INC-T-X1' }),
      incident({ externalId: 'INC-T-X2', unitCode: 'SH01' }),
    ]);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: 'forbidden', details: [{ index: 1, field: 'unitCode' }] });
    expect(((await sqlOne(getDb(), "SELECT count(*) AS n FROM incidents WHERE external_id LIKE 'INC-T-X%'")) as { n: number }).n).toBe(0);

    await post(incidentsRoute.POST, incident({ externalId: 'INC-SH-1', unitCode: 'SH01' }), tokens.shReporter);
    const read = await get(incidentsRoute.GET, '?unit=SH01');
    expect(read.body).toEqual({ data: [], nextCursor: null });
    const all = await get(incidentsRoute.GET);
    expect(all.body.data.every((r: { unitCode: string }) => r.unitCode.startsWith('BJ01'))).toBe(true);
  });

  it("refuses a department reporter overwriting its institute's record through the shared externalId", async () => {
    const res = await post(incidentsRoute.POST, incident({ unitCode: 'BJ01-D1', summary: 'hijack' }), tokens.deptReporter);
    expect(res.status).toBe(403);
  });

  it('refuses leadership (read-only) and a reporter marking concealment; the office may', async () => {
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-L' }), tokens.leader)).status).toBe(403);
    const concealed = await post(incidentsRoute.POST, incident({ externalId: 'INC-T-CC', concealed: true }));
    expect(concealed.status).toBe(403);
    expect((await concealed.json()).error.details[0].field).toBe('concealed');
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-CC', concealed: true }), tokens.office)).status).toBe(200);
  });

  it('treats null as absent for fields that cannot be empty, and clears optional ones', async () => {
    const res = await post(incidentsRoute.POST, incident({ externalId: 'INC-T-N', status: null, deaths: null, summary: null }));
    expect(res.status).toBe(200);
    const row = await sqlOne(getDb(), "SELECT status, deaths, summary FROM incidents WHERE external_id = 'INC-T-N'");
    expect(row).toEqual({ status: 'reported', deaths: 0, summary: null });
  });

  it("keeps the office's concealment finding: a reporter may resend it but neither clear nor set it", async () => {
    // INC-T-CC was marked concealed by the office above.
    const clear = await post(incidentsRoute.POST, incident({ externalId: 'INC-T-CC', concealed: false }));
    expect(clear.status).toBe(403);
    expect((await clear.json()).error.details[0].field).toBe('concealed');
    expect(await (await post(incidentsRoute.POST, incident({ externalId: 'INC-T-CC', concealed: true }))).json()).toMatchObject({
      unchanged: 1,
    });
    // The flag as 1/0 on both engines (an integer on SQLite, a boolean on PostgreSQL).
    const flag = "SELECT CASE WHEN concealed THEN 1 ELSE 0 END AS concealed FROM incidents WHERE external_id = 'INC-T-CC'";
    expect(await sqlOne(getDb(), flag)).toEqual({ concealed: 1 });
  });

  it("reserves reviewers' decisions: a reporter cannot close, verify or bring back a withdrawn record", async () => {
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-ST', status: 'closed' }))).status).toBe(403);
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-ST', status: 'withdrawn' }))).status).toBe(200);
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-ST', status: 'reported' }))).status).toBe(403);
    expect((await post(incidentsRoute.POST, incident({ externalId: 'INC-T-ST', status: 'reported' }), tokens.manager)).status).toBe(200);
    const hazard = {
      externalId: 'HZ-T-V',
      unitCode: 'BJ01',
      domain: 'ai',
      dimension: 'data',
      severity: 'major',
      foundAt: '2026-03-01',
      dueAt: '2026-04-01',
      rectifiedAt: '2026-03-20',
    };
    expect((await post(hazardsRoute.POST, { ...hazard, status: 'verified' })).status).toBe(403);
    expect((await post(hazardsRoute.POST, { ...hazard, status: 'verified' }, tokens.manager)).status).toBe(200);
    expect((await post(hazardsRoute.POST, { ...hazard, status: 'withdrawn' })).status).toBe(403);
  });

  it('pages with a cursor and filters by time', async () => {
    const first = await get(incidentsRoute.GET, '?limit=2');
    expect(first.body.data).toHaveLength(2);
    const second = await get(incidentsRoute.GET, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data[0].id).toBeGreaterThan(first.body.data[1].id);
    const none = await get(incidentsRoute.GET, '?from=2030-01-01');
    expect(none.body.data).toEqual([]);
    expect((await get(incidentsRoute.GET, '?from=2026-01-01T00:00:00')).status).toBe(422);
  });
});

describe('projects, assessments and ethics through the API', () => {
  it('stores a project start without approval as a fact, and an assessment referring to the project', async () => {
    const p = await post(projectsRoute.POST, {
      externalId: 'PRJ-T-1',
      unitCode: 'BJ01',
      title: '脑机接口',
      domain: 'brain_science',
      startedAt: '2026-02-01',
      status: 'active',
    });
    expect(p.status).toBe(200);
    const noProject = await post(assessmentsRoute.POST, {
      externalId: 'ASM-T-0',
      unitCode: 'BJ01',
      projectExternalId: 'PRJ-NOPE',
      stage: 'initiation',
      status: 'submitted',
      dimensions: allDimensions,
    });
    expect(noProject.status).toBe(422);
    expect((await noProject.json()).error.details[0].field).toBe('projectExternalId');

    const partial = await post(assessmentsRoute.POST, {
      externalId: 'ASM-T-1',
      unitCode: 'BJ01',
      projectExternalId: 'PRJ-T-1',
      stage: 'initiation',
      status: 'submitted',
      dimensions: allDimensions.slice(0, 3),
    });
    expect(partial.status).toBe(422);
    expect((await partial.json()).error.details[0]).toMatchObject({ field: 'dimensions', message: expect.stringContaining('secrecy') });

    const good = {
      externalId: 'ASM-T-1',
      unitCode: 'BJ01',
      projectExternalId: 'PRJ-T-1',
      stage: 'initiation',
      status: 'submitted',
      submittedAt: '2026-01-20',
      dimensions: allDimensions,
    };
    expect(await (await post(assessmentsRoute.POST, good)).json()).toMatchObject({ created: 1 });
    expect(await (await post(assessmentsRoute.POST, good)).json()).toMatchObject({ unchanged: 1 });
    const approve = { ...good, status: 'approved', decidedAt: '2026-01-25' };
    expect((await post(assessmentsRoute.POST, approve)).status).toBe(403);
    expect(await (await post(assessmentsRoute.POST, approve, tokens.manager)).json()).toMatchObject({ updated: 1 });
    // The reporter's system may resend the approved assessment as it is: that is not a decision.
    expect(await (await post(assessmentsRoute.POST, approve)).json()).toMatchObject({ unchanged: 1 });
    expect((await post(assessmentsRoute.POST, good)).status).toBe(403);
    const changedDims = {
      ...approve,
      dimensions: allDimensions.map((d) => (d.dimension === 'data' ? { ...d, likelihood: 5, impact: 5 } : d)),
    };
    expect(await (await post(assessmentsRoute.POST, changedDims, tokens.manager)).json()).toMatchObject({ updated: 1 });
    const read = await get(assessmentsRoute.GET, '?unit=BJ01');
    const stored = read.body.data.find((a: { externalId: string }) => a.externalId === 'ASM-T-1');
    expect(stored).toMatchObject({ projectExternalId: 'PRJ-T-1', status: 'approved', decidedAt: '2026-01-24T16:00:00.000Z' });
    expect(stored.dimensions).toHaveLength(7);
    expect(stored.dimensions.find((d: { dimension: string }) => d.dimension === 'data')).toMatchObject({ likelihood: 5, impact: 5 });
  });

  it('keys annual reports by unit and year, and stores committees and activities', async () => {
    const report = { unitCode: 'BJ01', year: 2020, submittedAt: '2021-03-15' };
    expect(await (await post(reportsRoute.POST, report)).json()).toMatchObject({ created: 1 });
    expect(await (await post(reportsRoute.POST, { ...report, submittedAt: '2021-03-16' })).json()).toMatchObject({ updated: 1 });
    const read = await get(reportsRoute.GET);
    expect(read.body.data.filter((r: { year: number }) => r.year === 2020)).toHaveLength(1);
    expect(
      await (await post(committeesRoute.POST, { externalId: 'EC-T', unitCode: 'BJ01', establishedAt: '2026-01-05' })).json(),
    ).toMatchObject({
      created: 1,
    });
    const activity = await post(activitiesRoute.POST, {
      externalId: 'EA-T',
      unitCode: 'BJ01',
      approvedAt: '2026-02-01',
      registeredAt: '2026-01-01',
      projectExternalId: 'PRJ-T-1',
    });
    expect(activity.status).toBe(422);
    expect((await activity.json()).error.details[0].field).toBe('registeredAt');
  });

  it('refuses hazards due before they were found', async () => {
    const res = await post(hazardsRoute.POST, {
      externalId: 'HZ-T-1',
      unitCode: 'BJ01',
      domain: 'ai',
      dimension: 'data',
      severity: 'major',
      foundAt: '2026-03-01',
      dueAt: '2026-02-01',
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe('dueAt');
  });
});

describe('audit chain', () => {
  it('records every write in a chain that verifies, and shows tampering', async () => {
    const db = getDb();
    const check = await verifyAuditChain(db);
    expect(check.ok).toBe(true);
    expect(check.entries).toBeGreaterThan(5);
    const update = (await sqlOne(db, "SELECT before, after FROM audit_log WHERE action = 'incidents.update' ORDER BY id LIMIT 1")) as {
      before: string;
      after: string;
    };
    expect(JSON.parse(update.before)).toMatchObject({ summary: '无人机试飞失控坠落' });
    expect(JSON.parse(update.after)).toMatchObject({ summary: '更正：无人员伤亡', source: 'api' });

    const victim = (await sqlOne(db, 'SELECT id, after FROM audit_log ORDER BY id LIMIT 1 OFFSET 2')) as {
      id: number;
      after: string;
    };
    await sqlRun(db, 'UPDATE audit_log SET after = ? WHERE id = ?', victim.after.replace('BJ01', 'BJ02').replace('4', '5'), victim.id);
    const tampered = await verifyAuditChain(db);
    expect(tampered).toMatchObject({ ok: false, brokenAt: { id: victim.id, reason: 'hash' } });
    await sqlRun(db, 'UPDATE audit_log SET after = ? WHERE id = ?', victim.after, victim.id);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes every write endpoint from the same schemas, with the instant rules', async () => {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    const doc = await GET().json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/projects',
      '/api/v1/assessments',
      '/api/v1/hazards',
      '/api/v1/incidents',
      '/api/v1/ethics/committees',
      '/api/v1/ethics/activities',
      '/api/v1/ethics/annual-reports',
      '/api/v1/units',
    ])
      expect(doc.paths[p].post).toBeDefined();
    expect(doc.components.schemas.Incidents.required).toEqual(
      expect.arrayContaining(['externalId', 'unitCode', 'domain', 'dimension', 'tier', 'occurredAt']),
    );
    expect(doc.components.schemas.Incidents.properties.occurredAt.description).toMatch(/offset/);
    expect(doc.components.schemas.Assessments.properties.dimensions.items.properties.likelihood).toMatchObject({ minimum: 1, maximum: 5 });
  });
});
