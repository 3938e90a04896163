import { beforeAll, describe, expect, it } from 'vitest';
import { drones, listTotal, now, page, params, seedDashboardPages } from './dashboard-pages-setup';
import ExcelJS from 'exceljs';
import { exportableTables } from '@/features/dashboards/export-registry';
import { tableXlsx } from '@/platform/spreadsheets/table-xlsx';
import {
  daysOverdue,
  domainView,
  loadDomainFigures,
  loadDomainIndex,
  loadDomainLevels,
  loadDomainOpenMajor,
  loadDomainRanking,
  loadDomainSerious,
  loadDomainTrend,
} from '@/features/dashboards/domain-view';
import { recordsHref } from '@/domain/dashboards/drill';
import { sql } from 'drizzle-orm';
import { rawGet } from '@/db/engine';

// The domain pages' figures from a small known dataset on a real migrated SQLite file, and the promise
// behind every drill-down link: the count on the page equals the total of the list it opens.
seedDashboardPages();
// Filled by the set-up's beforeAll, which runs first.
let { t, office, branchOfficer, shReporter } = page;
beforeAll(() => ({ t, office, branchOfficer, shReporter } = page));

describe('domain pages', () => {
  it('counts a domain’s year for the whole academy: withdrawn left out, effective tiers, open major hazards now', async () => {
    const view = await domainView(t.db, office, params(), now);
    const figures = await loadDomainFigures(t.db, view, await drones(), now);
    expect(figures).toEqual({ incidents: 3, serious: 3, hazards: 2, openMajor: 1, overdueMajor: 1, units: 3 });
    const ai = (await loadDomainIndex(t.db, view, now)).find((r) => r.domain.code === 'ai')!.figures;
    // Four seeded incidents and hazards (BJ01, its department, BJ02, SH01) from three institutes; BJ01's 2025 hazard is last year's.
    expect(ai).toEqual({ incidents: 4, serious: 0, hazards: 4, openMajor: 0, overdueMajor: 0, units: 3 });
  });

  it('every figure equals the total of the record list its link opens, also within a branch', async () => {
    for (const [actor, branch] of [
      [office, undefined],
      [office, 'BJ'],
      [branchOfficer, undefined],
    ] as const) {
      const view = await domainView(t.db, actor, params(branch ? { branch } : {}), now);
      for (const { domain, figures: f } of await loadDomainIndex(t.db, view, now)) {
        const d = { domain: domain.code, unit: branch, year: 2026 };
        expect(await listTotal(actor, recordsHref('incidents', { ...d, state: 'current' }))).toBe(f.incidents);
        expect(await listTotal(actor, recordsHref('incidents', { ...d, state: 'current', tier: 'serious' }))).toBe(f.serious);
        expect(await listTotal(actor, recordsHref('hazards', { ...d, state: 'current' }))).toBe(f.hazards);
        expect(
          await listTotal(actor, recordsHref('hazards', { domain: domain.code, unit: branch, severity: 'major', state: 'open' })),
        ).toBe(f.openMajor);
      }
      const mix = await loadDomainLevels(t.db, view, await drones());
      for (const level of ['blue', 'yellow', 'orange', 'red'] as const)
        expect(
          await listTotal(actor, recordsHref('assessments', { domain: 'drones', unit: branch, year: 2026, status: 'approved', level })),
        ).toBe(mix[level]);
    }
    expect(await loadDomainLevels(t.db, await domainView(t.db, office, params(), now), await drones())).toEqual({
      blue: 0,
      yellow: 0,
      orange: 0,
      red: 1,
    });
  });

  it('ranks the institutes involved by the rating’s points for the domain, within the viewer’s scope', async () => {
    const all = (await loadDomainRanking(t.db, await domainView(t.db, office, params(), now), await drones())).rows;
    expect(all.map((u) => [u.code, u.points, u.incidents, u.serious, u.hazards, u.openMajor])).toEqual([
      ['SH01', 100 + 4, 1, 1, 1, 0],
      ['BJ01', 20 + 20, 2, 2, 0, 0],
      ['BJ02', 4, 0, 0, 1, 1],
    ]);
    expect(all[1]!.branchCode).toBe('BJ');
    // The branch officer sees only its branch's institutes, and the same when the office picks that branch.
    const bj = (await loadDomainRanking(t.db, await domainView(t.db, branchOfficer, params({ branch: 'SH' }), now), await drones())).rows;
    expect(bj.map((u) => u.code)).toEqual(['BJ01', 'BJ02']);
    expect(
      (await loadDomainRanking(t.db, await domainView(t.db, office, params({ branch: 'BJ' }), now), await drones())).rows.map(
        (u) => u.code,
      ),
    ).toEqual(['BJ01', 'BJ02']);
    // A reporter sees nothing of another institute.
    const sh = await domainView(t.db, shReporter, params(), now);
    expect(sh.branches).toEqual([]);
    expect((await loadDomainRanking(t.db, sh, await drones())).rows.map((u) => u.code)).toEqual(['SH01']);
    expect((await loadDomainOpenMajor(t.db, sh, await drones())).total).toBe(0);
    expect((await loadDomainSerious(t.db, sh, await drones())).rows.map((r) => r.externalId)).toEqual([
      (await rawGet<{ v: string }>(t.db, sql`SELECT external_id AS v FROM incidents WHERE id = 1304`))?.v,
    ]);
  });

  it('lists serious incidents by effective tier and open major hazards with days overdue', async () => {
    const view = await domainView(t.db, office, params(), now);
    expect((await loadDomainSerious(t.db, view, await drones())).rows.map((r) => [r.id, r.tier])).toEqual([
      [1304, 1],
      [1302, 3],
      [1301, 3],
    ]);
    const open = await loadDomainOpenMajor(t.db, view, await drones());
    expect(open.rows.map((r) => r.id)).toEqual([1201]);
    // Due 2026-03-01 10:00, now 2026-11-23 10:00: 267 whole days.
    expect(daysOverdue(open.rows[0]!.dueAt, now)).toBe(267);
  });

  it('draws 24 Shanghai months of incidents and hazards up to this month', async () => {
    const trend = await loadDomainTrend(t.db, await domainView(t.db, office, params(), now), await drones(), now);
    expect(trend).toHaveLength(24);
    expect(trend[0]!.month).toBe('2024-12');
    expect(trend[23]!.month).toBe('2026-11');
    const by = Object.fromEntries(trend.map((p) => [p.month, [p.incidents, p.hazards]]));
    expect(by['2025-06']).toEqual([1, 0]);
    expect(by['2026-02']).toEqual([0, 1]);
    expect(by['2026-05']).toEqual([1, 0]);
    expect(by['2026-06']).toEqual([1, 0]); // the withdrawn one is left out
    expect(by['2026-07']).toEqual([1, 0]);
    expect(by['2026-08']).toEqual([0, 1]);
    expect(trend.reduce((s, p) => s + p.incidents + p.hazards, 0)).toBe(6);
    // A past year ends with its December.
    const past = await loadDomainTrend(t.db, await domainView(t.db, office, params({ year: '2025' }), now), await drones(), now);
    expect([past[0]!.month, past[23]!.month]).toEqual(['2024-01', '2025-12']);
  });

  it('exports the tables the page shows, and refuses a domain that does not exist', async () => {
    const view = await domainView(t.db, branchOfficer, params(), now);
    const table = (await exportableTables['domain-units']!.load(t.db, branchOfficer, params({ domain: 'drones' }), 'en', now))!;
    expect(table.rows.map((r) => r[2])).toEqual((await loadDomainRanking(t.db, view, await drones())).rows.map((u) => u.code));
    expect(await exportableTables['domain-units']!.load(t.db, office, params({ domain: 'nope' }), 'en', now)).toBeNull();
    const index = (await exportableTables.domains!.load(t.db, office, params(), 'zh-CN', now))!;
    expect(index.columns[0]!.header).toBe('领域');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(index, 'test')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const dronesRow = sheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === '无人机') as unknown[];
    expect(dronesRow.slice(2, 8)).toEqual([3, 3, 2, 1, 1, 3]);
  });
});
