import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureReferenceData } from '@/db/queries/reference';
import { academyRoot, countUnits, insertAcademyRoot } from '@/db/queries/units';
import { countUsers, userByLogin } from '@/db/queries/auth';
import { insertDataset } from '@/db/queries/insert-dataset';
import { generateDemo } from '@/lib/demo/generate-demo';
import { academy } from '@/lib/demo/org-names';
import { demoUsers } from '@/lib/demo/demo-users';
import { createUser } from '@/lib/auth/users';
import { sessionSecret } from '@/lib/auth/secret';
import type { Env } from '@/lib/env';

export const DEMO_PASSWORD = 'fenghuo-demo';

export interface BootstrapReport {
  seeded: boolean;
  demoLogins: { login: string; role: string; unit: string }[];
  adminCreated: string | null;
  warnings: string[];
}

/**
 * Brings a database to a usable state; every step is idempotent, so it runs on every start:
 * migrations, reference data, the session secret, demo data on an empty database (unless disabled),
 * and the first administrator from FENGHUO_ADMIN_LOGIN / FENGHUO_ADMIN_PASSWORD.
 */
export async function bootstrap(db: Db, config: Env, now = new Date()): Promise<BootstrapReport> {
  const report: BootstrapReport = { seeded: false, demoLogins: [], adminCreated: null, warnings: [] };
  migrateDatabase(db);
  ensureReferenceData(db);
  sessionSecret(db);

  if (config.FENGHUO_SEED_DEMO && countUnits(db) === 0) {
    const demo = generateDemo(now);
    insertDataset(db, demo);
    for (const u of demo.users) {
      await createUser(db, { login: u.login, password: DEMO_PASSWORD, role: u.role, unitCode: u.unitCode, displayName: u.displayName });
      report.demoLogins.push({ login: u.login, role: u.role, unit: u.unitCode });
    }
    report.seeded = true;
  }

  // Without demo data the administrator still needs a unit to belong to: the academy root is created.
  if (countUnits(db) === 0 && config.FENGHUO_ADMIN_LOGIN) insertAcademyRoot(db, academy);

  const adminLogin = config.FENGHUO_ADMIN_LOGIN ?? (report.seeded ? 'admin' : undefined);
  const adminPassword = config.FENGHUO_ADMIN_PASSWORD ?? DEMO_PASSWORD;
  if (adminLogin && !userByLogin(db, adminLogin)) {
    const root = academyRoot(db);
    if (root) {
      await createUser(db, { login: adminLogin, password: adminPassword, role: 'admin', unitCode: root.code, displayName: '系统管理员' });
      report.adminCreated = adminLogin;
      if (!config.FENGHUO_ADMIN_LOGIN) report.demoLogins.unshift({ login: adminLogin, role: 'admin', unit: root.code });
    }
  }
  if (config.FENGHUO_SEED_DEMO && !report.seeded) {
    for (const u of [{ login: 'admin', role: 'admin', unitCode: academy.code }, ...demoUsers]) {
      if (userByLogin(db, u.login)) report.demoLogins.push({ login: u.login, role: u.role, unit: u.unitCode });
    }
  }
  if (countUsers(db) === 0) {
    report.warnings.push('No user exists yet: set FENGHUO_ADMIN_LOGIN and FENGHUO_ADMIN_PASSWORD, or run `npm run cli -- user create`.');
  }
  return report;
}
