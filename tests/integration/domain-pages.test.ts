import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { insertDataset } from '@/features/demo/insert-dataset';
import { listRecords, type RecordFilters } from '@/db/queries/records';
import type { RecordKind } from '@/db/queries/record-kinds';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { exportableTables } from '@/features/dashboards/export-registry';
import { tableXlsx } from '@/platform/spreadsheets/table-xlsx';
import {
  daysOverdue,
  domainView,
  findDomain,
  loadDomainFigures,
  loadDomainIndex,
  loadDomainLevels,
  loadDomainOpenMajor,
  loadDomainRanking,
  loadDomainSerious,
  loadDomainTrend,
} from '@/features/dashboards/domain-view';
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
import { ensureYearRatings } from '@/features/rating/year-ratings';
import {
  buildAssessment,
  buildAssessmentDimension,
  buildEthicsCommittee,
  buildHazard,
  buildIncident,
  buildProject,
} from '@/features/demo/factories';
import { DAY_MS, shanghaiDate, yearStart } from '@/domain/time/shanghai';
import { listQuerySchema } from '@/components/records/list-query';
import { parseInstant } from '@/domain/records/instant';
import { listUnitsInScope } from '@/db/queries/units';

// The domain and unit pages' figures from a small known dataset on a real migrated SQLite file, and the
// promise behind every drill-down link: the count on the page equals the total of the list it opens.
let t: TestDb;
const now = new Date('2026-11-23T10:00:00+08:00');
const at = (iso: string) => new Date(`${iso}+08:00`);
const own = (id: number) => ({ unitId: id, instituteId: id === org.BJ01_D1 ? org.BJ01 : id });
let office: Actor;
let branchOfficer: Actor;
let shReporter: Actor;

beforeAll(async () => {
  t = createTestDb();
  await seedSmallOrg(t.db); // every owner: one ai project, assessment (blue), general hazard and tier IV incident on 2026-03-04
  insertDataset(t.db, {
    units: [],
    projects: [buildProject({ id: 1001, ...own(org.BJ01), domain: 'drones', title: 'Swarm', startedAt: at('2026-04-02T00:00:00') })],
    assessments: [
      buildAssessment({ id: 1101, ...own(org.BJ01), projectId: 1001, status: 'approved', submittedAt: at('2026-04-01T09:00:00') }),
    ],
    assessmentDimensions: [
      buildAssessmentDimension({ assessmentId: 1101, dimension: 'loss', likelihood: 4, impact: 5 }), // 20: red
      buildAssessmentDimension({ assessmentId: 1101, dimension: 'data', likelihood: 1, impact: 2 }),
    ],
    hazards: [
      // Open, major, overdue since 2026-03-01.
      buildHazard({
        id: 1201,
        ...own(org.BJ02),
        domain: 'drones',
        severity: 'major',
        foundAt: at('2026-02-01T10:00:00'),
        dueAt: at('2026-03-01T10:00:00'),
      }),
      // Major but rectified: counted as found, not as open.
      buildHazard({
        id: 1202,
        ...own(org.SH01),
        domain: 'drones',
        severity: 'major',
        foundAt: at('2026-08-01T10:00:00'),
        dueAt: at('2026-09-01T10:00:00'),
        rectifiedAt: at('2026-08-20T10:00:00'),
        status: 'rectified',
      }),
      // BJ01's most overdue open hazard (due 2026-01-10), found last year.
      buildHazard({ id: 1203, ...own(org.BJ01), domain: 'ai', foundAt: at('2025-12-01T10:00:00'), dueAt: at('2026-01-10T10:00:00') }),
    ],
    incidents: [
      buildIncident({ id: 1301, ...own(org.BJ01), domain: 'drones', tier: 3, occurredAt: at('2026-05-01T10:00:00') }),
      // Reported as tier IV, but 3 deaths make it tier III.
      buildIncident({ id: 1302, ...own(org.BJ01_D1), domain: 'drones', tier: 4, deaths: 3, occurredAt: at('2026-06-01T10:00:00') }),
      buildIncident({ id: 1303, ...own(org.BJ01), domain: 'drones', tier: 2, occurredAt: at('2026-06-10T10:00:00'), status: 'withdrawn' }),
      buildIncident({ id: 1304, ...own(org.SH01), domain: 'drones', tier: 1, occurredAt: at('2026-07-01T10:00:00') }),
      buildIncident({ id: 1305, ...own(org.BJ01), domain: 'drones', tier: 4, occurredAt: at('2025-06-15T10:00:00') }),
    ],
    inspections: [],
    ethicsCommittees: [
      buildEthicsCommittee({
        id: 1401,
        ...own(org.BJ01),
        establishedAt: at('2024-05-01T00:00:00'),
        registeredAt: at('2024-05-20T00:00:00'),
      }),
    ],
    ethicsActivities: [],
    ethicsAnnualReports: [],
  });
  await addUser(t.db, 'bj.officer', 'branch_officer', 'BJ');
  await addUser(t.db, 'sh01.reporter', 'reporter', 'SH01');
  await addUser(t.db, 'office', 'office', 'HX');
  office = resolveActor(t.db, { cliLogin: 'office' })!;
  branchOfficer = resolveActor(t.db, { cliLogin: 'bj.officer' })!;
  shReporter = resolveActor(t.db, { cliLogin: 'sh01.reporter' })!;
});
afterAll(() => t.close());

const params = (p: Record<string, string> = {}) => new URLSearchParams({ year: '2026', ...p });
const drones = () => findDomain(t.db, 'drones')!;

/** The total the record list shows for a drill-down address, read the way the list page reads its URL. */
function listTotal(actor: Actor, href: string): number {
  const url = new URL(href, 'http://x');
  const kind = url.pathname.split('/')[2] as RecordKind;
  const q = listQuerySchema.parse(Object.fromEntries(url.searchParams));
  const unit = listUnitsInScope(t.db, actor.scope).find((u) => u.code === q.unit);
  const day = (s?: string) => (s ? (parseInstant(s) as { ok: true; value: Date }).value : undefined);
  const to = day(q.to);
  const filters: RecordFilters = {
    status: q.status,
    domain: q.domain,
    unitPath: unit?.path,
    from: day(q.from),
    to: to ? new Date(to.getTime() + DAY_MS) : undefined,
    severity: q.severity,
    tier: q.tier,
    level: q.level,
    state: q.state,
    now,
  };
  return listRecords(t.db, actor.scope, kind, filters).total;
}

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

describe('unit pages', () => {
  it('is out of reach outside the viewer’s scope', () => {
    expect(unitView(t.db, shReporter, 'BJ01')).toBeNull();
    expect(unitView(t.db, branchOfficer, 'SH01')).toBeNull();
    expect(unitView(t.db, branchOfficer, 'BJ01')).not.toBeNull();
    expect(exportableTables['unit-open-hazards']!.load(t.db, shReporter, new URLSearchParams({ unit: 'BJ01' }), 'en', now)).toBeNull();
  });

  it('lists open hazards of the unit and its departments, most overdue first, with their days', () => {
    const view = unitView(t.db, office, 'BJ01')!;
    const { rows, total } = loadUnitOpenHazards(t.db, view);
    expect(total).toBe(3);
    expect(rows[0]!.id).toBe(1203);
    // Due 2026-01-10 10:00 → 317 days; the seeded ones are due 2026-04-03 09:30 → 234 days and 30 minutes: 235 (a started day counts).
    expect(rows.map((r) => daysOverdue(r.dueAt, now))).toEqual([317, 235, 235]);
    expect(daysOverdue(shanghaiDate(2026, 11, 30, 10), now)).toBe(-7);
    expect(listTotal(office, recordsHref('hazards', { unit: 'BJ01', state: 'open' }))).toBe(total);
  });

  it('shows projects with their latest assessment, incidents with their effective tier, ethics duties with deadlines', () => {
    const view = unitView(t.db, office, 'BJ01')!;
    const projects = loadUnitProjects(t.db, view);
    expect(projects.total).toBe(3);
    const swarm = projects.rows.find((p) => p.id === 1001)!;
    expect(swarm.assessment).toMatchObject({ id: 1101, status: 'approved', score: 20 });
    expect(projects.rows.filter((p) => p.id !== 1001).every((p) => p.assessment?.score === 4)).toBe(true);

    const incidents = loadUnitIncidents(t.db, view);
    // Newest first, the withdrawn one shown (struck through on the page); tiers are the effective ones.
    expect(incidents.rows.map((r) => r.tier)).toEqual([2, 3, 3, 4, 4, 4]);
    expect(incidents.rows.map((r) => r.id).filter((id) => id > 1000)).toEqual([1303, 1302, 1301, 1305]);
    expect(incidents.total).toBe(6);

    const duties = loadUnitEthics(t.db, view, now);
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

  it('gives each rated year a one-line reason', () => {
    ensureYearRatings(t.db, 2026, now);
    const view = unitView(t.db, office, 'BJ01')!;
    const years = loadUnitRatings(t.db, view);
    const y2026 = years.find((y) => y.year === 2026)!;
    expect(y2026.reasons.find((r) => r.rule === 'incident.tier3')).toEqual({ rule: 'incident.tier3', n: 2, points: 40 });
    const line = ratingSummary(y2026, 'en');
    expect(line).toContain('×2: +40');
    expect(line).toMatch(/floor orange/);
    expect(ratingSummary(y2026, 'zh-CN')).toContain('底线 橙');
    expect(loadUnitRatings(t.db, unitView(t.db, office, 'BJ01-D1')!)).toEqual([]);
    expect(yearStart(2026).getTime()).toBeLessThan(now.getTime());
  });
});
