import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { createDemoDb } from '../setup/demo-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { ALL_UNITS, type Scope } from '@/domain/auth/actor';
import { resolveActor } from '@/features/auth/resolve-actor';
import { createApiToken } from '@/features/auth/api-tokens';
import { submitRecords } from '@/features/records/submit';
import { subtreeUnitIds, unitByCode } from '@/db/units/units';
import { listRecords } from '@/db/records';
import { matrixCounts, domainDimensionCounts, monthDomainCounts } from '@/db/dashboards/heatmaps';
import { instituteDomainHeatmap } from '@/features/dashboards/institute-heatmap';
import type { InstituteHeatmap } from '@/domain/dashboards/types';
import { clearMemo } from '@/features/dashboards/memo';
import { lastMonths, yearWindow } from '@/domain/dashboards/filters';
import { samePeriodLastYear } from '@/features/dashboards/overview';
import { sql } from 'drizzle-orm';
import { rawAll, rawGet, rawRun } from '@/db/engine';

const cellOf = (h: InstituteHeatmap, code: string, domain: string) => {
  const row = h.groups.flatMap((g) => g.rows).find((r) => r.institute.code === code)!;
  return row.cells.find((c) => c.domain === domain)!;
};

describe('on the demo academy', () => {
  let t: TestDb;
  const now = new Date('2026-11-23T10:00:00+08:00');
  beforeAll(async () => {
    // With the stored ratings the points and levels come from, as the daily job stores them at start (decision 045).
    t = await createDemoDb(now);
  });
  afterAll(() => t.close());
  beforeEach(() => clearMemo());

  it('counts per institute and domain equal hand-written SQL, whole academy and one branch', async () => {
    const w = yearWindow(2026, now);
    expect(w.fromDay).toBe('2026-01-01');
    expect(w.toDay).toBe('2026-11-23');
    const bj = (await unitByCode(t.db, 'BJ'))!;
    for (const scope of [ALL_UNITS, { all: false, unitIds: await subtreeUnitIds(t.db, bj) } as Scope]) {
      const h = await instituteDomainHeatmap(t.db, scope, { year: 2026, mode: 'counts', kind: 'hazards' }, now);
      const filter = scope.all ? sql`` : sql`AND u.path LIKE ${`${bj.path}%`}`;
      const raw = await rawAll<{ inst: number; domain: string; n: number }>(
        t.db,
        sql`SELECT u.institute_id AS inst, h.domain, count(*) AS n FROM hazards h JOIN units u ON u.id = h.unit_id
           WHERE h.found_at >= ${w.from.getTime()} AND h.found_at < ${w.to.getTime()} AND h.status <> 'withdrawn' ${filter} GROUP BY 1, 2`,
      );
      const got = new Map<string, number>();
      for (const g of h.groups)
        for (const r of g.rows) for (const c of r.cells) if (c.value) got.set(`${r.institute.id}|${c.domain}`, c.value);
      expect(got).toEqual(new Map(raw.map((r) => [`${r.inst}|${r.domain}`, r.n])));
      expect(raw.length).toBeGreaterThan(0);
      if (!scope.all) expect(new Set(h.groups.map((g) => g.branchCode))).toEqual(new Set(['BJ']));
      // Group totals are the sums of their rows.
      for (const g of h.groups) expect(g.total).toBe(g.rows.reduce((s, r) => s + r.total, 0));
    }
  });

  it('points per domain add up to the rating points of the records that have a domain', async () => {
    const h = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'points', kind: 'incidents' }, now);
    expect(h.ratingStatus).toBe('provisional');
    const raw = await rawAll<{ inst: number; points: number }>(
      t.db,
      sql`SELECT r.institute_id AS inst, sum(c.points) AS points FROM ratings r JOIN rating_contributions c ON c.rating_id = r.id
         WHERE r.year = 2026 AND r.status = 'provisional' AND c.record_kind IN ('incidents', 'hazards', 'projects') GROUP BY 1`,
    );
    const totals = new Map(h.groups.flatMap((g) => g.rows).map((r) => [r.institute.id, r.total]));
    for (const r of raw) expect(totals.get(r.inst)).toBe(r.points);
    // Every cell with points is coloured by the level its points fall in; a real zero has no band (issue 14).
    const cells = h.groups.flatMap((g) => g.rows.flatMap((r) => r.cells)).filter((c) => c.state === 'value');
    for (const c of cells)
      expect(c.band).toBe(c.value === 0 ? undefined : c.value >= 50 ? 'red' : c.value >= 25 ? 'orange' : c.value >= 10 ? 'yellow' : 'blue');
  });

  it('a year the product does not offer stores no ratings, and counts filtered by level keep that level', async () => {
    const count = async () => (await rawGet<{ n: number }>(t.db, sql`SELECT count(*) AS n FROM ratings`))!.n;
    const before = await count();
    // The offered years are 2000 to this year (decision 035); 1999 lies before them.
    const old = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 1999, mode: 'points', kind: 'incidents' }, now);
    expect(await count()).toBe(before);
    expect(old.ratingStatus).toBeNull();
    const red = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'counts', kind: 'hazards', level: 'red' }, now);
    const rows = red.groups.flatMap((g) => g.rows);
    const want = (await rawGet<{ n: number }>(
      t.db,
      sql`SELECT count(*) AS n FROM ratings WHERE year = 2026 AND status = 'provisional' AND level = 'red'`,
    ))!;
    expect(want.n).toBeGreaterThan(0);
    expect(rows.length).toBe(want.n);
    expect(rows.every((r) => r.level === 'red')).toBe(true);
  });

  it('drill-down lists hold exactly the records each grid cell counts', async () => {
    const w = yearWindow(2026, now);
    for (const kind of ['incidents', 'hazards', 'assessments'] as const) {
      const cells = (await domainDimensionCounts(t.db, ALL_UNITS, kind, w.from, w.to)).filter((c) => c.n > 0).slice(0, 4);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        const list = await listRecords(t.db, ALL_UNITS, kind, {
          domain: c.domain,
          dimension: c.dimension,
          from: w.from,
          to: w.to,
          state: 'current',
        });
        expect(list.total, `${kind} ${c.domain}/${c.dimension}`).toBe(c.n);
      }
    }
    const matrix = (await matrixCounts(t.db, ALL_UNITS, w.from, w.to)).filter((c) => c.n > 0);
    expect(matrix.length).toBeGreaterThan(3);
    for (const c of matrix) {
      const list = await listRecords(t.db, ALL_UNITS, 'assessments', {
        cell: { likelihood: c.likelihood, impact: c.impact },
        from: w.from,
        to: w.to,
        state: 'current',
      });
      expect(list.total).toBe(c.n);
    }
    const month = lastMonths(now, 24)[20]!;
    for (const c of await monthDomainCounts(t.db, ALL_UNITS, 'incidents', month.from, month.to)) {
      expect(c.month).toBe(month.month);
      expect(
        (await listRecords(t.db, ALL_UNITS, 'incidents', { domain: c.domain, from: month.from, to: month.to, state: 'current' })).total,
      ).toBe(c.n);
    }
  });
});

describe('no data is not zero', () => {
  let t: TestDb;
  const now = new Date('2026-06-01T12:00:00+08:00');
  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallOrg(t.db);
  });
  afterAll(() => t.close());

  it('a unit with live projects in a domain but nothing filed there is "no data"; a filed record makes it a number', async () => {
    clearMemo();
    // SH01 starts a drones project (nothing filed in drones this year).
    await rawRun(
      t.db,
      sql`INSERT INTO projects (external_id, unit_id, institute_id, title, domain, status, created_at, updated_at) VALUES ('P-DRONE', ${org.SH01}, ${org.SH01}, 'UAV', 'drones', 'active', ${now.getTime()}, ${now.getTime()})`,
    );
    const before = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'counts', kind: 'incidents' }, now);
    expect(cellOf(before, 'SH01', 'drones')).toMatchObject({ state: 'nodata', value: 0 });
    // A domain SH01 does not work in and filed nothing in: not involved, not "no data".
    expect(cellOf(before, 'SH01', 'brain_science').state).toBe('none');
    // A project begun after a year does not make that year "no data".
    const lastYear = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2025, mode: 'counts', kind: 'incidents' }, now);
    expect(cellOf(lastYear, 'SH01', 'drones').state).toBe('none');

    // A hazard filed through the product's write path: the cell becomes a value; the incident count is a real 0.
    const token = (await createApiToken(t.db, await addUser(t.db, 'hm.office', 'office', 'HX'), 't')).token;
    const actor = (await resolveActor(t.db, { bearerToken: token }))!;
    const later = new Date(now.getTime() + 60_000);
    await submitRecords(
      t.db,
      actor,
      'hazards',
      [
        {
          externalId: 'HZ-DRONE',
          unitCode: 'SH01',
          domain: 'drones',
          dimension: 'data',
          severity: 'general',
          foundAt: '2026-05-30T10:00:00+08:00',
          dueAt: '2026-07-30T10:00:00+08:00',
        },
      ],
      { now: later, source: 'api' },
    );
    // No clearMemo here: the write moved the data version, so the memo must not serve the old grid.
    const after = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'counts', kind: 'incidents' }, now);
    expect(cellOf(after, 'SH01', 'drones')).toMatchObject({ state: 'value', value: 0 });
    const hazards = await instituteDomainHeatmap(t.db, ALL_UNITS, { year: 2026, mode: 'counts', kind: 'hazards' }, now);
    expect(cellOf(hazards, 'SH01', 'drones')).toMatchObject({ state: 'value', value: 1 });
  });

  it('a reporter of one institute sees only that institute, counted only for its scope', async () => {
    clearMemo();
    const scope: Scope = { all: false, unitIds: [org.BJ01_D1] };
    const h = await instituteDomainHeatmap(t.db, scope, { year: 2026, mode: 'counts', kind: 'hazards' }, now);
    expect(h.groups.flatMap((g) => g.rows.map((r) => r.institute.code))).toEqual(['BJ01']);
    const raw = (await rawGet<{ n: number }>(
      t.db,
      sql`SELECT count(*) AS n FROM hazards WHERE unit_id = ${org.BJ01_D1} AND status <> 'withdrawn' AND found_at >= ${yearWindow(2026, now).from.getTime()}`,
    ))!;
    expect(h.groups[0]!.total).toBe(raw.n);
    // Points are the institute's rating, which a department's user may not see.
    const points = await instituteDomainHeatmap(t.db, scope, { year: 2026, mode: 'points', kind: 'incidents' }, now);
    expect(points.groups.flatMap((g) => g.rows).every((r) => r.total === 0 && r.level === undefined)).toBe(true);
  });
});

it('the same stretch of last year runs through the end of the same calendar day, 29 February to 1 March', () => {
  expect(samePeriodLastYear(new Date('2025-03-10T09:30:00+08:00')).to.toISOString()).toBe(
    new Date('2024-03-11T00:00:00+08:00').toISOString(),
  );
  expect(samePeriodLastYear(new Date('2028-02-29T12:00:00+08:00')).to.toISOString()).toBe(
    new Date('2027-03-02T00:00:00+08:00').toISOString(),
  );
  // Just after midnight it is already the new day.
  expect(samePeriodLastYear(new Date('2025-03-10T00:01:00+08:00')).to.toISOString()).toBe(
    new Date('2024-03-11T00:00:00+08:00').toISOString(),
  );
  expect(samePeriodLastYear(new Date('2026-01-01T00:30:00+08:00')).from.toISOString()).toBe(
    new Date('2025-01-01T00:00:00+08:00').toISOString(),
  );
});
