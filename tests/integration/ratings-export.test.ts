import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { insertDataset } from '@/features/demo/insert-dataset';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { exportableTables } from '@/features/dashboards/export-registry';
import { tableXlsx } from '@/platform/spreadsheets/table-xlsx';
import { buildIncident } from '@/features/demo/factories';
import { loadRatingsTable } from '@/features/rating/views/ratings-table';
import { refreshProvisionalRatings } from '@/features/rating/refresh';

// Issue 14 item 17: the ratings table exports as XLSX like every other table, with exactly the rows the
// page shows (same scope, year, branch, level and sort), on a real migrated SQLite file.
let t: TestDb;
const now = new Date('2026-11-23T10:00:00+08:00');
let office: Actor;
let branchOfficer: Actor;

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db, new Date('2025-03-04T09:30:00+08:00'));
  await insertDataset(t.db, {
    units: [],
    projects: [],
    assessments: [],
    assessmentDimensions: [],
    hazards: [],
    // A tier II incident makes SH01 red in 2025; a tier III one makes BJ02 orange.
    incidents: [
      buildIncident({ id: 901, unitId: org.SH01, instituteId: org.SH01, tier: 2, occurredAt: new Date('2025-05-01T10:00:00+08:00') }),
      buildIncident({ id: 902, unitId: org.BJ02, instituteId: org.BJ02, tier: 3, occurredAt: new Date('2025-06-01T10:00:00+08:00') }),
    ],
    inspections: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
  });
  await addUser(t.db, 'office', 'office', 'HX');
  await addUser(t.db, 'bj.officer', 'branch_officer', 'BJ');
  // What the daily job does at start (reads never rate, decision 045): the year just ended gets its final ratings.
  await refreshProvisionalRatings(t.db, now);
  office = (await resolveActor(t.db, { cliLogin: 'office' }))!;
  branchOfficer = (await resolveActor(t.db, { cliLogin: 'bj.officer' }))!;
});
afterAll(() => t.close());

const exportOf = async (actor: Actor, p: Record<string, string>, locale: 'en' | 'zh-CN' = 'en') =>
  (await exportableTables.ratings!.load(t.db, actor, new URLSearchParams(p), locale, now))!;

describe('ratings table export', () => {
  it('is registered, and holds the rows of the page in the page’s order, levels coloured and worded', async () => {
    const table = await exportOf(office, { year: '2025' });
    const page = await loadRatingsTable(t.db, office, { year: 2025, sort: 'points' }, now);
    expect(table.rows.map((r) => r[1])).toEqual(page.rows.map((r) => r.unitCode));
    expect(table.rows.map((r) => r[1])).toEqual(['SH01', 'BJ02', 'BJ01']);
    expect(table.rows[0]![3]).toEqual({ text: 'Red', level: 'red' });
    expect(table.columns.map((c) => c.header)).toContain('Change from last year');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(table, 'test')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const sh01 = sheet.getSheetValues().find((r) => Array.isArray(r) && r[2] === 'SH01') as unknown[];
    expect(sh01[4]).toBe('Red');
    expect(sh01[5]).toBe(table.rows[0]![4]);
  });

  it('follows the filters in the address and the viewer’s scope, in the viewer’s language', async () => {
    expect((await exportOf(office, { year: '2025', level: 'red' })).rows.map((r) => r[1])).toEqual(['SH01']);
    expect((await exportOf(office, { year: '2025', sort: 'code' })).rows.map((r) => r[1])).toEqual(['BJ01', 'BJ02', 'SH01']);
    expect((await exportOf(office, { year: '2025', branch: 'SH' })).rows.map((r) => r[1])).toEqual(['SH01']);
    // A branch officer never sees another branch, even when the address asks for it.
    expect((await exportOf(branchOfficer, { year: '2025' })).rows.map((r) => r[1])).toEqual(['BJ02', 'BJ01']);
    expect((await exportOf(branchOfficer, { year: '2025', branch: 'SH' })).rows).toEqual([]);
    const zh = await exportOf(office, { year: '2025' }, 'zh-CN');
    expect(zh.columns[0]!.header).toBe('单位');
    expect(zh.rows[0]![3]).toEqual({ text: '红', level: 'red' });
  });
});
