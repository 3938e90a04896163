import { count } from 'drizzle-orm';
import type { Db, Tx } from '@/db/tx';
import { first } from '@/db/engine';
import * as s from '@/db/schema';
import { advanceIdentities } from '@/db/sql/identities';
import type { DemoDataset } from '@/features/demo/demo-dataset';
import type { Role } from '@/domain/reference/roles';

/** Set when the demo academy was loaded; the interface then shows that this is a demo installation. */
export const DEMO_DATA_SETTING = 'demo_data_loaded_at';
type Rows = Omit<DemoDataset, 'users'>;

// SQLite limits the bound variables of one statement; 200 rows of ~20 columns stays well inside it.
const CHUNK = 200;

// In order, one chunk after the other: statements of a transaction are awaited one at a time.
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Each table's rows, in the order their references need; a kind left out has none. */
async function insertRows(tx: Tx, data: Partial<Rows>): Promise<void> {
  await insertChunked(data.units ?? [], (c) => tx.insert(s.units).values(c));
  await insertChunked(data.projects ?? [], (c) => tx.insert(s.projects).values(c));
  await insertChunked(data.assessments ?? [], (c) => tx.insert(s.assessments).values(c));
  await insertChunked(data.assessmentDimensions ?? [], (c) => tx.insert(s.assessmentDimensions).values(c));
  await insertChunked(data.hazards ?? [], (c) => tx.insert(s.hazards).values(c));
  await insertChunked(data.incidents ?? [], (c) => tx.insert(s.incidents).values(c));
  await insertChunked(data.inspections ?? [], (c) => tx.insert(s.inspections).values(c));
  await insertChunked(data.ethicsCommittees ?? [], (c) => tx.insert(s.ethicsCommittees).values(c));
  await insertChunked(data.ethicsActivities ?? [], (c) => tx.insert(s.ethicsActivities).values(c));
  await insertChunked(data.ethicsAnnualReports ?? [], (c) => tx.insert(s.ethicsAnnualReports).values(c));
  // The rows carry their own ids: on PostgreSQL the next id without one must follow them (nothing on SQLite).
  await advanceIdentities(tx, [
    s.units,
    s.projects,
    s.assessments,
    s.assessmentDimensions,
    s.hazards,
    s.incidents,
    s.inspections,
    s.ethicsCommittees,
    s.ethicsActivities,
    s.ethicsAnnualReports,
  ]);
}

/** Writes an organisation and its records in one transaction: all of it or none. Kinds left out have no rows. */
export async function insertDataset(db: Db, data: Partial<Rows>): Promise<void> {
  await db.transaction((tx) => insertRows(tx, data));
}

export interface SeedAccount {
  login: string;
  displayName: string;
  role: Role;
  unitCode: string;
  passwordHash: string;
}

/**
 * Loads the demo academy with its accounts into an empty database, in one write transaction (IMMEDIATE,
 * queued behind any other) that first re-checks that no unit exists: a crash leaves nothing half-loaded,
 * and of two processes starting at once exactly one seeds. `history` runs last, awaited inside the same
 * transaction (the demo's past alerts and bulletins, features/demo/demo-history.ts; its statements join the
 * transaction through the engine's async context), so it too is stored whole or not at all. Returns false
 * when the database was not empty.
 */
export async function insertDemo(
  db: Db,
  data: Rows,
  accounts: SeedAccount[],
  now: Date,
  history?: () => Promise<unknown>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if ((first(await tx.select({ n: count() }).from(s.units))?.n ?? 0) > 0) return false;
    await insertRows(tx, data);
    const unitIdByCode = new Map(data.units.map((u) => [u.code, u.id!]));
    await tx.insert(s.users).values(
      accounts.map((a) => ({
        login: a.login,
        displayName: a.displayName,
        passwordHash: a.passwordHash,
        role: a.role,
        unitId: unitIdByCode.get(a.unitCode)!,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await tx.insert(s.settings).values({ key: DEMO_DATA_SETTING, value: now.toISOString() });
    await history?.();
    return true;
  });
}
