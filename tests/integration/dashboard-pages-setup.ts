import { afterAll, beforeAll } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { insertDataset } from '@/features/demo/insert-dataset';
import { listRecords, type RecordFilters } from '@/db/records';
import type { RecordKind } from '@/db/records/record-kinds';
import { resolveActor } from '@/features/auth/resolve-actor';
import type { Actor } from '@/domain/auth/actor';
import { findDomain } from '@/features/dashboards/domain-view';
import {
  buildAssessment,
  buildAssessmentDimension,
  buildEthicsCommittee,
  buildHazard,
  buildIncident,
  buildProject,
} from '@/features/demo/factories';
import { DAY_MS } from '@/domain/time/shanghai';
import { listQuerySchema } from '@/components/records/list-query';
import { parseInstant } from '@/domain/records/instant';
import { listUnitsInScope } from '@/db/units/units';

// The domain and unit pages' figures from a small known dataset on a real migrated SQLite file, and the
// promise behind every drill-down link: the count on the page equals the total of the list it opens.
export const page = {} as { t: TestDb; office: Actor; branchOfficer: Actor; shReporter: Actor };
export const now = new Date('2026-11-23T10:00:00+08:00');
export const at = (iso: string) => new Date(`${iso}+08:00`);
const own = (id: number) => ({ unitId: id, instituteId: id === org.BJ01_D1 ? org.BJ01 : id });
/** Seeds the shared dataset before a file's tests and closes it after; the handles are on `page`. */
export function seedDashboardPages(): void {
  beforeAll(async () => {
    const t = await createTestDb();
    page.t = t;
    await seedSmallOrg(t.db); // every owner: one ai project, assessment (blue), general hazard and tier IV incident on 2026-03-04
    await insertDataset(t.db, {
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
        buildIncident({
          id: 1303,
          ...own(org.BJ01),
          domain: 'drones',
          tier: 2,
          occurredAt: at('2026-06-10T10:00:00'),
          status: 'withdrawn',
        }),
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
    page.office = (await resolveActor(t.db, { cliLogin: 'office' }))!;
    page.branchOfficer = (await resolveActor(t.db, { cliLogin: 'bj.officer' }))!;
    page.shReporter = (await resolveActor(t.db, { cliLogin: 'sh01.reporter' }))!;
  });
  afterAll(() => page.t.close());
}

export const params = (p: Record<string, string> = {}) => new URLSearchParams({ year: '2026', ...p });
export const drones = async () => (await findDomain(page.t.db, 'drones'))!;

/** The total the record list shows for a drill-down address, read the way the list page reads its URL. */
export async function listTotal(actor: Actor, href: string): Promise<number> {
  const url = new URL(href, 'http://x');
  const kind = url.pathname.split('/')[2] as RecordKind;
  const q = listQuerySchema.parse(Object.fromEntries(url.searchParams));
  const unit = (await listUnitsInScope(page.t.db, actor.scope)).find((u) => u.code === q.unit);
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
  return (await listRecords(page.t.db, actor.scope, kind, filters)).total;
}
