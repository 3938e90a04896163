import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, NOW, f, getDb, ids, insertDataset, officeLogin, own, rows, empty, withAlertsDatabase } from './alerts-fixture';

// Scope in the inbox query, acknowledgement and the API, read state, and alert rule versions, over the
// alerts the daily job fires on the shared fixture (alerts.test.ts checks the firing itself).
const { addUser } = await import('../setup/small-org');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { runAlerts } = await import('@/features/alerts/run-alerts');
const { dailyAlerts } = await import('@/jobs/alerts');
const q = await import('@/db/alerts/alerts');
const { acknowledgeAlert } = await import('@/features/alerts/acknowledge');
const alertsRoute = await import('@/app/api/v1/alerts/route');
const { rawAll } = await import('@/db/engine');

withAlertsDatabase();
beforeAll(async () => {
  expect(await dailyAlerts(getDb(), NOW)).toBe('ran');
});

describe('scope: inbox, acknowledgement and API', () => {
  const tokens = {} as Record<string, string>;
  const actors = {} as Record<string, NonNullable<Awaited<ReturnType<typeof resolveActor>>>>;
  const noParams = { params: Promise.resolve({}) } as never;
  const api = async (token: string, query = '') =>
    (
      await alertsRoute.GET(
        new Request(`http://localhost/api/v1/alerts${query}`, { headers: { authorization: `Bearer ${token}` } }),
        noParams,
      )
    ).json();

  beforeAll(async () => {
    await officeLogin();
    for (const [login, role, unit] of [
      ['a.bjofficer', 'branch_officer', 'BJ'],
      ['a.bj01', 'reporter', 'BJ01'],
      ['a.sh01', 'reporter', 'SH01'],
      ['a.leader', 'leader', 'HX'],
    ] as const) {
      const id = await addUser(getDb(), login, role, unit);
      tokens[login] = (await createApiToken(getDb(), id, 't')).token;
      actors[login] = (await resolveActor(getDb(), { cliLogin: login }))!;
    }
    actors.office = (await resolveActor(getDb(), { cliLogin: 'alerts.office' }))!;
    tokens.office = (await createApiToken(getDb(), actors.office.userId, 't')).token;
  });

  it("a branch officer's inbox and API hold only its branch's alerts; the office sees all", async () => {
    const all = await rows();
    const bj = all.filter((r) => r.unit_id === ids.BJ01 || r.unit_id === ids.BJ02);
    expect(bj.length).toBeGreaterThan(0);
    expect(all.some((r) => r.unit_id === ids.SH01)).toBe(true);
    const inbox = await q.listAlerts(getDb(), actors['a.bjofficer']!, {}, { page: 1, pageSize: 1000 });
    expect(inbox.rows.map((r) => r.id).sort()).toEqual(bj.map((r) => r.id).sort());
    const viaApi = await api(tokens['a.bjofficer']!, '?limit=1000');
    expect(viaApi.data.map((a: { id: number }) => a.id).sort()).toEqual(bj.map((r) => r.id).sort());
    expect(viaApi.data.every((a: { unitCode: string }) => a.unitCode === 'BJ01' || a.unitCode === 'BJ02')).toBe(true);
    expect((await api(tokens.office!, '?limit=1000')).data).toHaveLength(all.length);
    expect(await q.unreadAlertCount(getDb(), actors['a.bjofficer']!)).toBe(bj.length);
  });

  it('the API filters by fired time and pages by cursor', async () => {
    const page1 = await api(tokens.office!, '?limit=2');
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).toBe(String(page1.data[1].id));
    const page2 = await api(tokens.office!, `?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.data[0].id).toBeGreaterThan(page1.data[1].id);
    expect(page1.data[0]).toMatchObject({
      message: { zh: expect.any(String), en: expect.any(String) },
      firedAt: expect.stringMatching(/Z$/),
    });
    expect((await api(tokens.office!, '?from=2030-01-01')).data).toEqual([]);
    expect((await api(tokens.office!, '?to=2020-01-01')).data).toEqual([]);
    const bad = await alertsRoute.GET(
      new Request('http://localhost/api/v1/alerts?from=2026-06-01T00:00:00', { headers: { authorization: `Bearer ${tokens.office}` } }),
      noParams,
    );
    expect(bad.status).toBe(422);
  });

  it("a reporter of one institute can neither see nor acknowledge another institute's alert", async () => {
    const bjAlert = (await rows()).find((r) => r.unit_id === ids.BJ01)!;
    const sh = actors['a.sh01']!;
    expect(await q.alertInScope(getDb(), sh, bjAlert.id)).toBeNull();
    expect((await q.listAlerts(getDb(), sh, {}, { page: 1, pageSize: 1000 })).rows.some((r) => r.id === bjAlert.id)).toBe(false);
    await expect(acknowledgeAlert(getDb(), sh, bjAlert.id, 'not mine', NOW)).rejects.toThrow(/outside your scope/);
    expect((await api(tokens['a.sh01']!, '?limit=1000')).data.some((a: { id: number }) => a.id === bjAlert.id)).toBe(false);
    // The domain surge is academy-wide: not in an institute's scope.
    expect((await q.listAlerts(getDb(), sh, { rule: 'domain.surge' }, { page: 1, pageSize: 10 })).total).toBe(0);

    const mine = actors['a.bj01']!;
    expect(await q.alertInScope(getDb(), mine, bjAlert.id)).not.toBeNull();
    await expect(acknowledgeAlert(getDb(), actors['a.leader']!, bjAlert.id, null, NOW)).rejects.toThrow();
    await acknowledgeAlert(getDb(), mine, bjAlert.id, '已安排整改', NOW);
    const acked = (await q.alertInScope(getDb(), actors.office!, bjAlert.id))!;
    expect(acked).toMatchObject({ acknowledgeComment: '已安排整改', acknowledgedAt: NOW });
    await expect(acknowledgeAlert(getDb(), mine, bjAlert.id, 'again', NOW)).rejects.toThrow(/already acknowledged/);
    const audit = await rawAll(
      getDb(),
      sql`SELECT actor_user_id AS who FROM audit_log WHERE action = 'alert.acknowledge' AND entity_id = ${bjAlert.id}`,
    );
    expect(audit).toEqual([{ who: mine.userId }]);
    expect((await q.listAlerts(getDb(), actors.office!, { acknowledged: true }, { page: 1, pageSize: 10 })).rows.map((r) => r.id)).toEqual([
      bjAlert.id,
    ]);
  });

  it('read state is per user: opening one and marking all read', async () => {
    const bj = actors['a.bj01']!;
    const unread = await q.unreadAlertCount(getDb(), bj);
    expect(unread).toBeGreaterThan(1);
    const first = (await q.listAlerts(getDb(), bj, {}, { page: 1, pageSize: 1 })).rows[0]!;
    expect(first.read).toBe(false);
    await q.markAlertRead(getDb(), bj.userId, first.id, NOW);
    await q.markAlertRead(getDb(), bj.userId, first.id, NOW);
    expect(await q.unreadAlertCount(getDb(), bj)).toBe(unread - 1);
    expect((await q.alertInScope(getDb(), bj, first.id))!.read).toBe(true);
    expect((await q.alertInScope(getDb(), actors.office!, first.id))!.read).toBe(false);
    expect(await q.markAllAlertsRead(getDb(), bj, NOW)).toBe(unread - 1);
    expect(await q.unreadAlertCount(getDb(), bj)).toBe(0);
    expect(await q.unreadAlertCount(getDb(), actors['a.bjofficer']!)).toBeGreaterThan(0);
  });

  it('latestAlerts and alertsInPeriod answer within the scope', async () => {
    const latest = await q.latestAlerts(getDb(), actors['a.sh01']!.scope, 3);
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.every((a) => a.unitCode === 'SH01')).toBe(true);
    const june = await q.alertsInPeriod(
      getDb(),
      { all: true },
      new Date('2026-06-01T00:00:00+08:00'),
      new Date('2026-07-01T00:00:00+08:00'),
    );
    expect(june.length).toBeGreaterThan(0);
    expect(june.every((a) => a.firedAt >= new Date('2026-06-01T00:00:00+08:00') && a.firedAt < new Date('2026-07-01T00:00:00+08:00'))).toBe(
      true,
    );
  });
});

describe('alert rule versions', () => {
  it('the office copies, edits and activates a version; a rule switched off no longer fires', async () => {
    const rs = { ...(await import('@/db/rule-sets/alert-rule-sets')), ...(await import('@/features/rule-sets/service')) };
    const office = (await resolveActor(getDb(), { cliLogin: await officeLogin() }))!;
    const reporter = (await resolveActor(getDb(), { cliLogin: 'a.bj01' }))!;
    expect((await rs.activeAlertRuleSet(getDb())).version).toBe('cas-2019-alerts-v1');
    await expect(rs.copyAlertRuleSet(getDb(), reporter, 'cas-2019-alerts-v1', 'mine', NOW)).rejects.toThrow();
    await rs.copyAlertRuleSet(getDb(), office, 'cas-2019-alerts-v1', 'quiet-v2', NOW);
    await expect(rs.copyAlertRuleSet(getDb(), office, 'cas-2019-alerts-v1', 'quiet-v2', NOW)).rejects.toThrow(/already exists/);
    const body = (await rs.alertRuleSetByVersion(getDb(), 'quiet-v2'))!;
    await rs.updateAlertRuleSet(getDb(), office, { ...body, 'hazard.overdue': { ...body['hazard.overdue'], enabled: false } }, NOW);
    await expect(rs.updateAlertRuleSet(getDb(), office, { ...body, version: 'cas-2019-alerts-v1' }, NOW)).rejects.toThrow(/in force/);
    await rs.activateAlertRuleSet(getDb(), office, 'quiet-v2', NOW);
    expect((await rs.activeAlertRuleSet(getDb()))['hazard.overdue'].enabled).toBe(false);
    await expect(rs.updateAlertRuleSet(getDb(), office, body, NOW)).rejects.toThrow(/in force/);

    await insertDataset(getDb(), {
      ...empty,
      hazards: [
        f.buildHazard({
          id: 30,
          ...own(ids.BJ01),
          externalId: 'HAZ-30',
          domain: 'other',
          foundAt: NOW,
          dueAt: new Date(NOW.getTime() + DAY),
        }),
      ],
    });
    const r = await runAlerts(getDb(), { now: new Date(NOW.getTime() + 2 * DAY) });
    expect(r.byRule['hazard.overdue']).toBeUndefined();
    expect((await rows()).some((a) => a.rule === 'hazard.overdue' && a.subject_key === '30')).toBe(false);
    const actions = await rawAll(getDb(), sql`SELECT action FROM audit_log WHERE entity_kind = 'alert_rule_set' ORDER BY id`);
    expect(actions).toEqual([
      { action: 'alert_rule_set.copy' },
      { action: 'alert_rule_set.update' },
      { action: 'alert_rule_set.activate' },
    ]);
  });
});
