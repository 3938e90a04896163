import type { Db } from '@/db/client';
import { insertDataset } from '@/features/demo/insert-dataset';
import { createUser } from '@/features/auth/users';
import type { Role } from '@/db/schema';
import {
  buildAssessment,
  buildAssessmentDimension,
  buildEthicsActivity,
  buildEthicsAnnualReport,
  buildEthicsCommittee,
  buildHazard,
  buildIncident,
  buildInspection,
  buildProject,
  buildUnit,
} from '@/features/demo/factories';
import { recordKindCodes, type RecordKind } from '@/db/records/record-kinds';

// A small academy for integration tests: two branches, three institutes, one department.
//   HX(1) ─ BJ(2) ─ BJ01(4) ─ BJ01-D1(7)
//         │       └ BJ02(5)
//         └ SH(3) ─ SH01(6)
export const org = { HX: 1, BJ: 2, SH: 3, BJ01: 4, BJ02: 5, SH01: 6, BJ01_D1: 7 } as const;
type Owner = { unitId: number; instituteId: number };
const owners: Record<'BJ01' | 'BJ02' | 'SH01' | 'BJ01_D1', Owner> = {
  BJ01: { unitId: org.BJ01, instituteId: org.BJ01 },
  BJ02: { unitId: org.BJ02, instituteId: org.BJ02 },
  SH01: { unitId: org.SH01, instituteId: org.SH01 },
  BJ01_D1: { unitId: org.BJ01_D1, instituteId: org.BJ01 },
};

/** Ids of the one record of each kind that each owning unit holds, by kind and owner. */
export type RecordIds = Record<RecordKind, Record<keyof typeof owners, number>>;

export const TEST_PASSWORD = 'correct-horse-battery';

export async function seedSmallOrg(db: Db, at = new Date('2026-03-04T09:30:00+08:00')): Promise<RecordIds> {
  const units = [
    buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
    buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
    buildUnit({ id: 3, code: 'SH', kind: 'branch', parentId: 1, path: '/1/3/' }),
    buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
    buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
    buildUnit({ id: 6, code: 'SH01', kind: 'institute', parentId: 3, path: '/1/3/6/', instituteId: 6 }),
    buildUnit({ id: 7, code: 'BJ01-D1', kind: 'department', parentId: 4, path: '/1/2/4/7/', instituteId: 4 }),
  ];
  const entries = Object.entries(owners) as [keyof typeof owners, Owner][];
  const ids = {} as RecordIds;
  const put = (kind: RecordKind, owner: keyof typeof owners, id: number) => ((ids[kind] ??= {} as RecordIds[RecordKind])[owner] = id);
  // Each kind gets its own id range (projects 101…, assessments 201…), so a query that read the wrong
  // table could not return the expected ids by accident.
  const idOf = (kind: RecordKind, i: number) => (recordKindCodes.indexOf(kind) + 1) * 100 + i + 1;
  const projects = entries.map(
    ([name, o], i) => (put('projects', name, idOf('projects', i)), buildProject({ id: idOf('projects', i), ...o, startedAt: at })),
  );
  const assessments = entries.map(
    ([name, o], i) => (
      put('assessments', name, idOf('assessments', i)),
      buildAssessment({ id: idOf('assessments', i), ...o, projectId: idOf('projects', i), submittedAt: at })
    ),
  );
  const withIds = <T>(kind: RecordKind, build: (o: Owner, i: number) => T) =>
    entries.map(([name, o], i) => (put(kind, name, idOf(kind, i)), { id: idOf(kind, i), ...build(o, i) }));
  await insertDataset(db, {
    units,
    projects,
    assessments,
    assessmentDimensions: assessments.map((a) => buildAssessmentDimension({ assessmentId: a.id! })),
    hazards: withIds('hazards', (o) => buildHazard({ ...o, foundAt: at })),
    incidents: withIds('incidents', (o) => buildIncident({ ...o, occurredAt: at })),
    inspections: withIds('inspections', (o) => buildInspection({ ...o, inspectedAt: at })),
    ethicsCommittees: withIds('ethics-committees', (o) => buildEthicsCommittee({ ...o, establishedAt: at })),
    ethicsActivities: withIds('ethics-activities', (o) => buildEthicsActivity({ ...o, approvedAt: at })),
    ethicsAnnualReports: withIds('ethics-annual-reports', (o) =>
      // An institute files one report a year; the department's fixture row is for another year.
      buildEthicsAnnualReport({ ...o, year: o.unitId === org.BJ01_D1 ? 2024 : 2025, submittedAt: at }),
    ),
  });
  return ids;
}

export async function addUser(db: Db, login: string, role: Role, unitCode: string): Promise<number> {
  return createUser(db, { login, password: TEST_PASSWORD, role, unitCode });
}
