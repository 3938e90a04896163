import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { serverDbFile } from '../setup/server-db-file';

// The alerts tests' database: a real migrated SQLite file (FENGHUO_DB, set before the database module
// loads) or, in the pg project, the file's PostgreSQL database, holding a small academy whose records sit at
// and just below every rule's threshold at NOW. `location` opens a second engine on it.
const server = serverDbFile('fenghuo-alerts-', 'alerts.db');
export const { location } = server;

export const { getDb, openDatabase } = await import('@/db/client');
const { rawAll } = await import('@/db/engine');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
export const { insertDataset } = await import('@/features/demo/insert-dataset');
const { addUser } = await import('../setup/small-org');
export const f = await import('@/features/demo/factories');

const { emptyDataset } = await import('@/features/demo/demo-dataset');
/** No rows of any kind: a test spreads it and adds the kinds it needs. */
export const empty = emptyDataset();

export const DAY = 86_400_000;
// 15 June 2026, 12:00 in Beijing: after the 06:00 run of the day.
export const NOW = new Date('2026-06-15T12:00:00+08:00');
export const ago = (ms: number) => new Date(NOW.getTime() - ms);
export const ids = { HX: 1, BJ: 2, SH: 3, BJ01: 4, BJ02: 5, SH01: 6 } as const;
export const own = (id: number) => ({ unitId: id, instituteId: id });

export type Row = {
  id: number;
  rule: string;
  subject_kind: string;
  subject_key: string;
  period: string;
  colour: string;
  unit_id: number | null;
};
export const rows = (): Promise<Row[]> => rawAll<Row>(getDb(), sql`SELECT * FROM alerts ORDER BY id`);
export const keyOf = (r: Row) => `${r.rule}|${r.subject_kind}|${r.subject_key}|${r.period}`;

/** Migrates and fills the database before the file's tests; removes it after them. */
export function withAlertsDatabase(): void {
  beforeAll(async () => {
    const db = getDb();
    await migrateDatabase(db);
    await ensureReferenceData(db);
    await insertDataset(db, {
      units: [
        f.buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
        f.buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
        f.buildUnit({ id: 3, code: 'SH', kind: 'branch', parentId: 1, path: '/1/3/' }),
        f.buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
        f.buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
        f.buildUnit({ id: 6, code: 'SH01', kind: 'institute', parentId: 3, path: '/1/3/6/', instituteId: 6 }),
      ],
      assessmentDimensions: [],
      inspections: [],
      ethicsActivities: [],
      ethicsAnnualReports: [],
      projects: [f.buildProject({ id: 1, ...own(ids.BJ01), externalId: 'P-1' })],
      assessments: [
        // Waiting 14 days and 1 ms (fires) and exactly 14 days (does not).
        f.buildAssessment({ id: 1, ...own(ids.BJ01), projectId: 1, externalId: 'ASM-STALE', submittedAt: ago(14 * DAY + 1) }),
        f.buildAssessment({ id: 2, ...own(ids.BJ01), projectId: 1, externalId: 'ASM-FRESH', submittedAt: ago(14 * DAY) }),
      ],
      incidents: [
        // Tier III by the reporter (fires orange) and tier IV with 2 deaths (implies IV: does not fire).
        f.buildIncident({ id: 1, ...own(ids.BJ01), externalId: 'INC-III', domain: 'other', tier: 3, occurredAt: ago(10 * DAY) }),
        f.buildIncident({ id: 2, ...own(ids.BJ01), externalId: 'INC-IV', domain: 'other', tier: 4, deaths: 2, occurredAt: ago(10 * DAY) }),
        // Five drone incidents this month with no history: a surge (≥ 5, > 2 × 0). Tier IV, 5 points each.
        ...[3, 4, 5, 6, 7].map((id) =>
          f.buildIncident({ id, ...own(ids.SH01), externalId: `INC-DR-${id}`, domain: 'drones', tier: 4, occurredAt: ago(id * 3_600_000) }),
        ),
        // Four AI incidents this month: below the minimum of 5.
        ...[8, 9, 10, 11].map((id) =>
          f.buildIncident({ id, ...own(ids.SH01), externalId: `INC-AI-${id}`, domain: 'ai', tier: 4, occurredAt: ago(id * 3_600_000) }),
        ),
      ],
      hazards: [
        // Major, due 1 ms ago (fires orange); general, due now (does not yet).
        f.buildHazard({
          id: 1,
          ...own(ids.BJ02),
          externalId: 'HAZ-LATE',
          domain: 'other',
          severity: 'major',
          foundAt: ago(40 * DAY),
          dueAt: ago(1),
        }),
        f.buildHazard({
          id: 2,
          ...own(ids.BJ02),
          externalId: 'HAZ-DUE',
          domain: 'other',
          severity: 'general',
          foundAt: ago(40 * DAY),
          dueAt: NOW,
        }),
      ],
      ethicsCommittees: [
        // Due (set-up + 30 days) in exactly 7 days: due soon (blue). Due in 8 days: nothing yet.
        f.buildEthicsCommittee({ id: 1, ...own(ids.BJ02), externalId: 'EC-SOON', establishedAt: ago(23 * DAY) }),
        f.buildEthicsCommittee({ id: 2, ...own(ids.SH01), externalId: 'EC-LATER', establishedAt: ago(22 * DAY) }),
      ],
    });
  });
  afterAll(() => {
    getDb().close();
    server.remove();
  });
}

let office: string | null = null;
/** The office user of these tests, added the first time it is asked for. */
export async function officeLogin(): Promise<string> {
  office ??= (await addUser(getDb(), 'alerts.office', 'office', 'HX'), 'alerts.office');
  return office;
}
