import { afterAll, beforeAll } from 'vitest';
import { serverDbFile } from '../setup/server-db-file';

// The bulletin tests' database: a real migrated SQLite file (FENGHUO_DB, set before the database module
// loads) with the small organisation's March records, April's serious incident and major hazard, and
// alerts of each branch and one academy-wide around the end of April. In the pg project: the file's
// PostgreSQL database. `location` opens a second engine on it.
const server = serverDbFile('fenghuo-bulletins-', 'bulletins.db');
export const { location } = server;

export const { getDb, openDatabase } = await import('@/db/client');
const { migrateDatabase } = await import('@/db/migrate');
const { ensureReferenceData } = await import('@/db/reference/reference');
const { alerts, hazards, incidents } = await import('@/db/schema');
const { seedSmallOrg, addUser } = await import('../setup/small-org');
export const { org } = await import('../setup/small-org');
const { buildHazard, buildIncident } = await import('@/features/demo/factories');
const { createApiToken } = await import('@/features/auth/api-tokens');
const route = await import('@/app/api/v1/bulletins/[month]/route');

type Db = ReturnType<typeof getDb>;
export let db: Db;
export const tokens = {} as { office: string; bj: string; sh01: string };
export const at = (iso: string) => new Date(iso);

export async function addAlert(unitId: number | null, colour: 'blue' | 'yellow' | 'orange' | 'red', firedAt: string, key: string) {
  await db.insert(alerts).values({
    rule: 'incident.serious',
    subjectKind: 'incident',
    subjectKey: key,
    period: firedAt.slice(0, 7),
    colour,
    unitId,
    domain: 'ai',
    messageZh: `测试预警 ${key}`,
    messageEn: `Test alert ${key}`,
    firedAt: at(firedAt),
  });
}

export async function api(month: string, token: string) {
  const res = await route.GET(
    new Request(`http://localhost/api/v1/bulletins/${month}`, { headers: { authorization: `Bearer ${token}` } }),
    {
      params: Promise.resolve({ month }),
    },
  );
  return { status: res.status, body: await res.json() };
}

/** Migrates and fills the database before the file's tests; removes it after them. */
export function withBulletinsDatabase(): void {
  beforeAll(async () => {
    db = getDb();
    await migrateDatabase(db);
    await ensureReferenceData(db);
    await seedSmallOrg(db); // one tier IV incident and one general hazard per institute and the department, 4 March 2026
    // A serious incident in SH01 and a major hazard in BJ02 in April; an alert of each branch and one academy-wide.
    await db
      .insert(incidents)
      .values(buildIncident({ unitId: org.SH01, instituteId: org.SH01, tier: 2, occurredAt: at('2026-04-10T10:00:00+08:00') }));
    await db.insert(hazards).values(
      buildHazard({
        unitId: org.BJ02,
        instituteId: org.BJ02,
        severity: 'major',
        domain: 'drones',
        foundAt: at('2026-04-02T10:00:00+08:00'),
        dueAt: at('2026-04-20T10:00:00+08:00'),
      }),
    );
    await addAlert(org.SH01, 'red', '2026-04-10T12:00:00+08:00', 'sh01-apr');
    await addAlert(org.BJ01_D1, 'yellow', '2026-04-11T12:00:00+08:00', 'bj01d1-apr');
    await addAlert(null, 'orange', '2026-04-30T23:30:00+08:00', 'academy-apr');
    await addAlert(org.BJ02, 'orange', '2026-05-01T00:30:00+08:00', 'bj02-may'); // May in Shanghai, still April in UTC
    tokens.office = (await createApiToken(db, await addUser(db, 'b.office', 'office', 'HX'), 't')).token;
    tokens.bj = (await createApiToken(db, await addUser(db, 'b.bj', 'branch_officer', 'BJ'), 't')).token;
    tokens.sh01 = (await createApiToken(db, await addUser(db, 'b.sh01', 'reporter', 'SH01'), 't')).token;
  });
  afterAll(() => {
    db.close();
    server.remove();
  });
}
