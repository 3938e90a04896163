import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestDb } from '../setup/test-db';
import { createDemoDb } from '../setup/demo-db';
import { countRecordsByKind, hazardStatus, incidentsByDomainAndTier } from '@/db/dashboards/overview';
import { subtreeUnitIds, unitByCode } from '@/db/units/units';
import { yearStart } from '@/domain/time/shanghai';
import { ALL_UNITS } from '@/domain/auth/actor';
import { sql } from 'drizzle-orm';
import { rawAll, rawGet, rawRun } from '@/db/engine';

// The overview's figures against hand-written SQL over the same demo database.
let t: TestDb;
const now = new Date('2026-11-23T10:00:00+08:00');

beforeAll(async () => {
  t = await createDemoDb(now, { ratings: false });
});
afterAll(() => t.close());

// RATING.md §3: the effective tier is the more serious of the tier set and the tier the figures imply.
const EFFECTIVE_TIER = `CASE WHEN tier <= 1 OR deaths >= 30 OR serious_injuries >= 100 OR direct_loss_cny >= 100000000 THEN 1
  WHEN tier <= 2 OR deaths >= 10 OR serious_injuries >= 50 OR direct_loss_cny >= 50000000 THEN 2
  WHEN tier <= 3 OR deaths >= 3 OR serious_injuries >= 10 OR direct_loss_cny >= 10000000 THEN 3 ELSE 4 END`;

it('counts incidents of the Shanghai-local year by domain and effective tier, whole academy and one branch', async () => {
  // One incident set at tier IV whose 3 deaths make it tier III must count as tier III.
  const raised = (await rawGet<{ id: number; domain: string }>(
    t.db,
    sql`SELECT id, domain FROM incidents WHERE tier = 4 AND occurred_at >= ${yearStart(2026).getTime()} AND status != 'withdrawn' LIMIT 1`,
  ))!;
  await rawRun(t.db, sql`UPDATE incidents SET deaths = 3 WHERE id = ${raised.id}`);
  const from = yearStart(2026);
  expect(from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
  const bj = (await unitByCode(t.db, 'BJ'))!;
  for (const scope of [ALL_UNITS, { all: false as const, unitIds: await subtreeUnitIds(t.db, bj) }]) {
    const cells = await incidentsByDomainAndTier(t.db, scope, from, now);
    const unitFilter = scope.all ? '' : `AND unit_id IN (${scope.unitIds.join(',')})`;
    const raw = await rawAll<{ domain: string; tier: number; n: number }>(
      t.db,
      sql`SELECT domain, ${sql.raw(EFFECTIVE_TIER)} AS tier, count(*) AS n FROM incidents WHERE occurred_at >= ${from.getTime()} AND occurred_at < ${now.getTime()} AND status != 'withdrawn' ${sql.raw(unitFilter)} GROUP BY 1, 2`,
    );
    const key = (c: { domain: string; tier: number }) => `${c.domain}/${c.tier}`;
    expect(new Map(cells.map((c) => [key(c), c.n]))).toEqual(new Map(raw.map((c) => [key(c), c.n])));
    expect(raw.length).toBeGreaterThan(0);
  }
});

it('counts open and overdue hazards at an instant', async () => {
  const s = await hazardStatus(t.db, ALL_UNITS, now);
  const raw = (await rawGet<{ open: number; overdue: number; major: number }>(
    t.db,
    sql`SELECT count(*) AS open, sum(CASE WHEN due_at < ${now.getTime()} THEN 1 ELSE 0 END) AS overdue, sum(CASE WHEN due_at < ${now.getTime()} AND severity = 'major' THEN 1 ELSE 0 END) AS major FROM hazards WHERE rectified_at IS NULL AND status = 'open'`,
  ))!;
  expect(s).toEqual({ open: raw.open, overdue: raw.overdue, majorOverdue: raw.major });
  expect(s.overdue).toBeGreaterThan(0);
  expect(s.majorOverdue).toBeGreaterThan(0);
});

it('counts records of every kind for a scope of many units, whose ids eight subqueries could not all bind', async () => {
  const bj = (await unitByCode(t.db, 'BJ'))!;
  const branch = await subtreeUnitIds(t.db, bj);
  // 8 kinds × 5,000 ids would pass SQLite's 32,766 parameters in one statement.
  const many = { all: false as const, unitIds: [...branch, ...Array.from({ length: 5_000 }, (_, i) => 10_000_000 + i)] };
  const counts = await countRecordsByKind(t.db, many);
  expect(counts).toEqual(await countRecordsByKind(t.db, { all: false, unitIds: branch }));
  const incidents = await rawGet<{ n: number }>(
    t.db,
    sql`SELECT count(*) AS n FROM incidents WHERE unit_id IN (${sql.raw(branch.join(','))})`,
  );
  expect(counts.incidents).toBe(Number(incidents!.n));
  expect(counts.incidents).toBeGreaterThan(0);
});
