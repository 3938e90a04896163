import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawAll, rawGet } from '@/db/engine';
import { monthOf } from '@/db/sql/dialect';
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
// Each of two tests seeds a whole demo academy again: measured ~10 s on SQLite and ~30 s on PostgreSQL
// on a loaded two-core machine, past the default 30 s.
const DEMO_MS = 120_000;
const rows = <T>(query: SQL) => rawAll<T>(t.db, query);
const one = async (query: SQL) => (await rawGet<{ n: number }>(t.db, query))!.n;

beforeAll(async () => {
  t = await createTestDb();
  await bootstrap(t.db, parseEnv({}), now);
});
afterAll(() => t.close());

describe('the demo history', () => {
  it('holds a bulletin for each of the 12 past months, stored as generated at 08:00 on the 1st', async () => {
    const stored = (await listBulletins(t.db, 1, 50)).rows;
    expect(stored.map((b) => b.month).sort()).toEqual(months);
    for (const b of stored) expect(b.generatedAt.getTime(), b.month).toBe(bulletinDueAt(b.month).getTime());
  });

  it('gives every bulletin non-zero alerts and records, and the latest one too', async () => {
    for (const month of months) {
      const v = bulletinView((await bulletinByMonth(t.db, month))!, { all: true });
      const alerts = Object.values(v.totals.alertsByColour).reduce((a, b) => a + b, 0);
      expect(alerts, month).toBeGreaterThan(0);
      expect(v.totals.incidents + v.totals.hazards.general + v.totals.hazards.major, month).toBeGreaterThan(0);
      expect(
        v.trend.some((m) => Object.values(m.counts).some((n) => n > 0)),
        month,
      ).toBe(true);
    }
  });

  it('spreads alerts over the year, acknowledges and reads most old ones, leaves the last days untouched', async () => {
    const byMonth = await rows<{ m: string; n: number; ack: number }>(
      sql`SELECT ${monthOf(t.db, sql`fired_at`)} AS m, count(*) AS n, count(acknowledged_at) AS ack FROM alerts GROUP BY 1`,
    );
    for (const m of months) expect(byMonth.find((r) => r.m === m)?.n ?? 0, m).toBeGreaterThan(0);
    const [old] = await rows<{ n: number; ack: number }>(
      sql`SELECT count(*) AS n, count(acknowledged_at) AS ack FROM alerts WHERE fired_at < ${now.getTime() - 60 * DAY_MS}`,
    );
    expect(old!.ack / old!.n).toBeGreaterThan(0.7);
    expect(
      await one(sql`SELECT count(*) AS n FROM alerts WHERE fired_at >= ${now.getTime() - 2 * DAY_MS} AND acknowledged_at IS NOT NULL`),
    ).toBe(0);
    // Nothing is dated after now; each acknowledgement follows its alert and is in the audit trail.
    expect(await one(sql`SELECT count(*) AS n FROM alerts WHERE fired_at > ${now.getTime()} OR acknowledged_at > ${now.getTime()}`)).toBe(
      0,
    );
    expect(await one(sql`SELECT count(*) AS n FROM alert_reads WHERE read_at > ${now.getTime()}`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM alerts WHERE acknowledged_at < fired_at`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'alert.acknowledge'`)).toBe(
      await one(sql`SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NOT NULL`),
    );
    // The office has read much of it, not all; the leader some.
    const office = (await resolveActor(t.db, { cliLogin: 'office' }))!;
    const total = await one(sql`SELECT count(*) AS n FROM alerts`);
    const unread = await unreadAlertCount(t.db, office);
    expect(unread).toBeGreaterThan(0);
    expect(unread).toBeLessThan(total / 2);
    expect(
      await one(sql`SELECT count(*) AS n FROM alert_reads r JOIN users u ON u.id = r.user_id WHERE u.login = 'leader'`),
    ).toBeGreaterThan(0);
  });

  it('leaves the jobs at start nothing to catch up on: no bulletin is generated twice', async () => {
    expect(await catchUpBulletins(t.db, now)).toEqual([]);
  });

  it(
    'is the same for the same seed and date',
    async () => {
      const again = await createTestDb();
      try {
        await bootstrap(again.db, parseEnv({}), now);
        const snapshot = async (db: TestDb['db']) =>
          JSON.stringify([
            await rawAll(
              db,
              sql`SELECT rule, subject_key, period, colour, fired_at, acknowledged_at, acknowledged_by, acknowledge_comment FROM alerts ORDER BY id`,
            ),
            await rawAll(db, sql`SELECT user_id, alert_id, read_at FROM alert_reads ORDER BY id`),
            await rawAll(db, sql`SELECT month, body FROM bulletins ORDER BY month`),
          ]);
        expect(await snapshot(again.db)).toBe(await snapshot(t.db));
      } finally {
        again.close();
      }
    },
    DEMO_MS,
  );

  it(
    'is stored with the academy in one transaction: a failure leaves nothing',
    async () => {
      const fresh = await createTestDb();
      try {
        const accounts = demoUsers.map((u) => ({ ...u, passwordHash: 'x' }));
        await expect(
          insertDemo(fresh.db, generateDemo(now), accounts, now, async () => {
            await seedDemoHistory(fresh.db, now, DEMO_SEED);
            throw new Error('disk full');
          }),
        ).rejects.toThrow('disk full');
        for (const table of ['units', 'users', 'alerts', 'alert_reads', 'bulletins', 'audit_log'])
          expect(await rawGet(fresh.db, sql`SELECT count(*) AS n FROM ${sql.raw(table)}`), table).toEqual({ n: 0 });
      } finally {
        fresh.close();
      }
    },
    DEMO_MS,
  );
});
