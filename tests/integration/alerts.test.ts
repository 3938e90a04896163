import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  DAY,
  NOW,
  f,
  getDb,
  ids,
  insertDataset,
  keyOf,
  location,
  officeLogin,
  openDatabase,
  own,
  rows,
  empty,
  withAlertsDatabase,
} from './alerts-fixture';

// Alerts on a real migrated database: every rule through the daily job at and just below its threshold,
// exactly-once storage across re-runs and connections, and incident.serious in the write path's
// transaction. Scope in the inbox, acknowledgement and the API: alerts-scope.test.ts.
const { resolveActor } = await import('@/features/auth/resolve-actor');
const { submitRecords, SubmissionRefused } = await import('@/features/records/submit');
const { runAlerts } = await import('@/features/alerts/run-alerts');
const { dailyAlerts, alertsPeriod } = await import('@/jobs/alerts');
const q = await import('@/db/alerts/alerts');
const { activeAlertRules } = await import('@/db/rule-sets/alert-rule-sets');
const { loadAlertFacts, provisionalRatingFacts } = await import('@/db/alerts/alert-inputs');
const { evaluateAlerts } = await import('@/domain/alerts/evaluate');
const { surgeEventsFrom } = await import('@/domain/alerts/rules/domain-surge');
const { rawGet } = await import('@/db/engine');

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const cli = (...args: string[]) => run(tsx, ['cli/index.ts', ...args], { env: process.env, cwd: process.cwd() });

withAlertsDatabase();

describe('the daily alerts job', () => {
  it('fires each rule at its threshold and not just below, once per period', async () => {
    expect(alertsPeriod(NOW)).toBe('2026-06-15');
    expect(alertsPeriod(new Date('2026-06-15T05:59:00+08:00'))).toBe('2026-06-14');
    expect(await dailyAlerts(getDb(), NOW)).toBe('ran');
    const all = await rows();
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
    const again = await runAlerts(getDb(), { now: NOW });
    expect(again.stored).toBe(0);
    expect(again.candidates).toBe(all.length);
    expect(await rows()).toHaveLength(all.length);
  });

  it('fires the general hazard once its due date has passed, and the committee once overdue, each once', async () => {
    const before = (await rows()).length;
    // EC-SOON was due at +7 days (now overdue); EC-LATER is due at +8 days (now due soon).
    const later = new Date(NOW.getTime() + 7.5 * DAY);
    const r = await runAlerts(getDb(), { now: later });
    const added = (await rows()).slice(before);
    expect(added.map((a) => `${a.rule}:${a.subject_key}:${a.colour}`)).toEqual(
      expect.arrayContaining(['hazard.overdue:2:yellow', 'ethics.deadline:1:yellow', 'ethics.deadline:2:blue']),
    );
    expect(r.stored).toBe(added.length);
    expect((await runAlerts(getDb(), { now: later })).stored).toBe(0);
  });

  it('two connections that both evaluate before either stores keep each alert once', async () => {
    const when = new Date(NOW.getTime() + 40 * DAY);
    await insertDataset(getDb(), {
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
    const [a, b] = [openDatabase(location), openDatabase(location)];
    const evaluateOn = async (db: typeof a) => {
      const rules = await activeAlertRules(db);
      const facts = await loadAlertFacts(db, when, surgeEventsFrom(when, rules.alerts), await provisionalRatingFacts(db, 2026));
      return evaluateAlerts(facts, rules, when);
    };
    const [ca, cb] = [await evaluateOn(a), await evaluateOn(b)];
    expect(ca).toEqual(cb);
    const before = (await rows()).length;
    const sa = await q.storeAlerts(a, ca, when);
    const sb = await q.storeAlerts(b, cb, when);
    a.close();
    b.close();
    expect(sa).toBeGreaterThanOrEqual(3);
    expect(sb).toBe(0);
    const all = await rows();
    expect(all.length - before).toBe(sa);
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
  });

  it('two `cli alerts run` processes at once store each alert once', async () => {
    await insertDataset(getDb(), {
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
    // A checkpoint cannot run inside the engine's transactions: on a connection of its own (SQLite's WAL only).
    if (!process.env.FENGHUO_DATABASE_URL) {
      const raw = new Database(location);
      raw.pragma('wal_checkpoint(TRUNCATE)');
      raw.close();
    }
    const before = (await rows()).length;
    const asOf = new Date(NOW.getTime() + 50 * DAY).toISOString();
    const outs = await Promise.all([cli('alerts', 'run', '--as-of', asOf), cli('alerts', 'run', '--as-of', asOf)]);
    const stored = outs.map((o) => Number(/: (\d+) new/.exec(o.stdout)?.[1]));
    expect(stored.every(Number.isInteger)).toBe(true);
    const all = await rows();
    expect(stored[0]! + stored[1]!).toBe(all.length - before);
    expect(all.length - before).toBeGreaterThanOrEqual(2);
    expect(new Set(all.map(keyOf)).size).toBe(all.length);
  }, 120_000);
});

describe('incident.serious in the write path', () => {
  const count = async (ref: string) =>
    (await rawGet<{ n: number }>(
      getDb(),
      sql`SELECT count(*) AS n FROM alerts a JOIN incidents i ON i.id = CAST(a.subject_key AS INTEGER) WHERE a.rule = 'incident.serious' AND i.external_id = ${ref}`,
    ))!.n;
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
    const actor =
      (await resolveActor(getDb(), { cliLogin: 'alerts.office' })) ?? (await resolveActor(getDb(), { cliLogin: await officeLogin() }))!;
    await submitRecords(getDb(), actor, 'incidents', [incident('API-II')], { now: NOW, source: 'api' });
    expect(await count('API-II')).toBe(1);
    const alert = (await rows()).find((r) => r.rule === 'incident.serious' && r.period === 'tier-II')!;
    expect(alert.colour).toBe('red');
    const again = await submitRecords(getDb(), actor, 'incidents', [incident('API-II')], { now: NOW, source: 'api' });
    expect(again.unchanged).toBe(1);
    expect(await count('API-II')).toBe(1);
  });

  it('a tier IV incident fires nothing; raised to III by its figures it fires orange, once', async () => {
    const actor = (await resolveActor(getDb(), { cliLogin: await officeLogin() }))!;
    await submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4 })], { now: NOW, source: 'form' });
    expect(await count('RAISE')).toBe(0);
    await submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4, seriousInjuries: 10 })], { now: NOW, source: 'form' });
    expect(await count('RAISE')).toBe(1);
    await submitRecords(getDb(), actor, 'incidents', [incident('RAISE', { tier: 4, seriousInjuries: 11, summary: 'x' })], {
      now: NOW,
      source: 'form',
    });
    expect(await count('RAISE')).toBe(1);
  });

  it('a batch with one bad item stores no incident and leaves no alert', async () => {
    const actor = (await resolveActor(getDb(), { cliLogin: await officeLogin() }))!;
    const before = (await rows()).length;
    await expect(
      submitRecords(getDb(), actor, 'incidents', [incident('BATCH-I', { tier: 1 }), incident('BATCH-BAD', { domain: 'no_such_domain' })], {
        now: NOW,
        source: 'import',
      }),
    ).rejects.toThrow(SubmissionRefused);
    expect(await rows()).toHaveLength(before);
    expect(await count('BATCH-I')).toBe(0);
  });

  it('a failure after the alert was stored rolls the alert back with the incident', async () => {
    const actor = (await resolveActor(getDb(), { cliLogin: await officeLogin() }))!;
    const before = (await rows()).length;
    const db = getDb();
    await expect(
      db.transaction(async () => {
        await submitRecords(db, actor, 'incidents', [incident('ROLLBACK', { tier: 1 })], { now: NOW, source: 'api' });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await rows()).toHaveLength(before);
  });
});
