import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Alerts on a real migrated SQLite file: every rule through the daily job at and just below its threshold,
// exactly-once storage across re-runs and connections, incident.serious in the write path's transaction,
// and scope in the inbox query, acknowledgement and the API.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-alerts-'));
process.env.FENGHUO_DB = path.join(dir, 'alerts.db');

const { getDb, openDatabase } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/queries/reference');
const { insertDataset } = await import('@/features/demo/insert-dataset');
const { addUser } = await import('../setup/small-org');
const { createApiToken } = await import('@/features/auth/api-tokens');
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { submitRecords, SubmissionRefused } = await import('@/features/records/submit');
const { runAlerts } = await import('@/features/alerts/run-alerts');
const { dailyAlerts, alertsPeriod } = await import('@/jobs/alerts');
const q = await import('@/db/queries/alerts');
const f = await import('@/features/demo/factories');
const alertsRoute = await import('@/app/api/v1/alerts/route');
const { activeAlertRules } = await import('@/db/queries/alert-rule-sets');
const { loadAlertFacts, provisionalRatingFacts } = await import('@/db/queries/alert-inputs');
const { evaluateAlerts } = await import('@/domain/alerts/evaluate');

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const cli = (...args: string[]) =>
  run(tsx, ['cli/index.ts', ...args], { env: { ...process.env, FENGHUO_DB: process.env.FENGHUO_DB }, cwd: process.cwd() });
const empty = {
  units: [],
  projects: [],
  assessments: [],
  assessmentDimensions: [],
  hazards: [],
  incidents: [],
  inspections: [],
  ethicsCommittees: [],
  ethicsActivities: [],
  ethicsAnnualReports: [],
};

const DAY = 86_400_000;
// 15 June 2026, 12:00 in Beijing: after the 06:00 run of the day.
const NOW = new Date('2026-06-15T12:00:00+08:00');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ids = { HX: 1, BJ: 2, SH: 3, BJ01: 4, BJ02: 5, SH01: 6 } as const;
const own = (id: number) => ({ unitId: id, instituteId: id });

type Row = { id: number; rule: string; subject_kind: string; subject_key: string; period: string; colour: string; unit_id: number | null };
const rows = (): Row[] => getDb().$client.prepare('SELECT * FROM alerts ORDER BY id').all() as Row[];
const keyOf = (r: Row) => `${r.rule}|${r.subject_kind}|${r.subject_key}|${r.period}`;

const rec = {} as Record<string, number>;

beforeAll(() => {
  const db = getDb();
  migrateDatabase(db);
  ensureReferenceData(db);
  insertDataset(db, {
    units: [
      f.buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
      f.buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
      f.buildUnit({ id: 3, code: 'SH', kind: 'branch', parentId: 1, path: '/1/3/' }),
      f.buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
      f.buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
      f.buildUnit({ id: 6, code: 'SH01', kind: 'institute', parentId: 3, path: '/1/3/6/', instituteId: 6 }),
    ],
    assessmentDimensions: [],
    inspections: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
    projects: [f.buildProject({ id: 1, ...own(ids.BJ01), externalId: 'P-1' })],
    assessments: [
      // Waiting 14 days and 1 ms (fires) and exactly 14 days (does not).
      f.buildAssessment({ id: 1, ...own(ids.BJ01), projectId: 1, externalId: 'ASM-STALE', submittedAt: ago(14 * DAY + 1) }),
      f.buildAssessment({ id: 2, ...own(ids.BJ01), projectId: 1, externalId: 'ASM-FRESH', submittedAt: ago(14 * DAY) }),
    ],
    incidents: [
      // Tier III by the reporter (fires orange) and tier IV with 2 deaths (implies IV: does not fire).
      f.buildIncident({ id: 1, ...own(ids.BJ01), externalId: 'INC-III', domain: 'other', tier: 3, occurredAt: ago(10 * DAY) }),
      f.buildIncident({ id: 2, ...own(ids.BJ01), externalId: 'INC-IV', domain: 'other', tier: 4, deaths: 2, occurredAt: ago(10 * DAY) }),
      // Five drone incidents this month with no history: a surge (≥ 5, > 2 × 0). Tier IV, 5 points each.
      ...[3, 4, 5, 6, 7].map((id) =>
        f.buildIncident({ id, ...own(ids.SH01), externalId: `INC-DR-${id}`, domain: 'drones', tier: 4, occurredAt: ago(id * 3_600_000) }),
      ),
      // Four AI incidents this month: below the minimum of 5.
      ...[8, 9, 10, 11].map((id) =>
        f.buildIncident({ id, ...own(ids.SH01), externalId: `INC-AI-${id}`, domain: 'ai', tier: 4, occurredAt: ago(id * 3_600_000) }),
      ),
    ],
    hazards: [
      // Major, due 1 ms ago (fires orange); general, due now (does not yet).
      f.buildHazard({
        id: 1,
        ...own(ids.BJ02),
        externalId: 'HAZ-LATE',
        domain: 'other',
        severity: 'major',
        foundAt: ago(40 * DAY),
        dueAt: ago(1),
      }),
      f.buildHazard({
        id: 2,
        ...own(ids.BJ02),
        externalId: 'HAZ-DUE',
        domain: 'other',
        severity: 'general',
        foundAt: ago(40 * DAY),
        dueAt: NOW,
      }),
    ],
    ethicsCommittees: [
      // Due (set-up + 30 days) in exactly 7 days: due soon (blue). Due in 8 days: nothing yet.
      f.buildEthicsCommittee({ id: 1, ...own(ids.BJ02), externalId: 'EC-SOON', establishedAt: ago(23 * DAY) }),
      f.buildEthicsCommittee({ id: 2, ...own(ids.SH01), externalId: 'EC-LATER', establishedAt: ago(22 * DAY) }),
    ],
  });
  rec.stale = 1;
});
afterAll(() => {
  getDb().$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the daily alerts job', () => {
  it('fires each rule at its threshold and not just below, once per period', async () => {
    expect(alertsPeriod(NOW)).toBe('2026-06-15');
    expect(alertsPeriod(new Date('2026-06-15T05:59:00+08:00'))).toBe('2026-06-14');
    expect(await dailyAlerts(getDb(), NOW)).toBe('ran');
    const all = rows();
    const by = (rule: string) => all.filter((r) => r.rule === rule).map((r) => `${r.subject_kind}:${r.subject_key}:${r.colour}`);
    expect(by('incident.serious')).toEqual(['incident:1:orange']);
    expect(by('review.stale')).toEqual(['assessment:1:yellow']);
    expect(by('hazard.overdue')).toEqual(['hazard:1:orange']);
    expect(by('domain.surge')).toEqual(['domain:drones:orange']);
    expect(by('ethics.deadline')).toEqual(['ethics-committee:1:blue']);
    // BJ01: the tier III incident sets the orange floor. SH01: nine tier IV incidents, 45 points: orange,
    // and 45 ≥ 40 (80 % of red's 50) is near red. BJ02: a major hazard found (4) and overdue (6) and a
    // general one (1): 11 points, yellow; 11 < 20 is not near orange.
    expect(by('rating.rise').sort()).toEqual(['unit:4:orange', 'unit:5:yellow', 'unit:6:orange']);
    expect(all.filter((r) => r.rule === 'rating.near').map((r) => [r.subject_key, r.period])).toEqual([['6', '2026:red']]);
    expect(all.find((r) => r.rule === 'domain.surge')!.unit_id).toBeNull();

    // The same day again: the claim holds. A later day: evaluated again, nothing new.
    expect(await dailyAlerts(getDb(), NOW)).toBe('skipped');
    expect(await dailyAlerts(getDb(), new Date(NOW.getTime() + 60_000))).toBe('skipped');
    const again = runAlerts(getDb(), { now: NOW });
    expect(again.stored).toBe(0);
    expect(again.candidates).toBe(all.length);
    expect(rows()).toHaveLength(all.length);
  });

  it('fires the general hazard once its due date has passed, and the committee once overdue, each once', () => {
    const before = rows().length;
    // EC-SOON was due at +7 days (now overdue); EC-LATER is due at +8 days (now due soon).
    const later = new Date(NOW.getTime() + 7.5 * DAY);
    const r = runAlerts(getDb(), { now: later });
    const added = rows().slice(before);
    expect(added.map((a) => `${a.rule}:${a.subject_key}:${a.colour}`)).toEqual(
      expect.arrayContaining(['hazard.overdue:2:yellow', 'ethics.deadline:1:yellow', 'ethics.deadline:2:blue']),
    );
    expect(r.stored).toBe(added.length);
    expect(runAlerts(getDb(), { now: later }).stored).toBe(0);
  });

  it('two connections that both evaluate before either stores keep each alert once', () => {
    const when = new Date(NOW.getTime() + 40 * DAY);
    insertDataset(getDb(), {
      ...empty,
      hazards: [10, 11, 12].map((id) =>
        f.buildHazard({
          id,
          ...own(ids.BJ02),
          externalId: `HAZ-${id}`,
          domain: 'other',
          foundAt: NOW,
          dueAt: new Date(NOW.getTime() + 39 * DAY),
        }),
      ),
    });
    const file = process.env.FENGHUO_DB!;
    const [a, b] = [openDatabase(file), openDatabase(file)];
    const evaluateOn = (db: typeof a) => {
      const rules = activeAlertRules(db);
      return evaluateAlerts(loadAlertFacts(db, when, rules.alerts, provisionalRatingFacts(db, 2026)), rules, when);
    };
    const [ca, cb] = [evaluateOn(a), evaluateOn(b)];
    expect(ca).toEqual(cb);
    const before = rows().length;
    const sa = q.storeAlerts(a, ca, when);
    const sb = q.storeAlerts(b, cb, when);
    a.$client.close();
    b.$client.close();
    expect(sa).toBeGreaterThanOrEqual(3);
    expect(sb).toBe(0);
    const all = rows();
    expect(all.length - before).toBe(sa);
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
  });

  it('two `cli alerts run` processes at once store each alert once', async () => {
    insertDataset(getDb(), {
      ...empty,
      hazards: [20, 21].map((id) =>
        f.buildHazard({
          id,
          ...own(ids.SH01),
          externalId: `HAZ-${id}`,
          domain: 'other',
          foundAt: NOW,
          dueAt: new Date(NOW.getTime() + 49 * DAY),
        }),
      ),
    });
    getDb().$client.pragma('wal_checkpoint(TRUNCATE)');
    const before = rows().length;
    const asOf = new Date(NOW.getTime() + 50 * DAY).toISOString();
    const outs = await Promise.all([cli('alerts', 'run', '--as-of', asOf), cli('alerts', 'run', '--as-of', asOf)]);
    const stored = outs.map((o) => Number(/: (\d+) new/.exec(o.stdout)?.[1]));
    expect(stored.every(Number.isInteger)).toBe(true);
    const all = rows();
    expect(stored[0]! + stored[1]!).toBe(all.length - before);
    expect(all.length - before).toBeGreaterThanOrEqual(2);
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
  }, 120_000);
});

describe('incident.serious in the write path', () => {
  const count = (ref: string) =>
    (
      getDb()
        .$client.prepare(
          `SELECT count(*) AS n FROM alerts a JOIN incidents i ON i.id = CAST(a.subject_key AS INTEGER) WHERE a.rule = 'incident.serious' AND i.external_id = ?`,
        )
        .get(ref) as { n: number }
    ).n;
  const incident = (ref: string, over: Record<string, unknown> = {}) => ({
    externalId: ref,
    unitCode: 'BJ01',
    domain: 'ai',
    dimension: 'data',
    tier: 2,
    occurredAt: '2026-06-14T10:00:00+08:00',
    ...over,
  });

  it('fires once for a tier II incident through the API path; a resend does not fire again', async () => {
    const actor = resolveActor(getDb(), { cliLogin: 'alerts.office' }) ?? resolveActor(getDb(), { cliLogin: await officeLogin() })!;
    submitRecords(getDb(), actor, 'incidents', [incident('API-II')], { now: NOW, source: 'api' });
    expect(count('API-II')).toBe(1);
    const alert = rows().find((r) => r.rule === 'incident.serious' && r.period === 'tier-II')!;
    expect(alert.colour).toBe('red');
    const again = submitRecords(getDb(), actor, 'incidents', [incident('API-II')], { now: NOW, source: 'api' });
    expect(again.unchanged).toBe(1);
    expect(count('API-II')).toBe(1);
  });

  it('a tier IV incident fires nothing; raised to III by its figures it fires orange, once', async () => {
    const actor = resolveActor(getDb(), { cliLogin: await officeLogin() })!;
    submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4 })], { now: NOW, source: 'form' });
    expect(count('RAISE')).toBe(0);
    submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4, seriousInjuries: 10 })], { now: NOW, source: 'form' });
    expect(count('RAISE')).toBe(1);
    submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4, seriousInjuries: 11, summary: 'x' })], {
      now: NOW,
      source: 'form',
    });
    expect(count('RAISE')).toBe(1);
  });

  it('a batch with one bad item stores no incident and leaves no alert', async () => {
    const actor = resolveActor(getDb(), { cliLogin: await officeLogin() })!;
    const before = rows().length;
    expect(() =>
      submitRecords(getDb(), actor, 'incidents', [incident('BATCH-I', { tier: 1 }), incident('BATCH-BAD', { domain: 'no_such_domain' })], {
        now: NOW,
        source: 'import',
      }),
    ).toThrow(SubmissionRefused);
    expect(rows()).toHaveLength(before);
    expect(count('BATCH-I')).toBe(0);
  });

  it('a failure after the alert was stored rolls the alert back with the incident', async () => {
    const actor = resolveActor(getDb(), { cliLogin: await officeLogin() })!;
    const before = rows().length;
    const db = getDb();
    expect(() =>
      db.transaction(() => {
        submitRecords(db, actor, 'incidents', [incident('ROLLBACK', { tier: 1 })], { now: NOW, source: 'api' });
        throw new Error('later step failed');
      }),
    ).toThrow('later step failed');
    expect(rows()).toHaveLength(before);
  });
});

let office: string | null = null;
async function officeLogin(): Promise<string> {
  office ??= (await addUser(getDb(), 'alerts.office', 'office', 'HX'), 'alerts.office');
  return office;
}

describe('scope: inbox, acknowledgement and API', () => {
  const tokens = {} as Record<string, string>;
  const actors = {} as Record<string, NonNullable<ReturnType<typeof resolveActor>>>;
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
      tokens[login] = createApiToken(getDb(), id, 't').token;
      actors[login] = resolveActor(getDb(), { cliLogin: login })!;
    }
    actors.office = resolveActor(getDb(), { cliLogin: 'alerts.office' })!;
    tokens.office = createApiToken(getDb(), actors.office.userId, 't').token;
  });

  it("a branch officer's inbox and API hold only its branch's alerts; the office sees all", async () => {
    const all = rows();
    const bj = all.filter((r) => r.unit_id === ids.BJ01 || r.unit_id === ids.BJ02);
    expect(bj.length).toBeGreaterThan(0);
    expect(all.some((r) => r.unit_id === ids.SH01)).toBe(true);
    const inbox = q.listAlerts(getDb(), actors['a.bjofficer']!, {}, { page: 1, pageSize: 1000 });
    expect(inbox.rows.map((r) => r.id).sort()).toEqual(bj.map((r) => r.id).sort());
    const viaApi = await api(tokens['a.bjofficer']!, '?limit=1000');
    expect(viaApi.data.map((a: { id: number }) => a.id).sort()).toEqual(bj.map((r) => r.id).sort());
    expect(viaApi.data.every((a: { unitCode: string }) => a.unitCode === 'BJ01' || a.unitCode === 'BJ02')).toBe(true);
    expect((await api(tokens.office!, '?limit=1000')).data).toHaveLength(all.length);
    expect(q.unreadAlertCount(getDb(), actors['a.bjofficer']!)).toBe(bj.length);
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
    const bjAlert = rows().find((r) => r.unit_id === ids.BJ01)!;
    const sh = actors['a.sh01']!;
    expect(q.alertInScope(getDb(), sh, bjAlert.id)).toBeNull();
    expect(q.listAlerts(getDb(), sh, {}, { page: 1, pageSize: 1000 }).rows.some((r) => r.id === bjAlert.id)).toBe(false);
    expect(() => q.acknowledgeAlert(getDb(), sh, bjAlert.id, 'not mine', NOW)).toThrow(/outside your scope/);
    expect((await api(tokens['a.sh01']!, '?limit=1000')).data.some((a: { id: number }) => a.id === bjAlert.id)).toBe(false);
    // The domain surge is academy-wide: not in an institute's scope.
    expect(q.listAlerts(getDb(), sh, { rule: 'domain.surge' }, { page: 1, pageSize: 10 }).total).toBe(0);

    const mine = actors['a.bj01']!;
    expect(q.alertInScope(getDb(), mine, bjAlert.id)).not.toBeNull();
    expect(() => q.acknowledgeAlert(getDb(), actors['a.leader']!, bjAlert.id, null, NOW)).toThrow();
    q.acknowledgeAlert(getDb(), mine, bjAlert.id, '已安排整改', NOW);
    const acked = q.alertInScope(getDb(), actors.office!, bjAlert.id)!;
    expect(acked).toMatchObject({ acknowledgeComment: '已安排整改', acknowledgedAt: NOW });
    expect(() => q.acknowledgeAlert(getDb(), mine, bjAlert.id, 'again', NOW)).toThrow(/already acknowledged/);
    const audit = getDb()
      .$client.prepare(`SELECT actor_user_id AS who FROM audit_log WHERE action = 'alert.acknowledge' AND entity_id = ?`)
      .all(bjAlert.id);
    expect(audit).toEqual([{ who: mine.userId }]);
    expect(q.listAlerts(getDb(), actors.office!, { acknowledged: true }, { page: 1, pageSize: 10 }).rows.map((r) => r.id)).toEqual([
      bjAlert.id,
    ]);
  });

  it('read state is per user: opening one and marking all read', () => {
    const bj = actors['a.bj01']!;
    const unread = q.unreadAlertCount(getDb(), bj);
    expect(unread).toBeGreaterThan(1);
    const first = q.listAlerts(getDb(), bj, {}, { page: 1, pageSize: 1 }).rows[0]!;
    expect(first.read).toBe(false);
    q.markAlertRead(getDb(), bj.userId, first.id, NOW);
    q.markAlertRead(getDb(), bj.userId, first.id, NOW);
    expect(q.unreadAlertCount(getDb(), bj)).toBe(unread - 1);
    expect(q.alertInScope(getDb(), bj, first.id)!.read).toBe(true);
    expect(q.alertInScope(getDb(), actors.office!, first.id)!.read).toBe(false);
    expect(q.markAllAlertsRead(getDb(), bj, NOW)).toBe(unread - 1);
    expect(q.unreadAlertCount(getDb(), bj)).toBe(0);
    expect(q.unreadAlertCount(getDb(), actors['a.bjofficer']!)).toBeGreaterThan(0);
  });

  it('latestAlerts and alertsInPeriod answer within the scope', () => {
    const latest = q.latestAlerts(getDb(), actors['a.sh01']!.scope, 3);
    expect(latest.length).toBeGreaterThan(0);
    expect(latest.every((a) => a.unitCode === 'SH01')).toBe(true);
    const june = q.alertsInPeriod(getDb(), { all: true }, new Date('2026-06-01T00:00:00+08:00'), new Date('2026-07-01T00:00:00+08:00'));
    expect(june.length).toBeGreaterThan(0);
    expect(june.every((a) => a.firedAt >= new Date('2026-06-01T00:00:00+08:00') && a.firedAt < new Date('2026-07-01T00:00:00+08:00'))).toBe(
      true,
    );
  });
});

describe('alert rule versions', () => {
  it('the office copies, edits and activates a version; a rule switched off no longer fires', async () => {
    const rs = { ...(await import('@/db/queries/alert-rule-sets')), ...(await import('@/features/rule-sets/service')) };
    const office = resolveActor(getDb(), { cliLogin: await officeLogin() })!;
    const reporter = resolveActor(getDb(), { cliLogin: 'a.bj01' })!;
    expect(rs.activeAlertRuleSet(getDb()).version).toBe('cas-2019-alerts-v1');
    expect(() => rs.copyAlertRuleSet(getDb(), reporter, 'cas-2019-alerts-v1', 'mine', NOW)).toThrow();
    rs.copyAlertRuleSet(getDb(), office, 'cas-2019-alerts-v1', 'quiet-v2', NOW);
    expect(() => rs.copyAlertRuleSet(getDb(), office, 'cas-2019-alerts-v1', 'quiet-v2', NOW)).toThrow(/already exists/);
    const body = rs.alertRuleSetByVersion(getDb(), 'quiet-v2')!;
    rs.updateAlertRuleSet(getDb(), office, { ...body, 'hazard.overdue': { ...body['hazard.overdue'], enabled: false } }, NOW);
    expect(() => rs.updateAlertRuleSet(getDb(), office, { ...body, version: 'cas-2019-alerts-v1' }, NOW)).toThrow(/in force/);
    rs.activateAlertRuleSet(getDb(), office, 'quiet-v2', NOW);
    expect(rs.activeAlertRuleSet(getDb())['hazard.overdue'].enabled).toBe(false);
    expect(() => rs.updateAlertRuleSet(getDb(), office, body, NOW)).toThrow(/in force/);

    insertDataset(getDb(), {
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
    const r = runAlerts(getDb(), { now: new Date(NOW.getTime() + 2 * DAY) });
    expect(r.byRule['hazard.overdue']).toBeUndefined();
    expect(rows().some((a) => a.rule === 'hazard.overdue' && a.subject_key === '30')).toBe(false);
    const actions = getDb().$client.prepare(`SELECT action FROM audit_log WHERE entity_kind = 'alert_rule_set' ORDER BY id`).all();
    expect(actions).toEqual([
      { action: 'alert_rule_set.copy' },
      { action: 'alert_rule_set.update' },
      { action: 'alert_rule_set.activate' },
    ]);
  });
});
