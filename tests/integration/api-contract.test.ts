import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiTestbed, callJson, noParams, type Handler } from '../setup/api-client';

// What a client that knows only shared/API.md met (issue 14): the assessment dimensions rule, the
// effective tier beside the tier sent, text that a resend must not rewrite.
const testbed = await apiTestbed('api-contract');

const { getDb } = await import('@/db/client');
const { openApiDocument } = await import('@/server/api/openapi');
const incidentsRoute = await import('@/app/api/v1/incidents/route');
const projectsRoute = await import('@/app/api/v1/projects/route');
const assessmentsRoute = await import('@/app/api/v1/assessments/route');
const { importSpreadsheet } = await import('@/features/import/import');
const { resolveActor } = await import('@/features/auth/resolve-actor');

let token = '';

const post = (handler: Handler, body: unknown, lang = 'en') =>
  callJson(handler, apiRequest('/api/v1/x', { token, body, headers: { 'content-type': 'application/json', 'accept-language': lang } }));
const get = (handler: Handler, query = '') => callJson(handler, apiRequest(`/api/v1/x${query}`, { token }));

beforeAll(async () => {
  await testbed.setUp();
  token = await testbed.token('c.rep', 'reporter', 'BJ01', 'test');
  const project = { externalId: 'PRJ-C-1', unitCode: 'BJ01', title: '无人机项目', domain: 'drones' };
  expect((await post(projectsRoute.POST, project)).status).toBe(200);
});
afterAll(testbed.tearDown);

describe('an assessment lists all seven risk dimensions unless it is a draft (decision 029)', () => {
  const assessment = (status: string) => ({
    externalId: `ASM-C-${status}`,
    unitCode: 'BJ01',
    projectExternalId: 'PRJ-C-1',
    stage: 'initiation',
    status,
    dimensions: [{ dimension: 'data', likelihood: 2, impact: 3 }],
  });

  it('stores a partial draft', async () => {
    const res = await post(assessmentsRoute.POST, assessment('draft'));
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
  });

  it('refuses a partial submitted assessment, naming the missing codes and the rule, in both languages', async () => {
    const en = await post(assessmentsRoute.POST, assessment('submitted'));
    expect(en.status).toBe(422);
    const detail = en.body.error.details.find((d: { field: string }) => d.field === 'dimensions');
    expect(detail.message).toContain('chokepoint, loss, regulatory, ethics, opinion, secrecy');
    expect(detail.message).toContain('all seven CAS dimensions');
    expect(detail.message).toContain('draft');
    const zh = await post(assessmentsRoute.POST, assessment('submitted'), 'zh');
    const zhDetail = zh.body.error.details.find((d: { field: string }) => d.field === 'dimensions');
    expect(zhDetail.message).toContain('全部七个');
    expect(zhDetail.message).toContain('草稿');
  });

  it('says so in the OpenAPI document', () => {
    const schema = (openApiDocument().components as { schemas: Record<string, { properties: Record<string, { description?: string }> }> })
      .schemas.Assessments!;
    expect(schema.properties.dimensions!.description).toMatch(/draft may list only some.*all seven CAS dimensions/);
  });
});

describe('an incident is read with the tier the rating counts', () => {
  it('answers effectiveTier and the figures that raised it beside the tier sent', async () => {
    const sent = {
      externalId: 'INC-C-189',
      unitCode: 'BJ01',
      domain: 'autonomous_driving',
      dimension: 'loss',
      tier: 4,
      deaths: 189,
      occurredAt: '2021-05-04T09:30:00+08:00',
      reportedAt: '2021-05-04T10:00:00+08:00',
    };
    expect((await post(incidentsRoute.POST, sent)).status).toBe(200);
    expect((await post(incidentsRoute.POST, { ...sent, externalId: 'INC-C-4', deaths: 0 })).status).toBe(200);
    const { body } = await get(incidentsRoute.GET);
    const raised = body.data.find((r: { externalId: string }) => r.externalId === 'INC-C-189');
    expect(raised).toMatchObject({
      tier: 4,
      deaths: 189,
      effectiveTier: 1,
      effectiveTierBy: [{ figure: 'deaths', value: 189, threshold: 30 }],
    });
    const stands = body.data.find((r: { externalId: string }) => r.externalId === 'INC-C-4');
    expect(stands).toMatchObject({ tier: 4, effectiveTier: 4, effectiveTierBy: [] });
  });
});

describe('text is stored as it will be compared, on every path (issue 14 items 5 and 10)', () => {
  const base = {
    unitCode: 'BJ01',
    domain: 'ai',
    dimension: 'data',
    tier: 4,
    occurredAt: '2022-05-04T09:30:00+08:00',
    reportedAt: '2022-05-04T10:00:00+08:00',
  };
  const csv = (rows: string[][]) =>
    Buffer.from(['externalId,unitCode,domain,dimension,tier,occurredAt,reportedAt,summary', ...rows.map((r) => r.join(','))].join('\n'));

  it('trims a narrative the same way through the API and the spreadsheet, so alternating changes nothing', async () => {
    const first = await post(incidentsRoute.POST, { ...base, externalId: 'INC-WS-1', summary: 'Vehicle left the lane.  ' });
    expect(first.body.created).toBe(1);
    const stored = (await get(incidentsRoute.GET)).body.data.find((r: { externalId: string }) => r.externalId === 'INC-WS-1');
    expect(stored.summary).toBe('Vehicle left the lane.');
    const actor = (await resolveActor(getDb(), { bearerToken: token }))!;
    const file = csv([['INC-WS-1', 'BJ01', 'ai', 'data', '4', '2022-05-04 09:30', '2022-05-04 10:00', 'Vehicle left the lane.  ']]);
    const viaSheet = await importSpreadsheet(getDb(), actor, 'incidents', file, 'csv', { dryRun: false, now: new Date() });
    expect(viaSheet).toMatchObject({ ok: true, unchanged: 1, updated: 0 });
    const again = await post(incidentsRoute.POST, { ...base, externalId: 'INC-WS-1', summary: 'Vehicle left the lane.  ' });
    expect(again.body).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('refuses an externalId with surrounding spaces on both paths instead of storing it changed', async () => {
    const api = await post(incidentsRoute.POST, { ...base, externalId: 'SGO-ADS- ' });
    expect(api.status).toBe(422);
    expect(api.body.error.details[0]).toMatchObject({ field: 'externalId' });
    expect(api.body.error.details[0].message).toContain('space');
    const actor = (await resolveActor(getDb(), { bearerToken: token }))!;
    const file = csv([['SGO-ADS- ', 'BJ01', 'ai', 'data', '4', '2022-05-04 09:30', '2022-05-04 10:00', 'x']]);
    const report = await importSpreadsheet(getDb(), actor, 'incidents', file, 'csv', { dryRun: true, now: new Date() });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.column, p.say('en')])).toEqual([['externalId', expect.stringContaining('space')]]);
    const listed = (await get(incidentsRoute.GET)).body.data.map((r: { externalId: string }) => r.externalId);
    expect(listed).not.toContain('SGO-ADS-');
  });

  it('refuses a lone surrogate and a NUL, naming the field, instead of storing U+FFFD', async () => {
    for (const summary of ['bad \ud800 text', 'tail \udc00', 'nul \u0000 byte']) {
      const res = await post(incidentsRoute.POST, { ...base, externalId: 'INC-U-1', summary });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'summary', message: expect.stringContaining('NUL') })]);
    }
    const ok = await post(incidentsRoute.POST, { ...base, externalId: 'INC-U-1', summary: 'emoji 🚗 is fine' });
    expect(ok.body.created).toBe(1);
    expect((await post(incidentsRoute.POST, { ...base, externalId: 'INC-U-1', summary: 'emoji 🚗 is fine' })).body.unchanged).toBe(1);
  });
});

describe('one range of dates on every path (issue 14 item 7)', () => {
  const incident = (over: Record<string, unknown>) => ({
    externalId: 'INC-R-1',
    unitCode: 'BJ01',
    domain: 'ai',
    dimension: 'data',
    tier: 4,
    occurredAt: '2021-05-04T09:30:00+08:00',
    reportedAt: '2021-05-04T10:00:00+08:00',
    ...over,
  });

  it('refuses a record before 2000, saying from when records are kept, in both languages', async () => {
    const en = await post(incidentsRoute.POST, incident({ occurredAt: '1988-06-01', reportedAt: '1988-06-01' }));
    expect(en.status).toBe(422);
    expect(en.body.error.details).toEqual([
      { index: 0, field: 'occurredAt', message: expect.stringContaining('from 2000 on') },
      { index: 0, field: 'reportedAt', message: expect.stringContaining('from 2000 on') },
    ]);
    const zh = await post(incidentsRoute.POST, incident({ occurredAt: '1999-12-31T23:59:59+08:00' }), 'zh');
    expect(zh.body.error.details[0].message).toContain('2000 年');
    expect((await post(incidentsRoute.POST, incident({ occurredAt: '2000-01-01', reportedAt: '2000-01-01T02:00:00+08:00' }))).status).toBe(
      200,
    );
  });

  it('refuses an occurrence in the future (whose default report time would come before it), but not a deadline', async () => {
    const future = await post(incidentsRoute.POST, incident({ externalId: 'INC-R-2', occurredAt: '2030-01-01', reportedAt: undefined }));
    expect(future.status).toBe(422);
    expect(future.body.error.details).toEqual([{ index: 0, field: 'occurredAt', message: 'cannot be in the future.' }]);
    const hazardsRoute = await import('@/app/api/v1/hazards/route');
    const hazard = { externalId: 'HZ-R-1', unitCode: 'BJ01', domain: 'ai', dimension: 'data', severity: 'major', foundAt: '2026-01-05' };
    expect((await post(hazardsRoute.POST, { ...hazard, dueAt: '2031-01-01' })).status).toBe(200);
    const typo = await post(hazardsRoute.POST, { ...hazard, dueAt: '2206-01-01' });
    expect(typo.body.error.details).toEqual([{ index: 0, field: 'dueAt', message: expect.stringContaining('check the year') }]);
  });

  it("answers a ratings year out of range with a translated message, not zod's", async () => {
    const ratingsRoute = await import('@/app/api/v1/ratings/route');
    const res = await ratingsRoute.GET(
      new Request('http://localhost/api/v1/ratings?year=1988', {
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' },
      }),
      noParams,
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 'validation_failed', message: '请求无效。' });
    expect(body.error.details).toEqual([{ field: 'year', message: expect.stringContaining('2000') }]);
    expect(body.error.details[0].message).not.toMatch(/Too small|expected/);
  });
});
