import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addAlert, at, db, location, openDatabase, org, withBulletinsDatabase } from './bulletins-fixture';

// The monthly bulletin on a real migrated SQLite file: catch-up after downtime, content, exactly once,
// frozen, regenerated when deleted. Scope, the API and the PDF: bulletins-reading.test.ts.
const { bulletins, incidents, jobRuns } = await import('@/db/schema');
const { buildIncident } = await import('@/features/demo/factories');
const { catchUpBulletins, generateBulletin } = await import('@/features/bulletins/due-bulletins');
const { bulletinByMonth } = await import('@/db/bulletins/bulletins');
const { bulletinView } = await import('@/domain/bulletins/view');

withBulletinsDatabase();

describe('catch-up at start', () => {
  it('on a fresh database generates only the previous month', async () => {
    expect(await catchUpBulletins(db, at('2026-04-01T08:00:00+08:00'))).toEqual(['2026-03']);
    expect((await db.select().from(bulletins)).map((b) => b.month)).toEqual(['2026-03']);
  });

  it('a server stopped over two month ends generates both missed bulletins when it starts, then none', async () => {
    // April's bulletin is due at 08:00 on 1 May, not earlier.
    expect(await catchUpBulletins(db, at('2026-05-01T07:59:00+08:00'))).toEqual([]);
    // Last bulletin: March. Down from 20 April to 2 June: April and May were missed.
    expect(await catchUpBulletins(db, at('2026-06-02T09:00:00+08:00'))).toEqual(['2026-04', '2026-05']);
    expect(await catchUpBulletins(db, at('2026-06-02T09:05:00+08:00'))).toEqual([]);
    expect((await db.select().from(bulletins)).map((b) => b.month)).toEqual(['2026-03', '2026-04', '2026-05']);
    const runs = (await db.select().from(jobRuns)).filter((r) => r.job === 'monthly-bulletin');
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      ['2026-03', 'done'],
      ['2026-04', 'done'],
      ['2026-05', 'done'],
    ]);
  });
});

describe('content', () => {
  it("counts the month's new incidents by tier, hazards by severity, overdue ones at month end, levels and alerts", async () => {
    const v = bulletinView((await bulletinByMonth(db, '2026-04'))!, { all: true });
    expect(v.totals.incidentsByTier).toEqual([0, 1, 0, 0]);
    expect(v.totals.hazards).toEqual({ general: 0, major: 1 });
    // March's four general hazards (due 3 April) and BJ02's major one (due 20 April) are all open at 1 May.
    expect(v.totals.overdueAtEnd).toEqual({ general: 4, major: 1 });
    const sh01 = v.institutes.find((r) => r.code === 'SH01')!;
    // Yellow from March's unapproved project start; the tier II incident sets the floor to red in April.
    expect([sh01.levelStart, sh01.levelEnd]).toEqual(['yellow', 'red']);
    expect(v.totals.rose).toBeGreaterThanOrEqual(1);
    // Alerts by Shanghai time: the one at 00:30 on 1 May belongs to May.
    expect(v.alerts.map((a) => a.messageEn)).toEqual(['Test alert sh01-apr', 'Test alert bj01d1-apr', 'Test alert academy-apr']);
    const march = bulletinView((await bulletinByMonth(db, '2026-03'))!, { all: true });
    expect(march.totals.incidentsByTier).toEqual([0, 0, 0, 4]);
    expect(march.institutes.find((r) => r.code === 'BJ01')!.incidentsByTier).toEqual([0, 0, 0, 2]); // with its department's
    // The trend: six months ending with the bulletin's month; March's ai records (4 incidents + 4 hazards).
    expect(v.trendMonths).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
    expect(v.trend.find((m) => m.month === '2026-03')!.counts).toMatchObject({ ai: 8 });
    expect(v.trend.find((m) => m.month === '2026-04')!.counts).toEqual({ ai: 1, drones: 1 });
  });
});

describe('exactly once, frozen', () => {
  it('two concurrent runs, in this process and another connection, store the bulletin once', async () => {
    const other = openDatabase(location);
    const now = at('2026-07-01T08:00:00+08:00');
    const outcomes = await Promise.all([
      generateBulletin(db, '2026-06', now),
      generateBulletin(other, '2026-06', now),
      catchUpBulletins(other, now),
    ]);
    other.close();
    expect(outcomes.filter((o) => o === 'generated')).toHaveLength(1);
    expect((await db.select().from(bulletins)).filter((b) => b.month === '2026-06')).toHaveLength(1);
    expect(await generateBulletin(db, '2026-06', now)).toBe('exists');
  });

  it('the stored body does not change when records change afterwards', async () => {
    const before = (await bulletinByMonth(db, '2026-04'))!;
    await db
      .insert(incidents)
      .values(buildIncident({ unitId: org.BJ01, instituteId: org.BJ01, tier: 1, occurredAt: at('2026-04-15T10:00:00+08:00') }));
    await addAlert(org.BJ01, 'red', '2026-04-15T11:00:00+08:00', 'late-apr');
    expect(await generateBulletin(db, '2026-04', at('2026-08-01T09:00:00+08:00'))).toBe('exists');
    expect(await catchUpBulletins(db, at('2026-08-01T09:00:00+08:00'))).toEqual(['2026-07']);
    const after = (await bulletinByMonth(db, '2026-04'))!;
    expect(after.body).toEqual(before.body);
    expect(after.generatedAt).toEqual(before.generatedAt);
    expect(bulletinView(after, { all: true }).totals.incidentsByTier).toEqual([0, 1, 0, 0]);
  });
});

describe('regeneration', () => {
  it('a bulletin deleted by an operator is generated again by the next catch-up, once', async () => {
    await db.delete(bulletins).where(eq(bulletins.month, '2026-07'));
    expect(await catchUpBulletins(db, at('2026-08-02T09:00:00+08:00'))).toEqual(['2026-07']);
    expect(await catchUpBulletins(db, at('2026-08-02T09:00:00+08:00'))).toEqual([]);
    expect((await db.select().from(bulletins)).filter((b) => b.month === '2026-07')).toHaveLength(1);
  });
});
