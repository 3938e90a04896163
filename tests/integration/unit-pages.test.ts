import { beforeAll, describe, expect, it } from 'vitest';
import { listTotal, now, page, seedDashboardPages } from './dashboard-pages-setup';
import { exportableTables } from '@/features/dashboards/export-registry';
import { daysOverdue } from '@/features/dashboards/domain-view';
import {
  loadUnitEthics,
  loadUnitIncidents,
  loadUnitOpenHazards,
  loadUnitProjects,
  loadUnitRatings,
  ratingSummary,
  unitView,
} from '@/features/dashboards/unit-view';
import { recordsHref } from '@/domain/dashboards/drill';
import { refreshProvisionalRatings } from '@/features/rating/refresh';
import { shanghaiDate, yearStart } from '@/domain/time/shanghai';

// The unit pages' sections from the same small dataset as the domain pages (dashboard-pages-setup.ts).
seedDashboardPages();
// Filled by the set-up's beforeAll, which runs first.
let { t, office, branchOfficer, shReporter } = page;
beforeAll(() => ({ t, office, branchOfficer, shReporter } = page));

describe('unit pages', () => {
  it('is out of reach outside the viewer’s scope', async () => {
    expect(await unitView(t.db, shReporter, 'BJ01')).toBeNull();
    expect(await unitView(t.db, branchOfficer, 'SH01')).toBeNull();
    expect(await unitView(t.db, branchOfficer, 'BJ01')).not.toBeNull();
    expect(
      await exportableTables['unit-open-hazards']!.load(t.db, shReporter, new URLSearchParams({ unit: 'BJ01' }), 'en', now),
    ).toBeNull();
  });

  it('lists open hazards of the unit and its departments, most overdue first, with their days', async () => {
    const view = (await unitView(t.db, office, 'BJ01'))!;
    const { rows, total } = await loadUnitOpenHazards(t.db, view);
    expect(total).toBe(3);
    expect(rows[0]!.id).toBe(1203);
    // Due 2026-01-10 10:00 → 317 days; the seeded ones are due 2026-04-03 09:30 → 234 days and 30 minutes: 235 (a started day counts).
    expect(rows.map((r) => daysOverdue(r.dueAt, now))).toEqual([317, 235, 235]);
    expect(daysOverdue(shanghaiDate(2026, 11, 30, 10), now)).toBe(-7);
    expect(await listTotal(office, recordsHref('hazards', { unit: 'BJ01', state: 'open' }))).toBe(total);
  });

  it('shows projects with their latest assessment, incidents with their effective tier, ethics duties with deadlines', async () => {
    const view = (await unitView(t.db, office, 'BJ01'))!;
    const projects = await loadUnitProjects(t.db, view);
    expect(projects.total).toBe(3);
    const swarm = projects.rows.find((p) => p.id === 1001)!;
    expect(swarm.assessment).toMatchObject({ id: 1101, status: 'approved', score: 20 });
    expect(projects.rows.filter((p) => p.id !== 1001).every((p) => p.assessment?.score === 4)).toBe(true);

    const incidents = await loadUnitIncidents(t.db, view);
    // Newest first, the withdrawn one shown (struck through on the page); tiers are the effective ones.
    expect(incidents.rows.map((r) => r.tier)).toEqual([2, 3, 3, 4, 4, 4]);
    expect(incidents.rows.map((r) => r.id).filter((id) => id > 1000)).toEqual([1303, 1302, 1301, 1305]);
    expect(incidents.total).toBe(6);

    const duties = await loadUnitEthics(t.db, view, now);
    const byState = (s: string) => duties.filter((d) => d.state === s).map((d) => d.kind);
    // The 2026 committees and activities (BJ01 and its department) missed registration on 2026-04-03.
    expect(byState('overdue').sort()).toEqual([
      'activityRegistration',
      'activityRegistration',
      'committeeRegistration',
      'committeeRegistration',
    ]);
    expect(duties.find((d) => d.state === 'overdue')!.days).toBe(235);
    expect(byState('pending')).toEqual(['activityReReview', 'activityReReview']);
    // The 2024 committee registered in time; the 2024 report came on 2026-03-04 (late), the 2025 one in time.
    const reports = duties.filter((d) => d.kind === 'annualReport').map((d) => [d.reference, d.state]);
    expect(reports.sort()).toEqual([
      ['AR-2024', 'late'],
      ['AR-2025', 'done'],
    ]);
    expect(duties.find((d) => d.reference === 'AR-2025')!.deadline).toEqual(shanghaiDate(2026, 4, 1));
    expect(duties.findIndex((d) => d.state === 'overdue')).toBe(0);
  });

  it('gives each rated year a one-line reason', async () => {
    // Stored by the daily job (and at start): reads never rate (decision 045).
    await refreshProvisionalRatings(t.db, now);
    const view = (await unitView(t.db, office, 'BJ01'))!;
    const years = await loadUnitRatings(t.db, view);
    const y2026 = years.find((y) => y.year === 2026)!;
    expect(y2026.reasons.find((r) => r.rule === 'incident.tier3')).toEqual({ rule: 'incident.tier3', n: 2, points: 40 });
    const line = ratingSummary(y2026, 'en');
    expect(line).toContain('×2: +40');
    expect(line).toMatch(/floor orange/);
    expect(ratingSummary(y2026, 'zh-CN')).toContain('底线 橙');
    expect(await loadUnitRatings(t.db, (await unitView(t.db, office, 'BJ01-D1'))!)).toEqual([]);
    expect(yearStart(2026).getTime()).toBeLessThan(now.getTime());
  });
});
