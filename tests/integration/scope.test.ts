import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, seedSmallOrg, TEST_PASSWORD, type RecordIds } from '../setup/small-org';
import { logIn } from '@/features/auth/login';
import { resolveActor } from '@/features/auth/resolve-actor';
import { listRecords } from '@/db/records/list';
import { readRecord } from '@/db/records/read';
import { countRecordsByKind } from '@/db/dashboards/overview';
import { countUnitsByKind } from '@/db/units/units';
import { recordKindCodes } from '@/db/records/record-kinds';
import type { Actor } from '@/domain/auth/actor';
import type { Role } from '@/db/schema';

// For every record kind and role: a user sees exactly the records of its own subtree, and reading any
// other unit's record by id is refused.
let t: TestDb;
let ids: RecordIds;

async function actorFor(login: string, role: Role, unitCode: string): Promise<Actor> {
  await addUser(t.db, login, role, unitCode);
  const session = await logIn(t.db, { login, password: TEST_PASSWORD, ip: '127.0.0.1' });
  if (!session.ok) throw new Error('login failed');
  const actor = await resolveActor(t.db, { sessionToken: session.sessionToken });
  if (!actor) throw new Error('no actor');
  return actor;
}

type Owner = 'BJ01' | 'BJ02' | 'SH01' | 'BJ01_D1';
const cases: { login: string; role: Role; unit: string; sees: Owner[]; institutes: number }[] = [
  { login: 'rep.bj01', role: 'reporter', unit: 'BJ01', sees: ['BJ01', 'BJ01_D1'], institutes: 1 },
  { login: 'mgr.bj01', role: 'unit_manager', unit: 'BJ01', sees: ['BJ01', 'BJ01_D1'], institutes: 1 },
  { login: 'rep.dept', role: 'reporter', unit: 'BJ01-D1', sees: ['BJ01_D1'], institutes: 0 },
  { login: 'rep.sh01', role: 'reporter', unit: 'SH01', sees: ['SH01'], institutes: 1 },
  { login: 'off.bj', role: 'branch_officer', unit: 'BJ', sees: ['BJ01', 'BJ02', 'BJ01_D1'], institutes: 2 },
  { login: 'office', role: 'office', unit: 'HX', sees: ['BJ01', 'BJ02', 'SH01', 'BJ01_D1'], institutes: 3 },
  { login: 'leader', role: 'leader', unit: 'HX', sees: ['BJ01', 'BJ02', 'SH01', 'BJ01_D1'], institutes: 3 },
  // An administrator's home unit does not limit it: it manages the whole installation.
  { login: 'admin', role: 'admin', unit: 'BJ02', sees: ['BJ01', 'BJ02', 'SH01', 'BJ01_D1'], institutes: 3 },
];
const allOwners: Owner[] = ['BJ01', 'BJ02', 'SH01', 'BJ01_D1'];

beforeAll(async () => {
  t = await createTestDb();
  ids = await seedSmallOrg(t.db);
});
afterAll(() => t.close());

describe.each(cases)('$role of $unit', ({ login, role, unit, sees, institutes }) => {
  let actor: Actor;
  beforeAll(async () => {
    actor = await actorFor(login, role, unit);
  });

  it.each(recordKindCodes)('lists only its own %s', async (kind) => {
    const page = await listRecords(t.db, actor.scope, kind);
    expect(page.rows.map((r) => r.id).sort()).toEqual(sees.map((o) => ids[kind][o]).sort());
    expect(page.total).toBe(sees.length);
  });

  it.each(recordKindCodes)('reads its own %s and is refused the others', async (kind) => {
    for (const owner of allOwners) {
      const access = await readRecord(t.db, actor.scope, kind, ids[kind][owner]);
      expect(access.status, `${kind} of ${owner}`).toBe(sees.includes(owner) ? 'ok' : 'forbidden');
      if (access.status !== 'ok') expect(access).not.toHaveProperty('record');
    }
  });

  it('counts on the overview only what it may see', async () => {
    const counts = await countRecordsByKind(t.db, actor.scope);
    for (const kind of recordKindCodes) expect(counts[kind]).toBe(sees.length);
    const unitsSeen = await countUnitsByKind(t.db, actor.scope);
    expect(unitsSeen.institute).toBe(institutes);
  });
});

it('a missing id looks the same as another unit’s record to a scoped user, and missing to the office', async () => {
  const reporter = await actorFor('rep.missing', 'reporter', 'SH01');
  expect((await readRecord(t.db, reporter.scope, 'incidents', 999_999)).status).toBe('forbidden');
  expect((await readRecord(t.db, reporter.scope, 'incidents', ids.incidents.BJ01)).status).toBe('forbidden');
  const office = await actorFor('office.missing', 'office', 'HX');
  expect((await readRecord(t.db, office.scope, 'incidents', 999_999)).status).toBe('missing');
});
