import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { withStartupLock } from '@/db/engine';
import { ensureReferenceData } from '@/db/reference/reference';
import { academyRoot, countUnits, insertAcademyRoot } from '@/db/units/units';
import { countUsers, userByLogin } from '@/db/auth/auth';
import { insertDemo } from '@/features/demo/insert-dataset';
import { DEMO_SEED, generateDemo } from '@/features/demo/generate-demo';
import { seedDemoHistory } from '@/features/demo/demo-history';
import { academy } from '@/features/demo/org-names';
import { demoUsers } from '@/features/demo/demo-users';
import { createUser } from '@/features/auth/users';
import { hashPassword } from '@/features/auth/password';
import { sessionSecret } from '@/features/auth/secret';
import type { Env } from '@/server/env';

export const DEMO_PASSWORD = 'fenghuo-demo';
const EMPTY_ROOT = { code: 'ACADEMY', name: '本院', nameEn: 'Academy' };
const DEMO_ADMIN = { login: 'admin', displayName: '系统管理员', role: 'admin' as const, unitCode: academy.code };

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
export function bootstrap(db: Db, config: Env, now = new Date()): Promise<BootstrapReport> {
  // Two servers starting at once on one PostgreSQL database take turns (decision 047 row 11): the second
  // finds the migrations applied, the demo and the administrator there. SQLite's writer already serialises.
  return withStartupLock(db, () => bootstrapOnce(db, config, now));
}

async function bootstrapOnce(db: Db, config: Env, now: Date): Promise<BootstrapReport> {
  const report: BootstrapReport = { seeded: false, demoLogins: [], adminCreated: null, warnings: [] };
  await migrateDatabase(db);
  await ensureReferenceData(db);
  await sessionSecret(db);

  // Without FENGHUO_ADMIN_LOGIN the demo brings its own administrator, `admin`.
  const demoAccounts = config.FENGHUO_ADMIN_LOGIN ? demoUsers : [DEMO_ADMIN, ...demoUsers];
  if (config.FENGHUO_SEED_DEMO && (await countUnits(db)) === 0) {
    const demo = generateDemo(now);
    const accounts = await Promise.all(demoAccounts.map(async (a) => ({ ...a, passwordHash: await hashPassword(DEMO_PASSWORD) })));
    // With a year of alerts and monthly bulletins, as a running installation would have (issue 14 item 13).
    report.seeded = await insertDemo(db, demo, accounts, now, () => seedDemoHistory(db, now, DEMO_SEED));
  }

  // Without demo data the administrator still needs a unit to belong to: a neutral academy root, which the
  // academy renames to itself (the units API upserts by code).
  if ((await countUnits(db)) === 0 && config.FENGHUO_ADMIN_LOGIN) await insertAcademyRoot(db, EMPTY_ROOT);

  if (config.FENGHUO_ADMIN_LOGIN && config.FENGHUO_ADMIN_PASSWORD && !(await userByLogin(db, config.FENGHUO_ADMIN_LOGIN))) {
    const root = await academyRoot(db);
    if (root) {
      await createUser(db, {
        login: config.FENGHUO_ADMIN_LOGIN,
        password: config.FENGHUO_ADMIN_PASSWORD,
        role: 'admin',
        unitCode: root.code,
        displayName: '系统管理员',
      });
      report.adminCreated = config.FENGHUO_ADMIN_LOGIN;
    }
  }

  if (config.FENGHUO_SEED_DEMO) {
    for (const a of demoAccounts)
      if (await userByLogin(db, a.login)) report.demoLogins.push({ login: a.login, role: a.role, unit: a.unitCode });
  }
  if (report.demoLogins.length > 0) {
    report.warnings.push(
      `Demo accounts with the public password "${DEMO_PASSWORD}" exist. For real use start on a new database with FENGHUO_SEED_DEMO=false.`,
    );
  }
  if ((await countUsers(db)) === 0) {
    report.warnings.push('No user exists yet: set FENGHUO_ADMIN_LOGIN and FENGHUO_ADMIN_PASSWORD, or run `npm run cli -- user create`.');
  }
  return report;
}

/** The report on the console: the demo logins, a new administrator, and what to change before real use. */
export function printBootstrapReport(report: BootstrapReport): void {
  if (report.demoLogins.length > 0) {
    console.log(`[fenghuo] ${report.seeded ? 'Demo data loaded. ' : ''}Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const l of report.demoLogins) console.log(`[fenghuo]   ${l.login.padEnd(15)} ${l.role.padEnd(15)} ${l.unit}`);
  }
  if (report.adminCreated && !report.seeded) console.log(`[fenghuo] Administrator ${report.adminCreated} created.`);
  for (const w of report.warnings) console.warn(`[fenghuo] ${w}`);
}
