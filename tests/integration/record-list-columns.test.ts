import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { org, seedSmallOrg, type RecordIds } from '../setup/small-org';
import { insertDataset } from '@/features/demo/insert-dataset';
import { listRecords } from '@/db/records/list';
import { ALL_UNITS } from '@/domain/auth/actor';
import { buildHazard, buildIncident } from '@/features/demo/factories';

// Issue 14 item 16: a record list names a department's institute beside it, lists incidents with their
// effective tier (as the rating counts them) and hazards with severity and deadline. Real SQLite file.
let t: TestDb;
let ids: RecordIds;
const due = new Date('2026-05-01T10:00:00+08:00');

beforeAll(async () => {
  t = await createTestDb();
  ids = await seedSmallOrg(t.db);
  await insertDataset(t.db, {
    units: [],
    projects: [],
    assessments: [],
    assessmentDimensions: [],
    // Reported as tier IV, but 3 deaths make it tier III.
    incidents: [buildIncident({ id: 9001, unitId: org.BJ01_D1, instituteId: org.BJ01, tier: 4, deaths: 3 })],
    hazards: [buildHazard({ id: 9002, unitId: org.BJ02, instituteId: org.BJ02, severity: 'major', dueAt: due })],
    inspections: [],
    ethicsCommittees: [],
    ethicsActivities: [],
    ethicsAnnualReports: [],
  });
});
afterAll(() => t.close());

const row = async (kind: 'incidents' | 'hazards' | 'projects', id: number) =>
  (await listRecords(t.db, ALL_UNITS, kind, { pageSize: 200 })).rows.find((r) => r.id === id)!;

describe('record list columns', () => {
  it('names the institute of a department’s record, and none for an institute’s own', async () => {
    expect(await row('projects', ids.projects.BJ01_D1)).toMatchObject({ unitCode: 'BJ01-D1', instituteCode: 'BJ01' });
    expect((await row('projects', ids.projects.BJ01)).instituteCode).toBeNull();
  });

  it('gives incidents their effective tier beside the tier reported', async () => {
    expect(await row('incidents', 9001)).toMatchObject({ tier: 3, reportedTier: 4, instituteCode: 'BJ01' });
  });

  it('gives hazards their severity and deadline', async () => {
    expect(await row('hazards', 9002)).toMatchObject({ severity: 'major', dueAt: due });
  });
});
