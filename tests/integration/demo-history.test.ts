import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { bootstrap } from '@/server/startup/bootstrap';
import { parseEnv } from '@/server/env';
import { bulletinByMonth, listBulletins } from '@/db/bulletins/bulletins';
import { unreadAlertCount } from '@/db/alerts/alerts';
import { insertDemo } from '@/features/demo/insert-dataset';
import { bulletinView } from '@/domain/bulletins/view';
import { bulletinDueAt } from '@/domain/time/months';
import { resolveActor } from '@/features/auth/resolve-actor';
import { generateDemo, DEMO_SEED } from '@/features/demo/generate-demo';
import { demoUsers } from '@/features/demo/demo-users';
import { seedDemoHistory } from '@/features/demo/demo-history';
import { catchUpBulletins } from '@/features/bulletins/due-bulletins';
import { DAY_MS } from '@/domain/time/shanghai';

// Issue 14 item 13: the demo's only bulletin said "0 alerts this month" while 255 alerts were unread. A
// freshly seeded demo now holds a year of alerts (acknowledged and read as in use) and a bulletin per month.
const now = new Date('2026-11-23T10:00:00+08:00');
const months = ['2025-11', '2025-12', ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];
let t: TestDb;
const rows = <T>(sql: string, ...params: unknown[]) => t.db.$client.prepare(sql).all(...params) as T[];
const one = (sql: string, ...params: unknown[]) => (t.db.$client.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  t = createTestDb();
  await bootstrap(t.db, parseEnv({}), now);
});
afterAll(() => t.close());

describe('the demo history', () => {
  it('holds a bulletin for each of the 12 past months, stored as generated at 08:00 on the 1st', () => {
    const stored = listBulletins(t.db, 1, 50).rows;
    expect(stored.map((b) => b.month).sort()).toEqual(months);
    for (const b of stored) expect(b.generatedAt.getTime(), b.month).toBe(bulletinDueAt(b.month).getTime());
  });

  it('gives every bulletin non-zero alerts and records, and the latest one too', () => {
    for (const month of months) {
      const v = bulletinView(bulletinByMonth(t.db, month)!, { all: true });
      const alerts = Object.values(v.totals.alertsByColour).reduce((a, b) => a + b, 0);
      expect(alerts, month).toBeGreaterThan(0);
      expect(v.totals.incidents + v.totals.hazards.general + v.totals.hazards.major, month).toBeGreaterThan(0);
      expect(
        v.trend.some((m) => Object.values(m.counts).some((n) => n > 0)),
        month,
      ).toBe(true);
    }
  });

  it('spreads alerts over the year, acknowledges and reads most old ones, leaves the last days untouched', () => {
    const byMonth = rows<{ m: string; n: number; ack: number }>(
      `SELECT strftime('%Y-%m', fired_at / 1000, 'unixepoch', '+8 hours') AS m, count(*) AS n,
              sum(acknowledged_at IS NOT NULL) AS ack FROM alerts GROUP BY m`,
    );
    for (const m of months) expect(byMonth.find((r) => r.m === m)?.n ?? 0, m).toBeGreaterThan(0);
    const old = rows<{ n: number; ack: number }>(
      'SELECT count(*) AS n, sum(acknowledged_at IS NOT NULL) AS ack FROM alerts WHERE fired_at < ?',
      now.getTime() - 60 * DAY_MS,
    )[0]!;
    expect(old.ack / old.n).toBeGreaterThan(0.7);
    expect(one('SELECT count(*) AS n FROM alerts WHERE fired_at >= ? AND acknowledged_at IS NOT NULL', now.getTime() - 2 * DAY_MS)).toBe(0);
    // Nothing is dated after now; each acknowledgement follows its alert and is in the audit trail.
    expect(one('SELECT count(*) AS n FROM alerts WHERE fired_at > ? OR acknowledged_at > ?', now.getTime(), now.getTime())).toBe(0);
    expect(one('SELECT count(*) AS n FROM alert_reads WHERE read_at > ?', now.getTime())).toBe(0);
    expect(one('SELECT count(*) AS n FROM alerts WHERE acknowledged_at < fired_at')).toBe(0);
    expect(one("SELECT count(*) AS n FROM audit_log WHERE action = 'alert.acknowledge'")).toBe(
      one('SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NOT NULL'),
    );
    // The office has read much of it, not all; the leader some.
    const office = resolveActor(t.db, { cliLogin: 'office' })!;
    const total = one('SELECT count(*) AS n FROM alerts');
    const unread = unreadAlertCount(t.db, office);
    expect(unread).toBeGreaterThan(0);
    expect(unread).toBeLessThan(total / 2);
    expect(one("SELECT count(*) AS n FROM alert_reads r JOIN users u ON u.id = r.user_id WHERE u.login = 'leader'")).toBeGreaterThan(0);
  });

  it('leaves the jobs at start nothing to catch up on: no bulletin is generated twice', async () => {
    expect(await catchUpBulletins(t.db, now)).toEqual([]);
  });

  it('is the same for the same seed and date', async () => {
    const again = createTestDb();
    try {
      await bootstrap(again.db, parseEnv({}), now);
      const snapshot = (db: TestDb['db']) =>
        JSON.stringify([
          db.$client
            .prepare(
              'SELECT rule, subject_key, period, colour, fired_at, acknowledged_at, acknowledged_by, acknowledge_comment FROM alerts ORDER BY id',
            )
            .all(),
          db.$client.prepare('SELECT user_id, alert_id, read_at FROM alert_reads ORDER BY id').all(),
          db.$client.prepare('SELECT month, body FROM bulletins ORDER BY month').all(),
        ]);
      expect(snapshot(again.db)).toBe(snapshot(t.db));
    } finally {
      again.close();
    }
  });

  it('is stored with the academy in one transaction: a failure leaves nothing', () => {
    const fresh = createTestDb();
    try {
      const accounts = demoUsers.map((u) => ({ ...u, passwordHash: 'x' }));
      expect(() =>
        insertDemo(fresh.db, generateDemo(now), accounts, now, () => {
          seedDemoHistory(fresh.db, now, DEMO_SEED);
          throw new Error('disk full');
        }),
      ).toThrow('disk full');
      for (const table of ['units', 'users', 'alerts', 'alert_reads', 'bulletins', 'audit_log'])
        expect(fresh.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    } finally {
      fresh.close();
    }
  });
});
