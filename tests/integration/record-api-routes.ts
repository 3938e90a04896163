import type { RecordKind } from '@/domain/records/kinds';

// The v1 route module of every record kind, for the tests that call them directly. Imported when called, so
// that the caller's FENGHUO_DB and mocks are in place first.

export type RecordRoute = {
  GET: (req: Request, ctx: never) => Promise<Response>;
  POST: (req: Request, ctx: never) => Promise<Response>;
};

export async function recordApiRoutes(): Promise<Record<RecordKind, RecordRoute>> {
  return {
    projects: await import('@/app/api/v1/projects/route'),
    assessments: await import('@/app/api/v1/assessments/route'),
    hazards: await import('@/app/api/v1/hazards/route'),
    incidents: await import('@/app/api/v1/incidents/route'),
    inspections: await import('@/app/api/v1/inspections/route'),
    'ethics-committees': await import('@/app/api/v1/ethics/committees/route'),
    'ethics-activities': await import('@/app/api/v1/ethics/activities/route'),
    'ethics-annual-reports': await import('@/app/api/v1/ethics/annual-reports/route'),
  };
}
