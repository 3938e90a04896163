import { ratingsFollowWrites } from '@/features/rating/follow-writes';
import { sqlAll, sqlOne } from './record-sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import { serverDbFile } from '../setup/server-db-file';

// Issue 13, items 1-3: the attacks a reporter of BJ01 made to lower its own rating after review, each
// replayed through the channel it used, on an institute made red by a closed tier II incident as BJ01 is
// in the demo. Each must be refused, write nothing and leave the rating as it was.
const server = serverDbFile('fenghuo-seal-attacks-', 'attacks.db');
process.env.FENGHUO_API_RATE = '0';
const { who } = await import('../setup/request-mocks');
who.locale = 'zh-CN';
const { getDb } = await import('@/db/client');
const { serverSmallOrg, userWithToken } = await import('../setup/server-small-org');
const { submitRecords } = await import('@/features/records/submit');
const { advanceIncident, setIncidentConcealed, decideAssessment, verifyHazard } = await import('@/features/records/workflow');
const { saveRecordAction } = await import('@/server/actions/records');
const { withdrawRecordAction } = await import('@/server/actions/workflow');
const { ensureYearRatings } = await import('@/features/rating/year-ratings');
const { ratingTableRows } = await import('@/db/rating/ratings');
const { ALL_UNITS } = await import('@/domain/auth/actor');
const incidentsRoute = await import('@/app/api/v1/incidents/route');
const hazardsRoute = await import('@/app/api/v1/hazards/route');
const assessmentsRoute = await import('@/app/api/v1/assessments/route');
const fx = await import('../setup/seal-fixtures');

const db = getDb();
const YEAR = 2026;
const p: Record<'reporter' | 'manager' | 'office', { actor: Actor; token: string }> = {} as never;

const one = <T>(text: string, ...params: unknown[]) => sqlOne<T>(db, text, ...params);
const audit = async () => (await one<{ n: number }>('SELECT count(*) AS n FROM audit_log')).n;
const row = async (table: string, id: number) => JSON.stringify(await one(`SELECT * FROM ${table} WHERE id = ?`, id));
async function bj01() {
  // Records filed here through submitRecords directly: the ratings follow as after any committed write.
  await ratingsFollowWrites(db, new Date());
  await ensureYearRatings(db, YEAR, new Date());
  const r = (await ratingTableRows(db, ALL_UNITS, YEAR, 'provisional')).find((x) => x.unitCode === 'BJ01')!;
  return { level: r.level, points: r.points };
}
const file = async (kind: Parameters<typeof submitRecords>[2], item: Record<string, unknown>) =>
  (await submitRecords(db, p.office.actor, kind, [item], { now: new Date(), source: 'api' })).ids[0]!;
function form(values: Record<string, string | number>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, String(v));
  return f;
}
const post = async (route: { POST: (r: Request, c: never) => Promise<Response> }, body: unknown) => {
  const res = await route.POST(
    new Request('http://localhost/api/v1/x', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${p.reporter.token}`, 'accept-language': 'zh-CN' },
    }),
    { params: Promise.resolve({}) } as never,
  );
  return { status: res.status, body: (await res.json()) as { error?: { details: { field: string; message: string }[] } } };
};

let closedTierII: { id: number; item: Record<string, unknown> };
beforeAll(async () => {
  await serverSmallOrg(new Date('2026-03-04T09:30:00+08:00'));
  for (const [key, role, unit] of [
    ['reporter', 'reporter', 'BJ01'],
    ['manager', 'unit_manager', 'BJ01'],
    ['office', 'office', 'HX'],
  ] as const) {
    p[key] = await userWithToken(db, `atk.${key}`, role, unit, 't');
  }
  for (const externalId of [fx.PROJECT, fx.OTHER_PROJECT])
    await submitRecords(db, p.office.actor, 'projects', [{ externalId, unitCode: 'BJ01', title: externalId, domain: 'ai' }], {
      now: new Date(),
      source: 'api',
    });
  // BJ01's closed tier II incident, reported and then closed by its unit manager, as in the demo.
  const item = { ...fx.fixture('incidents', 'before') };
  const id = (await submitRecords(db, p.reporter.actor, 'incidents', [item], { now: new Date(), source: 'api' })).ids[0]!;
  await advanceIncident(db, p.reporter.actor, id, 'investigating', new Date());
  await advanceIncident(db, p.manager.actor, id, 'closed', new Date());
  closedTierII = { id, item: { ...item, status: 'closed' } };
});
afterAll(() => {
  db.close();
  server.remove();
});

describe('issue 13: a reporter cannot lower its institute’s rating after review', () => {
  it('BJ01 is red by the floor of its closed tier II incident', async () => {
    expect((await bj01()).level).toBe('red');
  });

  it('1. withdrawing the CLOSED tier II incident through the record form’s withdraw action is refused; BJ01 stays red', async () => {
    const rating = await bj01();
    const before = { row: await row('incidents', closedTierII.id), audit: await audit() };
    who.actor = p.reporter.actor;
    const answer = await withdrawRecordAction(null, form({ id: closedTierII.id, kind: 'incidents', reason: '重复' }));
    expect(answer).toMatchObject({ ok: false });
    expect(answer.ok ? '' : answer.fieldErrors.status).toContain('更正');
    expect({ row: await row('incidents', closedTierII.id), audit: await audit() }).toEqual(before);
    expect(await bj01()).toEqual(rating);
    // The API refuses the same, as it did.
    expect((await post(incidentsRoute, { ...closedTierII.item, status: 'withdrawn' })).status).toBe(403);
  });

  it('2a. an approved assessment sent again with 1×1 dimensions and a forged review is refused, naming the sealed field', async () => {
    const item = fx.fixture('assessments', 'before');
    const id = await file('assessments', item);
    await decideAssessment(db, p.manager.actor, id, { approve: true, comment: '同意' }, new Date());
    const stored = await one<{ decided_at: number }>('SELECT decided_at FROM assessments WHERE id = ?', id);
    const approved = { ...item, status: 'approved', decidedAt: new Date(stored.decided_at).toISOString(), reviewComment: '同意' };
    const before = { row: await row('assessments', id), audit: await audit() };
    const forged = await post(assessmentsRoute, {
      ...approved,
      dimensions: fx.dims(1, 1),
      reviewComment: '风险可控',
      decidedAt: '2026-03-06',
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error!.details.map((d) => d.field)).toEqual(['decidedAt']);
    const dimsOnly = await post(assessmentsRoute, { ...approved, dimensions: fx.dims(1, 1) });
    expect(dimsOnly.body.error!.details).toEqual([{ index: 0, field: 'dimensions', message: expect.stringContaining('更正申请') }]);
    expect({ row: await row('assessments', id), audit: await audit() }).toEqual(before);
    expect(
      JSON.stringify(await sqlAll(db, 'SELECT likelihood, impact FROM assessment_dimensions WHERE assessment_id = ?', id)),
    ).not.toContain('"likelihood":1,');
    // Resending it as it is stays `unchanged`.
    expect((await post(assessmentsRoute, approved)).status).toBe(200);
  });

  it('2b. a verified major hazard cannot become general nor move its due date, by the API or the record form', async () => {
    const item = { ...fx.fixture('hazards', 'before'), dueAt: '2026-03-05' };
    const id = await file('hazards', item);
    await verifyHazard(db, p.manager.actor, id, new Date());
    const rating = await bj01();
    const before = { row: await row('hazards', id), audit: await audit() };
    const sent = { ...item, status: 'verified' };
    const res = await post(hazardsRoute, { ...sent, severity: 'general', dueAt: '2026-06-30' });
    expect(res.status).toBe(403);
    expect(res.body.error!.details[0]!.field).toBe('severity');
    who.actor = p.reporter.actor;
    const edit = await saveRecordAction(null, form(fx.formOf('hazards', { ...sent, severity: 'general' }, id)!));
    expect(edit).toMatchObject({ ok: false, fieldErrors: { severity: expect.stringContaining('更正') } });
    expect({ row: await row('hazards', id), audit: await audit() }).toEqual(before);
    expect(await bj01()).toEqual(rating);
  });

  it('2c. the closed incident cannot go from tier II to tier IV through the API; BJ01 stays red', async () => {
    const rating = await bj01();
    const before = await row('incidents', closedTierII.id);
    const res = await post(incidentsRoute, { ...closedTierII.item, tier: 4 });
    expect(res.status).toBe(403);
    expect(res.body.error!.details[0]).toMatchObject({ field: 'tier', message: expect.stringContaining('更正申请') });
    expect(await row('incidents', closedTierII.id)).toBe(before);
    expect(await bj01()).toEqual({ ...rating, level: 'red' });
  });

  it('3. an incident the office marked concealed cannot be withdrawn: the orange floor stays', async () => {
    const item = { ...fx.fixture('incidents', 'before'), tier: 4, externalId: 'ATK-CONCEALED' };
    const id = await file('incidents', item);
    await setIncidentConcealed(db, p.office.actor, id, true, new Date());
    const rating = await bj01();
    const floors = async () =>
      (await one<{ floors: string }>("SELECT floors FROM ratings WHERE year = ? AND status = 'provisional' AND institute_id = 4", YEAR))
        .floors;
    expect(await floors()).toContain('incident.concealed');
    who.actor = p.reporter.actor;
    expect(await withdrawRecordAction(null, form({ id, kind: 'incidents', reason: '误报' }))).toMatchObject({ ok: false });
    expect((await post(incidentsRoute, { ...item, concealed: true, status: 'withdrawn' })).status).toBe(403);
    expect((await one<{ status: string }>('SELECT status FROM incidents WHERE id = ?', id)).status).toBe('reported');
    expect(await bj01()).toEqual(rating);
    expect(await floors()).toContain('incident.concealed');
  });

  it('a correction proposed through the form changes only what was changed (the form’s minutes keep the stored seconds)', async () => {
    const item = { ...fx.fixture('incidents', 'before'), occurredAt: '2026-03-01T10:00:27+08:00', reportedAt: '2026-03-01T11:00:45+08:00' };
    const id = (await submitRecords(db, p.reporter.actor, 'incidents', [item], { now: new Date(), source: 'api' })).ids[0]!;
    await advanceIncident(db, p.reporter.actor, id, 'investigating', new Date());
    await advanceIncident(db, p.manager.actor, id, 'closed', new Date());
    who.actor = p.reporter.actor;
    const values: Record<string, string> = {
      ...fx.formOf('incidents', { ...item, summary: '补充经过' }, id)!,
      propose: '1',
      correctionReason: '补充',
    };
    values.occurredAt = '2026-03-01T10:00';
    values.reportedAt = '2026-03-01T11:00';
    const answer = await saveRecordAction(null, form(values));
    expect(answer).toMatchObject({ ok: true, data: { outcome: 'proposed' } });
    const { changes } = await one<{ changes: string }>(
      'SELECT changes FROM record_corrections WHERE record_id = ? AND kind = ?',
      id,
      'incidents',
    );
    expect(Object.keys(JSON.parse(changes))).toEqual(['summary']);
  });
});
