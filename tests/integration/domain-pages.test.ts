import { beforeAll, describe, expect, it } from 'vitest';
import type { TestDb } from '../setup/test-db';
import type { Actor } from '@/domain/auth/actor';
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

// The domain pages' figures from a small known dataset on a real migrated SQLite file, and the promise
// behind every drill-down link: the count on the page equals the total of the list it opens.
seedDashboardPages();
let t: TestDb;
let office: Actor;
let branchOfficer: Actor;
let shReporter: Actor;
beforeAll(() => ({ t, office, branchOfficer, shReporter } = page));

describe('domain pages', () => {
  it('counts a domain’s year for the whole academy: withdrawn left out, effective tiers, open major hazards now', () => {
    const view = domainView(t.db, office, params(), now);
    const figures = loadDomainFigures(t.db, view, drones(), now);
    expect(figures).toEqual({ incidents: 3, serious: 3, hazards: 2, openMajor: 1, overdueMajor: 1, units: 3 });
    const ai = loadDomainIndex(t.db, view, now).find((r) => r.domain.code === 'ai')!.figures;
    // Four seeded incidents and hazards (BJ01, its department, BJ02, SH01) from three institutes; BJ01's 2025 hazard is last year's.
    expect(ai).toEqual({ incidents: 4, serious: 0, hazards: 4, openMajor: 0, overdueMajor: 0, units: 3 });
  });

  it('every figure equals the total of the record list its link opens, also within a branch', () => {
    for (const [actor, branch] of [
      [office, undefined],
      [office, 'BJ'],
      [branchOfficer, undefined],
    ] as const) {
      const view = domainView(t.db, actor, params(branch ? { branch } : {}), now);
      for (const { domain, figures: f } of loadDomainIndex(t.db, view, now)) {
        const d = { domain: domain.code, unit: branch, year: 2026 };
        expect(listTotal(actor, recordsHref('incidents', { ...d, state: 'current' }))).toBe(f.incidents);
        expect(listTotal(actor, recordsHref('incidents', { ...d, state: 'current', tier: 'serious' }))).toBe(f.serious);
        expect(listTotal(actor, recordsHref('hazards', { ...d, state: 'current' }))).toBe(f.hazards);
        expect(listTotal(actor, recordsHref('hazards', { domain: domain.code, unit: branch, severity: 'major', state: 'open' }))).toBe(
          f.openMajor,
        );
      }
      const mix = loadDomainLevels(t.db, view, drones());
      for (const level of ['blue', 'yellow', 'orange', 'red'] as const)
        expect(
          listTotal(actor, recordsHref('assessments', { domain: 'drones', unit: branch, year: 2026, status: 'approved', level })),
        ).toBe(mix[level]);
    }
    expect(loadDomainLevels(t.db, domainView(t.db, office, params(), now), drones())).toEqual({ blue: 0, yellow: 0, orange: 0, red: 1 });
  });

  it('ranks the institutes involved by the rating’s points for the domain, within the viewer’s scope', () => {
    const all = loadDomainRanking(t.db, domainView(t.db, office, params(), now), drones()).rows;
    expect(all.map((u) => [u.code, u.points, u.incidents, u.serious, u.hazards, u.openMajor])).toEqual([
      ['SH01', 100 + 4, 1, 1, 1, 0],
      ['BJ01', 20 + 20, 2, 2, 0, 0],
      ['BJ02', 4, 0, 0, 1, 1],
    ]);
    expect(all[1]!.branchCode).toBe('BJ');
    // The branch officer sees only its branch's institutes, and the same when the office picks that branch.
    const bj = loadDomainRanking(t.db, domainView(t.db, branchOfficer, params({ branch: 'SH' }), now), drones()).rows;
    expect(bj.map((u) => u.code)).toEqual(['BJ01', 'BJ02']);
    expect(loadDomainRanking(t.db, domainView(t.db, office, params({ branch: 'BJ' }), now), drones()).rows.map((u) => u.code)).toEqual([
      'BJ01',
      'BJ02',
    ]);
    // A reporter sees nothing of another institute.
    const sh = domainView(t.db, shReporter, params(), now);
    expect(sh.branches).toEqual([]);
    expect(loadDomainRanking(t.db, sh, drones()).rows.map((u) => u.code)).toEqual(['SH01']);
    expect(loadDomainOpenMajor(t.db, sh, drones()).total).toBe(0);
    expect(loadDomainSerious(t.db, sh, drones()).rows.map((r) => r.externalId)).toEqual([
      t.db.$client.prepare('SELECT external_id AS v FROM incidents WHERE id = 1304').pluck().get(),
    ]);
  });

  it('lists serious incidents by effective tier and open major hazards with days overdue', () => {
    const view = domainView(t.db, office, params(), now);
    expect(loadDomainSerious(t.db, view, drones()).rows.map((r) => [r.id, r.tier])).toEqual([
      [1304, 1],
      [1302, 3],
      [1301, 3],
    ]);
    const open = loadDomainOpenMajor(t.db, view, drones());
    expect(open.rows.map((r) => r.id)).toEqual([1201]);
    // Due 2026-03-01 10:00, now 2026-11-23 10:00: 267 whole days.
    expect(daysOverdue(open.rows[0]!.dueAt, now)).toBe(267);
  });

  it('draws 24 Shanghai months of incidents and hazards up to this month', () => {
    const trend = loadDomainTrend(t.db, domainView(t.db, office, params(), now), drones(), now);
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
    const past = loadDomainTrend(t.db, domainView(t.db, office, params({ year: '2025' }), now), drones(), now);
    expect([past[0]!.month, past[23]!.month]).toEqual(['2024-01', '2025-12']);
  });

  it('exports the tables the page shows, and refuses a domain that does not exist', async () => {
    const view = domainView(t.db, branchOfficer, params(), now);
    const table = exportableTables['domain-units']!.load(t.db, branchOfficer, params({ domain: 'drones' }), 'en', now)!;
    expect(table.rows.map((r) => r[2])).toEqual(loadDomainRanking(t.db, view, drones()).rows.map((u) => u.code));
    expect(exportableTables['domain-units']!.load(t.db, office, params({ domain: 'nope' }), 'en', now)).toBeNull();
    const index = exportableTables.domains!.load(t.db, office, params(), 'zh-CN', now)!;
    expect(index.columns[0]!.header).toBe('领域');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(index, 'test')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const dronesRow = sheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === '无人机') as unknown[];
    expect(dronesRow.slice(2, 8)).toEqual([3, 3, 2, 1, 1, 3]);
  });
});
